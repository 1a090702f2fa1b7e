import { z } from 'zod';
import { VoteRule } from '../../domain/votes/rules.ts';
import { PhotoIds, PhotoRef } from '../attachments/attachments.schemas.ts';

const Id = z.string().min(1, { error: 'required' }).max(64);
const Text = (max: number) => z.string().trim().min(1, { error: 'required' }).max(max);
const Instant = z.iso.datetime({ offset: true });

export const VoteOption = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,31}$/, { error: 'required' }),
  label: Text(60),
});
export type VoteOption = z.infer<typeof VoteOption>;

/** Whom a question asks: everyone at a building, entrance or compound, or a chosen list of households. */
export const AskedInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('place'), placeId: Id }),
  z.object({ kind: z.literal('households'), householdIds: z.array(Id).min(1).max(5_000) }),
]);
export type AskedInput = z.infer<typeof AskedInput>;

export const QuestionCreate = z
  .object({
    title: Text(120),
    body: Text(4_000),
    asked: AskedInput,
    rule: VoteRule,
    /** Defaults to agree / disagree / abstain (同意 / 不同意 / 弃权). */
    options: z.array(VoteOption).min(2).max(10).optional(),
    secret: z.boolean(),
    opensAt: Instant.optional(),
    closesAt: Instant,
  })
  .refine((q) => !q.options || new Set(q.options.map((o) => o.key)).size === q.options.length, {
    message: 'options need different keys',
    path: ['options'],
  });
export type QuestionCreate = z.infer<typeof QuestionCreate>;

