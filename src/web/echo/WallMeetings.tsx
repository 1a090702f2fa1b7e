import { Card, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PublicOutcomes } from '../../modules/meetings/meetings.schemas.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../shared/format.ts';
import { usePreferences } from '../shell/preferences.tsx';

type Outcomes = z.infer<typeof PublicOutcomes>;

/** The published outcomes of the meetings that took the problem up (协商议事), beside the problem. */
export function WallMeetings({ problemId }: { problemId: string }) {
  const { t } = useTranslation('echo');
  const { language } = usePreferences();
  const [outcomes, setOutcomes] = useState<Outcomes['items']>([]);
  useEffect(() => {
    void api<Outcomes>(`/api/public/problems/${problemId}/meetings`).then(
      (o) => setOutcomes(o.items),
      () => setOutcomes([]),
    );
  }, [problemId]);
  if (outcomes.length === 0) return null;
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      data-testid="wall-meetings"
      title={<h3 style={{ margin: 0, fontSize: '1em' }}>{t('meetings')}</h3>}
    >
      <List
        dataSource={outcomes}
        renderItem={(m) => (
          <List.Item>
            <div>
              <Typography.Text strong>{m.title}</Typography.Text>{' '}
              <Typography.Text type="secondary">{formatDateTime(m.startsAt, language)}</Typography.Text>
              <Typography.Paragraph style={{ margin: '4px 0 0' }}>{m.publicSummary}</Typography.Paragraph>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
