import { Button, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { shanghaiTime } from '../problems/types.ts';
import { useMeeting } from './MeetingPage.tsx';
import { type AgendaItem, yuan } from './types.ts';

function decisionLine(item: AgendaItem, t: (key: string, options?: Record<string, unknown>) => string) {
  if (item.state === 'deferred') return `${t('deferred')}${item.decision ? `：${item.decision}` : ''}`;
  if (item.state === 'pending') return t('pending');
  const how =
    item.method === 'vote'
      ? `${t('presentCount', { count: item.present })}，${t('voteLine', { for: item.votesFor, against: item.votesAgainst, abstain: item.votesAbstain })}`
      : `${t('methods.consensus')}（${t('presentCount', { count: item.present })}）`;
  return `${how}，${item.adopted ? t('adopted') : t('rejected')}。${item.decision ?? ''}`;
}

/** The minutes as a page to print 打印: the same content as the .docx. */
export function MinutesPrint() {
  const { t } = useTranslation('meetings');
  const { id } = useParams();
  const { meeting } = useMeeting(id);
  if (!meeting) return <Spin />;
  return (
    <article className="minutes" style={{ maxWidth: 800, margin: '0 auto', background: '#fff', padding: 32 }}>
      <style>
        {'@media print { nav, header, .ant-layout-sider, .no-print { display: none !important; } }'}
      </style>
      <Button className="no-print" onClick={() => window.print()} style={{ float: 'right' }}>
        {t('print')}
      </Button>
      <Typography.Title level={2} style={{ textAlign: 'center' }}>
        {t('minutesOf', { title: meeting.title })}
      </Typography.Title>
      <p>
        {t('kind')}：{t(`kinds.${meeting.kind}`)}　{t('time')}：{shanghaiTime(meeting.startsAt)}　{t('venue')}
        ：{meeting.venue}
      </p>
      <p>
        {t('convenerLabel')}：
        {[meeting.convenerName, meeting.convenerPartyName].filter(Boolean).join('，') || '—'}
      </p>
      <p>
        {t('attendees')}：
        {meeting.attendees
          .map((a) => `${a.name}${a.partyName || a.capacity ? `（${a.partyName ?? a.capacity}）` : ''}`)
          .join('、')}
      </p>
      {meeting.agenda.map((item) => (
        <section key={item.id}>
          <Typography.Title level={4}>
            {item.position}. {item.topic}
          </Typography.Title>
          {meeting.speeches
            .filter((s) => s.agendaItemId === item.id)
            .map((s) => (
              <p key={s.id} style={{ textIndent: '2em' }}>
                {s.speakerName}
                {s.partyName || s.capacity ? `（${s.partyName ?? s.capacity}）` : ''}：{s.text}
              </p>
            ))}
          <p>
            <strong>{t('decision')}：</strong>
            {decisionLine(item, t)}
          </p>
        </section>
      ))}
      {meeting.actionItems.length > 0 && (
        <>
          <Typography.Title level={4}>{t('tabs.plan')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={meeting.actionItems}
            columns={[
              { title: t('actionTitle'), dataIndex: 'title' },
              { title: t('responsibleParty'), dataIndex: 'responsible' },
              { title: t('dueOn'), dataIndex: 'dueOn' },
              { title: t('status'), dataIndex: 'status', render: (s: string) => t(`statuses.${s}`) },
            ]}
          />
        </>
      )}
      {meeting.costPlans.map((plan) => (
        <section key={plan.id}>
          <Typography.Title level={4}>
            {t('tabs.costs')}：{plan.title}（{yuan(plan.totalFen)} 元）
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={plan.shares}
            columns={[
              { title: t('who'), dataIndex: 'label' },
              { title: t('share'), dataIndex: 'amountFen', render: yuan },
              { title: t('inKind'), dataIndex: 'inKind', render: (k: string | null) => k ?? '—' },
              {
                title: t('confirmed'),
                dataIndex: 'confirmedAt',
                render: (c: string | null) => (c ? t('confirmed') : t('notConfirmed')),
              },
            ]}
          />
          {plan.rules.map((r) => (
            <p key={r}>{r}</p>
          ))}
        </section>
      ))}
      {meeting.summary && (
        <>
          <Typography.Title level={4}>{t('summary')}</Typography.Title>
          <p style={{ whiteSpace: 'pre-wrap' }}>{meeting.summary}</p>
        </>
      )}
    </article>
  );
}
