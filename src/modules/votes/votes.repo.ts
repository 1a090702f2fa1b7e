import { sql } from 'kysely';
import { pathBelow } from '../../db/fragments.ts';
import { prepared } from '../../db/prepared.ts';
import type { PlaceKind } from '../../db/schema.ts';
import type { VoteParticipationsTable, VoteQuestionsTable } from '../../db/schema-votes.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import { inBatches } from '../places/places.repo.ts';

export type QuestionRow = VoteQuestionsTable & { place_name: string; place_kind: PlaceKind };

// Named, not `*`: a prepared query's columns stay what they were when a connection first ran it.
const questionColumns = [
  'id',
  'community_id',
  'place_id',
  'place_path',
  'asked',
  'title',
  'body',
  'options',
  'rule',
  'secret',
  'opens_at',
  'closes_at',
  'state',
  'electorate_heads',
  'electorate_area_centi_m2',
  'created_by',
  'created_at',
  'closed_at',
  'closed_by',
  'closed_early',
  'result',
  'result_digest',
] as const satisfies readonly (keyof VoteQuestionsTable)[];

const participationColumns = [
  'id',
  'question_id',
  'voter_key',
  'household_id',
  'channel',
  'user_id',
  'recorded_by',
  'proxy_name',
  'proxy_authority',
  'evidence_id',
  'round_id',
  'choice',
  'changes',
  'cast_at',
  'updated_at',
] as const satisfies readonly (keyof VoteParticipationsTable)[];

const questionQuery = (db: Db | Trx, id: string) =>
  db
    .selectFrom('vote_questions')
    .innerJoin('places', 'places.id', 'vote_questions.place_id')
    .select(questionColumns.map((c) => `vote_questions.${c}` as const))
    .select(['places.name as place_name', 'places.kind as place_kind'])
    .where('vote_questions.id', '=', id);

// Every answer reads its question and its voter's participation: built and compiled once (src/db/prepared.ts).
const questionById = prepared((db: Db, id: string) => questionQuery(db, id));

export async function findQuestion(db: Db | Trx, id: string): Promise<QuestionRow | undefined> {
  return (await questionById(db, id))[0];
}

/**
 * The question as it is now, locked for the rest of the transaction: PostgreSQL's row lock, in the same
 * statement as the read; SQLite's one writer already excludes every other change.
 */
export function lockedQuestion(db: Trx, dialect: 'sqlite' | 'postgres', id: string) {
  const query = questionQuery(db, id);
  return (dialect === 'postgres' ? query.forUpdate('vote_questions') : query).executeTakeFirst();
}

export type HouseholdUnit = {
  id: string;
  path: string;
  area: number;
  ownerIds: string[];
  developer: boolean;
};

/** The households at or below a place, or the listed ones, with their owners as the register has them. */
export async function householdUnits(
  db: Db | Trx,
  asked: { placePath: string } | { householdIds: string[] },
): Promise<HouseholdUnit[]> {
  let query = db
    .selectFrom('households')
    .innerJoin('places', 'places.id', 'households.place_id')
    .select(['households.place_id as id', 'places.path', 'households.area_centi_m2 as area']);
  if ('placePath' in asked) {
    const placePath = asked.placePath;
    query = query.where(({ ref }) => pathBelow(ref('places.path'), placePath));
  } else query = query.where('households.place_id', 'in', asked.householdIds);
  const rows = await query.orderBy('places.path').execute();
  const owners = new Map<string, { ids: string[]; developer: boolean }>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1_000) {
    const owned = await db
      .selectFrom('ownerships')
      .leftJoin('parties', 'parties.id', 'ownerships.party_id')
      .select(['ownerships.household_id', 'ownerships.person_id', 'ownerships.party_id', 'parties.kind'])
      .where('ownerships.household_id', 'in', ids.slice(i, i + 1_000))
      .execute();
    for (const o of owned) {
      const entry = owners.get(o.household_id) ?? { ids: [], developer: true };
      const ownerId = o.person_id ?? o.party_id;
      if (ownerId) entry.ids.push(ownerId);
      if (o.kind !== 'developer') entry.developer = false;
      owners.set(o.household_id, entry);
    }
  }
  return rows.map((r) => {
    const o = owners.get(r.id);
    return {
      id: r.id,
      path: r.path,
      area: Number(r.area),
      ownerIds: o?.ids ?? [],
      developer: o?.developer ?? false,
    };
  });
}