export const QuestionListQuery = z.object({
  state: z.enum(['upcoming', 'open', 'ended', 'closed']).optional(),
  title: z.string().trim().max(100).optional(),
  sort: z.enum(['closesAt', 'createdAt', 'title']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type QuestionListQuery = z.infer<typeof QuestionListQuery>;

/** upcoming: not yet open; open: taking answers; ended: past its closing time, not yet certified; closed: certified. */
export const QuestionPhase = z.enum(['upcoming', 'open', 'ended', 'closed']);
export type QuestionPhase = z.infer<typeof QuestionPhase>;

export const QuestionSummary = z.object({
  id: z.string(),
  title: z.string(),
  placeName: z.string(),
  rule: VoteRule,
  secret: z.boolean(),
  phase: QuestionPhase,
  opensAt: z.string(),
  closesAt: z.string(),
  createdAt: z.string(),
  electorate: z.object({ heads: z.number().int(), areaCentiM2: z.number().int() }),
  answered: z.object({ heads: z.number().int(), areaCentiM2: z.number().int() }),
});
export type QuestionSummary = z.infer<typeof QuestionSummary>;

export const QuestionPage = z.object({ items: z.array(QuestionSummary), total: z.number().int() });
export type QuestionPage = z.infer<typeof QuestionPage>;

const Count = z.object({ heads: z.number().int(), areaCentiM2: z.number().int() });

const Measure = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  met: z.boolean(),
  needed: z.number().int().nullable(),
  threshold: z.object({
    numerator: z.number().int(),
    denominator: z.number().int(),
    comparison: z.enum(['atLeast', 'moreThan']),
  }),
});

/** The tally against the rule. Option counts of a secret question stay hidden until it is closed. */
export const TallyView = z.object({
  electorate: Count,
  answered: Count,
  /** Null while a secret question is open: a count that moves with each ballot would tell who chose what. */
  options: z
    .array(
      z.object({
        key: z.string(),
        label: z.string(),
        heads: z.number().int(),
        areaCentiM2: z.number().int(),
      }),
    )
    .nullable(),
  participation: z.object({ heads: Measure, area: Measure.nullable() }).nullable(),
  approval: z.object({ heads: Measure, area: Measure.nullable() }).nullable(),
  winner: z.string().nullable(),
  passed: z.boolean().nullable(),
  stillPossible: z.boolean().nullable(),
});
export type TallyView = z.infer<typeof TallyView>;

export const Certificate = z.object({
  closedAt: z.string(),
  closedBy: z.string().nullable(),
  closedEarly: z.boolean(),
  passed: z.boolean(),
  winner: z.string().nullable(),
  /** SHA-256 of the certified result: the same text gives the same digest, any change another. */
  digest: z.string(),
});

export const CostPlanView = z.object({
  totalFen: z.number().int(),
  rule: z.enum(['equal', 'floorArea']),
  shares: z.array(z.object({ householdId: z.string(), label: z.string(), amountFen: z.number().int() })),
});
export type CostPlanView = z.infer<typeof CostPlanView>;

export const QuestionDetail = QuestionSummary.extend({
  body: z.string(),
  options: z.array(VoteOption),
  tally: TallyView,
  certificate: Certificate.nullable(),
  costPlan: CostPlanView.nullable(),
  canManage: z.boolean(),
  canRecord: z.boolean(),
});
export type QuestionDetail = z.infer<typeof QuestionDetail>;

export const VoterListQuery = z.object({
  status: z.enum(['all', 'answered', 'pending']).default('all'),
  label: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type VoterListQuery = z.infer<typeof VoterListQuery>;

export const VoterRow = z.object({
  voterKey: z.string(),
  label: z.string(),
  areaCentiM2: z.number().int(),
  householdIds: z.array(z.string()),
  answered: z.boolean(),
  channel: z.enum(['online', 'visit', 'proxy', 'sealed_box']).nullable(),
  /** Open questions only; always null for a secret one. */
  choice: z.string().nullable(),
  changes: z.number().int(),
  /** The visit note, or the sealed-box round's. */
  evidence: z.string().nullable(),
  /** The evidence's photos (the signed paper ballot, the opened box); fetched where the server checks who may. */
  photos: z.array(PhotoRef),
  proxy: z.object({ name: z.string(), authority: z.string() }).nullable(),
});
export type VoterRow = z.infer<typeof VoterRow>;
export const VoterPage = z.object({ items: z.array(VoterRow), total: z.number().int() });

// Strict: a client still sending the inline `photo` of the first version is told so, not silently ignored.
const Evidence = z.strictObject({
  note: Text(1_000),
  /**
   * Photos of the signed paper ballot or the opened box: the ids POST /api/attachments answered the recorder
   * with (its type judged from the bytes, EXIF and GPS stripped). Only staff who may see the question see them.
   */
  photoIds: PhotoIds,
});

/** An answer a grid worker records on a visit: the household's own, or a proxy's with the authority. */
export const RecordedAnswer = z.object({
  householdId: Id,
  choice: Id,
  evidence: Evidence,
  proxy: z.object({ name: Text(50), authority: Text(200) }).optional(),
});
export type RecordedAnswer = z.infer<typeof RecordedAnswer>;

/** The opened sealed box of a door-to-door round of a secret question: who took part, and the totals. */
export const SealedRound = z.object({
  householdIds: z.array(Id).min(2).max(5_000),
  totals: z.array(
    z.object({ key: Id, heads: z.number().int().min(0), areaCentiM2: z.number().int().min(0).optional() }),
  ),
  evidence: Evidence,
});
export type SealedRound = z.infer<typeof SealedRound>;

export const CostPlanInput = z.object({
  totalFen: z.number().int().min(1).max(10_000_000_000),
  /** equal: the same per household asked; floorArea: by registered area (Civil Code art. 283, the default). */
  rule: z.enum(['equal', 'floorArea']).default('floorArea'),
});
export type CostPlanInput = z.infer<typeof CostPlanInput>;

export const OwnAnswerInput = z.object({
  choice: Id,
  /** Which of the resident's households answers; needed only when they belong to several asked. */
  householdId: Id.optional(),
});
export type OwnAnswerInput = z.infer<typeof OwnAnswerInput>;

/** What a resident's phone gets back. For a secret question `choice` is null: not even the API repeats it. */
export const OwnAnswer = z.object({
  questionId: z.string(),
  voterKey: z.string(),
  choice: z.string().nullable(),
  castAt: z.string(),
});
export type OwnAnswer = z.infer<typeof OwnAnswer>;

export const ResidentQuestion = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  placeName: z.string(),
  rule: VoteRule,
  secret: z.boolean(),
  phase: QuestionPhase,
  opensAt: z.string(),
  closesAt: z.string(),
  options: z.array(VoteOption),
  /** The resident's voice: the household, or under art. 278 the owner, with the area it carries. */
  voter: z.object({ key: z.string(), label: z.string(), areaCentiM2: z.number().int() }),
  answered: z.boolean(),
  /** Open questions only. */
  myChoice: z.string().nullable(),
  tally: TallyView,
  certificate: Certificate.nullable(),
});
export type ResidentQuestion = z.infer<typeof ResidentQuestion>;

export const IdParams = z.object({ id: Id });
