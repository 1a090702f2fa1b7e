import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdPage, HouseholdView } from '../../../modules/places/households.schemas.ts';
import type { QuestionDetail } from '../../../modules/votes/votes.schemas.ts';
import { api, showFieldErrors } from '../../api.ts';
import { PlacePicker } from '../../shared/PlacePicker.tsx';
import { problemText } from '../../shared/problem.ts';

type Values = {
  title: string;
  body: string;
  askedKind: 'place' | 'households';
  placeId?: string;
  fromPlaceId?: string;
  householdIds?: string[];
  rule: 'majorityOfAsked' | 'majorityOfAnswered' | 'art278Ordinary' | 'art278Special' | 'custom';
  participationN?: number;
  participationD?: number;
  approvalN?: number;
  approvalD?: number;
  byArea?: boolean;
  secret: boolean;
  /** For a consultation by majority: its own options instead of agree / disagree / abstain. */
  customOptions?: string[];
  /** datetime-local text, read as Beijing time (the time the community lives by, whatever the browser's). */
  closesAt: string;
};

const firstHouseholds = { room: '', page: 1, pageSize: 20 };

/**
 * The households of a building or entrance to ask, a page at a time from the server (a compound holds
 * thousands), found by room; what was ticked stays ticked across pages and searches.
 */
function HouseholdChoice({
  placeId,
  value,
  onChange,
}: {
  placeId?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const { t } = useTranslation('votes');
  const [query, setQuery] = useState(firstHouseholds);
  const [page, setPage] = useState<HouseholdPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  // Another building or entrance starts at its first page, unsearched; what was ticked elsewhere stays.
  // biome-ignore lint/correctness/useExhaustiveDependencies: placeId is what it waits for.
  useEffect(() => setQuery(firstHouseholds), [placeId]);
  useEffect(() => {
    if (!placeId) return;
    let current = true;
    setLoading(true);
    const params = new URLSearchParams({
      sort: 'room',
      page: String(query.page),
      pageSize: String(query.pageSize),
    });
    if (query.room) params.set('room', query.room);
    setFailed(false);
    api<HouseholdPage>(`/api/places/${placeId}/households?${params}`)
      .then((p) => current && setPage(p))
      .catch(() => current && setFailed(true))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [placeId, query]);
  if (!placeId) return null;
  if (failed) return <Alert type="error" showIcon message={t('householdsFailed')} />;
  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('findRoom')}
        onSearch={(room) => setQuery((q) => ({ ...q, room: room.trim(), page: 1 }))}
        style={{ marginBottom: 8 }}
      />
      <Table<HouseholdView>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={page?.items ?? []}
        columns={[
          { key: 'building', title: t('householdColumns.building'), dataIndex: 'buildingName' },
          { key: 'entrance', title: t('householdColumns.entrance'), dataIndex: 'entranceName' },
          { key: 'room', title: t('householdColumns.room'), dataIndex: 'room' },
        ]}
        rowSelection={{
          selectedRowKeys: value ?? [],
          preserveSelectedRowKeys: true,
          onChange: (keys) => onChange?.(keys as string[]),
        }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, size) =>
            setQuery((q) => ({ ...q, page: size === q.pageSize ? p : 1, pageSize: size })),
        }}
      />
      <Typography.Text type="secondary">
        {t('householdsChosen', { count: value?.length ?? 0 })}
      </Typography.Text>
    </>
  );
}

const isMajority = (rule: Values['rule'] | undefined) =>
  rule === 'majorityOfAsked' || rule === 'majorityOfAnswered';

/** A week from now at 18:00 Beijing time, as a datetime-local value. */
function inAWeek(): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    Date.now() + 7 * 86_400_000,
  );
  return `${day}T18:00`;
}

