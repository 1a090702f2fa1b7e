import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { meetingKinds, recurrences } from '../../../domain/meetings/vocabulary.ts';
import { roleNames, roles } from '../../../modules/access/roles.ts';
import { api, showFieldErrors } from '../../api.ts';
import { PlacePicker } from '../../shared/PlacePicker.tsx';
import { usePreferences } from '../../shell/preferences.tsx';
import type { ProblemRow } from '../problems/types.ts';
import type { Meeting, Options } from './types.ts';

type Values = {
  kind: string;
  title: string;
  placeId?: string;
  startsAt: string;
  endsAt: string;
  venue: string;
  recurrence: string;
  parties: string[];
  roles: string[];
  people: string[];
  problemIds: string[];
  topics: string[];
  procedureRules: string;
};

/** datetime-local gives the desk's local time; the API takes an instant. */
const instant = (local: string) => (local ? new Date(local).toISOString() : local);

export function ConveneForm() {
  const { t } = useTranslation('meetings');
  const { language } = usePreferences();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const placeId = Form.useWatch('placeId', form);
  const [options, setOptions] = useState<Options>({ parties: [], people: [], households: [] });
  const [problems, setProblems] = useState<ProblemRow[]>([]);
  const [sending, setSending] = useState(false);

  // A desk that holds one place starts there.
  useEffect(() => {
    void api<{ id: string }[]>('/api/parties/place-options').then((roots) => {
      if (roots.length === 1 && !form.getFieldValue('placeId')) form.setFieldValue('placeId', roots[0]?.id);
    });
  }, [form]);
  useEffect(() => {
    if (!placeId) return;
    void api<Options>(`/api/meetings/invitee-options?placeId=${placeId}`).then(setOptions, () => undefined);
    void api<{ text: string }>(`/api/meetings/procedure-rules?placeId=${placeId}`).then(
      (r) => form.setFieldValue('procedureRules', r.text),
      () => undefined,
    );
    void api<{ items: ProblemRow[] }>(`/api/workbench/problems?placeId=${placeId}&pageSize=100`).then(
      (p) => setProblems(p.items.filter((x) => x.state !== 'resolved' && x.state !== 'closed')),
      () => setProblems([]),
    );
  }, [placeId, form]);

  async function submit(v: Values) {
    setSending(true);
    try {
      const created = await api<Meeting>('/api/meetings', {
        body: {
          kind: v.kind,
          title: v.title,
          placeId: v.placeId,
          startsAt: instant(v.startsAt),
          endsAt: instant(v.endsAt),
          venue: v.venue,
          recurrence: v.recurrence,
          invite: { partyIds: v.parties ?? [], roles: v.roles ?? [], userIds: v.people ?? [] },
          problemIds: v.problemIds ?? [],
          topics: v.topics ?? [],
          procedureRules: v.procedureRules,
        },
      });
      navigate(`../${created.id}`);
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    } finally {
      setSending(false);
    }
  }

  return (
    <Card>
      <Typography.Title level={2}>{t('convene')}</Typography.Title>
      <Form<Values>
        form={form}
        name="convene"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: 'council',
          recurrence: 'none',
          parties: [],
          roles: [],
          people: [],
          problemIds: [],
          topics: [],
        }}
        style={{ maxWidth: 760 }}
      >
        <Space wrap>
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 180 }}
              options={meetingKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="recurrence" label={t('recurrence')}>
            <Select
              style={{ width: 140 }}
              options={recurrences.map((r) => ({ value: r, label: t(`recurrences.${r}`) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('title')} rules={[{ required: true, message: t('title') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="placeId" label={t('place')} rules={[{ required: true, message: t('place') }]}>
          <PlacePicker source="/api/parties/place-options" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="startsAt"
            label={t('startsAt')}
            rules={[{ required: true, message: t('startsAt') }]}
          >
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="endsAt" label={t('endsAt')} rules={[{ required: true, message: t('endsAt') }]}>
            <Input type="datetime-local" />
          </Form.Item>
        </Space>
        <Form.Item name="venue" label={t('venue')} rules={[{ required: true, message: t('venue') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="problemIds" label={t('problems')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={problems.map((p) => ({ value: p.id, label: `${p.title}（${p.placeName}）` }))}
          />
        </Form.Item>
        <Form.Item name="topics" label={t('topics')}>
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="parties" label={t('inviteParties')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={options.parties.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="roles" label={t('inviteRoles')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={roles.map((r) => ({ value: r, label: roleNames[r][language] }))}
          />
        </Form.Item>
        <Form.Item name="people" label={t('invitePeople')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={options.people.map((p) => ({
              value: p.userId,
              label: `${p.name}（${roleNames[p.role as keyof typeof roleNames]?.[language] ?? p.role}${p.sector ? `，${p.sector}` : ''}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="procedureRules" label={t('procedureRules')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={sending}>
            {t('submitConvene')}
          </Button>
          <Button onClick={() => navigate('..')}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
