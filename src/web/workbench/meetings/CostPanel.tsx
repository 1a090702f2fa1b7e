import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, showFieldErrors } from '../../api.ts';
import type { PanelProps } from './MeetingPage.tsx';
import { type Meeting, yuan } from './types.ts';

type Share = Meeting['costPlans'][number]['shares'][number];
type PartValues = {
  rule: 'fixed' | 'percentage' | 'equal' | 'floorArea' | 'inKind';
  who?: string;
  whoMany?: string[];
  amount?: number;
  percent?: number | null;
  description?: string;
  valued?: number | null;
};
type PlanValues = {
  agendaItemId: string;
  title: string;
  total: number;
  payers: string[];
  parts: PartValues[];
};

const fen = (yuanAmount: number | null | undefined) => Math.round(Number(yuanAmount ?? 0) * 100);

function toPart(p: PartValues) {
  switch (p.rule) {
    case 'fixed':
      return { rule: p.rule, partyId: p.who, amountFen: fen(p.amount) };
    case 'percentage':
      return { rule: p.rule, partyId: p.who, basisPoints: Math.round(Number(p.percent ?? 0) * 100) };
    case 'inKind':
      return {
        rule: p.rule,
        partyId: p.who,
        description: p.description ?? '',
        valueFen: p.valued === null || p.valued === undefined ? null : fen(p.valued),
      };
    default:
      return {
        rule: p.rule,
        partyIds: p.whoMany ?? [],
        ...(p.percent === null || p.percent === undefined
          ? {}
          : { basisPoints: Math.round(p.percent * 100) }),
      };
  }
}

