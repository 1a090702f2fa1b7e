import type { Insertable } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { AuditChanges } from '../../src/domain/audit/chain.ts';
import { personal } from '../../src/domain/audit/chain.ts';
import { priorityOf } from '../../src/domain/matters/priority.ts';
import type { Category, Channel, Level } from '../../src/domain/matters/vocabulary.ts';
import type { CityRows } from './city.ts';
import { declineReasons, matterText, publicReplies, reportTexts } from './matter-text.ts';
import { Random } from './prng.ts';

// The matters of the generated city and their histories, one community at a time, told the way the
// services leave them: submitted (online by residents with accounts, or taken in by staff from the other
// channels), accepted into problems or declined, problems dispatched to a party, taken, reported,
// resolved, answered by their submitters, closed — each step at its time over the two years before NOW,
// so the recent ones are still open. Pure: it yields rows; matters-writer.ts writes them.

/** The generated city's present: matters are spread over the two years before it. */
export const NOW = '2026-11-01T00:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const DAY = 86_400_000;
const SPAN_DAYS = 730;
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

const iso = (ms: number) => new Date(ms).toISOString();
const days = (r: Random, min: number, max: number) => (min + (max - min) * r.next()) * DAY;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const byte = (r: Random) => HEX[r.uint32() & 0xff]!;

/** A UUIDv7 stamped with the record's own time, its random bits from the seed. */
function idAt(r: Random, ms: number): string {
  const time = Math.floor(ms).toString(16).padStart(12, '0');
  const variant = HEX[0x80 | (r.uint32() & 0x3f)]!;
  return `${time.slice(0, 8)}-${time.slice(8)}-7${byte(r).slice(1)}${byte(r)}-${variant}${byte(r)}-${byte(r)}${byte(r)}${byte(r)}${byte(r)}${byte(r)}${byte(r)}`;
}

const channels: readonly (readonly [Channel, number])[] = [
  ['online', 45],
  ['wechat', 18],
  ['phone', 12],
  ['visit', 10],
  ['meeting', 7],
  ['hotline_12345', 8],
];

/** Small things at the compound, bigger ones at the community; a few climb to a joint meeting or the street. */
function levelOf(r: Random, category: Category): Level {
  if (r.chance(0.03)) return 'street';
  if (r.chance(0.08)) return 'joint_meeting';
  return ['property_service', 'environment', 'pets', 'fire_safety'].includes(category)
    ? 'compound'
    : 'community';
}

type Party = { id: string; kind: string; name: string; placeId: string };
type Household = { id: string; path: string; segments: string[]; personId: string; phone: string | null };
type OpenProblem = {
  row: Insertable<DB['problems']>;
  createdMs: number;
  dispatchMs: number;
  takenMs: number;
  resolvedMs: number;
  reopenMs: number | null;
  partyIds: string[];
  matters: { row: Insertable<DB['matters']>; acceptMs: number }[];
};

export class MatterGenerator {
  private readonly root: Random;
  private readonly topParties: Party[] = [];
  private householdsSeen = 0;
  private mattersMade = 0;
  private community = 0;
  private hotlineNo = 0;

  constructor(
    seed: number,
    private readonly totalMatters: number,
    private readonly totalHouseholds: number,
  ) {
    this.root = new Random(seed).fork('matters');
  }

  /** The matters of a chunk of the city just generated; the first chunk (city, districts, streets) has none. */
  next(chunk: CityRows): MatterRows {
    const out = emptyMatterRows();
    const community = chunk.places.find((p) => p.kind === 'community');
    if (!community) {
      for (const p of chunk.parties)
        this.topParties.push({ id: p.id, kind: p.kind, name: p.name, placeId: p.place_id! });
      return out;
    }
    this.householdsSeen += chunk.households.length;
    // Matters in proportion to households, adding up to exactly the total asked for.
    const due =
      Math.round((this.totalMatters * this.householdsSeen) / this.totalHouseholds) - this.mattersMade;
    this.mattersMade += due;
    const r = this.root.fork(`community-${this.community++}`);
    new CommunityMatters(r, chunk, community.id, this.topParties, out, () => ++this.hotlineNo).make(due);
    return out;
  }
}

