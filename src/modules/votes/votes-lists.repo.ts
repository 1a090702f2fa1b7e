import { containsText, pathInScope } from '../../db/fragments.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import type { Scope } from '../access/policy.ts';
import type { QuestionRow } from './votes.repo.ts';

// The paged, filtered lists of questions and of who was asked.

export type QuestionFilter = {
  scope: Scope | null;
  householdIds?: string[];
  state?: 'upcoming' | 'open' | 'ended' | 'closed';
  title?: string;
  now: string;
  sort: 'closesAt' | 'createdAt' | 'title';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

function filtered(db: Db | Trx, f: QuestionFilter) {
  let q = db.selectFrom('vote_questions').innerJoin('places', 'places.id', 'vote_questions.place_id');
  const scope = f.scope;
  if (scope) q = q.where(({ ref }) => pathInScope(ref('vote_questions.place_path'), scope));
  if (f.householdIds) {
    const ids = f.householdIds.length > 0 ? f.householdIds : [''];
    q = q.where('vote_questions.id', 'in', (eb) =>
      eb.selectFrom('vote_voter_households').select('question_id').where('household_id', 'in', ids),
    );
  }
  if (f.title) {
    const title = f.title;
    q = q.where(({ ref }) => containsText(ref('vote_questions.title'), title));
  }
  if (f.state === 'closed') q = q.where('vote_questions.state', '=', 'closed');
  else if (f.state) {
    q = q.where('vote_questions.state', '=', 'open');
    if (f.state === 'upcoming') q = q.where('vote_questions.opens_at', '>', f.now);
    if (f.state === 'open')
      q = q.where('vote_questions.opens_at', '<=', f.now).where('vote_questions.closes_at', '>', f.now);
    if (f.state === 'ended') q = q.where('vote_questions.closes_at', '<=', f.now);
  }
  return q;
}

const sortColumn = {
  closesAt: 'vote_questions.closes_at',
  createdAt: 'vote_questions.created_at',
  title: 'vote_questions.title',
} as const;

export async function listQuestions(db: Db | Trx, f: QuestionFilter) {
  const items = await filtered(db, f)
    .selectAll('vote_questions')
    .select(['places.name as place_name', 'places.kind as place_kind'])
    .orderBy(sortColumn[f.sort], f.order)
    .orderBy('vote_questions.id', f.order)
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await filtered(db, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: items as QuestionRow[], total: Number(total.n) };
}

export type VoterFilter = {
  status: 'all' | 'answered' | 'pending';
  label?: string;
  limit: number;
  offset: number;
};

function votersFiltered(db: Db | Trx, questionId: string, f: VoterFilter) {
  let q = db
    .selectFrom('vote_voters as v')
    .leftJoin('vote_participations as p', (j) =>
      j.onRef('p.question_id', '=', 'v.question_id').onRef('p.voter_key', '=', 'v.voter_key'),
    )
    .where('v.question_id', '=', questionId);
  if (f.status === 'answered') q = q.where('p.id', 'is not', null);
  if (f.status === 'pending') q = q.where('p.id', 'is', null);
  if (f.label) {
    const label = f.label;
    q = q.where(({ ref }) => containsText(ref('v.label'), label));
  }
  return q;
}

export async function listVoters(db: Db | Trx, questionId: string, f: VoterFilter) {
  const items = await votersFiltered(db, questionId, f)
    .select([
      'v.voter_key',
      'v.label',
      'v.area_centi_m2',
      'p.channel',
      'p.choice',
      'p.changes',
      'p.id as participation_id',
      'p.proxy_name',
      'p.proxy_authority',
      'p.evidence_id',
    ])
    .select((eb) =>
      eb
        .selectFrom('vote_evidence as e')
        .select('e.note')
        .whereRef('e.id', '=', 'p.evidence_id')
        .as('evidence_note'),
    )
    .orderBy('v.label')
    .orderBy('v.voter_key')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await votersFiltered(db, questionId, f)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const keys = items.map((i) => i.voter_key);
  const households =
    keys.length === 0
      ? []
      : await db
          .selectFrom('vote_voter_households')
          .select(['voter_key', 'household_id'])
          .where('question_id', '=', questionId)
          .where('voter_key', 'in', keys)
          .orderBy('household_id')
          .execute();
  return { items, households, total: Number(total.n) };
}
