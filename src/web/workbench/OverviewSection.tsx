import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { roleNames } from '../../modules/access/roles.ts';
import { useSession } from '../session.tsx';
import { usePreferences } from '../shell/preferences.tsx';

export function OverviewSection() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { language } = usePreferences();
  if (!session) return null;
  return (
    <>
      <Typography.Title level={2}>
        {t('workbench.welcome', { name: session.user.name ?? '' })}
      </Typography.Title>
      <Card title={t('workbench.myRoles')}>
        <Descriptions column={1}>
          {session.user.grants.map((g) => (
            <Descriptions.Item
              key={`${g.role}-${g.placeId ?? g.gridId}`}
              label={roleNames[g.role as keyof typeof roleNames]?.[language] ?? g.role}
            >
              <Tag>{g.placeName ?? g.gridName}</Tag>
              {g.sector && <Tag>{g.sector}</Tag>}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
    </>
  );
}
