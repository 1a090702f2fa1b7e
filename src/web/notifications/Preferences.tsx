import { App, Button, Card, Checkbox, Space, Switch, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';

type Row = { kind: string; inbox: boolean; sms: boolean };
type Prefs = { items: Row[]; digest: boolean; smsOptIn: boolean; kind: 'staff' | 'resident' };

// Staff hear of the office's work; residents of answers to what they raised.
const shownFor = {
  staff: ['dispatched', 'taken', 'reported', 'escalated', 'deadline_near', 'meeting_invitation'],
  resident: ['reply', 'result_to_confirm', 'meeting_invitation'],
};

/** Each user chooses, per kind of event, whether it reaches them in the app and by SMS. */
export function NoticePreferences() {
  const { t } = useTranslation('notifications');
  const { message } = App.useApp();
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  useEffect(() => {
    void api<Prefs>('/api/notifications/preferences').then(setPrefs);
  }, []);
  if (!prefs) return null;
  const resident = prefs.kind === 'resident';
  const rows = prefs.items.filter((r) => shownFor[prefs.kind].includes(r.kind));
  const change = (kind: string, field: 'inbox' | 'sms', value: boolean) =>
    setPrefs({ ...prefs, items: prefs.items.map((r) => (r.kind === kind ? { ...r, [field]: value } : r)) });

  async function save() {
    if (!prefs) return;
    setPrefs(
      await api<Prefs>('/api/notifications/preferences', {
        method: 'PUT',
        body: { items: prefs.items, digest: prefs.digest, smsOptIn: prefs.smsOptIn },
      }),
    );
    void message.success(t('saved'));
  }

  return (
    <Card title={t('preferences')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        {resident ? (
          <Checkbox
            checked={prefs.smsOptIn}
            onChange={(e) => setPrefs({ ...prefs, smsOptIn: e.target.checked })}
          >
            {t('smsOptIn')}
          </Checkbox>
        ) : (
          <Checkbox checked={prefs.digest} onChange={(e) => setPrefs({ ...prefs, digest: e.target.checked })}>
            {t('digest')}
          </Checkbox>
        )}
        <Table<Row>
          size="small"
          rowKey="kind"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('kind'), dataIndex: 'kind', render: (k: string) => t(`kinds.${k}`) },
            {
              title: t('inboxChannel'),
              dataIndex: 'inbox',
              render: (on: boolean, r) => (
                <Switch
                  size="small"
                  aria-label={`${t(`kinds.${r.kind}`)} ${t('inboxChannel')}`}
                  checked={on}
                  onChange={(v) => change(r.kind, 'inbox', v)}
                />
              ),
            },
            ...(resident
              ? [
                  {
                    title: t('smsChannel'),
                    dataIndex: 'sms',
                    render: (on: boolean, r: Row) => (
                      <Switch
                        size="small"
                        aria-label={`${t(`kinds.${r.kind}`)} ${t('smsChannel')}`}
                        checked={on}
                        disabled={!prefs.smsOptIn}
                        onChange={(v) => change(r.kind, 'sms', v)}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
        <Button type="primary" onClick={() => void save()}>
          {t('save')}
        </Button>
      </Space>
    </Card>
  );
}
