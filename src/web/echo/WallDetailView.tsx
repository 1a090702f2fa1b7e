import { Card, Image, List, Space, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { categoryNames, channelNames } from '../../domain/matters/vocabulary.ts';
import type { WallDetail } from '../../modules/echo/echo.schemas.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../shared/format.ts';
import { usePreferences } from '../shell/preferences.tsx';
import { WallMeetings } from './WallMeetings.tsx';

/** One published problem: what residents said (without who), the answers, the progress, the photos. */
export function WallDetailView() {
  const { id = '' } = useParams();
  const { t } = useTranslation('echo');
  const { language } = usePreferences();
  const [problem, setProblem] = useState<WallDetail | null>(null);
  useEffect(() => {
    void api<WallDetail>(`/api/public/echo-wall/${id}`).then(setProblem);
  }, [id]);
  if (!problem) return null;
  return (
    <article>
      <Link to="..">← {t('back')}</Link>
      <Space wrap size={4} style={{ margin: '12px 0 8px' }}>
        <Tag>{t(`states.${problem.state}`)}</Tag>
        <Tag>{categoryNames[problem.category]?.[language]}</Tag>
        <Typography.Text>{problem.placeName}</Typography.Text>
      </Space>
      <Typography.Title level={2} style={{ fontSize: '1.2em' }}>
        {problem.summary}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('voices', { count: problem.voices })}</Typography.Paragraph>
      {problem.answers.length > 0 && (
        <Card size="small" title={<h3 style={{ margin: 0, fontSize: '1em' }}>{t('answers')}</h3>}>
          <List
            dataSource={problem.answers}
            renderItem={(a) => (
              <List.Item>
                <div>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{a.text}</Typography.Paragraph>
                  <Typography.Text type="secondary">{formatDateTime(a.at, language)}</Typography.Text>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
      <WallMeetings problemId={problem.id} />
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={<h3 style={{ margin: 0, fontSize: '1em' }}>{t('progress')}</h3>}
      >
        <Timeline
          items={problem.timeline.map((e) => ({
            content: (
              <>
                <Typography.Text strong>{t(`events.${e.kind}`, { defaultValue: e.kind })}</Typography.Text>{' '}
                <Typography.Text type="secondary">{formatDateTime(e.at, language)}</Typography.Text>
                {e.text && <div>{e.text}</div>}
              </>
            ),
          }))}
        />
      </Card>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={<h3 style={{ margin: 0, fontSize: '1em' }}>{t('whoSaid')}</h3>}
      >
        <List
          size="small"
          dataSource={problem.voicesList}
          renderItem={(v) => (
            <List.Item>
              <Typography.Text strong>{v.label}</Typography.Text>
              <Typography.Text>
                {channelNames[v.channel]?.[language]} · {formatDateTime(v.at, language)}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>
      {problem.photos.length > 0 && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={<h3 style={{ margin: 0, fontSize: '1em' }}>{t('photos')}</h3>}
        >
          <Space wrap>
            {problem.photos.map((p, i) => (
              <Image key={p.id} src={p.url} width={120} alt={t('photoAlt', { n: i + 1 })} />
            ))}
          </Space>
        </Card>
      )}
    </article>
  );
}
