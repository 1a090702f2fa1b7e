import { Alert, Button, Card, Descriptions, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { shanghaiTime } from '../problems/types.ts';
import { CostPanel } from './CostPanel.tsx';
import { InvitationsPanel } from './InvitationsPanel.tsx';
import { MinutesPanel } from './MinutesPanel.tsx';
import { PlanPanel } from './PlanPanel.tsx';
import { RecordPanel } from './RecordPanel.tsx';
import type { Meeting, Options } from './types.ts';

export function useMeeting(id: string | undefined) {
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    if (!id) return;
    try {
      setMeeting(await api<Meeting>(`/api/meetings/${id}`));
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.title : String(e));
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { meeting, setMeeting, reload, error };
}

export function MeetingPage() {
  const { t } = useTranslation('meetings');
  const { id } = useParams();
  const navigate = useNavigate();
  const { meeting, setMeeting, reload, error } = useMeeting(id);
  const [options, setOptions] = useState<Options>({ parties: [], people: [], households: [] });
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!meeting?.may.record) return;
    void api<Options>(`/api/meetings/invitee-options?placeId=${meeting.placeId}`).then(
      setOptions,
      () => undefined,
    );
  }, [meeting?.placeId, meeting?.may.record]);

  if (error) return <Alert type="error" title={error} />;
  if (!meeting) return <Spin />;

  async function step(path: string) {
    setFailure(null);
    try {
      const next = await api<Meeting>(`/api/meetings/${meeting?.id}/${path}`, { body: {} });
      if (path === 'next') navigate(`../${next.id}`);
      else setMeeting(next);
    } catch (e) {
      setFailure(e instanceof ApiError ? e.problem.title : String(e));
    }
  }

  const panels = { meeting, onChange: setMeeting, reload, options };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={2}>
          {meeting.title} <Tag>{t(`kinds.${meeting.kind}`)}</Tag>
          <Tag color="blue">{t(`states.${meeting.state}`)}</Tag>
        </Typography.Title>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t('time')}>
            {shanghaiTime(meeting.startsAt)} – {shanghaiTime(meeting.endsAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('venue')}>
            {meeting.venue}（{meeting.placeName}）
          </Descriptions.Item>
          <Descriptions.Item label={t('convenerLabel')}>
            {[meeting.convenerName, meeting.convenerPartyName].filter(Boolean).join('，') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('recurrence')}>
            {t(`recurrences.${meeting.recurrence}`)}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap>
          <Button href={`/api/meetings/${meeting.id}/invitation.ics`}>{t('downloadIcs')}</Button>
          {meeting.may.record && meeting.state === 'scheduled' && (
            <Button type="primary" onClick={() => void step('open')}>
              {t('open')}
            </Button>
          )}
          {meeting.may.record && meeting.state === 'in_session' && (
            <Button onClick={() => void step('conclude')}>{t('conclude')}</Button>
          )}
          {meeting.may.manage && meeting.state === 'scheduled' && (
            <Button danger onClick={() => void step('cancel')}>
              {t('cancelMeeting')}
            </Button>
          )}
          {meeting.may.manage && meeting.recurrence !== 'none' && (
            <Button onClick={() => void step('next')}>{t('next')}</Button>
          )}
        </Space>
        {failure && <Alert style={{ marginTop: 12 }} type="error" title={failure} />}
      </Card>
      <Tabs
        items={[
          { key: 'invitations', label: t('tabs.invitations'), children: <InvitationsPanel {...panels} /> },
          { key: 'record', label: t('tabs.record'), children: <RecordPanel {...panels} /> },
          { key: 'plan', label: t('tabs.plan'), children: <PlanPanel {...panels} /> },
          { key: 'costs', label: t('tabs.costs'), children: <CostPanel {...panels} /> },
          { key: 'minutes', label: t('tabs.minutes'), children: <MinutesPanel {...panels} /> },
          {
            key: 'rules',
            label: t('tabs.rules'),
            children: (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {meeting.procedureRules}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </Space>
  );
}

export type PanelProps = {
  meeting: Meeting;
  onChange(next: Meeting): void;
  reload(): Promise<void>;
  options: Options;
};