export type NewVoter = { voter_key: string; area_centi_m2: number; label: string };
export type NewVoterHousehold = {
  household_id: string;
  voter_key: string;
  area_centi_m2: number;
  label: string;
};

export async function insertQuestion(
  db: Trx,
  question: VoteQuestionsTable,
  voters: NewVoter[],
  households: NewVoterHousehold[],
  optionKeys: string[],
) {
  await db.insertInto('vote_questions').values(question).execute();
  await inBatches(voters, (batch) =>
    db
      .insertInto('vote_voters')
      .values(batch.map((v) => ({ ...v, question_id: question.id })))
      .execute(),
  );
  await inBatches(households, (batch) =>
    db
      .insertInto('vote_voter_households')
      .values(batch.map((h) => ({ ...h, question_id: question.id })))
      .execute(),
  );
  await db
    .insertInto('vote_counts')
    .values(
      optionKeys.map((option_key) => ({ question_id: question.id, option_key, heads: 0, area_centi_m2: 0 })),
    )
    .execute();
}

export type OptionCount = { option_key: string; heads: number; area: number };

export async function optionCounts(db: Db | Trx, questionId: string): Promise<OptionCount[]> {
  const rows = await db
    .selectFrom('vote_counts')
    .select(['option_key', 'heads', 'area_centi_m2'])
    .where('question_id', '=', questionId)
    .execute();
  return rows.map((r) => ({
    option_key: r.option_key,
    heads: Number(r.heads),
    area: Number(r.area_centi_m2),
  }));
}

/** Participation totals per question, for a page of questions. */
export async function answeredTotals(db: Db | Trx, questionIds: string[]) {
  if (questionIds.length === 0) return new Map<string, { heads: number; area: number }>();
  const rows = await db
    .selectFrom('vote_counts')
    .select(['question_id'])
    .select((eb) => [
      eb.fn.sum<string | number>('heads').as('heads'),
      eb.fn.sum<string | number>('area_centi_m2').as('area'),
    ])
    .where('question_id', 'in', questionIds)
    .groupBy('question_id')
    .execute();
  return new Map(rows.map((r) => [r.question_id, { heads: Number(r.heads), area: Number(r.area) }]));
}

/**
 * Adds to (or, with a negative sign, takes from) options' counters: no voter, no time, no new row. Every
 * counter of the question is written, those not chosen with 0, so not even PostgreSQL's row versions
 * (xmin) show which option a ballot's transaction changed.
 */
export async function addToCounts(
  db: Trx,
  questionId: string,
  deltas: readonly { option: string; heads: number; area: number }[],
) {
  const when = (pick: (d: { heads: number; area: number }) => number) =>
    sql`case ${sql.join(
      deltas.map((d) => sql`when option_key = ${d.option} then cast(${pick(d)} as bigint)`),
      sql` `,
    )} else 0 end`;
  await sql`update vote_counts set heads = heads + ${when((d) => d.heads)}, area_centi_m2 = area_centi_m2 + ${when((d) => d.area)} where question_id = ${questionId}`.execute(
    db,
  );
}

/** The open ballots recounted from the voters' answers, independently of the counters. */
export async function recountOpenBallots(db: Db | Trx, questionId: string): Promise<OptionCount[]> {
  const rows = await db
    .selectFrom('vote_participations as p')
    .innerJoin('vote_voters as v', (j) =>
      j.onRef('v.question_id', '=', 'p.question_id').onRef('v.voter_key', '=', 'p.voter_key'),
    )
    .select(['p.choice'])
    .select((eb) => [
      eb.fn.countAll<string | number>().as('heads'),
      eb.fn.sum<string | number>('v.area_centi_m2').as('area'),
    ])
    .where('p.question_id', '=', questionId)
    .groupBy('p.choice')
    .execute();
  return rows.map((r) => ({ option_key: r.choice ?? '', heads: Number(r.heads), area: Number(r.area) }));
}

export function voterOfHousehold(db: Db | Trx, questionId: string, householdId: string) {
  return db
    .selectFrom('vote_voter_households as h')
    .innerJoin('vote_voters as v', (j) =>
      j.onRef('v.question_id', '=', 'h.question_id').onRef('v.voter_key', '=', 'h.voter_key'),
    )
    .select(['v.voter_key', 'v.area_centi_m2', 'v.label', 'h.household_id'])
    .where('h.question_id', '=', questionId)
    .where('h.household_id', '=', householdId)
    .executeTakeFirst();
}

