import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { actionStatusNames, meetingKindNames } from '../../domain/meetings/vocabulary.ts';
import type { MeetingDetail } from './meetings.schemas.ts';
import { shanghaiTime } from './when.ts';

// Word and WPS pick the East Asian font by the eastAsia name; naming only an ASCII font renders Chinese
// in a fallback. 宋体 for the body and 黑体 for headings are on every Chinese Windows and in WPS.
const body = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const heading = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' };

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinal = (i: number) => (i < 10 ? numerals[i] : String(i + 1));
const yuan = (fen: number) => (fen / 100).toFixed(2);

function para(text: string, options: { bold?: boolean; indent?: boolean } = {}) {
  return new Paragraph({
    spacing: { after: 120, line: 360 },
    indent: options.indent ? { firstLine: 480 } : undefined,
    children: [new TextRun({ text, bold: options.bold })],
  });
}

function h(text: string, level: 1 | 2) {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, font: heading, bold: true })],
  });
}

function table(header: string[], rows: string[][]) {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((t) => cell(t, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) })),
    ],
  });
}

/** The decision on an item in words, as the minutes state it. */
export function decisionText(item: MeetingDetail['agenda'][number]): string {
  if (item.state === 'deferred') return `暂缓，列入下次会议。${item.decision ?? ''}`;
  if (item.state === 'pending') return '未作决定。';
  const how =
    item.method === 'consensus'
      ? `协商一致（到会 ${item.present} 人）`
      : `表决：到会 ${item.present} 人，赞成 ${item.votesFor} 票，反对 ${item.votesAgainst} 票，弃权 ${item.votesAbstain} 票`;
  return `${how}，${item.adopted ? '通过' : '未通过'}。${item.decision ?? ''}`;
}

/** 会议纪要 as a .docx: what was decided, who does what by when, who pays what, and the rules followed. */
export async function minutesDocx(m: MeetingDetail): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `${m.title}纪要`, font: heading, bold: true, size: 36 })],
    }),
    para(`会议类型：${meetingKindNames[m.kind]['zh-CN']}`),
    para(`时间：${shanghaiTime(m.startsAt)}—${shanghaiTime(m.endsAt).slice(-5)}`),
    para(`地点：${m.venue}（${m.placeName}）`),
    para(`召集人：${[m.convenerName, m.convenerPartyName].filter(Boolean).join('，') || '—'}`),
    para(
      `参会人员：${m.attendees.map((a) => [a.name, a.partyName ?? a.capacity].filter(Boolean).join('（') + ((a.partyName ?? a.capacity) ? '）' : '')).join('、') || '—'}（共 ${m.attendees.length} 人）`,
    ),
    h('议题与决定', 1),
  ];
  m.agenda.forEach((item, i) => {
    children.push(h(`${ordinal(i)}、${item.topic}${item.carriedOver ? '（上次会议转入）' : ''}`, 2));
    for (const s of m.speeches.filter((s) => s.agendaItemId === item.id)) {
      const who =
        [s.speakerName, s.partyName ?? s.capacity].filter(Boolean).join('（') +
        ((s.partyName ?? s.capacity) ? '）' : '');
      children.push(para(`${s.kind === 'proposal' ? '【提议】' : ''}${who}：${s.text}`, { indent: true }));
    }
    children.push(para(`决定：${decisionText(item)}`, { bold: true }));
  });
  const general = m.speeches.filter((s) => s.agendaItemId === null);
  if (general.length > 0) {
    children.push(h('其他发言', 1));
    for (const s of general)
      children.push(
        para(`${s.speakerName}${s.partyName ? `（${s.partyName}）` : ''}：${s.text}`, { indent: true }),
      );
  }
  if (m.actionItems.length > 0) {
    children.push(h('实施方案', 1));
    children.push(
      table(
        ['事项', '责任单位（人）', '完成时限', '状态'],
        m.actionItems.map((a) => [a.title, a.responsible, a.dueOn, actionStatusNames[a.status]['zh-CN']]),
      ),
    );
  }
  for (const plan of m.costPlans) {
    children.push(h(`费用分摊：${plan.title}（总额 ${yuan(plan.totalFen)} 元）`, 1));
    children.push(
      table(
        ['分摊方', '承担金额（元）', '其中现金（元）', '实物', '确认'],
        plan.shares.map((s) => [
          s.label,
          yuan(s.amountFen),
          yuan(s.cashFen),
          s.inKind ?? '—',
          s.confirmedAt ? '已确认' : '待确认',
        ]),
      ),
    );
    for (const rule of plan.rules) children.push(para(rule, { indent: true }));
  }
  if (m.summary) {
    children.push(h('会议小结', 1));
    for (const line of m.summary.split('\n')) children.push(para(line, { indent: true }));
  }
  children.push(h('附：议事规程', 1));
  for (const line of m.procedureRules.split('\n')) children.push(para(line, { indent: true }));

  const document = new Document({
    creator: 'Shangliang 商量',
    title: `${m.title}纪要`,
    styles: {
      default: {
        document: { run: { font: body, size: 24, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
