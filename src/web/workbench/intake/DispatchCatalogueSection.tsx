import { Button, Form, Modal, Popconfirm, Radio, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categories, categoryNames, levels } from '../../../domain/matters/vocabulary.ts';
import type { DispatchRuleView } from '../../../modules/dispatch-rules/dispatch-rules.schemas.ts';
import { api } from '../../api.ts';
import { PlacePicker } from '../../shared/PlacePicker.tsx';
import { useRefusal } from '../../shared/problem.ts';
import { usePreferences } from '../../shell/preferences.tsx';
import { PartyChoice } from '../parties/PartySelect.tsx';
import { StaffChoice } from '../staff/StaffChoice.tsx';

type Page<T> = { items: T[]; total: number };
type RuleForm = {
  communityId?: string;
  category?: string;
  placeId?: string;
  handlerKind: 'party' | 'person';
  partyId?: string;
  userId?: string;
  level: string;
};

/** Adds a rule, or changes the handler and level of one (its category and place stay what they are). */
function RuleModal({
  rule,
  open,
  onClose,
  onSaved,
}: {
  rule: DispatchRuleView | null;
  open: boolean;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation('intake');
  const { t: tp } = useTranslation('problems');
  const { language } = usePreferences();
  const [form] = Form.useForm<RuleForm>();
  const refuse = useRefusal(form);
  const handlerKind = Form.useWatch('handlerKind', form);
  const communityId = Form.useWatch('communityId', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (rule)
      form.setFieldsValue({
        handlerKind: rule.userId ? 'person' : 'party',
        partyId: rule.partyId ?? undefined,
        userId: rule.userId ?? undefined,
        level: rule.level,
      });
  }, [open, rule, form]);

  async function save(v: RuleForm) {
    const handler = v.handlerKind === 'party' ? { partyId: v.partyId } : { userId: v.userId };
    try {
      if (rule)
        await api(`/api/dispatch-rules/${rule.id}`, {
          method: 'PATCH',
          body: { ...handler, level: v.level },
        });
      else
        await api('/api/dispatch-rules', {
          body: {
            communityId: v.communityId,
            category: v.category,
            placeId: v.placeId,
            ...handler,
            level: v.level,
          },
        });
      onSaved();
    } catch (error) {
      refuse(error);
    }
  }

  return (
    <Modal
      open={open}
      title={rule ? t('catalogue.edit') : t('catalogue.add')}
      okText={t('catalogue.save')}
      cancelText={t('catalogue.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<RuleForm>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ handlerKind: 'party', level: 'compound' }}
      >
        {!rule && (
          <>
            <Form.Item
              name="communityId"
              label={t('catalogue.community')}
              rules={[{ required: true, message: t('catalogue.community') }]}
            >
              <PlacePicker source="/api/parties/place-options" />
            </Form.Item>
            <Form.Item
              name="category"
              label={t('catalogue.category')}
              rules={[{ required: true, message: t('catalogue.category') }]}
            >
              <Select options={categories.map((c) => ({ value: c, label: categoryNames[c][language] }))} />
            </Form.Item>
            <Form.Item name="placeId" label={t('catalogue.place')} extra={t('catalogue.wholeCommunity')}>
              <PlacePicker
                key={communityId ?? 'none'}
                source="/api/parties/place-options"
                placeholder={t('catalogue.wholeCommunity')}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="handlerKind" label={t('catalogue.handlerKind')}>
          <Radio.Group
            options={[
              { value: 'party', label: t('catalogue.party') },
              { value: 'person', label: t('catalogue.person') },
            ]}
          />
        </Form.Item>
        {handlerKind === 'person' ? (
          <Form.Item
            name="userId"
            label={t('catalogue.personId')}
            rules={[{ required: true, message: t('catalogue.person') }]}
          >
            <StaffChoice
              extra={rule?.userId && rule.userName ? [{ value: rule.userId, label: rule.userName }] : []}
              data-testid="rule-person"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="partyId"
            label={t('catalogue.party')}
            rules={[{ required: true, message: t('catalogue.party') }]}
          >
            <PartyChoice
              extra={rule?.partyId && rule.partyName ? [{ value: rule.partyId, label: rule.partyName }] : []}
              data-testid="rule-party"
            />
          </Form.Item>
        )}
        <Form.Item name="level" label={t('catalogue.level')}>
          <Select options={levels.map((l) => ({ value: l, label: tp(`levels.${l}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 派单目录: the rules of the communities in scope, filtered, sorted and paged; the office edits them. */
export function DispatchCatalogueSection() {
  const { t } = useTranslation('intake');
  const { t: tp } = useTranslation('problems');
  const { language } = usePreferences();
  const [filters, setFilters] = useState<{
    category?: string;
    level?: string;
    partyId?: string;
    sort: string;
  }>({
    sort: 'category',
  });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<DispatchRuleView>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<{ open: boolean; rule: DispatchRuleView | null }>({
    open: false,
    rule: null,
  });

  const load = useCallback(async () => {
    setLoading(true);
    const query = new URLSearchParams({
      page: String(page.page),
      pageSize: String(page.pageSize),
      sort: filters.sort,
    });
    for (const key of ['category', 'level', 'partyId'] as const)
      if (filters[key]) query.set(key, filters[key]!);
    try {
      setData(await api<Page<DispatchRuleView>>(`/api/dispatch-rules?${query}`));
    } catch {
      setData({ items: [], total: 0 });
    } finally {
      setLoading(false);
    }
  }, [filters, page]);
  useEffect(() => {
    void load();
  }, [load]);
  const filter = (key: 'category' | 'level' | 'partyId', value: string | undefined) => {
    setFilters({ ...filters, [key]: value });
    setPage({ ...page, page: 1 });
  };

  async function remove(id: string) {
    await api(`/api/dispatch-rules/${id}`, { method: 'DELETE' });
    await load();
  }

  return (
    <>
      <Typography.Title level={2}>{t('catalogue.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalogue.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('catalogue.category')}
          placeholder={t('catalogue.category')}
          allowClear
          style={{ width: 160 }}
          value={filters.category}
          onChange={(v) => filter('category', v)}
          options={categories.map((c) => ({ value: c, label: categoryNames[c][language] }))}
        />
        <Select
          aria-label={t('catalogue.level')}
          placeholder={t('catalogue.level')}
          allowClear
          style={{ width: 140 }}
          value={filters.level}
          onChange={(v) => filter('level', v)}
          options={levels.map((l) => ({ value: l, label: tp(`levels.${l}`) }))}
        />
        <PartyChoice
          label={t('catalogue.handler')}
          style={{ width: 180 }}
          value={filters.partyId}
          onChange={(v) => filter('partyId', v)}
        />
        <Select
          aria-label={t('catalogue.sortBy')}
          style={{ width: 140 }}
          value={filters.sort}
          onChange={(v) => setFilters({ ...filters, sort: v })}
          options={['category', 'place', 'created'].map((s) => ({
            value: s,
            label: t(`catalogue.sorts.${s}`),
          }))}
        />
        <Button type="primary" onClick={() => setEditing({ open: true, rule: null })}>
          {t('catalogue.add')}
        </Button>
      </Space>
      <Table<DispatchRuleView>
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        locale={{ emptyText: t('catalogue.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data.total,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('catalogue.community'), dataIndex: 'communityName' },
          {
            title: t('catalogue.category'),
            dataIndex: 'category',
            render: (c: DispatchRuleView['category']) => categoryNames[c][language],
          },
          {
            title: t('catalogue.place'),
            dataIndex: 'placeName',
            render: (v: string | null) => v ?? t('catalogue.wholeCommunity'),
          },
          { title: t('catalogue.handler'), render: (_, r) => r.partyName ?? r.userName },
          { title: t('catalogue.level'), dataIndex: 'level', render: (l: string) => tp(`levels.${l}`) },
          {
            title: '',
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ open: true, rule: r })}>
                  {t('catalogue.edit')}
                </Button>
                <Popconfirm title={t('catalogue.removeConfirm')} onConfirm={() => void remove(r.id)}>
                  <Button size="small" danger>
                    {t('catalogue.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RuleModal
        open={editing.open}
        rule={editing.rule}
        onClose={() => setEditing({ open: false, rule: null })}
        onSaved={() => {
          setEditing({ open: false, rule: null });
          void load();
        }}
      />
    </>
  );
}
