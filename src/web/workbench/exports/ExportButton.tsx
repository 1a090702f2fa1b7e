import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Modal, Progress, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportJobView, ExportKind } from '../../../modules/exports/exports.schemas.ts';
import { ApiError, api } from '../../api.ts';
import { shanghaiTime } from '../problems/types.ts';

type Filters = Record<string, string | number | undefined | null>;

/** The list's filters as its query sends them: what is not chosen is left out. */
function chosen(filters: Filters) {
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}

/** How far an export is, and once done, its download link and until when it works. */
function ExportProgress({ job }: { job: ExportJobView }) {
  const { t } = useTranslation('exports');
  if (job.state === 'pending') return <Typography.Text>{t('waiting')}</Typography.Text>;
  if (job.state === 'running') {
    const total = job.rowsTotal ?? 0;
    return (
      <div role="status" aria-live="polite">
        <Progress
          aria-label={t('progressLabel')}
          percent={total === 0 ? 0 : Math.floor((100 * job.rowsDone) / total)}
        />
        <Typography.Text>
          {job.rowsTotal === null
            ? t('progressUnknown', { done: job.rowsDone })
            : t('progress', { done: job.rowsDone, total: job.rowsTotal })}
        </Typography.Text>
      </div>
    );
  }
  if (job.state === 'failed')
    return <Alert type="error" showIcon title={t('failed', { reason: job.error?.title ?? '' })} />;
  if (job.state === 'expired') return <Alert type="warning" showIcon title={t('expired')} />;
  const minutes = Math.round((Date.parse(job.expiresAt ?? '') - Date.parse(job.finishedAt ?? '')) / 60_000);
  return (
    <Space orientation="vertical">
      <Progress aria-label={t('progressLabel')} percent={100} />
      <Typography.Text role="status">{t('done', { rows: job.rowsDone })}</Typography.Text>
      <Button
        type="primary"
        icon={<DownloadOutlined />}
        href={job.downloadUrl ?? undefined}
        download={job.fileName}
      >
        {t('download', { name: job.fileName })}
      </Button>
      <Typography.Text type="secondary">
        {t('expiresAt', { time: shanghaiTime(job.expiresAt), minutes })}
      </Typography.Text>
    </Space>
  );
}

/**
 * 导出: sends the list's current filters as an export job (XLSX or CSV), shows its progress while the
 * server writes it, then offers the file.
 */
export function ExportButton({
  kind,
  filters,
  label,
}: {
  kind: ExportKind;
  filters: Filters;
  /** What is exported, when the kind's own name would not say (the handlers' figures). */
  label?: string;
}) {
  const { t } = useTranslation('exports');
  const [job, setJob] = useState<ExportJobView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  async function start(format: 'xlsx' | 'csv') {
    setJob(null);
    setProblem(null);
    setOpen(true);
    try {
      setJob(
        await api<ExportJobView>('/api/workbench/exports', {
          body: { kind, format, filters: chosen(filters) },
        }),
      );
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem.title : String(error));
    }
  }

  // Poll while the server works on it; a closed dialog stops asking.
  const running = open && job !== null && (job.state === 'pending' || job.state === 'running');
  const jobId = job?.id;
  useEffect(() => {
    if (!running || !jobId) return;
    const timer = setInterval(() => {
      void api<ExportJobView>(`/api/workbench/exports/${jobId}`).then(setJob, (error: unknown) =>
        setProblem(error instanceof ApiError ? error.problem.title : String(error)),
      );
    }, 800);
    return () => clearInterval(timer);
  }, [running, jobId]);

  const what = label ?? t(`kinds.${kind}`);
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'xlsx', label: t('xlsx') },
            { key: 'csv', label: t('csv') },
          ],
          onClick: ({ key }) => void start(key as 'xlsx' | 'csv'),
        }}
      >
        <Button icon={<DownloadOutlined />} aria-label={t('title', { what })}>
          {t('export')}
        </Button>
      </Dropdown>
      <Modal
        open={open}
        title={t('title', { what })}
        onCancel={() => setOpen(false)}
        footer={<Button onClick={() => setOpen(false)}>{t('close')}</Button>}
      >
        {problem && <Alert type="error" showIcon title={problem} />}
        {job && <ExportProgress job={job} />}
      </Modal>
    </>
  );
}
