import {
  ApartmentOutlined,
  BankOutlined,
  BranchesOutlined,
  CloudUploadOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  OrderedListOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { DispatchCatalogueSection } from './intake/DispatchCatalogueSection.tsx';
import { HotlineImportSection } from './intake/HotlineImportSection.tsx';
import { OverviewSection } from './OverviewSection.tsx';
import { PartiesSection } from './parties/PartiesSection.tsx';
import { PlacesSection } from './places/PlacesSection.tsx';
import { InboxSection } from './problems/InboxSection.tsx';
import { OrdersSection } from './problems/OrdersSection.tsx';
import { ProblemsSection } from './problems/ProblemsSection.tsx';
import { ResidentLinksSection } from './residents/ResidentLinksSection.tsx';
import { StaffSection } from './staff/StaffSection.tsx';

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
    path: 'hotline-import',
    labelKey: 'intake:hotlineMenu',
    icon: <CloudUploadOutlined />,
    element: <HotlineImportSection />,
  },
  {
    path: 'dispatch-catalogue',
    labelKey: 'intake:catalogueMenu',
    icon: <BranchesOutlined />,
    element: <DispatchCatalogueSection />,
  },
];