export function householdsAsked(db: Db | Trx, questionId: string, householdIds: string[]) {
  return db
    .selectFrom('vote_voter_households as h')
    .innerJoin('places', 'places.id', 'h.household_id')
    .innerJoin('vote_voters as v', (j) =>
      j.onRef('v.question_id', '=', 'h.question_id').onRef('v.voter_key', '=', 'h.voter_key'),
    )
    .select(['h.household_id', 'h.voter_key', 'v.area_centi_m2', 'v.label', 'places.path'])
    .where('h.question_id', '=', questionId)
    .where('h.household_id', 'in', householdIds)
    .execute();
}

const participationRows = prepared((db: Db, questionId: string, voterKey: string) =>
  db
    .selectFrom('vote_participations')
    .select(participationColumns)
    .where('question_id', '=', questionId)
    .where('voter_key', '=', voterKey),
);

export async function participationOf(db: Db | Trx, questionId: string, voterKey: string) {
  return (await participationRows(db, questionId, voterKey))[0];
}

export function participationsOf(db: Db | Trx, questionId: string, voterKeys: string[]) {
  return db
    .selectFrom('vote_participations')
    .select('voter_key')
    .where('question_id', '=', questionId)
    .where('voter_key', 'in', voterKeys)
    .execute();
}

/** Inserts unless the voter already took part; the unique index decides a race. Returns whether it did. */
export async function insertParticipation(db: Trx, row: VoteParticipationsTable): Promise<boolean> {
  const result = await db
    .insertInto('vote_participations')
    .values(row)
    .onConflict((oc) => oc.columns(['question_id', 'voter_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function changeChoice(
  db: Trx,
  id: string,
  choice: string,
  now: string,
  meta: Partial<VoteParticipationsTable>,
) {
  await db
    .updateTable('vote_participations')
    .set((eb) => ({ ...meta, choice, updated_at: now, changes: eb('changes', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The same answer given again (on a visit, with new evidence): the answer stands, its record is the newest. */
export async function confirmChoice(
  db: Trx,
  id: string,
  now: string,
  meta: Partial<VoteParticipationsTable>,
) {
  await db
    .updateTable('vote_participations')
    .set({ ...meta, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The evidence's photos are attachments that name it; its own `photo` column is no longer written. */
export async function insertEvidence(db: Trx, row: { id: string; question_id: string; note: string }) {
  await db.insertInto('vote_evidence').values(row).execute();
}

export async function insertRound(
  db: Trx,
  row: {
    id: string;
    question_id: string;
    recorded_by: string;
    evidence_id: string;
    totals: string;
    heads: number;
    recorded_at: string;
  },
) {
  await db.insertInto('vote_rounds').values(row).execute();
}

export function householdsOfQuestion(db: Db | Trx, questionId: string) {
  return db
    .selectFrom('vote_voter_households')
    .select(['household_id', 'area_centi_m2', 'label'])
    .where('question_id', '=', questionId)
    .orderBy('label')
    .execute();
}

export function findCostPlan(db: Db | Trx, questionId: string) {
  return db
    .selectFrom('vote_cost_plans')
    .selectAll()
    .where('question_id', '=', questionId)
    .executeTakeFirst();
}

export async function closeQuestion(
  db: Trx,
  id: string,
  values: {
    closed_at: string;
    closed_by: string;
    closed_early: number;
    result: string;
    result_digest: string;
  },
) {
  const done = await db
    .updateTable('vote_questions')
    .set({ ...values, state: 'closed' })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** The communities on a path, nearest last. */
export function communityOn(db: Db | Trx, path: string) {
  const ids = path.split('/').filter(Boolean);
  return db
    .selectFrom('places')
    .select(['id', 'path', 'kind', 'name'])
    .where('id', 'in', ids)
    .where('kind', '=', 'community')
    .executeTakeFirst();
}

export function placeById(db: Db | Trx, id: string) {
  return db
    .selectFrom('places')
    .select(['id', 'path', 'kind', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Residents confirmed as members of the households a question asks: who should hear of it. */
export async function residentsAsked(db: Db | Trx, questionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('vote_voter_households as h')
    .innerJoin('household_links as l', 'l.household_id', 'h.household_id')
    .select('l.user_id')
    .distinct()
    .where('h.question_id', '=', questionId)
    .where('l.status', '=', 'confirmed')
    .orderBy('l.user_id')
    .execute();
  return rows.map((r) => r.user_id);
}
