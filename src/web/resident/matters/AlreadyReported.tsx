import { Alert, Button, Card, Form, type FormInstance, List, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryNames } from '../../../domain/matters/vocabulary.ts';
import { ApiError, api } from '../../api.ts';
import { usePreferences } from '../../shell/preferences.tsx';
import type { MatterBody } from './outbox.ts';

type Suggestion = {
  problemId: string;
  publicSummary: string | null;
  category: keyof typeof categoryNames;
  placeName: string;
  reportedOn: string;
  voices: number;
};

// A pause in typing long enough to be a thought, short enough to show before the resident sends.
const PAUSE_MS = 400;

/**
 * "Already reported?" under the resident's text: open problems of the same place that look the same,
 * by public summary or by category, place and date only. "Me too" files the draft under that problem.
 */
export function AlreadyReported({ form, onJoined }: { form: FormInstance<MatterBody>; onJoined(): void }) {
  const { t } = useTranslation('problemList');
  const { language } = usePreferences();
  const text = (Form.useWatch('text', form) ?? '') as string;
  const title = (Form.useWatch('title', form) ?? '') as string;
  const placeId = Form.useWatch('placeId', form) as string | undefined;
  const [items, setItems] = useState<Suggestion[]>([]);
  const [joining, setJoining] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keys = useRef(new Map<string, string>());

  useEffect(() => {
    if (Array.from(text.trim()).length < 2) {
      setItems([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api<{ items: Suggestion[] }>('/api/matters/already-reported', {
        body: { text, title: title || undefined, placeId },
      }).then(
        (r) => current && setItems(r.items),
        () => current && setItems([]),
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, title, placeId]);

  async function meToo(problemId: string) {
    const values = form.getFieldsValue(true) as MatterBody;
    // One key per problem joined: a second tap or a resend after a lost answer stores one matter.
    const key = keys.current.get(problemId) ?? crypto.randomUUID();
    keys.current.set(problemId, key);
    setJoining(problemId);
    setError(null);
    try {
      await api('/api/matters/me-too', {
        body: { ...values, hideName: Boolean(values.hideName), problemId },
        headers: { 'idempotency-key': key },
      });
      setItems([]);
      onJoined();
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.title : String(e));
    } finally {
      setJoining(null);
    }
  }

  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('alreadyTitle')} style={{ marginBottom: 16 }} data-testid="already-reported">
      <Typography.Paragraph type="secondary">{t('alreadyIntro')}</Typography.Paragraph>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 8 }} />}
      <List
        dataSource={items}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Button
                key="me-too"
                type="primary"
                loading={joining === s.problemId}
                onClick={() => void meToo(s.problemId)}
              >
                {t('meToo')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                s.publicSummary ??
                t('noSummary', {
                  category: categoryNames[s.category]?.[language] ?? s.category,
                  place: s.placeName,
                  date: s.reportedOn,
                })
              }
              description={`${s.publicSummary ? `${s.placeName} · ` : ''}${t('voices', { count: s.voices })}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
