import { Badge, Button, Card, Flex, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { useLiveNotices } from '../notifications/live.tsx';
import { NoticeList } from '../notifications/NoticeList.tsx';
import { NoticePreferences } from '../notifications/Preferences.tsx';
import { DeleteAccount } from '../resident/DeleteAccount.tsx';
import { MyData } from '../resident/MyData.tsx';
import { MyHousehold } from '../resident/MyHousehold.tsx';
import { MatterForm } from '../resident/matters/MatterForm.tsx';
import { MyMatters } from '../resident/matters/MyMatters.tsx';
import { RegisterForm } from '../resident/RegisterForm.tsx';
import { ResidentSignIn } from '../resident/ResidentSignIn.tsx';
import { MyVotes } from '../resident/votes/MyVotes.tsx';
import { type SessionView, useSession } from '../session.tsx';
import { SiteHeader } from '../shell/SiteHeader.tsx';

function SignedOut() {
  const { t } = useTranslation('resident');
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: '1.5em' }}>
        {t('translation:resident.welcome')}
      </Typography.Title>
      <Card>
        <Typography.Paragraph>{t('translation:resident.signInHint')}</Typography.Paragraph>
        <Tabs
          size="large"
          items={[
            { key: 'sign-in', label: t('tabs.signIn'), children: <ResidentSignIn /> },
            { key: 'register', label: t('tabs.register'), children: <RegisterForm /> },
          ]}
        />
      </Card>
    </>
  );
}

function SignedIn({ session }: { session: SessionView }) {
  const { t } = useTranslation('resident');
  const { t: tm } = useTranslation('matters');
  const { t: tv } = useTranslation('votes');
  const { signOut } = useSession();
  const { unread } = useLiveNotices();
  const { t: tn } = useTranslation('notifications');
  const [sent, setSent] = useState(0);
  const [tab, setTab] = useState(session.user.householdIds.length > 0 ? 'raise' : 'me');
  // A notice's link (/resident/mine) opens the resident's own matters.
  const { pathname } = useLocation();
  useEffect(() => {
    if (pathname.endsWith('/mine')) setTab('mine');
  }, [pathname]);
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: '1.5em', marginBottom: 0 }}>
        {t('area.hello', { name: session.user.name ?? '' })}
      </Typography.Title>
      <Tabs
        size="large"
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'raise',
            label: tm('raise'),
            children: (
              <Card>
                <MatterForm
                  onSent={() => {
                    setSent((n) => n + 1);
                    setTab('mine');
                  }}
                />
              </Card>
            ),
          },
          { key: 'mine', label: tm('mine'), children: <MyMatters key={sent} /> },
          { key: 'votes', label: tv('myVotes'), children: <MyVotes /> },
          {
            key: 'notices',
            label: (
              <Badge count={unread} size="small" offset={[6, -2]}>
                {tn('title')}
              </Badge>
            ),
            children: (
              <Flex vertical gap={16}>
                <NoticeList compact />
                <NoticePreferences />
              </Flex>
            ),
          },
          {
            key: 'me',
            label: t('area.me'),
            children: (
              <Flex vertical gap={16}>
                <MyHousehold />
                <MyData />
                <DeleteAccount />
                <Button size="large" block onClick={() => void signOut()}>
                  {t('area.signOut')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

// Mobile-first: residents open this inside WeChat on a phone.
export function ResidentHomePage() {
  const { t } = useTranslation();
  const { session, loading } = useSession();
  return (
    <>
      <SiteHeader title={t('resident.title')} />
      <main style={{ maxWidth: 480, margin: '0 auto', padding: 12 }}>
        {loading ? <Spin /> : session ? <SignedIn session={session} /> : <SignedOut />}
      </main>
    </>
  );
}