/** 费用分摊: exact shares in fen, each payer's confirmation, and the rules read out in words. */
export function CostPanel({ meeting, onChange, reload, options }: PanelProps) {
  const { t } = useTranslation('meetings');
  const [form] = Form.useForm<PlanValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const payers = Form.useWatch('payers', form) ?? [];
  const adopted = meeting.agenda.filter((a) => a.state === 'decided' && a.adopted);
  const planning = meeting.may.record && (meeting.state === 'in_session' || meeting.state === 'concluded');
  const payerOptions = [
    ...options.parties.map((p) => ({ value: `party:${p.id}`, label: p.name })),
    ...options.households.map((h) => ({ value: `household:${h.id}`, label: h.label })),
  ];
  const chosen = payerOptions.filter((o) => payers.includes(o.value));

  async function submit(v: PlanValues) {
    try {
      onChange(
        await api<Meeting>(`/api/meetings/${meeting.id}/cost-plans`, {
          body: {
            agendaItemId: v.agendaItemId,
            title: v.title,
            totalFen: fen(v.total),
            payers: v.payers ?? [],
            parts: (v.parts ?? []).map(toPart),
          },
        }),
      );
      form.resetFields();
      setFailure(null);
    } catch (error) {
      if (!(error instanceof ApiError) || !error.problem.errors) throw error;
      // The plan's fields have the API's names; the form's are the desk's (yuan, percent, who).
      const rename: Record<string, string> = {
        partyId: 'who',
        partyIds: 'whoMany',
        amountFen: 'amount',
        basisPoints: 'percent',
        valueFen: 'valued',
        totalFen: 'total',
      };
      const errors = error.problem.errors.map((e) => {
        const path = e.field.split('.');
        if (path[0] === 'payers') return { ...e, field: 'payers' };
        if (path[0] === 'parts' && path.length >= 3)
          return { ...e, field: `parts.${path[1]}.${rename[path[2] ?? ''] ?? path[2]}` };
        return { ...e, field: rename[e.field] ?? e.field };
      });
      const general = errors.filter((e) => e.field === 'parts');
      setFailure(general.map((e) => e.message).join('；') || null);
      showFieldErrors(
        form,
        new ApiError({ ...error.problem, errors: errors.filter((e) => e.field !== 'parts') }),
      );
    }
  }
  async function confirm(share: Share) {
    await api(`/api/cost-shares/${share.id}/confirm`, { body: {} });
    await reload();
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {meeting.costPlans.map((plan) => (
        <Card
          key={plan.id}
          size="small"
          title={`${plan.title}（${yuan(plan.totalFen)} 元）`}
          data-testid="cost-plan"
        >
          <Table<Share>
            rowKey="id"
            pagination={false}
            dataSource={plan.shares}
            columns={[
              { title: t('who'), dataIndex: 'label' },
              { title: t('share'), dataIndex: 'amountFen', render: yuan },
              { title: t('cash'), dataIndex: 'cashFen', render: yuan },
              { title: t('inKind'), dataIndex: 'inKind', render: (k: string | null) => k ?? '—' },
              {
                title: t('confirmed'),
                render: (_, s) =>
                  s.confirmedAt ? (
                    <Tag color="success">{t('confirmed')}</Tag>
                  ) : s.canConfirm ? (
                    <Button size="small" onClick={() => void confirm(s)}>
                      {t('confirm')}
                    </Button>
                  ) : (
                    <Tag>{t('notConfirmed')}</Tag>
                  ),
              },
            ]}
          />
          {plan.rules.map((r) => (
            <Typography.Paragraph key={r} type="secondary" style={{ margin: '4px 0' }}>
              {r}
            </Typography.Paragraph>
          ))}
        </Card>
      ))}
      {planning && adopted.length > 0 && (
        <Card size="small" title={t('addCostPlan')}>
          <Form<PlanValues>
            form={form}
            name="cost"
            layout="vertical"
            onFinish={submit}
            initialValues={{ agendaItemId: adopted[0]?.id, payers: [], parts: [] }}
          >
            <Space wrap>
              <Form.Item name="agendaItemId" label={t('forItem')}>
                <Select
                  style={{ width: 260 }}
                  options={adopted.map((a) => ({ value: a.id, label: `${a.position}. ${a.topic}` }))}
                />
              </Form.Item>
              <Form.Item
                name="title"
                label={t('planTitle')}
                rules={[{ required: true, message: t('planTitle') }]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                name="total"
                label={t('totalYuan')}
                rules={[{ required: true, message: t('totalYuan') }]}
              >
                <InputNumber min={0} precision={2} style={{ width: 160 }} />
              </Form.Item>
            </Space>
            <Form.Item name="payers" label={t('payers')} rules={[{ required: true, message: t('payers') }]}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={payerOptions}
                data-testid="cost-payers"
              />
            </Form.Item>
            <Typography.Text type="secondary">{t('noRules')}</Typography.Text>
            <Form.List name="parts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Card key={field.key} size="small" style={{ margin: '8px 0' }} data-testid="cost-part">
                      <Space wrap align="start">
                        <Form.Item name={[field.name, 'rule']} label={t('rule')} initialValue="fixed">
                          <Select
                            style={{ width: 140 }}
                            options={(['fixed', 'percentage', 'equal', 'floorArea', 'inKind'] as const).map(
                              (r) => ({
                                value: r,
                                label: t(`rules.${r}`),
                              }),
                            )}
                          />
                        </Form.Item>
                        <Form.Item noStyle shouldUpdate>
                          {() => {
                            const rule = form.getFieldValue([
                              'parts',
                              field.name,
                              'rule',
                            ]) as PartValues['rule'];
                            const group = rule === 'equal' || rule === 'floorArea';
                            return (
                              <Space wrap align="start">
                                {group ? (
                                  <Form.Item name={[field.name, 'whoMany']} label={t('whoMany')}>
                                    <Select mode="multiple" style={{ minWidth: 240 }} options={chosen} />
                                  </Form.Item>
                                ) : (
                                  <Form.Item name={[field.name, 'who']} label={t('who')}>
                                    <Select style={{ width: 200 }} options={chosen} />
                                  </Form.Item>
                                )}
                                {rule === 'fixed' && (
                                  <Form.Item name={[field.name, 'amount']} label={t('amountYuan')}>
                                    <InputNumber min={0} precision={2} />
                                  </Form.Item>
                                )}
                                {(rule === 'percentage' || group) && (
                                  <Form.Item name={[field.name, 'percent']} label={t('percent')}>
                                    <InputNumber min={0} max={100} precision={2} />
                                  </Form.Item>
                                )}
                                {rule === 'inKind' && (
                                  <>
                                    <Form.Item name={[field.name, 'description']} label={t('description')}>
                                      <Input />
                                    </Form.Item>
                                    <Form.Item name={[field.name, 'valued']} label={t('valued')}>
                                      <InputNumber min={0} precision={2} />
                                    </Form.Item>
                                  </>
                                )}
                              </Space>
                            );
                          }}
                        </Form.Item>
                        <Button onClick={() => remove(field.name)}>×</Button>
                      </Space>
                    </Card>
                  ))}
                  <Button onClick={() => add({ rule: 'fixed' })} style={{ margin: '8px 0' }}>
                    {t('addPart')}
                  </Button>
                </>
              )}
            </Form.List>
            {failure && <Alert type="error" title={failure} style={{ marginBottom: 8 }} />}
            <div>
              <Button type="primary" htmlType="submit">
                {t('addCostPlan')}
              </Button>
            </div>
          </Form>
        </Card>
      )}
    </Space>
  );
}
