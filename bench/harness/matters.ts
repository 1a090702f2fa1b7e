import type { Insertable } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { personal } from '../../src/domain/audit/chain.ts';
import { priorityOf } from '../../src/domain/matters/priority.ts';
import type { Category, Channel, Level } from '../../src/domain/matters/vocabulary.ts';
import type { CityRows } from './city.ts';
import {
  type AuditIntent,
  DAY,
  days,
  emptyMatterRows,
  event,
  finishProblem,
  idAt,
  iso,
  type MatterRows,
  NOW,
  NOW_MS,
  type OpenProblem,
  SPAN_DAYS,
} from './matter-history.ts';
import { declineReasons, matterText } from './matter-text.ts';
import { Random } from './prng.ts';

// The matters of the generated city and their histories, one community at a time, told the way the
// services leave them: submitted (online by residents with accounts, or taken in by staff from the other
// channels), accepted into problems or declined, problems dispatched to a party, taken, reported,
// resolved, answered by their submitters, closed — each step at its time over the two years before NOW,
// so the recent ones are still open. Pure: it yields rows; matters-writer.ts writes them.

export { type AuditIntent, emptyMatterRows, type MatterRows, NOW };

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
    for (const problem of this.problems) finishProblem(this.r, this.out, problem);
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
      event(this.r, this.out, joinable.row.id, acceptMs, 'joined', { matterId: id });
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
    event(this.r, this.out, id, ms, 'created', { matterId: matter.id, priority, level });
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
}
