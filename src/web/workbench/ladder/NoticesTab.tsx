import { MinusCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, message, Space, Table, Tag, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { shanghaiTime } from '../problems/types.ts';

type Notice = {
  year: number;
  source: string;
  holidays: { name: string; from: string; to: string }[];
  workingWeekendDays: string[];
  loadedAt: string | null;
  shipped: boolean;
};
type NoticeList = { notices: Notice[]; missingYears: number[]; canLoad: boolean };
/** The shape of the State Council notice as the server takes it (and as resources/ holds 2026's). */
type NoticeForm = {
  year: number;
  source: string;
  holidays: { name: string; from: string; to: string }[];
  working_weekend_days: string[];
};

/** The holiday notices in force, and for admins a form (or a JSON upload) to load the next year's. */
export function NoticesTab() {
  const { t } = useTranslation('ladder');
  const [list, setList] = useState<NoticeList | null>(null);
  const load = useCallback(async () => setList(await api<NoticeList>('/api/workbench/holiday-notices')), []);
  useEffect(() => {
    void load();
  }, [load]);
  if (!list) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {list.missingYears.length > 0 && (
        <Alert type="warning" showIcon message={t('missing', { years: list.missingYears.join('、') })} />
      )}
      <Table<Notice>
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={list.notices}
        columns={[
          {
            title: t('year'),
            dataIndex: 'year',
            sorter: (a, b) => a.year - b.year,
            defaultSortOrder: 'descend',
          },
          { title: t('source'), dataIndex: 'source' },
          {
            title: t('holidays'),
            render: (_, n) =>
              n.holidays.map((h) => `${h.name} ${h.from.slice(5)}~${h.to.slice(5)}`).join('；'),
          },
          {
            title: t('workingWeekendDays'),
            render: (_, n) => n.workingWeekendDays.map((d) => d.slice(5)).join('、'),
          },
          {
            title: t('loadedAt'),
            render: (_, n) => (n.shipped ? <Tag>{t('shipped')}</Tag> : shanghaiTime(n.loadedAt)),
          },
        ]}
      />
      {list.canLoad && <LoadNoticeForm onLoaded={() => void load()} />}
    </Space>
  );
}

function LoadNoticeForm({ onLoaded }: { onLoaded(): void }) {
  const { t } = useTranslation('ladder');
  const [form] = Form.useForm<NoticeForm>();
  async function submit(values: NoticeForm) {
    try {
      const result = await api<{ year: number; recomputed: number }>('/api/workbench/holiday-notices', {
        body: {
          ...values,
          holidays: values.holidays ?? [],
          working_weekend_days: values.working_weekend_days ?? [],
        },
      });
      void message.success(t('loaded', { year: result.year, count: result.recomputed }));
      onLoaded();
    } catch (error) {
      if (!(error instanceof ApiError) || !error.problem.errors?.length) throw error;
      // List fields are named by number (holidays, 0, to): the server's "holidays.0.to" is turned into that.
      form.setFields(
        error.problem.errors.map((e) => ({
          name: e.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) as never,
          errors: [e.message],
        })),
      );
    }
  }
  function readFile(file: File) {
    void file.text().then((text) => {
      try {
        const parsed = JSON.parse(text) as Partial<NoticeForm>;
        form.setFieldsValue(parsed);
      } catch {
        void message.error(t('badFile'));
      }
    });
    return false;
  }
  return (
    <Card size="small" title={t('loadTitle')}>
      <Alert type="info" message={t('uploadHint')} style={{ marginBottom: 12 }} />
      <Upload accept="application/json,.json" beforeUpload={readFile} showUploadList={false}>
        <Button icon={<UploadOutlined />}>{t('upload')}</Button>
      </Upload>
      <Form<NoticeForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ marginTop: 12 }}
        initialValues={{ holidays: [], working_weekend_days: [] }}
      >
        <Space wrap>
          <Form.Item name="year" label={t('year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={9999} precision={0} />
          </Form.Item>
          <Form.Item name="source" label={t('source')} rules={[{ required: true }]}>
            <Input style={{ width: 420 }} maxLength={200} />
          </Form.Item>
        </Space>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <div>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('holidayName')}
                    rules={[{ required: true }]}
                  >
                    <Input style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'from']} label={t('from')} rules={[{ required: true }]}>
                    <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'to']} label={t('to')} rules={[{ required: true }]}>
                    <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('remove')} />
                </Space>
              ))}
              <Button onClick={() => add({ name: '', from: '', to: '' })} style={{ marginBottom: 12 }}>
                {t('addHoliday')}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.List name="working_weekend_days">
          {(fields, { add, remove }) => (
            <Space wrap align="baseline">
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={field.name} label={t('workingWeekendDays')} rules={[{ required: true }]}>
                    <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('remove')} />
                </Space>
              ))}
              <Button onClick={() => add('')}>{t('addWorkingDay')}</Button>
            </Space>
          )}
        </Form.List>
        <div style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit">
            {t('load')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
