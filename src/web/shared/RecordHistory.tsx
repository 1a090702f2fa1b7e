import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { formatDateTime } from './format.ts';
import './messages.ts';

type Scalar = string | number | boolean | null;
type Entry = {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  changes: Record<string, { from?: Scalar; to?: Scalar }>;
};
type History = { entries: Entry[] };

export type RecordRef = { entityType: string; entityId: string };

function Value({ value }: { value: Scalar | undefined }) {
  const { t } = useTranslation('history');
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  if (typeof value === 'string' && value.startsWith('[personal]'))
    return <Tag title={value}>{t('personal')}</Tag>;
  return <Typography.Text code>{String(value)}</Typography.Text>;
}

function Changes({ changes }: { changes: Entry['changes'] }) {
  const { t } = useTranslation('history');
  const fields = Object.entries(changes);
  if (fields.length === 0) return null;
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
      {fields.map(([field, change]) => (
        <li key={field}>
          <Typography.Text>{t(`fields.${field}`, { defaultValue: field })}: </Typography.Text>
          {'from' in change && (
            <>
              <Value value={change.from} /> →{' '}
            </>
          )}
          <Value value={change.to} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The history of one record (who changed what, when) in a drawer, for any screen: open it with the record's
 * entity type and id. Personal values appear only as a digest, as the audit log keeps them.
 */
export function RecordHistory({
  record,
  name,
  onClose,
}: {
  record: RecordRef | null;
  name: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('history');
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const entityType = record?.entityType;
  const entityId = record?.entityId;

  useEffect(() => {
    if (!entityType || !entityId) return;
    let current = true;
    setEntries(null);
    setProblem(null);
    api<History>(`/api/audit/${encodeURIComponent(entityType)}/${encodeURIComponent(entityId)}`)
      .then((history) => current && setEntries([...history.entries].reverse()))
      .catch((error: unknown) => {
        if (current) setProblem(error instanceof ApiError ? error.problem.title : String(error));
      });
    return () => {
      current = false;
    };
  }, [entityType, entityId]);

  return (
    <Drawer open={record !== null} onClose={onClose} title={t('title', { name })} size={520} destroyOnHidden>
      {problem && <Alert type="error" showIcon title={t('failed', { reason: problem })} />}
      {!problem && entries === null && <Spin />}
      {entries?.length === 0 && <Empty description={t('empty')} />}
      {entries && entries.length > 0 && (
        <Timeline
          items={entries.map((entry) => ({
            key: entry.seq,
            title: formatDateTime(entry.at, i18n.language),
            content: (
              <>
                <Typography.Text strong>
                  {t(`actions.${entry.action}`, { defaultValue: entry.action })}
                </Typography.Text>
                <br />
                <Typography.Text>{t('by', { name: entry.actorName ?? t('system') })}</Typography.Text>
                <Changes changes={entry.changes} />
              </>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

/** A button that opens a record's history. */
export function HistoryButton({ record, name }: { record: RecordRef; name: string }) {
  const { t } = useTranslation('history');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" icon={<HistoryOutlined />} onClick={() => setOpen(true)}>
        {t('open')}
      </Button>
      <RecordHistory record={open ? record : null} name={name} onClose={() => setOpen(false)} />
    </>
  );
}
