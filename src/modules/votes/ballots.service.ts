import { uuidv7 } from 'uuidv7';
import type { VoteChannel, VoteParticipationsTable } from '../../db/schema-votes.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { assertCan, requireActor } from '../access/policy.ts';
import { claimPhotos } from '../attachments/attachments.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { countsArea, optionsOf, phaseOf, ruleOf, tallyView } from './tally-view.ts';
import type { QuestionRow } from './votes.repo.ts';
import * as repo from './votes.repo.ts';
import type {
  OwnAnswer,
  OwnAnswerInput,
  RecordedAnswer,
  ResidentQuestion,
  SealedRound,
} from './votes.schemas.ts';
import { certificateOf, visibleQuestion } from './votes.service.ts';
import * as lists from './votes-lists.repo.ts';

function refuseUnlessOpen(q: QuestionRow, tx: Tx) {
  const phase = phaseOf(q, tx.now);
  if (phase !== 'open')
    throw new AppError('invalid_state', { params: { state: phase }, extra: { state: phase } });
}

/**
 * Takes the question's lock and looks again: a close may have committed since it was first read. SQLite's
 * transaction is the only writer from its first statement on, so what it read is still so.
 */
async function lockOpen(tx: Tx, q: QuestionRow) {
  const now = tx.dialect === 'postgres' ? await repo.lockedQuestion(tx.db, tx.dialect, q.id) : q;
  refuseUnlessOpen(now ?? q, tx);
}

function checkChoice(q: QuestionRow, choice: string) {
  if (!optionsOf(q).some((o) => o.key === choice)) throw fieldError('choice', 'not_found');
}

type Cast = {
  voterKey: string;
  area: number;
  householdId: string;
  choice: string;
  channel: VoteChannel;
  userId: string | null;
  recordedBy: string | null;
  proxy?: { name: string; authority: string };
  evidenceId: string | null;
};

const alreadyAnswered = () => new AppError('conflict', { extra: { reason: 'already_answered' } });

/**
 * Counts one voter's answer. A secret ballot adds to its option's counters and records only that the voter
 * took part; a second one is refused. An open ballot may be changed until the close: the last one counts,
 * and every change is in the audit log. The question's row lock (PostgreSQL) and the unique index on
 * (question, voter) keep one counted answer per voter however many arrive at once.
 */
async function cast(tx: Tx, q: QuestionRow, c: Cast): Promise<OwnAnswer> {
  await lockOpen(tx, q);
  const now = tx.now.toISOString();
  const area = countsArea(ruleOf(q)) ? c.area : 0;
  const existing = await repo.participationOf(tx.db, q.id, c.voterKey);
  const secret = q.secret === 1;
  if (existing && secret) throw alreadyAnswered();
  const meta = {
    channel: c.channel,
    user_id: c.userId,
    recorded_by: c.recordedBy,
    proxy_name: c.proxy?.name ?? null,
    proxy_authority: c.proxy?.authority ?? null,
    evidence_id: c.evidenceId,
  } satisfies Partial<VoteParticipationsTable>;
  if (existing) {
    if (existing.choice !== c.choice) {
      await repo.changeChoice(tx.db, existing.id, c.choice, now, { ...meta, household_id: c.householdId });
      await repo.addToCounts(tx.db, q.id, [
        { option: existing.choice!, heads: -1, area: -area },
        { option: c.choice, heads: 1, area },
      ]);
      await recordAudit(tx, {
        action: 'vote.answer_changed',
        entityType: 'vote_question',
        entityId: q.id,
        changes: {
          voter: { to: c.voterKey },
          choice: { from: existing.choice, to: c.choice },
          channel: { to: c.channel },
        },
      });
    } else if (c.evidenceId) {
      // Confirmed on a visit: nothing to count again, but the newest evidence is the one shown.
      await repo.confirmChoice(tx.db, existing.id, now, { ...meta, household_id: c.householdId });
      await recordAudit(tx, {
        action: 'vote.answer_confirmed',
        entityType: 'vote_question',
        entityId: q.id,
        changes: { voter: { to: c.voterKey }, choice: { to: c.choice }, channel: { to: c.channel } },
      });
    }
    return { questionId: q.id, voterKey: c.voterKey, choice: c.choice, castAt: now };
  }
  const inserted = await repo.insertParticipation(tx.db, {
    id: uuidv7(),
    question_id: q.id,
    voter_key: c.voterKey,
    household_id: c.householdId,
    ...meta,
    round_id: null,
    choice: secret ? null : c.choice,
    changes: 0,
    cast_at: now,
    updated_at: now,
  });
  if (!inserted) throw alreadyAnswered();
  await repo.addToCounts(tx.db, q.id, [{ option: c.choice, heads: 1, area }]);
  await recordAudit(tx, {
    action: secret ? 'vote.took_part' : 'vote.answered',
    entityType: 'vote_question',
    entityId: q.id,
    // A secret ballot's audit entry says who took part and how, never what they chose.
    changes: secret
      ? { voter: { to: c.voterKey }, channel: { to: c.channel } }
      : { voter: { to: c.voterKey }, choice: { to: c.choice }, channel: { to: c.channel } },
  });
  return { questionId: q.id, voterKey: c.voterKey, choice: secret ? null : c.choice, castAt: now };
}