export function QuestionCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation('votes');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const askedKind = Form.useWatch('askedKind', form);
  const rule = Form.useWatch('rule', form);
  const fromPlaceId = Form.useWatch('fromPlaceId', form);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const created = await api<QuestionDetail>('/api/workbench/votes', {
        body: {
          title: v.title,
          body: v.body,
          asked:
            v.askedKind === 'place'
              ? { kind: 'place', placeId: v.placeId }
              : { kind: 'households', householdIds: v.householdIds ?? [] },
          rule:
            v.rule === 'custom'
              ? {
                  kind: 'custom',
                  participation: {
                    numerator: v.participationN ?? 0,
                    denominator: v.participationD ?? 1,
                    comparison: 'atLeast',
                  },
                  approval: {
                    numerator: v.approvalN ?? 1,
                    denominator: v.approvalD ?? 2,
                    comparison: 'moreThan',
                  },
                  byArea: v.byArea ?? false,
                }
              : { kind: v.rule },
          secret: v.secret,
          ...(isMajority(v.rule) && (v.customOptions?.length ?? 0) >= 2
            ? { options: v.customOptions!.map((label, i) => ({ key: `option_${i + 1}`, label })) }
            : {}),
          closesAt: new Date(`${v.closesAt}:00+08:00`).toISOString(),
        },
      });
      void message.success(t('created'));
      form.resetFields();
      setProblem(null);
      onCreated(created.id);
    } catch (error) {
      if (!showFieldErrors(form, error)) setProblem(problemText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      width={720}
      forceRender
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ askedKind: 'place', rule: 'majorityOfAsked', secret: false, closesAt: inAWeek() }}
      >
        <Form.Item
          name="title"
          label={t('fields.title')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="body" label={t('fields.body')} rules={[{ required: true, message: t('required') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="askedKind" label={t('fields.askedKind')}>
          <Radio.Group
            options={(['place', 'households'] as const).map((k) => ({
              value: k,
              label: t(`askedKinds.${k}`),
            }))}
          />
        </Form.Item>
        {askedKind === 'households' ? (
          <>
            <Form.Item name="fromPlaceId" label={t('fields.householdsFrom')}>
              <PlacePicker source="/api/workbench/votes/place-options" />
            </Form.Item>
            <Form.Item
              name={['householdIds']}
              label={t('fields.households')}
              rules={[{ required: true, message: t('required') }]}
            >
              <HouseholdChoice placeId={fromPlaceId} />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="placeId"
            label={t('fields.place')}
            rules={[{ required: true, message: t('required') }]}
          >
            <PlacePicker source="/api/workbench/votes/place-options" />
          </Form.Item>
        )}
        <Form.Item name="rule" label={t('fields.rule')}>
          <Select
            options={(['majorityOfAsked', 'majorityOfAnswered', 'art278Ordinary', 'art278Special'] as const)
              .map((k) => ({ value: k as string, label: t(`rules.${k}`) }))
              .concat([
                {
                  value: 'custom',
                  label: t('rules.custom', { participation: '…', approval: '…', area: '' }),
                },
              ])}
          />
        </Form.Item>
        {rule === 'custom' && (
          <>
            <Form.Item label={`${t('fields.participation')} — ${t('rules.atLeast', { n: 'n', d: 'd' })}`}>
              <Form.Item name="participationN" noStyle initialValue={1}>
                <InputNumber min={0} aria-label="participation numerator" />
              </Form.Item>{' '}
              /{' '}
              <Form.Item name="participationD" noStyle initialValue={2}>
                <InputNumber min={1} aria-label="participation denominator" />
              </Form.Item>
            </Form.Item>
            <Form.Item label={`${t('fields.approval')} — ${t('rules.moreThan', { n: 'n', d: 'd' })}`}>
              <Form.Item name="approvalN" noStyle initialValue={1}>
                <InputNumber min={0} aria-label="approval numerator" />
              </Form.Item>{' '}
              /{' '}
              <Form.Item name="approvalD" noStyle initialValue={2}>
                <InputNumber min={1} aria-label="approval denominator" />
              </Form.Item>
            </Form.Item>
            <Form.Item name="byArea" label={t('fields.byArea')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        {isMajority(rule) && (
          <Form.Item name="customOptions" label={t('fields.options')} extra={t('fields.optionsHint')}>
            <Select mode="tags" open={false} suffixIcon={null} />
          </Form.Item>
        )}
        <Form.Item name="secret" label={t('fields.secret')} valuePropName="checked" extra={t('secretNote')}>
          <Switch />
        </Form.Item>
        <Form.Item
          name="closesAt"
          label={t('fields.closesAt')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Alert type="info" title={t('defaultOptions')} description={t('ownersNote')} />
      </Form>
    </Modal>
  );
}
