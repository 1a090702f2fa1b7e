import { Button, Card, Col, Descriptions, List, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { categoryNames, channelNames } from '../../../domain/matters/vocabulary.ts';
import { api } from '../../api.ts';
import { PublishCard } from '../../echo/PublishCard.tsx';
import { useNoticeListener } from '../../notifications/live.tsx';
import { useSession } from '../../session.tsx';
import { Photos } from '../../shared/Photos.tsx';
import { HistoryButton } from '../../shared/RecordHistory.tsx';
import { usePreferences } from '../../shell/preferences.tsx';
import { LadderCard } from '../ladder/LadderCard.tsx';
import { SplitButton } from '../problem-list/SplitButton.tsx';
import { DispatchForm, OrderButtons, TimelineForm } from './ProblemActions.tsx';
import { type OrderView, type ProblemDetail, shanghaiTime } from './types.ts';

export function ProblemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('problems');
  const { language } = usePreferences();
  const { session } = useSession();
  const [problem, setProblem] = useState<ProblemDetail | null>(null);
  const load = useCallback(
    async () => setProblem(await api<ProblemDetail>(`/api/workbench/problems/${id}`)),
    [id],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useNoticeListener((n) => n.problemId === id && void load());
  if (!problem) return null;
  const isChampionRole = session?.user.grants.some(
    (g) => g.role === 'npc_deputy' || g.role === 'cppcc_member',
  );
  const canDispatch = problem.state !== 'resolved' && problem.state !== 'closed';
  async function champion() {
    setProblem(await api<ProblemDetail>(`/api/workbench/problems/${id}/champion`, { method: 'POST' }));
  }
  return (
    <>
      <Link to="..">← {t('back')}</Link>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {problem.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('state')}>
          <Tag>{t(`states.${problem.state}`)}</Tag>
          {problem.reopenCount > 0 && (
            <Tag color="warning">{t('reopened', { count: problem.reopenCount })}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('level')}>{t(`levels.${problem.level}`)}</Descriptions.Item>
        <Descriptions.Item label={t('priority')}>
          {problem.priority} ({t('urgency')} {problem.urgency} × {t('severity')} {problem.severity})
        </Descriptions.Item>
        <Descriptions.Item label={t('place')}>{problem.placeName}</Descriptions.Item>
        <Descriptions.Item label={t('category')}>
          {categoryNames[problem.category as keyof typeof categoryNames]?.[language]}
        </Descriptions.Item>
        <Descriptions.Item label={t('voices')}>{problem.voices}</Descriptions.Item>
        {problem.champions.length > 0 && (
          <Descriptions.Item label={t('champions')}>
            {problem.champions.map((c) => c.name).join('、')}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space style={{ marginTop: 12 }}>
        <HistoryButton record={{ entityType: 'problem', entityId: problem.id }} name={problem.title} />
        {isChampionRole && !problem.champions.some((c) => c.userId === session?.user.id) && (
          <Button onClick={() => void champion()}>{t('champion')}</Button>
        )}
      </Space>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('matters')}>
            <List
              dataSource={problem.matters}
              renderItem={(m) => (
                <List.Item
                  actions={[
                    <SplitButton
                      key="split"
                      matterId={m.id}
                      disabled={problem.matters.length < 2 || m.state !== 'accepted'}
                    />,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <span>{m.placeName}</span>
                        <Tag>{channelNames[m.channel as keyof typeof channelNames]?.[language]}</Tag>
                        <span>{[m.submitterName, m.submitterPhone].filter(Boolean).join(' ')}</span>
                        <Typography.Text type="secondary">{shanghaiTime(m.createdAt)}</Typography.Text>
                      </Space>
                    }
                    description={
                      <>
                        {m.hotlineNo && <Tag>{t('hotlineNo', { no: m.hotlineNo })}</Tag>}
                        <div>{m.text}</div>
                        <Photos photos={m.photos} alt={t('photo')} />
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('orders')} style={{ marginTop: 16 }}>
            <Table<OrderView>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={problem.orders}
              locale={{ emptyText: t('empty') }}
              columns={[
                { title: t('role'), dataIndex: 'role', render: (r: string) => t(`roles.${r}`) },
                { title: t('lead'), render: (_, o) => o.partyName ?? o.assigneeName },
                { title: t('state'), dataIndex: 'state', render: (s: string) => t(`orderStates.${s}`) },
                { title: t('dispatchedAt'), dataIndex: 'dispatchedAt', render: shanghaiTime },
                { title: t('reportText'), dataIndex: 'reportText', ellipsis: true },
                {
                  title: t('actions'),
                  render: (_, o) => <OrderButtons order={o} onDone={() => void load()} />,
                },
              ]}
            />
          </Card>
          {canDispatch && (
            <div style={{ marginTop: 16 }}>
              <DispatchForm problem={problem} onDone={setProblem} />
            </div>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <LadderCard
            key={`${problem.level}-${problem.timeline.length}`}
            problemId={problem.id}
            onChange={() => void load()}
          />
          <Card size="small" title={t('timeline')} style={{ marginTop: 16 }}>
            <Timeline
              items={problem.timeline.map((e) => ({
                color: e.visibility === 'public' ? 'green' : 'gray',
                content: (
                  <>
                    <Typography.Text strong>{t(`events.${e.kind}`)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {shanghaiTime(e.at)} {e.actorName ?? ''}
                    </Typography.Text>
                    {e.text && <div>{e.text}</div>}
                    <Photos photos={e.photos} alt={t('evidence')} size={56} />
                  </>
                ),
              }))}
            />
            <TimelineForm problem={problem} onDone={setProblem} />
          </Card>
          <PublishCard problemId={problem.id} />
        </Col>
      </Row>
    </>
  );
}
