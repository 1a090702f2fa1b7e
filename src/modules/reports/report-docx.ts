import { AlignmentType, LineRuleType, Paragraph, type Table } from 'docx';
import { figureDay } from '../../domain/figures/definitions.ts';
import { categoryNames, levelNames } from '../../domain/matters/vocabulary.ts';
import { chineseDate, monthTitle } from '../../domain/reports/month.ts';
import { matterStateNames, notableReasonNames, problemStateNames } from '../../domain/reports/notable.ts';
import { shanghaiDate, shanghaiTime } from '../meetings/when.ts';
import {
  caption,
  figure,
  half,
  heading,
  line,
  officialDocx,
  officialFonts,
  para,
  run,
  signature,
  subheading,
  table,
} from './official-docx.ts';
import { channelPieOption, problemsBarOption } from './report-charts.ts';
import { reportDefinitions, reportTitle } from './report-words.ts';
import type { BreakdownRow, MonthlyReport, ProblemRow } from './reports.schemas.ts';

// The monthly report 月报 as a Word document, laid out as a Chinese office's report (official-docx.ts).

const percent = (r: { rate: number | null }) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);
// Dates in tables as 2026-04-30: the shortest form that fits a column and still names the year.
const dateOf = (iso: string | null) => (iso ? figureDay(iso) : '—');
const placeOf = (p: ProblemRow) => [p.communityName, p.placeLabel].filter(Boolean).join(' ');

const chartWords = { collected: '收集事项', solved: '已解决', inProgress: '在办', open: '待派单' };

function breakdownRows(rows: readonly BreakdownRow[]) {
  return rows.map((r) => [
    r.label,
    String(r.counts.collected),
    String(r.counts.problems),
    String(r.counts.solved),
    String(r.counts.inProgress),
    String(r.counts.open),
    String(r.counts.overdue),
  ]);
}
const breakdownHeader = ['收集事项', '形成问题', '已解决', '在办', '待派单', '逾期'];