/** The resident's voice in a question: through one of their confirmed households among those asked. */
async function residentVoter(tx: Tx, q: QuestionRow, householdId?: string, toAnswer = true) {
  const actor = requireActor(tx.actor);
  const candidates = householdId ? [householdId] : actor.householdIds;
  const mine = candidates.filter((id) => actor.householdIds.includes(id));
  const asked = mine.length === 0 ? [] : await repo.householdsAsked(tx.db, q.id, mine);
  if (asked.length === 0) throw new AppError('not_found');
  const voters = new Set(asked.map((a) => a.voter_key));
  if (voters.size > 1 && toAnswer)
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'householdId',
          message: { 'zh-CN': '请选择以哪一户作答', en: 'Choose which household answers' },
        },
      ],
    });
  return asked[0]!;
}

export async function answerOwn(tx: Tx, questionId: string, input: OwnAnswerInput): Promise<OwnAnswer> {
  const actor = requireActor(tx.actor);
  const q = await repo.findQuestion(tx.db, questionId);
  if (!q) throw new AppError('not_found');
  const voter = await residentVoter(tx, q, input.householdId);
  refuseUnlessOpen(q, tx);
  checkChoice(q, input.choice);
  return cast(tx, q, {
    voterKey: voter.voter_key,
    area: Number(voter.area_centi_m2),
    householdId: voter.household_id,
    choice: input.choice,
    channel: 'online',
    userId: actor.userId,
    recordedBy: null,
    evidenceId: null,
  });
}

/** The note, and the photos the recorder uploaded beforehand: someone else's upload is refused as not found. */
async function saveEvidence(tx: Tx, questionId: string, evidence: RecordedAnswer['evidence']) {
  const id = uuidv7();
  await repo.insertEvidence(tx.db, { id, question_id: questionId, note: evidence.note });
  await claimPhotos(tx, evidence.photoIds ?? [], { voteEvidenceId: id });
  return id;
}

/** A grid worker records the answer given on a visit, or by a proxy with the proxy's authority. */
export async function recordAnswer(tx: Tx, questionId: string, input: RecordedAnswer): Promise<OwnAnswer> {
  const q = await visibleQuestion(tx, questionId);
  const voter = await repo.voterOfHousehold(tx.db, q.id, input.householdId);
  if (!voter) throw fieldError('householdId', 'not_found');
  const [household] = await repo.householdsAsked(tx.db, q.id, [input.householdId]);
  const actor = assertCan(tx.actor, 'vote.record', { path: household!.path, kind: 'household' });
  refuseUnlessOpen(q, tx);
  // A secret question's paper ballots go into the sealed box and are counted as a round, never one by one.
  if (q.secret === 1)
    throw new AppError('invalid_state', { params: { state: 'secret' }, extra: { state: 'secret' } });
  checkChoice(q, input.choice);
  return cast(tx, q, {
    voterKey: voter.voter_key,
    area: Number(voter.area_centi_m2),
    householdId: input.householdId,
    choice: input.choice,
    channel: input.proxy ? 'proxy' : 'visit',
    userId: null,
    recordedBy: actor.userId,
    proxy: input.proxy,
    evidenceId: await saveEvidence(tx, q.id, input.evidence),
  });
}

/**
 * The opened sealed box of a door-to-door round of a secret question: who took part, and the totals per
 * option. The totals must add up to those who took part (heads, and area where the rule counts it).
 */
