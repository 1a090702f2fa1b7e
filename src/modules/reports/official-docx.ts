import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { chineseOrdinal } from '../../domain/reports/month.ts';
import { chartPng } from './chart-png.ts';

// The building blocks of a Word document in the layout of Chinese official documents (GB/T 9704-2012, 党政
// 机关公文格式, followed where a report has the same parts): A4 with the standard margins, the title in
// 方正小标宋简体 二号, the body in 仿宋_GB2312 三号 at a fixed 28 pt line, first-level headings 一、 in 黑体 and
// second-level （一） in 楷体_GB2312, Arabic page numbers "— 1 —" in 宋体 四号. No red masthead: this is a
// working report, not an issued document. Word and WPS choose the East Asian font by the run's eastAsia
// name; where a machine lacks it, the font table's altName names the standard font to use instead.

export const half = { 二号: 44, 三号: 32, 四号: 28, 小四: 24, 五号: 21 } as const;

type Fonts = { ascii: string; hAnsi: string; eastAsia: string; cs: string };
const fontOf = (eastAsia: string, latin = 'Times New Roman'): Fonts => ({
  ascii: latin,
  hAnsi: latin,
  eastAsia,
  cs: latin,
});
export const officialFonts = {
  title: fontOf('方正小标宋简体'),
  body: fontOf('仿宋_GB2312'),
  heading: fontOf('黑体'),
  subheading: fontOf('楷体_GB2312'),
  pageNumber: fontOf('宋体'),
} as const;

/**
 * The font table: each East Asian font with the font Word and WPS fall back to when it is not installed
 * (方正小标宋简体 → 黑体, as the brief for titles allows; the _GB2312 faces → the faces Windows ships),
 * and GB2312 as its character set (charset 86), so a substitute is at least a Chinese font.
 */
const fontTable = (() => {
  const font = (name: string, altName: string | null, family: string, pitch: string, charset = '86') =>
    `<w:font w:name="${name}">${altName ? `<w:altName w:val="${altName}"/>` : ''}<w:charset w:val="${charset}"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
    font('方正小标宋简体', '黑体', 'script', 'variable'),
    font('仿宋_GB2312', '仿宋', 'modern', 'fixed'),
    font('楷体_GB2312', '楷体', 'modern', 'fixed'),
    font('黑体', 'SimHei', 'modern', 'fixed'),
    font('宋体', 'SimSun', 'auto', 'variable'),
    font('Times New Roman', null, 'roman', 'variable', '00'),
    '</w:fonts>',
  ].join('');
})();

// A4 and the margins of GB/T 9704 §5.2.1: top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm.
const mm = (n: number) => Math.round((n * 1440) / 25.4);
const page = {
  size: { width: mm(210), height: mm(297) },
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(20) },
};
export const line = { line: 560, lineRule: LineRuleType.EXACT } as const;

export function run(text: string, font: Fonts = officialFonts.body, size: number = half.三号, bold = false) {
  return new TextRun({ text, font, size, bold });
}

/** A body paragraph, indented two characters as Chinese prose is. */
export function para(text: string) {
  return new Paragraph({
    spacing: line,
    indent: { firstLineChars: 200, firstLine: 640 },
    children: [run(text)],
  });
}

export function heading(n: number, text: string) {
  return new Paragraph({
    spacing: line,
    keepNext: true,
    indent: { firstLineChars: 200, firstLine: 640 },
    children: [run(`${chineseOrdinal(n)}、${text}`, officialFonts.heading)],
  });
}

export function subheading(n: number, text: string) {
  return new Paragraph({
    spacing: line,
    keepNext: true,
    indent: { firstLineChars: 200, firstLine: 640 },
    children: [run(`（${chineseOrdinal(n)}）${text}`, officialFonts.subheading)],
  });
}

/** 表1 …, centred above its table, in 黑体 小四. */
export function caption(text: string) {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { before: 120, after: 60 },
    children: [run(text, officialFonts.heading, half.小四)],
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};

/**
 * A ruled table: the header in 黑体 repeated on every page, rows that never split across pages, numbers
 * centred. `widths` are percentages of the text width.
 */
export function table(header: string[], rows: string[][], widths: number[], size: number = half.五号) {
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 10, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 30, bottom: 30 },
      children: [
        new Paragraph({
          alignment: head || /^[\d.%—/（）()\s-]+$/.test(text) ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, head ? officialFonts.heading : officialFonts.body, size)],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((t, i) => cell(t, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i, false)) })),
    ],
  });
}

export async function figure(option: Record<string, unknown>, title: string, height = 360) {
  const png = await chartPng(option, { width: 640, height });
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        // 150 mm wide at 96 px an inch: inside the 156 mm text width.
        transformation: { width: 567, height: Math.round((567 * height) / 640) },
        altText: { name: title, title, description: title },
      }),
    ],
  });
}

/** The place and the day at the end, right-aligned, four characters in from the margin, after a blank line. */
export function signature(...lines: string[]) {
  return [
    new Paragraph({ spacing: line, children: [] }),
    ...lines.map(
      (text) =>
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: line,
          indent: { right: 1280 },
          children: [run(text)],
        }),
    ),
  ];
}

/** A4 in the margins of GB/T 9704, the body's fonts as default, page numbers "— 1 —", and the font table. */
export function officialDocx(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const document = new Document({
    creator: 'Shangliang 商量',
    title,
    styles: {
      default: {
        document: {
          run: { font: officialFonts.body, size: half.三号, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
      },
    },
    sections: [
      {
        properties: { page },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    font: officialFonts.pageNumber,
                    size: half.四号,
                    children: ['— ', PageNumber.CURRENT, ' —'],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTable }]);
}