/** 月报 as a .docx, from a report made in Chinese: the figures, the three rates, charts, overdue problems, the problem list and the cases. */
export async function monthlyReportDocx(r: MonthlyReport): Promise<Buffer> {
  const c = r.counts;
  const title = reportTitle(r);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: 700, lineRule: LineRuleType.EXACT },
      children: [run(title, officialFonts.title, half.二号)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...line, after: 280 },
      children: [
        run(`（统计时段：${chineseDate(r.from)}—${chineseDate(r.to)}）`, officialFonts.subheading, half.三号),
      ],
    }),
    para(
      `现将${r.place.name}${monthTitle(r.month)}群众诉求收集、办理情况报告如下。数据截至${shanghaiTime(r.generatedAt)}。`,
    ),
  ];
  let section = 0;
  let tableNo = 0;
  let figureNo = 0;
  const nextTable = (text: string) => caption(`表${++tableNo}　${text}`);
  const nextFigure = (text: string) => `图${++figureNo}　${text}`;

  children.push(heading(++section, '总体情况'));
  children.push(
    para(
      `本月共收集群众诉求事项${c.collected}件，其中不予受理${c.declined}件；受理后合并形成问题${c.problems}个，` +
        `已解决${c.solved}个，在办${c.inProgress}个，待派单${c.open}个，其中逾期${c.overdue}个。`,
    ),
  );
  children.push(nextTable('主要数据'));
  children.push(
    table(
      ['指标', '数量'],
      [
        ['收集事项（件）', String(c.collected)],
        ['其中：不予受理（件）', String(c.declined)],
        ['形成问题（个）', String(c.problems)],
        ['其中：已解决（个）', String(c.solved)],
        ['在办（个）', String(c.inProgress)],
        ['待派单（个）', String(c.open)],
        ['逾期（个）', String(c.overdue)],
      ],
      [70, 30],
      half.小四,
    ),
  );
  children.push(nextTable('问题和事项按状态统计'));
  const stateRows = Math.max(r.problemsByState.length, r.mattersByState.length);
  children.push(
    table(
      ['问题状态', '问题（个）', '事项状态', '事项（件）'],
      Array.from({ length: stateRows }, (_, i) => {
        const p = r.problemsByState[i];
        const m = r.mattersByState[i];
        return [
          p ? problemStateNames[p.state]['zh-CN'] : '',
          p ? String(p.n) : '',
          m ? matterStateNames[m.state]['zh-CN'] : '',
          m ? String(m.n) : '',
        ];
      }),
      [30, 20, 30, 20],
      half.小四,
    ),
  );

  children.push(heading(++section, '“三率”情况'));
  const rates = r.rates;
  children.push(
    para(
      `本月响应率${percent(rates.response)}，解决率${percent(rates.resolution)}，满意率${percent(rates.satisfaction)}；` +
        `因居民不满意重办${rates.reopens}次。`,
    ),
  );
  children.push(nextTable('“三率”'));
  children.push(
    table(
      ['指标', '计算口径', '分子', '分母', '比率'],
      [
        ['响应率', '受理后24小时内首次接单的问题 ÷ 已满24小时的问题', rates.response],
        ['解决率', '居民确认已解决的事项 ÷ 有反馈的事项', rates.resolution],
        ['满意率', '评价4—5星的事项 ÷ 有评价的事项', rates.satisfaction],
        ['重办率', '重办过的问题 ÷ 办理过的问题', rates.reopenRate],
      ].map(([name, rule, x]) => {
        const v = x as MonthlyReport['rates']['response'];
        return [name as string, rule as string, String(v.numerator), String(v.denominator), percent(v)];
      }),
      [14, 50, 12, 12, 12],
    ),
  );
  children.push(nextTable('各层级按期办结情况'));
  children.push(
    table(
      ['层级', '按期办结（个）', '办结（个）', '按期办结率'],
      r.onTimeByLevel.map((l) => [
        levelNames[l.level]['zh-CN'],
        String(l.onTime.numerator),
        String(l.onTime.denominator),
        percent(l.onTime),
      ]),
      [31, 23, 23, 23],
      half.小四,
    ),
  );

  children.push(heading(++section, '分类和渠道情况'));
  children.push(subheading(1, '按问题类别'));
  if (r.byCategory.length === 0) children.push(para('本月没有收集到事项。'));
  else {
    children.push(nextTable('按问题类别统计'));
    children.push(
      table(['类别', ...breakdownHeader], breakdownRows(r.byCategory), [22, 13, 13, 13, 13, 13, 13]),
    );
    const name = nextFigure('各类别事项和问题办理情况');
    children.push(await figure(problemsBarOption(r.byCategory, name, chartWords), name));
  }
  children.push(subheading(2, '按反映渠道'));
  if (r.byChannel.length === 0) children.push(para('本月没有收集到事项。'));
  else {
    children.push(nextTable('按反映渠道统计'));
    children.push(
      table(['渠道', ...breakdownHeader], breakdownRows(r.byChannel), [22, 13, 13, 13, 13, 13, 13]),
    );
    const name = nextFigure('各渠道收集事项');
    children.push(await figure(channelPieOption(r.byChannel, name), name, 320));
  }

  if (r.byCommunity) {
    children.push(heading(++section, '各社区情况'));
    children.push(nextTable('各社区主要数据'));
    children.push(
      table(
        ['社区', '收集事项', '形成问题', '已解决', '在办', '逾期', '响应率', '解决率', '满意率'],
        r.byCommunity.map((row) => [
          row.label,
          String(row.counts.collected),
          String(row.counts.problems),
          String(row.counts.solved),
          String(row.counts.inProgress),
          String(row.counts.overdue),
          percent(row.rates.response),
          percent(row.rates.resolution),
          percent(row.rates.satisfaction),
        ]),
        [20, 10, 10, 10, 10, 10, 10, 10, 10],
      ),
    );
    const name = nextFigure('各社区事项和问题办理情况');
    children.push(await figure(problemsBarOption(r.byCommunity, name, chartWords), name));
  }

  children.push(heading(++section, '逾期问题'));
  const overdue = r.overdue.items;
  if (overdue.length === 0) {
    children.push(para(`截至${shanghaiTime(r.generatedAt)}，没有超过办理时限仍未解决的问题。`));
  } else {
    const perLevel = r.overdue.byLevel
      .filter((l) => l.n > 0)
      .map((l) => `${levelNames[l.level]['zh-CN']}${l.n}个`)
      .join('、');
    children.push(
      para(
        `截至${shanghaiTime(r.generatedAt)}，共有${overdue.length}个问题超过办理时限仍未解决（${perLevel}），` +
          '含以往月份受理的问题，清单如下。',
      ),
    );
    children.push(nextTable('逾期问题'));
    children.push(
      table(
        ['序号', '受理日期', '问题', '地点', '层级', '承办单位', '办理时限', '状态'],
        overdue.map((p, i) => [
          String(i + 1),
          p.receivedOn,
          p.title,
          placeOf(p),
          levelNames[p.level]['zh-CN'],
          p.handler ?? '—',
          dateOf(p.deadlineAt),
          problemStateNames[p.state]['zh-CN'],
        ]),
        [5, 14, 20, 17, 8, 14, 14, 8],
      ),
    );
  }

  children.push(heading(++section, '问题清单'));
  if (r.problems.total === 0) children.push(para('本月没有受理形成问题。'));
  else {
    children.push(para(`本月受理形成问题${r.problems.total}个，清单如下。`));
    children.push(nextTable('问题清单'));
    children.push(
      table(
        ['序号', '受理日期', '问题', '类别', '地点', '层级', '承办单位', '状态'],
        r.problems.items.map((p, i) => [
          String(i + 1),
          p.receivedOn,
          p.title,
          categoryNames[p.category]['zh-CN'],
          placeOf(p),
          levelNames[p.level]['zh-CN'],
          p.handler ?? '—',
          problemStateNames[p.state]['zh-CN'],
        ]),
        [5, 14, 22, 10, 17, 8, 14, 10],
      ),
    );
  }

  children.push(heading(++section, '典型案例'));
  if (r.notable.length === 0) {
    children.push(para('本月没有经协商议事、逐级上报、街道吹哨或在回音壁公开的问题。'));
  }
  r.notable.forEach((n, i) => {
    children.push(subheading(i + 1, `${n.title}（${n.communityName}）`));
    const steps = n.reasons.map((reason) => notableReasonNames[reason]['zh-CN']).join('、');
    const meetings = n.meetings.length > 0 ? `经${n.meetings.join('、')}协商决定；` : '';
    children.push(
      para(
        `本月经历：${steps}。${meetings}目前由${levelNames[n.level]['zh-CN']}层级办理，状态为${problemStateNames[n.state]['zh-CN']}。`,
      ),
    );
    if (n.publicSummary) children.push(para(`回音壁公开内容：${n.publicSummary}`));
  });

  children.push(heading(++section, '统计口径'));
  reportDefinitions['zh-CN'].forEach((d, i) => {
    children.push(para(`${i + 1}. ${d}`));
  });

  children.push(...signature(r.place.name, shanghaiDate(r.generatedAt)));
  return officialDocx(title, children);
}
