import { Alert, Button, Card, Empty, Form, Input, List, Radio, Rate, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryNames } from '../../../domain/matters/vocabulary.ts';
import { api } from '../../api.ts';
import { useNoticeListener } from '../../notifications/live.tsx';
import { type PhotoRef, Photos } from '../../shared/Photos.tsx';
import { useRefusal } from '../../shared/problem.ts';
import { usePreferences } from '../../shell/preferences.tsx';

export type OwnMatter = {
  id: string;
  kind: string;
  title: string | null;
  text: string;
  category: keyof typeof categoryNames;
  placeName: string;
  state: string;
  declineReason: string | null;
  problem: { id: string; state: string; level: string; voices: number } | null;
  awaitsFeedback: boolean;
  feedback: { solved: boolean; rating: number; comment: string | null } | null;
  replies: { at: string; text: string }[];
  photos: PhotoRef[];
  createdAt: string;
};

function Feedback({ matter, onAnswered }: { matter: OwnMatter; onAnswered(next: OwnMatter): void }) {
  const { t } = useTranslation('matters');
  const [form] = Form.useForm<{ solved: boolean; rating: number; comment?: string }>();
  const refuse = useRefusal(form);
  async function submit(values: { solved: boolean; rating: number; comment?: string }) {
    try {
      onAnswered(await api<OwnMatter>(`/api/matters/${matter.id}/feedback`, { body: values }));
    } catch (error) {
      refuse(error);
    }
  }
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ rating: 5 }}
      aria-label={t('feedbackTitle')}
    >
      <Typography.Text strong>{t('feedbackTitle')}</Typography.Text>
      <Form.Item name="solved" rules={[{ required: true, message: t('feedbackTitle') }]}>
        <Radio.Group optionType="button" buttonStyle="solid">
          <Radio.Button value={true}>{t('solvedYes')}</Radio.Button>
          <Radio.Button value={false}>{t('solvedNo')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="rating" label={t('rating')}>
        <Rate aria-label={t('rating')} />
      </Form.Item>
      <Form.Item name="comment" label={t('comment')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('sendFeedback')}
      </Button>
    </Form>
  );
}

function MatterCard({ matter, onChanged }: { matter: OwnMatter; onChanged(next: OwnMatter): void }) {
  const { t } = useTranslation('matters');
  const { language } = usePreferences();
  return (
    <Card size="small" style={{ width: '100%' }} data-testid="own-matter">
      <Space wrap size={4}>
        <Tag>{t(`states.${matter.state}`)}</Tag>
        {matter.problem && <Tag>{t(`problemStates.${matter.problem.state}`)}</Tag>}
        <Tag>{categoryNames[matter.category]?.[language]}</Tag>
      </Space>
      <Typography.Paragraph strong style={{ marginTop: 8, marginBottom: 4 }}>
        {matter.title ?? matter.text.slice(0, 30)}
      </Typography.Paragraph>
      <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }}>
        {matter.placeName} · {matter.text}
      </Typography.Paragraph>
      <Photos photos={matter.photos} alt={t('photo')} />
      {matter.declineReason && (
        <Alert type="error" title={t('declineReason', { reason: matter.declineReason })} />
      )}
      {matter.problem && matter.problem.voices > 1 && (
        <Typography.Paragraph>{t('voices', { count: matter.problem.voices })}</Typography.Paragraph>
      )}
      {matter.replies.length > 0 && (
        <List
          size="small"
          header={t('replies')}
          dataSource={matter.replies}
          renderItem={(r) => <List.Item>{r.text}</List.Item>}
        />
      )}
      {matter.feedback && (
        <Typography.Paragraph>
          {t('yourFeedback', {
            solved: matter.feedback.solved ? t('solvedYes') : t('solvedNo'),
            rating: matter.feedback.rating,
          })}
        </Typography.Paragraph>
      )}
      {matter.awaitsFeedback && <Feedback matter={matter} onAnswered={onChanged} />}
    </Card>
  );
}

export function MyMatters() {
  const { t } = useTranslation('matters');
  const [items, setItems] = useState<OwnMatter[] | null>(null);
  const load = useCallback(async () => {
    const page = await api<{ items: OwnMatter[]; total: number }>('/api/matters/mine?pageSize=50');
    setItems(page.items);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // A reply or a result shows as it comes, without reloading the page.
  useNoticeListener((n) => n.problemId && void load());
  if (items === null) return null;
  if (items.length === 0) return <Empty description={t('empty')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {items.map((m) => (
        <MatterCard
          key={m.id}
          matter={m}
          onChanged={(next) => setItems(items.map((x) => (x.id === next.id ? next : x)))}
        />
      ))}
    </Space>
  );
}
