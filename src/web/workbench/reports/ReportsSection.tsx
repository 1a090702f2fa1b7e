import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { monthOf, monthTitle, previousMonth } from '../../../domain/reports/month.ts';
import type { MonthlyReport, ReportPlaces } from '../../../modules/reports/reports.schemas.ts';
import { ApiError, api } from '../../api.ts';
import { MonthlyReportView } from './MonthlyReportView.tsx';

// On paper the workbench falls away: A4 with the margins of GB/T 9704, tables whose rows never split and
// whose header repeats on each page, headings kept with what follows.
const printCss = `
@media print {
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
  nav, header, .ant-layout-sider, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; background: #fff !important; }
  .monthly-report { max-width: none !important; padding: 0 !important; border: none !important; font-size: 16pt !important; line-height: 28pt !important; }
  .monthly-report h1 { font-size: 22pt !important; }
  .monthly-report table { font-size: 10.5pt !important; line-height: 1.4 !important; }
  .monthly-report thead { display: table-header-group; }
  .monthly-report tr, .monthly-report figure { break-inside: avoid; page-break-inside: avoid; }
  .monthly-report h2, .monthly-report h3, .monthly-report caption { break-after: avoid; page-break-after: avoid; }
}`;

/** The months a report can be asked of: this one and the two years before, newest first. */
function recentMonths(now = new Date()): string[] {
  const months = [monthOf(now)];
  while (months.length < 24) months.push(previousMonth(months.at(-1)!));
  return months;
}

/** 月报: pick a community or street and a month; read the report as a page, print it, or take it as Word. */
export function ReportsSection() {
  const { t, i18n } = useTranslation('reports');
  const [params, setParams] = useSearchParams();
  const [places, setPlaces] = useState<ReportPlaces['places'] | null>(null);
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const months = useMemo(() => recentMonths(), []);
  const placeId = params.get('placeId') ?? places?.[0]?.id;
  // Last month by default: a monthly report is written once the month is over.
  const month = params.get('month') ?? months[1]!;
  const choose = (key: 'placeId' | 'month', value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (!next.get('placeId') && placeId) next.set('placeId', placeId);
    setParams(next, { replace: true });
  };

  useEffect(() => {
    void api<ReportPlaces>('/api/workbench/reports/places')
      .then((r) => setPlaces(r.places))
      .catch((e: unknown) => {
        setPlaces([]);
        setError(e instanceof ApiError ? e.problem.title : String(e));
      });
  }, []);

  const query = placeId ? `?placeId=${encodeURIComponent(placeId)}&month=${month}` : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language, so ask again when it changes
  useEffect(() => {
    if (!query) return;
    setReport(null);
    setError(null);
    void api<MonthlyReport>(`/api/workbench/reports/monthly${query}`)
      .then(setReport)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.problem.title : String(e)));
  }, [query, i18n.language]);

  return (
    <>
      <style>{printCss}</style>
      <Flex className="no-print" justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Flex wrap gap={8}>
          <Select
            aria-label={t('place')}
            placeholder={t('choosePlace')}
            style={{ minWidth: 220 }}
            loading={places === null}
            value={placeId}
            onChange={(id: string) => choose('placeId', id)}
            showSearch={{ optionFilterProp: 'label' }}
            options={(places ?? []).map((p) => ({
              value: p.id,
              label: p.kind === 'community' && p.parentName ? `${p.name}（${p.parentName}）` : p.name,
            }))}
          />
          <Select
            aria-label={t('month')}
            style={{ minWidth: 140 }}
            value={month}
            onChange={(m: string) => choose('month', m)}
            options={months.map((m) => ({ value: m, label: i18n.language === 'en' ? m : monthTitle(m) }))}
          />
          <Button icon={<PrinterOutlined />} disabled={!report} onClick={() => window.print()}>
            {t('print')}
          </Button>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={!query}
            href={query ? `/api/workbench/reports/monthly.docx${query}` : undefined}
            download
          >
            {t('download')}
          </Button>
        </Flex>
      </Flex>
      {places?.length === 0 && !error && (
        <Alert type="info" showIcon title={t('noPlaces')} style={{ marginTop: 16 }} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      {query && !report && !error && <Spin style={{ display: 'block', margin: 48 }} />}
      {report && <MonthlyReportView report={report} />}
    </>
  );
}
