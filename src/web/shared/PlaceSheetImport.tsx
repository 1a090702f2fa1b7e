import { Form, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { sheetRowStatuses } from '../../modules/sheet-imports/sheet-import.schemas.ts';
import { useSession } from '../session.tsx';
import { postSheet, postSheetWithProgress } from '../workbench/places/importApi.ts';
import { PlacePicker } from './PlacePicker.tsx';
import { SheetImportWizard } from './SheetImportWizard.tsx';

// The sheets imported into a place with a row-by-row report (12345 work orders, problem ledgers): choose
// the place, upload, read the check, import the same file with progress. Each says only its words, its
// address and what names a row.

type Status = (typeof sheetRowStatuses)[number];
const statusColour: Record<Status, string> = {
  new: 'blue',
  imported: 'success',
  duplicate: 'default',
  refused: 'red',
};
const statuses = Object.keys(statusColour) as Status[];

type ReportRow = {
  row: number;
  status: Status;
  placeName: string | null;
  issues: { field: string; column?: string; value: string; message: string }[];
};
type Report<Row extends ReportRow> = {
  fileHash: string;
  counts: Record<'rows' | Status, number>;
  rows: Row[];
};

export type PlaceSheetImportProps<Row extends ReportRow> = {
  /** The i18n namespace and key prefix of the texts (title, intro, target, …, statuses). */
  namespace: string;
  keyPrefix: string;
  /** The import's address; its check is at `${path}/preview`. */
  path: string;
  /** Names the page's elements (`${testId}-target`, `-counts`, `-report`). */
  testId: string;
  /** What a row is about: the problem's title, the work order's number. */
  subject(row: Row): string;
  /** The whole file is refused while any row is (a ledger); otherwise refused rows stay out. */
  wholeOrNothing?: boolean;
};

function ReportTable<Row extends ReportRow>({
  report,
  props,
}: {
  report: Report<Row>;
  props: PlaceSheetImportProps<Row>;
}) {
  const { t } = useTranslation(props.namespace, { keyPrefix: props.keyPrefix });
  return (
    <Table<Row>
      rowKey="row"
      size="small"
      dataSource={report.rows}
      pagination={{ pageSize: 20, showSizeChanger: true }}
      data-testid={`${props.testId}-report`}
      columns={[
        { title: t('row'), dataIndex: 'row', width: 70, sorter: (a, b) => a.row - b.row },
        {
          title: t('status'),
          dataIndex: 'status',
          width: 110,
          filters: statuses.map((s) => ({ text: t(`statuses.${s}`), value: s })),
          onFilter: (value, r) => r.status === value,
          render: (s: Status) => <Tag color={statusColour[s]}>{t(`statuses.${s}`)}</Tag>,
        },
        { title: t('subject'), render: (_, r) => props.subject(r) },
        { title: t('place'), dataIndex: 'placeName', render: (v: string | null) => v ?? '—' },
        {
          title: t('issues'),
          render: (_, r) =>
            r.issues.map((i) => (
              <div key={`${i.field}-${i.message}`}>
                {i.column ? `${i.column}：` : ''}
                {i.message}
              </div>
            )),
        },
      ]}
    />
  );
}

export function PlaceSheetImport<Row extends ReportRow>(props: PlaceSheetImportProps<Row>) {
  const { t } = useTranslation(props.namespace, { keyPrefix: props.keyPrefix });
  const { session } = useSession();
  const csrf = session?.csrfToken ?? '';
  const [placeId, setPlaceId] = useState<string | undefined>();
  const query = `placeId=${encodeURIComponent(placeId ?? '')}`;
  const table = (report: Report<Row>) => <ReportTable report={report} props={props} />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 480 }}>
        <Form.Item label={t('target')} htmlFor={`${props.testId}-target`}>
          <PlacePicker
            id={`${props.testId}-target`}
            source="/api/parties/place-options"
            value={placeId}
            onChange={setPlaceId}
            placeholder={t('targetPlaceholder')}
          />
        </Form.Item>
      </Form>
      {/* A new place starts over. */}
      <SheetImportWizard<Report<Row>, Report<Row>>
        key={placeId ?? ''}
        disabled={!placeId}
        texts={{
          uploadHint: t('uploadHint'),
          uploadDetail: t('uploadDetail'),
          checking: t('checking'),
          again: t('again'),
          another: t('another'),
          failed: t('failed'),
          progress: (done, total) => t('progress', { done, total }),
          doneTitle: t('doneTitle'),
          doneSummary: (report) => t('doneSummary', report.counts),
        }}
        preview={(file) => postSheet<Report<Row>>(`${props.path}/preview?${query}`, file, csrf)}
        commit={(file, preview, onProgress) =>
          postSheetWithProgress<Report<Row>>(
            `${props.path}?${query}&hash=${preview.fileHash}`,
            file,
            csrf,
            onProgress,
          )
        }
        expected={(report) => report.counts.new}
        renderPreview={(report) => (
          <>
            <Typography.Text data-testid={`${props.testId}-counts`}>
              {t('previewSummary', report.counts)}
            </Typography.Text>
            {table(report)}
          </>
        )}
        commitLabel={(report) => t('commit', { count: report.counts.new })}
        canCommit={(report) => report.counts.new > 0 && !(props.wholeOrNothing && report.counts.refused > 0)}
        previewNote={(report) =>
          props.wholeOrNothing && report.counts.refused > 0 ? (
            <Typography.Text type="danger">{t('commitDisabled')}</Typography.Text>
          ) : null
        }
        renderDone={table}
      />
    </Space>
  );
}