class CommunityMatters {
  private readonly households: Household[] = [];
  private readonly names = new Map<string, string>();
  private readonly parties = new Map<string, Party[]>();
  private readonly users = new Map<string, string>();
  private readonly open = new Map<string, OpenProblem>();
  private readonly problems: OpenProblem[] = [];

  constructor(
    private readonly r: Random,
    chunk: CityRows,
    private readonly communityId: string,
    topParties: Party[],
    private readonly out: MatterRows,
    private readonly hotlineNo: () => number,
  ) {
    for (const p of chunk.places) this.names.set(p.id, p.name);
    for (const p of [
      ...topParties,
      ...chunk.parties.map((q) => ({ id: q.id, kind: q.kind, name: q.name, placeId: q.place_id! })),
    ])
      this.parties.set(p.placeId, [...(this.parties.get(p.placeId) ?? []), p]);
    const phones = new Map(chunk.people.map((p) => [p.id, p.phone ?? null]));
    const owners = new Map<string, string>();
    for (const o of chunk.ownerships)
      if (o.person_id && !owners.has(o.household_id)) owners.set(o.household_id, o.person_id);
    for (const p of chunk.places) {
      const personId = owners.get(p.id);
      if (p.kind !== 'household' || !personId) continue;
      this.households.push({
        id: p.id,
        path: p.path,
        segments: p.path.split('/').filter(Boolean),
        personId,
        phone: phones.get(personId) ?? null,
      });
    }
  }

  make(count: number) {
    if (this.households.length === 0) return;
    const times = Array.from({ length: count }, () => NOW_MS - this.r.next() * SPAN_DAYS * DAY).sort(
      (a, b) => a - b,
    );
    for (const ms of times) this.matter(ms);
    for (const problem of this.problems) this.finish(problem);
  }

  private partyAt(placeId: string, kinds: string[]) {
    return (this.parties.get(placeId) ?? []).find((p) => kinds.includes(p.kind));
  }

  /** The party a problem of this category goes to: the property company for the compound's own matters,
   *  a district department for renovation and housing, the police for parking, the community otherwise. */
  private leadFor(category: Category, h: Household): Party | undefined {
    const [, district, street, community, compound] = h.segments as [string, string, string, string, string];
    const department = (name: string) =>
      (this.parties.get(district) ?? []).find((p) => p.name.includes(name));
    const byCategory: Partial<Record<Category, () => Party | undefined>> = {
      property_service: () => this.partyAt(compound, ['property_company', 'owners_committee']),
      environment: () => this.partyAt(compound, ['property_company']) ?? department('城市管理'),
      pets: () => this.partyAt(compound, ['property_company']),
      fire_safety: () => this.partyAt(compound, ['property_company']),
      old_compound_renovation: () => department('住房和城乡建设'),
      housing: () => department('住房和城乡建设'),
      elderly_children: () => department('民政'),
      health: () => department('卫生健康'),
      traffic_parking: () => this.partyAt(street, ['police_station']),
    };
    return byCategory[category]?.() ?? this.partyAt(community, ['party_organisation']);
  }

  private userOf(h: Household, ms: number): string {
    const known = this.users.get(h.personId);
    if (known) return known;
    const createdMs = ms - days(this.r, 1, 60);
    const id = idAt(this.r, createdMs);
    const created = iso(createdMs);
    this.users.set(h.personId, id);
    this.out.users.push({
      id,
      person_id: h.personId,
      phone: h.phone,
      kind: 'resident',
      password_hash: null,
      status: 'active',
      created_at: created,
      password_changed_at: null,
    });
    this.out.household_links.push({
      id: idAt(this.r, createdMs),
      user_id: id,
      household_id: h.id,
      status: 'confirmed',
      via: 'household_code',
      decided_by: null,
      created_at: created,
      decided_at: created,
    });
    return id;
  }

