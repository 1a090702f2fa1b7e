import { Form, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerImportReport } from '../../../modules/exports/ledger-import.schemas.ts';
import { useSession } from '../../session.tsx';
import { PlacePicker } from '../../shared/PlacePicker.tsx';
import { SheetImportWizard } from '../../shared/SheetImportWizard.tsx';
import { postSheet, postSheetWithProgress } from '../places/importApi.ts';

type Row = LedgerImportReport['rows'][number];
const statusColour = { new: 'blue', imported: 'success', duplicate: 'default', refused: 'red' } as const;

/** The rows of a ledger's check: each problem, where it goes, and what is wrong with it, by column. */
function LedgerReport({ report }: { report: LedgerImportReport }) {
  const { t } = useTranslation('exports');
  return (
    <Table<Row>
      rowKey="row"
      size="small"
      dataSource={report.rows}
      pagination={{ pageSize: 20, showSizeChanger: true }}
      data-testid="ledger-report"
      columns={[
        { title: t('row'), dataIndex: 'row', width: 70 },
        {
          title: t('status'),
          dataIndex: 'status',
          width: 110,
          render: (s: Row['status']) => <Tag color={statusColour[s]}>{t(`statuses.${s}`)}</Tag>,
        },
        { title: t('problem'), dataIndex: 'title' },
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

/** 问题台账导入: choose the community, upload the ledger, check it row by row, import it whole. */
export function LedgerImportSection() {
  const { t } = useTranslation('exports');
  const { session } = useSession();
  const csrf = session?.csrfToken ?? '';
  const [placeId, setPlaceId] = useState<string | undefined>();
  const query = `placeId=${encodeURIComponent(placeId ?? '')}`;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('importTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('importIntro')}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 480 }}>
        <Form.Item label={t('target')} htmlFor="ledger-target">
          <PlacePicker
            id="ledger-target"
            source="/api/parties/place-options"
            value={placeId}
            onChange={setPlaceId}
            placeholder={t('targetPlaceholder')}
          />
        </Form.Item>
      </Form>
      <SheetImportWizard<LedgerImportReport, LedgerImportReport>
        key={placeId ?? ''}
        disabled={!placeId}
        texts={{
          uploadHint: t('uploadHint'),
          uploadDetail: t('uploadDetail'),
          checking: t('checking'),
          again: t('again'),
          another: t('another'),
          failed: t('importFailed'),
          progress: (done, total) => t('importProgress', { done, total }),
          doneTitle: t('doneTitle'),
          doneSummary: (report) => t('doneSummary', report.counts),
        }}
        preview={(file) => postSheet<LedgerImportReport>(`/api/problem-imports/preview?${query}`, file, csrf)}
        commit={(file, preview, onProgress) =>
          postSheetWithProgress<LedgerImportReport>(
            `/api/problem-imports?${query}&hash=${preview.fileHash}`,
            file,
            csrf,
            onProgress,
          )
        }
        expected={(report) => report.counts.new}
        renderPreview={(report) => (
          <>
            <Typography.Text data-testid="ledger-counts">
              {t('previewSummary', report.counts)}
            </Typography.Text>
            <LedgerReport report={report} />
          </>
        )}
        commitLabel={(report) => t('commit', { count: report.counts.new })}
        canCommit={(report) => report.counts.refused === 0 && report.counts.new > 0}
        previewNote={(report) =>
          report.counts.refused > 0 ? (
            <Typography.Text type="danger">{t('commitDisabled')}</Typography.Text>
          ) : null
        }
        renderDone={(report) => <LedgerReport report={report} />}
      />
    </Space>
  );
}
