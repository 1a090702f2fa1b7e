import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { timeLeft } from '../../../domain/deadlines/time-left.ts';
import { shanghaiTime } from '../problems/types.ts';

/**
 * Day-based deadlines end at 24:00 (stored as 00:00 of the next day, an exclusive end): shown as "24:00"
 * of their last day, the way the notice of a deadline reads.
 */
function dueText(iso: string): string {
  const shown = shanghaiTime(iso);
  if (!shown.endsWith(' 00:00:00')) return shown;
  return `${shanghaiTime(new Date(Date.parse(iso) - 1).toISOString()).slice(0, -9)} 24:00`;
}

/** A deadline as a desk worker reads it: when, whether provisional, and how long is left (or overdue). */
export function DeadlineCell({
  deadlineAt,
  provisional,
  now = new Date(),
}: {
  deadlineAt: string | null;
  provisional: boolean;
  now?: Date;
}) {
  const { t } = useTranslation('ladder');
  if (!deadlineAt) return <Typography.Text type="secondary">{t('noDeadline')}</Typography.Text>;
  const left = timeLeft(new Date(deadlineAt), now);
  const words = t(left.overdue ? 'overdueBy' : 'left', {
    amount: left.amount,
    unit: t(`units.${left.unit}`),
  });
  return (
    <Space size={4} wrap>
      <span>{dueText(deadlineAt)}</span>
      {provisional && (
        <Tooltip title={t('provisionalHint')}>
          <Tag color="warning">{t('provisional')}</Tag>
        </Tooltip>
      )}
      <Tag
        color={left.overdue ? 'red' : left.unit === 'days' ? 'default' : 'warning'}
        data-testid="time-left"
      >
        {words}
      </Tag>
    </Space>
  );
}
