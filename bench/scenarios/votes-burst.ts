import { uuidv7 } from 'uuidv7';
import { pathBelow } from '../../src/db/fragments.ts';
import { newToken, tokenDigest } from '../../src/modules/auth/tokens.ts';
import { inBatches } from '../../src/modules/places/places.repo.ts';
import type { BenchContext, BenchSession, LoadRequest, Scenario } from '../harness/types.ts';

// 3,000 owners answer a secret art. 278 question at once, over 200 connections: each answers once, 20%
// of them send the same request again with the same Idempotency-Key (the original response comes back),
// 5% try again with a new key (409). It is a burst: every connection sends its own share once (its first
// ballots, then its replays and second attempts) and the load ends when the last answer is in, so the run
// is judged on all 3,000; verify checks that exactly 3,000 were counted, with the ballots per second from
// the first to the last counted ballot.
const OWNERS = 3_000;
const SECOND_ATTEMPTS = OWNERS / 20;
let questionId = '';
let officer: BenchSession;

async function setup(ctx: BenchContext) {
  const { db } = ctx.database;
  officer = (await ctx.sessions('street_officer', 1))[0]!;
  const households = await db
    .selectFrom('households')
    .innerJoin('places', 'places.id', 'households.place_id')
    .select('households.place_id as id')
    .where(({ ref }) => pathBelow(ref('places.path'), ctx.dataset.sample.street.path))
    .orderBy('places.path')
    .limit(Math.round(OWNERS * 1.15))
    .execute();
  const response = await fetch(`${ctx.baseUrl}/api/workbench/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ctx.as(officer) },
    body: JSON.stringify({
      title: '筹集维修资金加装电梯（压测）',
      body: '无记名表决',
      asked: { kind: 'households', householdIds: households.map((h) => h.id) },
      rule: { kind: 'art278Special' },
      secret: true,
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  });
  if (response.status !== 201)
    throw new Error(`votes-burst: asking failed ${response.status} ${await response.text()}`);
  questionId = ((await response.json()) as { id: string }).id;
}

/** One resident with a live session per owner voter (the developer's unsold units excepted). */
async function owners(ctx: BenchContext) {
  const { db } = ctx.database;
  const rows = await db
    .selectFrom('vote_voter_households')
    .select(['voter_key', 'household_id'])
    .where('question_id', '=', questionId)
    .where('voter_key', '!=', 'developer')
    .orderBy('household_id')
    .execute();
  const one = new Map<string, string>();
  for (const r of rows) if (!one.has(r.voter_key)) one.set(r.voter_key, r.household_id);
  const chosen = [...one.values()].slice(0, OWNERS);
  if (chosen.length < OWNERS) throw new Error(`votes-burst: only ${chosen.length} owners asked`);
  const now = new Date().toISOString();
  const out = chosen.map((householdId, i) => ({
    householdId,
    personId: uuidv7(),
    userId: uuidv7(),
    phone: `172${String(i).padStart(8, '0')}`,
    token: newToken(),
    csrf: newToken(),
  }));
  await inBatches(out, (b) =>
    db
      .insertInto('people')
      .values(
        b.map((o) => ({
          id: o.personId,
          name: `业主${o.phone}`,
          phone: o.phone,
          created_at: now,
          erased_at: null,
        })),
      )
      .execute(),
  );
  await inBatches(out, (b) =>
    db
      .insertInto('users')
      .values(
        b.map((o) => ({
          id: o.userId,
          person_id: o.personId,
          phone: o.phone,
          kind: 'resident' as const,
          password_hash: null,
          status: 'active' as const,
          created_at: now,
          password_changed_at: null,
        })),
      )
      .execute(),
  );
  await inBatches(out, (b) =>
    db
      .insertInto('household_links')
      .values(
        b.map((o) => ({
          id: uuidv7(),
          user_id: o.userId,
          household_id: o.householdId,
          status: 'confirmed' as const,
          via: 'staff' as const,
          decided_by: null,
          created_at: now,
          decided_at: now,
        })),
      )
      .execute(),
  );
  // Sessions as the sign-in would leave them (the cookie holds the token, the row its digest): 3,000
  // argon2id sign-ins would take minutes and measure nothing about voting.
  await inBatches(out, (b) =>
    db
      .insertInto('sessions')
      .values(
        b.map((o) => ({
          id: tokenDigest(o.token),
          user_id: o.userId,
          csrf_token: o.csrf,
          created_at: now,
          last_seen_at: now,
        })),
      )
      .execute(),
  );
  return out;
}

async function requests(ctx: BenchContext): Promise<LoadRequest[]> {
  const first: LoadRequest[] = [];
  const again: LoadRequest[] = [];
  (await owners(ctx)).forEach((o, i) => {
    const headers = { cookie: `sl_session=${o.token}`, 'x-csrf-token': o.csrf };
    const answer = (key: string, choice: string): LoadRequest => ({
      method: 'POST',
      path: `/api/votes/${questionId}/answer`,
      headers: { ...headers, 'idempotency-key': key },
      body: { choice },
    });
    const choice = i % 7 === 0 ? 'reject' : i % 11 === 0 ? 'abstain' : 'approve';
    first.push(answer(`burst-${i}`, choice));
    if (i % 5 === 0) again.push(answer(`burst-${i}`, choice));
    if (i % 20 === 1) again.push(answer(`burst-${i}-again`, 'reject'));
  });
  // Originals first, then the replays and second attempts, spread over every connection.
  return [...first, ...again];
}

async function verify(ctx: BenchContext) {
  const { db } = ctx.database;
  const counted = await db
    .selectFrom('vote_counts')
    .select((eb) => eb.fn.sum<string | number>('heads').as('heads'))
    .where('question_id', '=', questionId)
    .executeTakeFirstOrThrow();
  const taking = await db
    .selectFrom('vote_participations')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.min('cast_at').as('first'),
      eb.fn.max('cast_at').as('last'),
    ])
    .where('question_id', '=', questionId)
    .executeTakeFirstOrThrow();
  const seconds = (Date.parse(String(taking.last)) - Date.parse(String(taking.first))) / 1000;
  // The tally read as staff see it, and the time it takes through the API, once the server has answered
  // what the load left in flight (a shed request says so with 503).
  let tally: Response;
  let tallyMs: number;
  for (;;) {
    const started = performance.now();
    tally = await fetch(`${ctx.baseUrl}/api/workbench/votes/${questionId}`, { headers: ctx.as(officer) });
    tallyMs = performance.now() - started;
    if (tally.status !== 503) break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const body = (await tally.json()) as { tally: { answered: { heads: number } } };
  return {
    counted: Number(counted.heads),
    participations: Number(taking.n),
    tallyAnswered: body.tally.answered.heads,
    ballotsPerSecond: seconds > 0 ? Math.round(Number(taking.n) / seconds) : Number(taking.n),
    tallyApiMs: Math.round(tallyMs * 10) / 10,
  };
}

export default {
  name: 'votes-burst',
  description: `${OWNERS.toLocaleString('en')} owners answer a secret art. 278 question over 200 connections; 20% replay their key, 5% try again with a new one (409)`,
  limit: 'commit',
  connections: 200,
  burst: true,
  // The p99 covers first ballots, replays and refusals alike; ballots per second is verify's figure.
  targets: { p99Ms: 100 },
  expectedNon2xx: { '409': SECOND_ATTEMPTS },
  setup,
  requests,
  verify,
} satisfies Scenario;
