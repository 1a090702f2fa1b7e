/** The problems a staff member's daily digest counts, by what needs their attention. */
export type DigestFigures = {
  fresh: { title: string }[];
  overdue: { title: string }[];
  nearDeadline: { title: string }[];
};

/** The digest's inbox text, in Chinese; titles of the most pressing few, then the counts. */
export function digestText(day: string, f: DigestFigures): { title: string; body: string } | null {
  if (f.fresh.length + f.overdue.length + f.nearDeadline.length === 0) return null;
  const title = `${day} 每日摘要：新问题 ${f.fresh.length} 个，已超期 ${f.overdue.length} 个，临近期限 ${f.nearDeadline.length} 个`;
  const lines: string[] = [];
  const list = (label: string, items: { title: string }[]) => {
    if (items.length === 0) return;
    const shown = items.slice(0, 5).map((p) => `· ${p.title}`);
    lines.push(`${label}（${items.length}）`, ...shown);
    if (items.length > 5) lines.push(`· …另有 ${items.length - 5} 个`);
  };
  list('已超期', f.overdue);
  list('临近期限（24小时内）', f.nearDeadline);
  list('新问题（24小时内）', f.fresh);
  return { title, body: lines.join('\n') };
}