  private event(
    problemId: string,
    ms: number,
    kind: string,
    data: Record<string, unknown>,
    text: string | null = null,
    visibility: 'public' | 'staff' = 'staff',
  ) {
    this.out.problem_events.push({
      id: idAt(this.r, ms),
      problem_id: problemId,
      at: iso(ms),
      actor_id: null,
      kind,
      visibility,
      text,
      data: JSON.stringify(data),
    });
  }

  private matter(ms: number) {
    const r = this.r;
    const h = r.pick(this.households);
    const [, , , community, compound, building, entrance] = h.segments as string[];
    const said = matterText(r, this.names.get(compound!) ?? '', this.names.get(building!) ?? '');
    const placeId = r.weighted([
      [h.id, 75],
      [entrance!, 10],
      [building!, 10],
      [compound!, 5],
    ] as const);
    const placePath = `/${h.segments.slice(0, h.segments.indexOf(placeId) + 1).join('/')}/`;
    let channel = r.weighted(channels);
    if (channel === 'online' && !h.phone) channel = 'visit';
    const userId = channel === 'online' || this.users.has(h.personId) ? this.userOf(h, ms) : null;
    const id = idAt(r, ms);
    const at = iso(ms);
    const row: Insertable<DB['matters']> = {
      id,
      problem_id: null,
      kind: said.kind,
      title: said.title,
      text: said.text,
      category: said.category,
      community_id: community!,
      place_id: placeId,
      place_path: placePath,
      channel,
      hotline_no: channel === 'hotline_12345' ? `YC${String(this.hotlineNo()).padStart(10, '0')}` : null,
      submitter_user_id: userId,
      submitter_person_id: h.personId,
      recorded_by: null,
      hide_name: r.chance(0.1) ? 1 : 0,
      state: 'submitted',
      decline_reason: null,
      feedback_solved: null,
      rating: null,
      feedback_comment: null,
      feedback_at: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    };
    this.out.matters.push(row);
    this.out.audit.push({
      at,
      action: channel === 'online' ? 'matter.submit' : 'matter.intake',
      entityType: 'matter',
      entityId: id,
      changes: {
        state: { to: 'submitted' },
        category: { to: said.category },
        text: { to: personal(said.text) },
      },
    });
    const acceptMs = ms + days(r, 0.05, 2);
    if (acceptMs > NOW_MS) return;
    row.updated_at = iso(acceptMs);
    if (r.chance(0.05)) {
      row.state = 'declined';
      row.decline_reason = r.pick(declineReasons);
      return;
    }
    row.state = 'accepted';
    const key = `${compound}|${said.category}`;
    const joinable = this.open.get(key);
    if (
      joinable &&
      joinable.resolvedMs > acceptMs &&
      acceptMs - joinable.createdMs < 60 * DAY &&
      r.chance(0.5)
    ) {
      row.problem_id = joinable.row.id;
      joinable.matters.push({ row, acceptMs });
      this.event(joinable.row.id, acceptMs, 'joined', { matterId: id });
      return;
    }
    const problem = this.newProblem(row, acceptMs, said.title ?? said.text.slice(0, 20), h);
    row.problem_id = problem.row.id;
    problem.matters.push({ row, acceptMs });
    this.open.set(key, problem);
    this.problems.push(problem);
  }

