import { Form, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotlineImportReport } from '../../../modules/hotline-imports/hotline-imports.schemas.ts';
import { useSession } from '../../session.tsx';
import { PlacePicker } from '../../shared/PlacePicker.tsx';
import { SheetImportWizard } from '../../shared/SheetImportWizard.tsx';
import { postSheet, postSheetWithProgress } from '../places/importApi.ts';

type Row = HotlineImportReport['rows'][number];
const statusColour = { new: 'blue', imported: 'success', duplicate: 'default', refused: 'red' } as const;

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
            onChange={setPlaceId}
            placeholder={t('hotline.targetPlaceholder')}
          />
        </Form.Item>
      </Form>
      {/* A new target starts over. */}
      <SheetImportWizard<HotlineImportReport, HotlineImportReport>
        key={placeId ?? ''}
        disabled={!placeId}
        texts={{
          uploadHint: t('hotline.uploadHint'),
          uploadDetail: t('hotline.uploadDetail'),
          checking: t('hotline.checking'),
          again: t('hotline.again'),
          another: t('hotline.another'),
          failed: t('hotline.failed'),
          progress: (done, total) => t('hotline.progress', { done, total }),
          doneTitle: t('hotline.doneTitle'),
          doneSummary: (report) => t('hotline.doneSummary', report.counts),
        }}
        preview={(file) =>
          postSheet<HotlineImportReport>(
            `/api/hotline-imports/preview?placeId=${encodeURIComponent(placeId ?? '')}`,
            file,
            csrf,
          )
        }
        commit={(file, preview, onProgress) =>
          postSheetWithProgress<HotlineImportReport>(
            `/api/hotline-imports?placeId=${encodeURIComponent(placeId ?? '')}&hash=${preview.fileHash}`,
            file,
            csrf,
            onProgress,
          )
        }
        expected={(preview) => preview.counts.new}
        renderPreview={(report) => (
          <>
            <Typography.Text data-testid="hotline-counts">
              {t('hotline.previewSummary', report.counts)}
            </Typography.Text>
            <ReportTable report={report} />
          </>
        )}
        commitLabel={(report) => t('hotline.commit', { count: report.counts.new })}
        canCommit={(report) => report.counts.new > 0}
        renderDone={(report) => <ReportTable report={report} />}
      />
    </Space>
  );
}
