import { useTranslation } from 'react-i18next';
import { categoryNames, levelNames } from '../../../domain/matters/vocabulary.ts';
import { chineseDate, chineseOrdinal, monthTitle } from '../../../domain/reports/month.ts';
import { matterStateNames, notableReasonNames, problemStateNames } from '../../../domain/reports/notable.ts';
import { channelPieOption, problemsBarOption } from '../../../modules/reports/report-charts.ts';
import { reportDefinitions, reportTitle } from '../../../modules/reports/report-words.ts';
import type { BreakdownRow, MonthlyReport, ProblemRow } from '../../../modules/reports/reports.schemas.ts';
import { beijing, Chart, fonts, P, percent, ReportTable } from './ReportParts.tsx';

// The report as a page: the same parts, in the same order and with the same numbers, as the .docx.

export function MonthlyReportView({ report: r }: { report: MonthlyReport }) {
  const { t, i18n } = useTranslation('reports');
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const at = beijing(r.generatedAt, true, language);
  let section = 0;
  let table = 0;
  let figure = 0;
  const h2 = (text: string) => (
    <h2
      style={{
        fontFamily: fonts.heading,
        fontSize: '1em',
        fontWeight: 'normal',
        margin: 0,
        textIndent: '2em',
      }}
    >
      {language === 'en' ? `${++section}. ${text}` : `${chineseOrdinal(++section)}、${text}`}
    </h2>
  );
  const h3 = (n: number, text: string) => (
    <h3
      style={{
        fontFamily: fonts.subheading,
        fontSize: '1em',
        fontWeight: 'normal',
        margin: 0,
        textIndent: '2em',
      }}
    >
      {language === 'en' ? `(${n}) ${text}` : `（${chineseOrdinal(n)}）${text}`}
    </h3>
  );
  const tableCaption = (title: string) => t('tableNo', { n: ++table, title });
  const chart = (titleKey: string, build: (title: string) => object, height?: number) => {
    const title = t('figureNo', { n: ++figure, title: t(titleKey) });
    return <Chart label={title} option={build(title)} height={height} />;
  };
  const words = {
    collected: t('collected'),
    solved: t('solved'),
    inProgress: t('inProgress'),
    open: t('open'),
  };
  const c = r.counts;
  const breakdownHeader = [
    t('collected'),
    t('problems'),
    t('solved'),
    t('inProgress'),
    t('open'),
    t('overdue'),
  ];
  const breakdownRows = (rows: readonly BreakdownRow[]) =>
    rows.map((row) => [
      row.label,
      ...[
        row.counts.collected,
        row.counts.problems,
        row.counts.solved,
        row.counts.inProgress,
        row.counts.open,
        row.counts.overdue,
      ].map(String),
    ]);
  const where = (p: ProblemRow) => [p.communityName, p.placeLabel].filter(Boolean).join(' ');
  const stateRows = Math.max(r.problemsByState.length, r.mattersByState.length);
  const rates = r.rates;

  return (
    <article
      className="monthly-report"
      lang={language}
      style={{
        maxWidth: 860,
        margin: '16px auto',
        padding: '48px 56px',
        background: '#fff',
        border: '1px solid #f0f0f0',
        fontFamily: fonts.body,
        fontSize: 18,
        lineHeight: 1.75,
        color: '#000',
      }}
    >
      <h1
        style={{
          fontFamily: fonts.title,
          fontWeight: 'normal',
          fontSize: 28,
          textAlign: 'center',
          margin: 0,
        }}
      >
        {reportTitle(r, language)}
      </h1>
      <p style={{ fontFamily: fonts.subheading, textAlign: 'center', margin: '0 0 16px' }}>
        {t('period', {
          from: language === 'en' ? r.from : chineseDate(r.from),
          to: language === 'en' ? r.to : chineseDate(r.to),
        })}
      </p>
      <P>
        {t('intro', { place: r.place.name, month: language === 'en' ? r.month : monthTitle(r.month), at })}
      </P>

      {h2(t('sections.overview'))}
      <P>{t('overviewText', c)}</P>
      <ReportTable
        caption={tableCaption(t('tables.main'))}
        header={[t('indicator'), t('value')]}
        rows={(['collected', 'declined', 'problems', 'solved', 'inProgress', 'open', 'overdue'] as const).map(
          (key) => [t(`rows.${key}`), String(c[key])],
        )}
      />
      <ReportTable
        caption={tableCaption(t('tables.states'))}
        header={[t('problemState'), t('problemCount'), t('matterState'), t('matterCount')]}
        rows={Array.from({ length: stateRows }, (_, i) => {
          const p = r.problemsByState[i];
          const m = r.mattersByState[i];
          return [
            p ? problemStateNames[p.state][language] : '',
            p ? String(p.n) : '',
            m ? matterStateNames[m.state][language] : '',
            m ? String(m.n) : '',
          ];
        })}
      />

      {h2(t('sections.rates'))}
      <P>
        {t('ratesText', {
          response: percent(rates.response),
          resolution: percent(rates.resolution),
          satisfaction: percent(rates.satisfaction),
          reopens: rates.reopens,
        })}
      </P>
      <ReportTable
        caption={tableCaption(t('tables.rates'))}
        header={[t('indicator'), t('rule'), t('numerator'), t('denominator'), t('rate')]}
        rows={(['response', 'resolution', 'satisfaction', 'reopenRate'] as const).map((key) => [
          t(`rateNames.${key}`),
          t(`rateRules.${key}`),
          String(rates[key].numerator),
          String(rates[key].denominator),
          percent(rates[key]),
        ])}
      />
      <ReportTable
        caption={tableCaption(t('tables.onTime'))}
        header={[t('level'), t('onTimeCount'), t('doneCount'), t('onTimeRate')]}
        rows={r.onTimeByLevel.map((l) => [
          levelNames[l.level][language],
          String(l.onTime.numerator),
          String(l.onTime.denominator),
          percent(l.onTime),
        ])}
      />

      {h2(t('sections.breakdown'))}
      {h3(1, t('byCategorySub'))}
      {r.byCategory.length === 0 ? (
        <P>{t('nothingCollected')}</P>
      ) : (
        <>
          <ReportTable
            caption={tableCaption(t('tables.byCategory'))}
            header={[t('category'), ...breakdownHeader]}
            rows={breakdownRows(r.byCategory)}
          />
          {chart('figures.byCategory', (title) => problemsBarOption(r.byCategory, title, words))}
        </>
      )}
      {h3(2, t('byChannelSub'))}
      {r.byChannel.length === 0 ? (
        <P>{t('nothingCollected')}</P>
      ) : (
        <>
          <ReportTable
            caption={tableCaption(t('tables.byChannel'))}
            header={[t('channel'), ...breakdownHeader]}
            rows={breakdownRows(r.byChannel)}
          />
          {chart('figures.byChannel', (title) => channelPieOption(r.byChannel, title), 320)}
        </>
      )}

      {r.byCommunity && (
        <>
          {h2(t('sections.communities'))}
          <ReportTable
            caption={tableCaption(t('tables.communities'))}
            header={[
              t('community'),
              t('collected'),
              t('problems'),
              t('solved'),
              t('inProgress'),
              t('overdue'),
              t('responseRate'),
              t('resolutionRate'),
              t('satisfactionRate'),
            ]}
            rows={r.byCommunity.map((row) => [
              row.label,
              ...[
                row.counts.collected,
                row.counts.problems,
                row.counts.solved,
                row.counts.inProgress,
                row.counts.overdue,
              ].map(String),
              percent(row.rates.response),
              percent(row.rates.resolution),
              percent(row.rates.satisfaction),
            ])}
          />
          {chart('figures.communities', (title) => problemsBarOption(r.byCommunity ?? [], title, words))}
        </>
      )}

      {h2(t('sections.overdue'))}
      {r.overdue.items.length === 0 ? (
        <P>{t('noOverdue', { at })}</P>
      ) : (
        <>
          <P>
            {t('overdueText', {
              at,
              count: r.overdue.items.length,
              levels: r.overdue.byLevel
                .filter((l) => l.n > 0)
                .map((l) => t('overdueLevel', { level: levelNames[l.level][language], n: l.n }))
                .join(language === 'en' ? ', ' : '、'),
            })}
          </P>
          <ReportTable
            caption={tableCaption(t('tables.overdue'))}
            header={[
              t('no'),
              t('receivedOn'),
              t('problem'),
              t('where'),
              t('level'),
              t('handler'),
              t('deadline'),
              t('state'),
            ]}
            rows={r.overdue.items.map((p, i) => [
              String(i + 1),
              p.receivedOn,
              p.title,
              where(p),
              levelNames[p.level][language],
              p.handler ?? '—',
              p.deadlineAt ? beijing(p.deadlineAt, false, 'en') : '—',
              problemStateNames[p.state][language],
            ])}
          />
        </>
      )}

      {h2(t('sections.problems'))}
      {r.problems.total === 0 ? (
        <P>{t('noProblems')}</P>
      ) : (
        <>
          <P>{t('problemsText', { count: r.problems.total })}</P>
          <ReportTable
            caption={tableCaption(t('tables.problems'))}
            header={[
              t('no'),
              t('receivedOn'),
              t('problem'),
              t('category'),
              t('where'),
              t('level'),
              t('handler'),
              t('state'),
            ]}
            rows={r.problems.items.map((p, i) => [
              String(i + 1),
              p.receivedOn,
              p.title,
              categoryNames[p.category][language],
              where(p),
              levelNames[p.level][language],
              p.handler ?? '—',
              problemStateNames[p.state][language],
            ])}
          />
        </>
      )}

      {h2(t('sections.notable'))}
      {r.notable.length === 0 && <P>{t('noNotable')}</P>}
      {r.notable.map((n, i) => (
        <section key={n.id}>
          {h3(i + 1, `${n.title}（${n.communityName}）`)}
          <P>
            {t('notableSteps', {
              steps: n.reasons
                .map((reason) => notableReasonNames[reason][language])
                .join(language === 'en' ? ', ' : '、'),
            })}
            {n.meetings.length > 0 && t('notableMeetings', { meetings: n.meetings.join('、') })}
            {t('notableNow', {
              level: levelNames[n.level][language],
              state: problemStateNames[n.state][language],
            })}
          </P>
          {n.publicSummary && <P>{t('notableSummary', { summary: n.publicSummary })}</P>}
        </section>
      ))}

      {h2(t('sections.definitions'))}
      {reportDefinitions[language].map((d, i) => (
        <P key={d}>
          {i + 1}. {d}
        </P>
      ))}

      <p style={{ textAlign: 'right', margin: '28px 4em 0 0' }}>{r.place.name}</p>
      <p style={{ textAlign: 'right', margin: '0 4em 0 0' }}>{beijing(r.generatedAt, false, language)}</p>
    </article>
  );
}