  private newProblem(
    matter: Insertable<DB['matters']>,
    ms: number,
    title: string,
    h: Household,
  ): OpenProblem {
    const r = this.r;
    const urgency = r.weighted([
      [1, 5],
      [2, 3],
      [3, 1],
    ] as const);
    const severity = r.weighted([
      [1, 5],
      [2, 3],
      [3, 1],
    ] as const);
    const priority = priorityOf(urgency, severity).score;
    const level = levelOf(r, matter.category as Category);
    const id = idAt(r, ms);
    const dispatchMs = ms + days(r, 0.1, 3);
    const takenMs = dispatchMs + days(r, 0.05, 2);
    // A few problems wait on money or another department for longer than the years kept.
    const resolvedMs = r.chance(0.03) ? Number.POSITIVE_INFINITY : takenMs + days(r, 1, 8 + 6 * severity);
    const reopenMs = Number.isFinite(resolvedMs) && r.chance(0.06) ? resolvedMs + days(r, 1, 5) : null;
    const lead = this.leadFor(matter.category as Category, h);
    const assist = r.chance(0.2)
      ? this.partyAt(this.communityId, ['co_building_unit', 'social_organisation'])
      : undefined;
    const row: Insertable<DB['problems']> = {
      id,
      community_id: matter.community_id,
      place_id: matter.place_id,
      place_path: matter.place_path,
      category: matter.category,
      title: title.slice(0, 200),
      state: 'open',
      level,
      urgency,
      severity,
      priority,
      deadline_at: iso(ms + (priority >= 6 ? 3 : priority >= 3 ? 7 : 15) * DAY),
      reopen_count: 0,
      first_taken_at: null,
      resolved_at: null,
      closed_at: null,
      public_summary: null,
      published_at: null,
      created_at: iso(ms),
      updated_at: iso(ms),
    };
    this.out.problems.push(row);
    this.event(id, ms, 'created', { matterId: matter.id, priority, level });
    return {
      row,
      createdMs: ms,
      dispatchMs,
      takenMs,
      resolvedMs: reopenMs ? reopenMs + days(r, 2, 10) : resolvedMs,
      reopenMs,
      partyIds: [lead?.id, assist?.id].filter((p): p is string => Boolean(p)),
      matters: [],
    };
  }

  /** Takes a problem as far along as NOW allows: orders, timeline, and each submitter's answer. */
  private finish(p: OpenProblem) {
    const r = this.r;
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
      this.out.orders.push(order);
      return order;
    });
    this.event(id, p.dispatchMs, 'dispatched', { orderIds: orders.map((o) => o.id) });
    if (p.takenMs > NOW_MS) return;
    for (const o of orders) Object.assign(o, { state: 'taken', taken_at: iso(p.takenMs) });
    p.row.first_taken_at = iso(p.takenMs);
    touch(p.takenMs, 'in_progress');
    for (const o of orders) this.event(id, p.takenMs, 'taken', { orderId: o.id });
    const firstResolved = p.reopenMs ? p.reopenMs - days(r, 1, 2) : p.resolvedMs;
    if (firstResolved > NOW_MS) return;
    const report = r.pick(reportTexts);
    for (const o of orders)
      Object.assign(o, { state: 'reported', reported_at: iso(firstResolved), report_text: report });
    for (const o of orders)
      this.event(id, firstResolved, 'reported', { orderId: o.id, role: o.role }, report);
    const reply = r.pick(publicReplies);
    this.event(id, firstResolved, 'resolved', {}, reply, 'public');
    this.event(id, firstResolved, 'reply', {}, reply, 'public');
    touch(firstResolved, 'resolved');
    p.row.resolved_at = iso(firstResolved);
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
      this.event(id, p.reopenMs, 'feedback', { matterId: first.row.id, solved: false, rating: 2 });
      this.event(id, p.reopenMs, 'reopened', { reopenCount: 1 });
      p.row.reopen_count = 1;
      touch(p.reopenMs, 'in_progress');
      p.row.resolved_at = null;
      if (p.resolvedMs > NOW_MS) return;
      this.event(id, p.resolvedMs, 'resolved', {}, null, 'public');
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
        this.event(id, answerMs, 'feedback', { matterId: row.id, solved: true, rating });
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
    this.event(id, settledMs, 'closed', {}, null, 'public');
  }
}
