import { Button, Card, Form, InputNumber, message, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categories, categoryNames, levels } from '../../../domain/matters/vocabulary.ts';
import { ApiError, api, showFieldErrors } from '../../api.ts';
import { usePreferences } from '../../shell/preferences.tsx';
import { shanghaiTime } from '../problems/types.ts';

type Rule = {
  id: string;
  communityId: string;
  communityName: string;
  level: string;
  category: string | null;
  amount: number;
  unit: string;
  warnMinutes: number;
  updatedAt: string;
};
type RuleList = {
  communities: { id: string; name: string }[];
  defaults: { level: string; amount: number; unit: string; warnMinutes: number }[];
  rules: Rule[];
};
type RuleForm = {
  communityId: string;
  level: string;
  category: string;
  amount: number;
  unit: string;
  warnMinutes: number;
};
const ANY = '*';
const units = ['hours', 'days', 'working_days'];

/** Deadline rules per community × level × category; defaults fill in where none is set. */
export function RulesTab() {
  const { t } = useTranslation('ladder');
  const { language } = usePreferences();
  const [form] = Form.useForm<RuleForm>();
  const [list, setList] = useState<RuleList | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setList(await api<RuleList>('/api/workbench/deadline-rules'));
    } catch (error) {
      if (error instanceof ApiError) setRefused(error.problem.title);
      else throw error;
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (refused) return <Typography.Text type="secondary">{refused}</Typography.Text>;
  if (!list) return null;
  const categoryLabel = (c: string | null) =>
    c === null ? t('anyCategory') : (categoryNames[c as keyof typeof categoryNames]?.[language] ?? c);
  const unitLabel = (u: string) => t(`ruleUnits.${u}`);
  async function save(values: RuleForm) {
    try {
      const body = { ...values, category: values.category === ANY ? null : values.category };
      setList(await api<RuleList>('/api/workbench/deadline-rules', { method: 'PUT', body }));
      void message.success(t('saved'));
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }
  async function remove(id: string) {
    await api(`/api/workbench/deadline-rules/${id}`, { method: 'DELETE' });
    await load();
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card size="small" title={t('rulesTitle')}>
        <Form<RuleForm>
          form={form}
          layout="inline"
          onFinish={save}
          initialValues={{
            communityId: list.communities[0]?.id,
            level: 'compound',
            category: ANY,
            amount: 3,
            unit: 'working_days',
            warnMinutes: 24 * 60,
          }}
        >
          <Form.Item name="communityId" label={t('community')} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={list.communities.map((c) => ({ value: c.id, label: c.name }))}
              data-testid="rule-community"
            />
          </Form.Item>
          <Form.Item name="level" label={t('level')}>
            <Select
              style={{ width: 130 }}
              options={levels.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
              data-testid="rule-level"
            />
          </Form.Item>
          <Form.Item name="category" label={t('category')}>
            <Select
              style={{ width: 150 }}
              options={[ANY, ...categories].map((c) => ({
                value: c,
                label: categoryLabel(c === ANY ? null : c),
              }))}
              data-testid="rule-category"
            />
          </Form.Item>
          <Form.Item name="amount" label={t('amount')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} precision={0} />
          </Form.Item>
          <Form.Item name="unit" label={t('unit')}>
            <Select
              style={{ width: 130 }}
              aria-label={t('unit')}
              options={units.map((u) => ({ value: u, label: unitLabel(u) }))}
              data-testid="rule-unit"
            />
          </Form.Item>
          <Form.Item name="warnMinutes" label={t('warnMinutes')} tooltip={t('warnHint')}>
            <InputNumber min={0} max={86400} precision={0} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('save')}
          </Button>
        </Form>
        <Table<Rule>
          rowKey="id"
          size="small"
          style={{ marginTop: 16 }}
          dataSource={list.rules}
          locale={{ emptyText: t('empty') }}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              title: t('community'),
              dataIndex: 'communityName',
              sorter: (a, b) => a.communityName.localeCompare(b.communityName),
              filters: list.communities.map((c) => ({ text: c.name, value: c.id })),
              onFilter: (v, r) => r.communityId === v,
            },
            {
              title: t('level'),
              dataIndex: 'level',
              render: (l: string) => t(`levels.${l}`),
              filters: levels.map((l) => ({ text: t(`levels.${l}`), value: l })),
              onFilter: (v, r) => r.level === v,
              sorter: (a, b) => levels.indexOf(a.level as never) - levels.indexOf(b.level as never),
            },
            { title: t('category'), dataIndex: 'category', render: categoryLabel },
            { title: t('amount'), render: (_, r) => `${r.amount} ${unitLabel(r.unit)}` },
            { title: t('warnMinutes'), dataIndex: 'warnMinutes' },
            { title: t('updatedAt'), dataIndex: 'updatedAt', render: shanghaiTime },
            {
              title: '',
              render: (_, r) => (
                <Popconfirm title={t('remove')} onConfirm={() => void remove(r.id)}>
                  <Button size="small" danger>
                    {t('remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('defaults')}>
        <Table
          rowKey="level"
          size="small"
          pagination={false}
          dataSource={list.defaults}
          columns={[
            { title: t('level'), dataIndex: 'level', render: (l: string) => t(`levels.${l}`) },
            { title: t('amount'), render: (_, r) => `${r.amount} ${unitLabel(r.unit)}` },
            { title: t('warnMinutes'), dataIndex: 'warnMinutes' },
          ]}
        />
      </Card>
    </Space>
  );
}
