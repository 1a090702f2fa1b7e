import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Progress, Result, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotlineImportReport } from '../../../modules/hotline-imports/hotline-imports.schemas.ts';
import { ApiError } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { PlacePicker } from '../../shared/PlacePicker.tsx';
import { postSheet, postSheetWithProgress } from '../places/importApi.ts';

type Stage =
  | { step: 'upload'; busy: boolean }
  | { step: 'preview'; file: File; report: HotlineImportReport }
  | { step: 'importing'; done: number; total: number }
  | { step: 'done'; report: HotlineImportReport };

type Row = HotlineImportReport['rows'][number];
const statusColour = { new: 'blue', imported: 'green', duplicate: 'default', refused: 'red' } as const;

/** The rows of a report: status, work-order number, where it goes, and why a row is refused or skipped. */
function ReportTable({ report }: { report: HotlineImportReport }) {
  const { t } = useTranslation('intake');
  return (
    <Table<Row>
      rowKey="row"
      size="small"
      dataSource={report.rows}
      pagination={{ pageSize: 20, showSizeChanger: true }}
      data-testid="hotline-report"
      columns={[
        { title: t('hotline.row'), dataIndex: 'row', width: 70, sorter: (a, b) => a.row - b.row },
        {
          title: t('hotline.status'),
          dataIndex: 'status',
          width: 110,
          filters: (['new', 'imported', 'duplicate', 'refused'] as const).map((s) => ({
            text: t(`hotline.statuses.${s}`),
            value: s,
          })),
          onFilter: (value, r) => r.status === value,
          render: (s: Row['status']) => <Tag color={statusColour[s]}>{t(`hotline.statuses.${s}`)}</Tag>,
        },
        { title: t('hotline.number'), dataIndex: 'hotlineNo' },
        { title: t('hotline.place'), dataIndex: 'placeName', render: (v: string | null) => v ?? '—' },
        {
          title: t('hotline.issues'),
          render: (_, r) => r.issues.map((i) => <div key={`${i.field}-${i.message}`}>{i.message}</div>),
        },
      ]}
    />
  );
}

/** 12345 工单导入: choose the street, upload the sheet, check it row by row, import with progress. */
export function HotlineImportSection() {
  const { t } = useTranslation('intake');
  const { session } = useSession();
  const csrf = session?.csrfToken ?? '';
  const [placeId, setPlaceId] = useState<string | undefined>();
  const [stage, setStage] = useState<Stage>({ step: 'upload', busy: false });
  const [problem, setProblem] = useState<string | null>(null);

  const failure = (error: unknown) =>
    error instanceof ApiError
      ? [error.problem.title, ...(error.problem.errors ?? []).slice(0, 5).map((e) => e.message)].join('；')
      : String(error);

  async function check(file: File) {
    if (!placeId) return setProblem(t('hotline.choosePlace'));
    setProblem(null);
    setStage({ step: 'upload', busy: true });
    try {
      const url = `/api/hotline-imports/preview?placeId=${encodeURIComponent(placeId)}`;
      setStage({ step: 'preview', file, report: await postSheet<HotlineImportReport>(url, file, csrf) });
    } catch (error) {
      setProblem(failure(error));
      setStage({ step: 'upload', busy: false });
    }
  }

  async function commit(file: File, preview: HotlineImportReport) {
    if (!placeId) return;
    setProblem(null);
    setStage({ step: 'importing', done: 0, total: preview.counts.new });
    try {
      const url = `/api/hotline-imports?placeId=${encodeURIComponent(placeId)}&hash=${preview.fileHash}`;
      const report = await postSheetWithProgress<HotlineImportReport>(url, file, csrf, (done, total) =>
        setStage({ step: 'importing', done, total }),
      );
      setStage({ step: 'done', report });
    } catch (error) {
      setProblem(`${t('hotline.failed')}：${failure(error)}`);
      setStage({ step: 'preview', file, report: preview });
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('hotline.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('hotline.intro')}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 480 }}>
        <Form.Item label={t('hotline.target')} htmlFor="hotline-target">
          <PlacePicker
            id="hotline-target"
            source="/api/parties/place-options"
            value={placeId}
            onChange={(v) => {
              setPlaceId(v);
              setStage({ step: 'upload', busy: false });
            }}
            placeholder={t('hotline.targetPlaceholder')}
          />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" title={problem} showIcon />}

      {stage.step === 'upload' && (
        <Spin spinning={stage.busy} description={t('hotline.checking')}>
          <Upload.Dragger
            accept=".xlsx,.csv,.txt"
            maxCount={1}
            showUploadList={false}
            disabled={!placeId}
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('hotline.uploadHint')}</p>
            <p className="ant-upload-hint">{t('hotline.uploadDetail')}</p>
          </Upload.Dragger>
        </Spin>
      )}

      {stage.step === 'preview' && (
        <>
          <Typography.Text data-testid="hotline-counts">
            {t('hotline.previewSummary', stage.report.counts)}
          </Typography.Text>
          <ReportTable report={stage.report} />
          <Space wrap>
            <Button
              type="primary"
              disabled={stage.report.counts.new === 0}
              onClick={() => void commit(stage.file, stage.report)}
            >
              {t('hotline.commit', { count: stage.report.counts.new })}
            </Button>
            <Button onClick={() => setStage({ step: 'upload', busy: false })}>{t('hotline.again')}</Button>
          </Space>
        </>
      )}

      {stage.step === 'importing' && (
        <div role="status" aria-live="polite">
          <Progress percent={stage.total === 0 ? 0 : Math.floor((100 * stage.done) / stage.total)} />
          <Typography.Text>{t('hotline.progress', { done: stage.done, total: stage.total })}</Typography.Text>
        </div>
      )}

      {stage.step === 'done' && (
        <>
          <Result
            status="success"
            title={t('hotline.doneTitle')}
            subTitle={t('hotline.doneSummary', stage.report.counts)}
            extra={
              <Button type="primary" onClick={() => setStage({ step: 'upload', busy: false })}>
                {t('hotline.another')}
              </Button>
            }
          />
          <ReportTable report={stage.report} />
        </>
      )}
    </Space>
  );
}
