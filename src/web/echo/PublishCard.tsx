import { App, Button, Card, Form, Input, List, Space, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Publication } from '../../modules/echo/echo.schemas.ts';
import { ApiError, api, showFieldErrors } from '../api.ts';

/**
 * Publishing a problem to the echo wall: the automatically redacted summary to check and edit, and each
 * photo published on its own. A refused summary stays as typed, with the reason beside it.
 */
export function PublishCard({ problemId }: { problemId: string }) {
  const { t } = useTranslation('echo');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ summary: string }>();
  const [publication, setPublication] = useState<Publication | null>(null);
  const [saving, setSaving] = useState(false);
  const load = useCallback(async () => {
    try {
      const p = await api<Publication>(`/api/workbench/problems/${problemId}/publication`);
      setPublication(p);
      form.setFieldsValue({ summary: p.draft });
    } catch (error) {
      // Staff who may follow a problem but not publish it do not see the card.
      if (!(error instanceof ApiError)) throw error;
    }
  }, [problemId, form]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!publication) return null;

  async function publish({ summary }: { summary: string }) {
    setSaving(true);
    try {
      setPublication(
        await api<Publication>(`/api/workbench/problems/${problemId}/publish`, { body: { summary } }),
      );
      void message.success(t('saved'));
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    } finally {
      setSaving(false);
    }
  }
  async function unpublish() {
    await api(`/api/workbench/problems/${problemId}/unpublish`, { method: 'POST' });
    await load();
  }
  async function togglePhoto(id: string, published: boolean) {
    await api(`/api/workbench/photos/${id}/publication`, { body: { published } });
    await load();
  }
  const kinds = publication.redacted.map((r) => `${t(`redactionKinds.${r.kind}`)} ×${r.count}`).join('、');
  return (
    <Card
      size="small"
      title={t('publishTitle')}
      style={{ marginTop: 16 }}
      extra={
        publication.publishedAt ? (
          <Tag color="success">{t('isPublished')}</Tag>
        ) : (
          <Tag>{t('notPublished')}</Tag>
        )
      }
    >
      {!publication.publishedAt && (
        <Typography.Paragraph type="secondary">
          {t('publishHelp')}
          {kinds && ` ${t('redacted', { list: kinds })}`}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void publish(v)}>
        <Form.Item name="summary" label={t('summary')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={saving}>
            {publication.publishedAt ? t('update') : t('publish')}
          </Button>
          {publication.publishedAt && (
            <>
              <Button onClick={() => void unpublish()}>{t('unpublish')}</Button>
              <Link to={`/wall/${problemId}`}>{t('seeOnWall')}</Link>
            </>
          )}
        </Space>
      </Form>
      {publication.photos.length > 0 && (
        <List
          style={{ marginTop: 12 }}
          header={t('photos')}
          dataSource={publication.photos}
          renderItem={(photo, i) => (
            <List.Item
              extra={
                <Switch
                  aria-label={`${t('publishPhoto')} ${t('photo', { n: i + 1 })}`}
                  checked={photo.published}
                  onChange={(on) => void togglePhoto(photo.id, on)}
                />
              }
            >
              {t('photo', { n: i + 1 })}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
