import type { CSSProperties, ReactNode } from 'react';
import { chineseDate } from '../../../domain/reports/month.ts';
import type { MonthlyReport } from '../../../modules/reports/reports.schemas.ts';
import { EChart } from '../../shared/EChart.tsx';

// The parts the report page is set in: its fonts (those of the .docx where the machine has them), ruled
// tables with their captions, charts, indented paragraphs, and Beijing dates.

type Rate = MonthlyReport['rates']['response'];
export const percent = (r: Rate) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

export function beijing(iso: string, withTime: boolean, language: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const date = language === 'en' ? day : chineseDate(day);
  return withTime ? `${date} ${parts.hour}:${parts.minute}` : date;
}

export const fonts = {
  body: '"仿宋_GB2312", FangSong, "仿宋", STFangsong, "Noto Serif CJK SC", serif',
  title: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "黑体", SimHei, "Noto Sans CJK SC", sans-serif',
  heading: '"黑体", SimHei, "Noto Sans CJK SC", sans-serif',
  subheading: '"楷体_GB2312", KaiTi, "楷体", STKaiti, "Noto Serif CJK SC", serif',
};
const cellStyle: CSSProperties = { border: '1px solid #000', padding: '2px 6px', verticalAlign: 'middle' };
const numeric = /^[\d.%—/\s-]+$/;

export function ReportTable({
  caption,
  header,
  rows,
}: {
  caption: string;
  header: string[];
  rows: string[][];
}) {
  return (
    <table
      style={{
        width: '100%',
        borderCollapse: 'collapse',
        margin: '8px 0 16px',
        fontSize: 14,
        lineHeight: 1.5,
      }}
    >
      <caption style={{ fontFamily: fonts.heading, captionSide: 'top', color: '#000', padding: 4 }}>
        {caption}
      </caption>
      <thead>
        <tr>
          {header.map((h) => (
            <th key={h} scope="col" style={{ ...cellStyle, fontFamily: fonts.heading, fontWeight: 'normal' }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          // Every row differs from the others (a number, a name or a state leads it): its text is its key.
          <tr key={row.join('\u0001')}>
            {row.map((cell, j) => (
              <td
                key={header[j]}
                style={{
                  ...cellStyle,
                  textAlign: numeric.test(cell) ? 'center' : 'left',
                  // Dates, numbers and states stay on one line; titles and places wrap.
                  whiteSpace: cell.length <= 10 ? 'nowrap' : 'normal',
                }}
              >
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Chart({ option, label, height = 360 }: { option: object; label: string; height?: number }) {
  return (
    <figure role="img" aria-label={label} style={{ margin: '8px 0 16px' }}>
      <EChart option={option} opts={{ renderer: 'svg' }} style={{ height }} notMerge />
    </figure>
  );
}

export const P = ({ children }: { children: ReactNode }) => (
  <p style={{ textIndent: '2em', margin: 0 }}>{children}</p>
);
