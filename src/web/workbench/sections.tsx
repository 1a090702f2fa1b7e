import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BranchesOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  FieldTimeOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  MergeCellsOutlined,
  OrderedListOutlined,
  SearchOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { FiguresSection } from '../echo/FiguresSection.tsx';
import { ChannelsSection } from '../notifications/ChannelsSection.tsx';
import { NoticeBell, NotificationsSection } from '../notifications/NotificationsSection.tsx';
import { LedgerImportSection } from './exports/LedgerImportSection.tsx';
import { DispatchCatalogueSection } from './intake/DispatchCatalogueSection.tsx';
import { HotlineImportSection } from './intake/HotlineImportSection.tsx';
import { LadderSection } from './ladder/LadderSection.tsx';
import { MeetingsSection } from './meetings/MeetingsSection.tsx';
import { OverviewSection } from './OverviewSection.tsx';
import { PartiesSection } from './parties/PartiesSection.tsx';
import { PlacesSection } from './places/PlacesSection.tsx';
import { MergeSection } from './problem-list/MergeSection.tsx';
import { SearchSection } from './problem-list/SearchSection.tsx';
import { InboxSection } from './problems/InboxSection.tsx';
import { OrdersSection } from './problems/OrdersSection.tsx';
import { ProblemsSection } from './problems/ProblemsSection.tsx';
import { ReportsSection } from './reports/ReportsSection.tsx';
import { ResidentLinksSection } from './residents/ResidentLinksSection.tsx';
import { StaffSection } from './staff/StaffSection.tsx';
import { VotesSection } from './votes/VotesSection.tsx';

/** One entry of the workbench menu: its path under /workbench, its label key (namespace:key) and its page. */
export type Section = { path: string; labelKey: string; icon: ReactNode; element: ReactNode };

export const sections: Section[] = [
  {
    path: '',
    labelKey: 'translation:workbench.overview',
    icon: <HomeOutlined />,
    element: <OverviewSection />,
  },
  { path: 'inbox', labelKey: 'problems:inboxMenu', icon: <InboxOutlined />, element: <InboxSection /> },
  {
    path: 'problems',
    labelKey: 'problems:queueMenu',
    icon: <OrderedListOutlined />,
    element: <ProblemsSection />,
  },
  { path: 'orders', labelKey: 'problems:ordersMenu', icon: <SolutionOutlined />, element: <OrdersSection /> },
  { path: 'places', labelKey: 'places:menu', icon: <ApartmentOutlined />, element: <PlacesSection /> },
  {
    path: 'residents',
    labelKey: 'residents:menu',
    icon: <IdcardOutlined />,
    element: <ResidentLinksSection />,
  },
  { path: 'parties', labelKey: 'parties:menu', icon: <BankOutlined />, element: <PartiesSection /> },
  { path: 'staff', labelKey: 'staff:menu', icon: <TeamOutlined />, element: <StaffSection /> },
  {
    path: 'notifications',
    labelKey: 'notifications:menu',
    icon: <NoticeBell />,
    element: <NotificationsSection />,
  },
  {
    path: 'channels',
    labelKey: 'notifications:channelsMenu',
    icon: <ApiOutlined />,
    element: <ChannelsSection />,
  },
  { path: 'ladder', labelKey: 'ladder:menu', icon: <FieldTimeOutlined />, element: <LadderSection /> },
  { path: 'votes', labelKey: 'votes:menu', icon: <AuditOutlined />, element: <VotesSection /> },
  { path: 'meetings', labelKey: 'meetings:menu', icon: <CommentOutlined />, element: <MeetingsSection /> },
  { path: 'figures', labelKey: 'echo:menu', icon: <BarChartOutlined />, element: <FiguresSection /> },
  { path: 'reports', labelKey: 'reports:menu', icon: <FileTextOutlined />, element: <ReportsSection /> },
  {
    path: 'search',
    labelKey: 'problemList:searchMenu',
    icon: <SearchOutlined />,
    element: <SearchSection />,
  },
  {
    path: 'merge',
    labelKey: 'problemList:mergeMenu',
    icon: <MergeCellsOutlined />,
    element: <MergeSection />,
  },
  {
    path: 'hotline-import',
    labelKey: 'intake:hotlineMenu',
    icon: <CloudUploadOutlined />,
    element: <HotlineImportSection />,
  },
  {
    path: 'problem-import',
    labelKey: 'exports:importMenu',
    icon: <FileExcelOutlined />,
    element: <LedgerImportSection />,
  },
  {
    path: 'dispatch-catalogue',
    labelKey: 'intake:catalogueMenu',
    icon: <BranchesOutlined />,
    element: <DispatchCatalogueSection />,
  },
];
