import { Alert, Card, Col, Descriptions, Row, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { roleNames } from '../../modules/access/roles.ts';
import type { Today } from '../../modules/today/today.schemas.ts';
import { useNoticeListener } from '../notifications/live.tsx';
import { useSession } from '../session.tsx';
import { formatDateTime } from '../shared/format.ts';
import { useFetched } from '../shared/useFetched.ts';
import { usePreferences } from '../shell/preferences.tsx';

type Figure = { label: string; value: number; to: string; alert?: boolean };

/** One card of the day: its figures, each leading to the list that holds it, and a line below. */
function Part({ title, figures, note }: { title: string; figures: Figure[]; note?: ReactNode }) {
  return (
    <Col xs={24} md={12} xl={8}>
      <Card title={title} style={{ height: '100%' }}>
        <Row gutter={16}>
          {figures.map(({ label, value, to, alert }) => (
            <Col span={12} key={to}>
              <Link to={to} aria-label={`${label} ${value}`}>
                <Statistic
                  title={label}
                  value={value}
                  valueStyle={alert && value > 0 ? { color: '#c41d1d' } : undefined}
                />
              </Link>
            </Col>
          ))}
        </Row>
        {note && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {note}
          </Typography.Paragraph>
        )}
      </Card>
    </Col>
  );
}

/** What waits for this member of staff today, each number the total of the list it opens. */
function TodayCards() {
  const { t } = useTranslation();
  const { t: tp } = useTranslation('problems');
  const { language } = usePreferences();
  const { data: today, problem, reload } = useFetched<Today | null>('/api/workbench/today', null);
  // Whatever happens to a matter, problem, order, meeting or vote arrives as a notice: count again.
  useNoticeListener(() => void reload());

  if (problem) return <Alert type="error" showIcon title={problem} />;
  if (!today) return null;
  const { inbox, problems, overdue, orders, meetings, votes } = today;
  const next = meetings?.next;
  return (
    <Row gutter={[16, 16]} data-testid="today">
      {inbox && (
        <Part
          title={t('workbench.today.inbox')}
          figures={[{ label: t('workbench.today.waiting'), value: inbox.waiting, to: '/workbench/inbox' }]}
          note={
            inbox.oldestAt && t('workbench.today.oldest', { at: formatDateTime(inbox.oldestAt, language) })
          }
        />
      )}
      {problems && (
        <Part
          title={t('workbench.today.problems')}
          figures={(['open', 'dispatched', 'in_progress', 'resolved'] as const).map((state) => ({
            label: state === 'resolved' ? t('workbench.today.awaitingConfirmation') : tp(`states.${state}`),
            value: problems[state],
            to: `/workbench/problems?state=${state}`,
          }))}
        />
      )}
      {overdue && (
        <Part
          title={t('workbench.today.overdue')}
          figures={[
            {
              label: t('workbench.today.overdueAll'),
              value: overdue.total,
              to: '/workbench/ladder',
              alert: true,
            },
          ]}
        />
      )}
      <Part
        title={t('workbench.today.orders')}
        figures={(['dispatched', 'taken'] as const).map((state) => ({
          label: tp(`orderStates.${state}`),
          value: state === 'dispatched' ? orders.toTake : orders.taken,
          to: `/workbench/orders?state=${state}`,
          alert: state === 'dispatched',
        }))}
      />
      {meetings && (
        <Part
          title={t('workbench.today.meetings')}
          figures={[
            { label: t('workbench.today.upcoming'), value: meetings.upcoming, to: '/workbench/meetings' },
          ]}
          note={
            next && (
              <Link to={`/workbench/meetings/${next.id}`}>
                {t('workbench.today.nextMeeting', {
                  title: next.title,
                  at: formatDateTime(next.startsAt, language),
                  venue: next.venue,
                })}
              </Link>
            )
          }
        />
      )}
      {votes && (
        <Part
          title={t('workbench.today.votes')}
          figures={[{ label: t('workbench.today.openVotes'), value: votes.open, to: '/workbench/votes' }]}
        />
      )}
    </Row>
  );
}

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
      <TodayCards />
      <Card title={t('workbench.myRoles')} style={{ marginTop: 16 }}>
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
