import {
  ApartmentOutlined,
  BankOutlined,
  HomeOutlined,
  IdcardOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { OverviewSection } from './OverviewSection.tsx';
import { PartiesSection } from './parties/PartiesSection.tsx';
import { PlacesSection } from './places/PlacesSection.tsx';
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
  { path: 'places', labelKey: 'places:menu', icon: <ApartmentOutlined />, element: <PlacesSection /> },
  {
    path: 'residents',
    labelKey: 'residents:menu',
    icon: <IdcardOutlined />,
    element: <ResidentLinksSection />,
  },
  { path: 'parties', labelKey: 'parties:menu', icon: <BankOutlined />, element: <PartiesSection /> },
  { path: 'staff', labelKey: 'staff:menu', icon: <TeamOutlined />, element: <StaffSection /> },
];
