// Numbers as the echo wall shows them.

export function percent(rate: { rate: number | null }): string {
  return rate.rate === null ? '—' : `${(rate.rate * 100).toFixed(1)}%`;
}

/** 3 h 20 min, 2 d 4 h: durations as people say them. */
export function duration(seconds: number | null, language: string): string {
  if (seconds === null) return '—';
  const zh = language !== 'en';
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.round((seconds % 3600) / 60);
  if (d > 0) return zh ? `${d} 天 ${h} 小时` : `${d} d ${h} h`;
  if (h > 0) return zh ? `${h} 小时 ${m} 分` : `${h} h ${m} min`;
  return zh ? `${m} 分钟` : `${m} min`;
}

/** hh:mm in Beijing time, for "as of". */
export function clock(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  }).format(new Date(iso));
}

/** The local days of "this month / quarter / year", for the period filter. */
export function periodRange(period: 'all' | 'month' | 'quarter' | 'year', now = new Date()) {
  if (period === 'all') return {};
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const startMonth = period === 'month' ? m : period === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : 1;
  return { from: `${y}-${String(startMonth).padStart(2, '0')}-01`, to: today };
}
