import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { LiveNoticesProvider } from './notifications/live.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { SessionProvider } from './session.tsx';
import { PageLoading } from './shell/PageLoading.tsx';
import { PreferencesProvider, usePreferences } from './shell/preferences.tsx';

// Each area is its own download: a resident's phone in WeChat loads the resident pages, not the
// workbench's tables and the dashboard's charts.
const ResidentHomePage = lazy(() =>
  import('./pages/ResidentHomePage.tsx').then((m) => ({ default: m.ResidentHomePage })),
);
const WorkbenchPage = lazy(() =>
  import('./pages/WorkbenchPage.tsx').then((m) => ({ default: m.WorkbenchPage })),
);
const EchoWallPage = lazy(() =>
  import('./pages/EchoWallPage.tsx').then((m) => ({ default: m.EchoWallPage })),
);
const InvitePage = lazy(() =>
  import('./workbench/staff/InvitePage.tsx').then((m) => ({ default: m.InvitePage })),
);
const DashboardPage = lazy(() =>
  import('./echo/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);

// 政务红: the red that Chinese community and government software is expected to wear.
const brandRed = '#c8102e';

function Themed() {
  const { language, largeText } = usePreferences();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: brandRed,
          colorLink: brandRed,
          // Ant Design's hint, placeholder, secondary and danger colours fall short of WCAG AA (4.5:1) on white.
          colorTextDescription: '#595959',
          colorTextSecondary: '#595959',
          // Labels of description lists (我的角色) are tertiary text: #8c8c8c reached 3.4:1.
          colorTextTertiary: '#595959',
          colorTextPlaceholder: '#737373',
          colorError: '#a8071a',
          // Success and warning tags (已报到, 准时, 临近) are text on a pale tint: darker hues reach 4.5:1.
          colorSuccess: '#237804',
          colorSuccessBg: '#f6ffed',
          colorSuccessBorder: '#b7eb8f',
          colorWarning: '#ad4e00',
          colorWarningBg: '#fffbe6',
          colorWarningBorder: '#ffe58f',
          fontSize: largeText ? 18 : 14,
          borderRadius: 6,
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/resident/*" element={<ResidentHomePage />} />
              <Route path="/workbench/*" element={<WorkbenchPage />} />
              <Route path="/wall/*" element={<EchoWallPage />} />
              <Route path="/invite/:token" element={<InvitePage />} />
              <Route path="/dashboard" element={<DashboardPage />} />
              <Route path="*" element={<HomePage />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <PreferencesProvider>
      <SessionProvider>
        <LiveNoticesProvider>
          <Themed />
        </LiveNoticesProvider>
      </SessionProvider>
    </PreferencesProvider>
  );
}