export async function recordRound(
  tx: Tx,
  questionId: string,
  input: SealedRound,
): Promise<{ roundId: string; heads: number }> {
  const q = await visibleQuestion(tx, questionId);
  if (q.secret !== 1)
    throw new AppError('invalid_state', {
      params: { state: 'open_ballot' },
      extra: { state: 'open_ballot' },
    });
  const ids = [...new Set(input.householdIds)];
  const asked = await repo.householdsAsked(tx.db, q.id, ids);
  if (asked.length !== ids.length) throw fieldError('householdIds', 'not_found');
  let actorId = '';
  for (const h of asked)
    actorId = assertCan(tx.actor, 'vote.record', { path: h.path, kind: 'household' }).userId;
  refuseUnlessOpen(q, tx);
  await lockOpen(tx, q);
  const voters = new Map<string, { household: string; area: number }>();
  for (const h of asked)
    if (!voters.has(h.voter_key))
      voters.set(h.voter_key, { household: h.household_id, area: Number(h.area_centi_m2) });
  // A box with one voter's ballot in it would tell that voter's choice.
  if (voters.size < 2)
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'householdIds',
          message: {
            'zh-CN': '一轮票箱至少要有两位不同的投票人，否则等于公开了其选择',
            en: 'A sealed box needs ballots of at least two voters, or it would tell a choice',
          },
        },
      ],
    });
  const taken = await repo.participationsOf(tx.db, q.id, [...voters.keys()]);
  if (taken.length > 0)
    throw new AppError('conflict', {
      extra: { reason: 'already_answered', voters: taken.map((t) => t.voter_key) },
    });

  const byArea = countsArea(ruleOf(q));
  const options = optionsOf(q);
  const totals = options.map((o) => {
    const t = input.totals.find((x) => x.key === o.key);
    return { key: o.key, heads: t?.heads ?? 0, areaCentiM2: byArea ? (t?.areaCentiM2 ?? 0) : 0 };
  });
  if (input.totals.some((t) => !options.some((o) => o.key === t.key)))
    throw fieldError('totals', 'not_found');
  const heads = totals.reduce((s, t) => s + t.heads, 0);
  const area = totals.reduce((s, t) => s + t.areaCentiM2, 0);
  const expectedArea = [...voters.values()].reduce((s, v) => s + v.area, 0);
  if (heads !== voters.size || (byArea && area !== expectedArea))
    throw new AppError('validation_failed', {
      fields: [
        {
          field: 'totals',
          message: {
            'zh-CN': `票数须等于参与户数 {heads}${byArea ? '，面积合计须为 {area}' : ''}`,
            en: `The totals must add up to {heads} taking part${byArea ? ' and an area of {area}' : ''}`,
          },
          params: { heads: voters.size, area: (expectedArea / 100).toFixed(2) },
        },
      ],
    });

  const now = tx.now.toISOString();
  const evidenceId = await saveEvidence(tx, q.id, input.evidence);
  const roundId = uuidv7();
  await repo.insertRound(tx.db, {
    id: roundId,
    question_id: q.id,
    recorded_by: actorId,
    evidence_id: evidenceId,
    totals: JSON.stringify(totals),
    heads,
    recorded_at: now,
  });
  for (const [voterKey, v] of voters) {
    const inserted = await repo.insertParticipation(tx.db, {
      id: uuidv7(),
      question_id: q.id,
      voter_key: voterKey,
      household_id: v.household,
      channel: 'sealed_box',
      user_id: null,
      recorded_by: actorId,
      proxy_name: null,
      proxy_authority: null,
      evidence_id: evidenceId,
      round_id: roundId,
      choice: null,
      changes: 0,
      cast_at: now,
      updated_at: now,
    });
    if (!inserted) throw alreadyAnswered();
  }
  await repo.addToCounts(
    tx.db,
    q.id,
    totals.map((t) => ({ option: t.key, heads: t.heads, area: t.areaCentiM2 })),
  );
  await recordAudit(tx, {
    action: 'vote.sealed_round',
    entityType: 'vote_question',
    entityId: q.id,
    changes: {
      round: { to: roundId },
      heads: { to: heads },
      totals: { to: JSON.stringify(totals) },
      voters: { to: [...voters.keys()].join(',') },
    },
  });
  return { roundId, heads };
}

async function residentView(tx: Tx, q: QuestionRow, householdId?: string): Promise<ResidentQuestion> {
  const voter = await residentVoter(tx, q, householdId, false);
  const participation = await repo.participationOf(tx.db, q.id, voter.voter_key);
  return {
    id: q.id,
    title: q.title,
    body: q.body,
    placeName: q.place_name,
    rule: ruleOf(q),
    secret: q.secret === 1,
    phase: phaseOf(q, tx.now),
    opensAt: q.opens_at,
    closesAt: q.closes_at,
    options: optionsOf(q),
    voter: { key: voter.voter_key, label: voter.label, areaCentiM2: Number(voter.area_centi_m2) },
    answered: participation !== undefined,
    myChoice: q.secret === 1 ? null : (participation?.choice ?? null),
    tally: tallyView(q, await repo.optionCounts(tx.db, q.id)),
    certificate: certificateOf(q),
  };
}

export async function ownQuestion(tx: Tx, id: string): Promise<ResidentQuestion> {
  requireActor(tx.actor);
  const q = await repo.findQuestion(tx.db, id);
  if (!q) throw new AppError('not_found');
  return residentView(tx, q);
}

export async function ownQuestions(tx: Tx): Promise<ResidentQuestion[]> {
  const actor = requireActor(tx.actor);
  if (actor.householdIds.length === 0) return [];
  const { items } = await lists.listQuestions(tx.db, {
    scope: null,
    householdIds: actor.householdIds,
    now: tx.now.toISOString(),
    sort: 'closesAt',
    order: 'desc',
    limit: 100,
    offset: 0,
  });
  const out: ResidentQuestion[] = [];
  for (const q of items) out.push(await residentView(tx, q));
  return out;
}
