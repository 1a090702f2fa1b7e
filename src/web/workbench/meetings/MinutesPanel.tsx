import { Button, Form, Input, message, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, showFieldErrors } from '../../api.ts';
import type { PanelProps } from './MeetingPage.tsx';
import type { Meeting } from './types.ts';

type Values = { summary?: string; publicSummary?: string; published: boolean };

/** 纪要: the summary, the document, the printable page, and what the echo wall may show. */
export function MinutesPanel({ meeting, onChange }: PanelProps) {
  const { t } = useTranslation('meetings');
  const [form] = Form.useForm<Values>();
  async function submit(v: Values) {
    try {
      onChange(await api<Meeting>(`/api/meetings/${meeting.id}/summary`, { method: 'PUT', body: v }));
      void message.success(t('saved'));
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Button type="primary" href={`/api/meetings/${meeting.id}/minutes.docx`} download>
          {t('downloadDocx')}
        </Button>
        <Link to="minutes">{t('print')}</Link>
      </Space>
      {meeting.may.record && (
        <Form<Values>
          form={form}
          name="minutes"
          layout="vertical"
          onFinish={submit}
          initialValues={{
            summary: meeting.summary ?? '',
            publicSummary: meeting.publicSummary ?? '',
            published: meeting.publishedAt !== null,
          }}
          style={{ maxWidth: 760 }}
        >
          <Form.Item name="summary" label={t('summary')}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
          <Form.Item name="publicSummary" label={t('publicSummary')}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Form.Item name="published" label={t('publish')} valuePropName="checked">
            <Switch disabled={meeting.state !== 'concluded'} />
          </Form.Item>
          <Button htmlType="submit">{t('save')}</Button>
        </Form>
      )}
    </Space>
  );
}
