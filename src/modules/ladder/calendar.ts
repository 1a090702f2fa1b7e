import notice2026 from '../../../resources/cn-public-holidays-2026.json' with { type: 'json' };
import type { Db, Trx } from '../../db/transaction.ts';
import {
  buildWorkingCalendar,
  HolidayNotice,
  type WorkingCalendar,
} from '../../domain/deadlines/calendar.ts';

/** The notices the project ships (resources/), copied from the State Council's text, never typed from memory. */
export const shippedNotices: HolidayNotice[] = [HolidayNotice.parse(notice2026)];

export type LoadedNotice = HolidayNotice & { loadedAt: string | null; shipped: boolean };

/** Every notice in force: those admins loaded, and the shipped ones for years nobody loaded. */
export async function noticesInForce(db: Db | Trx): Promise<LoadedNotice[]> {
  const rows = await db.selectFrom('holiday_notices').selectAll().orderBy('year').execute();
  const loaded: LoadedNotice[] = rows.map((r) => ({
    ...HolidayNotice.parse(JSON.parse(r.notice)),
    loadedAt: r.loaded_at,
    shipped: false,
  }));
  const years = new Set(loaded.map((n) => n.year));
  const shipped = shippedNotices
    .filter((n) => !years.has(n.year))
    .map((n) => ({ ...n, loadedAt: null, shipped: true }));
  return [...loaded, ...shipped].sort((a, b) => a.year - b.year);
}

export async function workingCalendar(db: Db | Trx): Promise<WorkingCalendar> {
  const notices = await noticesInForce(db);
  return buildWorkingCalendar(notices.map(({ loadedAt: _l, shipped: _s, ...notice }) => notice));
}
