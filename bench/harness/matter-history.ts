import type { Insertable } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { AuditChanges } from '../../src/domain/audit/chain.ts';
import { publicReplies, reportTexts } from './matter-text.ts';
import type { Random } from './prng.ts';

// A problem's history after its creation — dispatch, take, report, resolution, 重办, each submitter's
// answer, closing — as far as the generated city's present allows, with the rows the services would
// have left: orders, timeline events, matter and problem states. Shared helpers of matters.ts.

/** The generated city's present: matters are spread over the two years before it. */
export const NOW = '2026-11-01T00:00:00.000Z';
export const NOW_MS = Date.parse(NOW);
export const DAY = 86_400_000;
export const SPAN_DAYS = 730;
const AUTOCLOSE_DAYS = 7;

export type AuditIntent = {
  at: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChanges;
};

export type MatterRows = {
  users: Insertable<DB['users']>[];
  household_links: DB['household_links'][];
  problems: Insertable<DB['problems']>[];
  matters: Insertable<DB['matters']>[];
  orders: Insertable<DB['orders']>[];
  problem_events: Insertable<DB['problem_events']>[];
  audit: AuditIntent[];
};

export const emptyMatterRows = (): MatterRows => ({
  users: [],
  household_links: [],
  problems: [],
  matters: [],
  orders: [],
  problem_events: [],
  audit: [],
});

export const iso = (ms: number) => new Date(ms).toISOString();
export const days = (r: Random, min: number, max: number) => (min + (max - min) * r.next()) * DAY;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const byte = (r: Random) => HEX[r.uint32() & 0xff]!;

/** A UUIDv7 stamped with the record's own time, its random bits from the seed. */
export function idAt(r: Random, ms: number): string {
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  const variant = HEX[0x80 | (r.uint32() & 0x3f)]!;
  return `${time.slice(0, 8)}-${time.slice(8)}-7${byte(r).slice(1)}${byte(r)}-${variant}${byte(r)}-${byte(r)}${byte(r)}${byte(r)}${byte(r)}${byte(r)}${byte(r)}`;
}

export type OpenProblem = {
  row: Insertable<DB['problems']>;
  createdMs: number;
  dispatchMs: number;
  takenMs: number;
  resolvedMs: number;
  reopenMs: number | null;
  partyIds: string[];
  matters: { row: Insertable<DB['matters']>; acceptMs: number }[];
};

/** A timeline event as logEvent writes it. */
export function event(
  r: Random,
  out: MatterRows,
  problemId: string,
  ms: number,
  kind: string,
  data: Record<string, unknown>,
  text: string | null = null,
  visibility: 'public' | 'staff' = 'staff',
) {
  out.problem_events.push({
    id: idAt(r, ms),
    problem_id: problemId,
    at: iso(ms),
    actor_id: null,
    kind,
    visibility,
    text,
    data: JSON.stringify(data),
  });
}

/** Takes a problem as far along as NOW allows: orders, timeline, and each submitter's answer. */
export function finishProblem(r: Random, out: MatterRows, p: OpenProblem) {
  const id = p.row.id;
  const touch = (ms: number, state: string) => {
    p.row.state = state;
    p.row.updated_at = iso(ms);
  };
  if (p.dispatchMs > NOW_MS || p.partyIds.length === 0) return;
  touch(p.dispatchMs, 'dispatched');
  const orders = p.partyIds.map((partyId, i) => {
    const order: Insertable<DB['orders']> = {
      id: idAt(r, p.dispatchMs),
      problem_id: id,
      role: i === 0 ? 'lead' : 'assist',
      party_id: partyId,
      assignee_user_id: null,
      state: 'dispatched',
      dispatched_by: null,
      dispatched_at: iso(p.dispatchMs),
      taken_by: null,
      taken_at: null,
      reported_at: null,
      report_text: null,
      transferred_to: null,
      note: null,
    };
    out.orders.push(order);
    return order;
  });
  event(r, out, id, p.dispatchMs, 'dispatched', { orderIds: orders.map((o) => o.id) });
  if (p.takenMs > NOW_MS) return;
  for (const o of orders) Object.assign(o, { state: 'taken', taken_at: iso(p.takenMs) });
  p.row.first_taken_at = iso(p.takenMs);
  touch(p.takenMs, 'in_progress');
  for (const o of orders) event(r, out, id, p.takenMs, 'taken', { orderId: o.id });
  const firstResolved = p.reopenMs ? p.reopenMs - days(r, 1, 2) : p.resolvedMs;
  if (firstResolved > NOW_MS) return;
  const report = r.pick(reportTexts);
  for (const o of orders)
    Object.assign(o, { state: 'reported', reported_at: iso(firstResolved), report_text: report });
  for (const o of orders)
    event(r, out, id, firstResolved, 'reported', { orderId: o.id, role: o.role }, report);
  const reply = r.pick(publicReplies);
  event(r, out, id, firstResolved, 'resolved', {}, reply, 'public');
  event(r, out, id, firstResolved, 'reply', {}, reply, 'public');
  touch(firstResolved, 'resolved');
  p.row.resolved_at = iso(firstResolved);
  // Most resolved problems go on the echo wall: staff publish what was done (the public search reads it).
  if (r.chance(0.7))
    Object.assign(p.row, { public_summary: `${p.row.title}。${report}`, published_at: iso(firstResolved) });
  if (p.reopenMs) {
    if (p.reopenMs > NOW_MS) return;
    const first = p.matters[0]!;
    Object.assign(first.row, {
      state: 'dissatisfied',
      feedback_solved: 0,
      rating: 2,
      feedback_at: iso(p.reopenMs),
      updated_at: iso(p.reopenMs),
    });
    event(r, out, id, p.reopenMs, 'feedback', { matterId: first.row.id, solved: false, rating: 2 });
    event(r, out, id, p.reopenMs, 'reopened', { reopenCount: 1 });
    p.row.reopen_count = 1;
    touch(p.reopenMs, 'in_progress');
    p.row.resolved_at = null;
    if (p.resolvedMs > NOW_MS) return;
    event(r, out, id, p.resolvedMs, 'resolved', {}, null, 'public');
    touch(p.resolvedMs, 'resolved');
    p.row.resolved_at = iso(p.resolvedMs);
  }
  let settledMs = p.resolvedMs;
  let unsettled = 0;
  for (const { row } of p.matters) {
    if (r.chance(0.8)) {
      const answerMs = p.resolvedMs + days(r, 0.2, 6);
      if (answerMs > NOW_MS) {
        unsettled++;
        continue;
      }
      const rating = r.weighted([
        [5, 60],
        [4, 25],
        [3, 10],
        [2, 3],
        [1, 2],
      ] as const);
      Object.assign(row, {
        state: 'confirmed',
        feedback_solved: 1,
        rating,
        feedback_at: iso(answerMs),
        updated_at: iso(answerMs),
      });
      event(r, out, id, answerMs, 'feedback', { matterId: row.id, solved: true, rating });
      settledMs = Math.max(settledMs, answerMs);
    } else {
      const closeMs = p.resolvedMs + (AUTOCLOSE_DAYS + 0.5) * DAY;
      if (closeMs > NOW_MS) {
        unsettled++;
        continue;
      }
      Object.assign(row, { state: 'closed', closed_at: iso(closeMs), updated_at: iso(closeMs) });
      settledMs = Math.max(settledMs, closeMs);
    }
  }
  if (unsettled > 0) return;
  touch(settledMs, 'closed');
  p.row.closed_at = iso(settledMs);
  event(r, out, id, settledMs, 'closed', {}, null, 'public');
}
