import { z } from 'zod';
import { CostPart } from '../../domain/cost-sharing/plan.ts';
import { levels } from '../../domain/matters/vocabulary.ts';
import {
  actionStatuses,
  agendaStates,
  decisionMethods,
  meetingKinds,
  meetingStates,
  recurrences,
  replies,
  speechKinds,
} from '../../domain/meetings/vocabulary.ts';
import { roles } from '../access/roles.ts';

const Id = z.string().min(1).max(64);
const Text = (max: number) => z.string().trim().min(1, { error: 'required' }).max(max);
const Instant = z.iso.datetime({ offset: true });
const Day = z.iso.date();

export const IdParams = z.object({ id: Id });
export const ItemParams = z.object({ id: Id, itemId: Id });

// Convene 召集
export const InviteesInput = z.object({
  partyIds: z.array(Id).max(50).default([]),
  /** Everyone holding the role at the meeting's place, above it or below it (e.g. the grid workers). */
  roles: z.array(z.enum(roles)).max(20).default([]),
  userIds: z.array(Id).max(100).default([]),
});
export type InviteesInput = z.infer<typeof InviteesInput>;

export const ConveneInput = z.object({
  kind: z.enum(meetingKinds),
  title: Text(200),
  placeId: Id,
  startsAt: Instant,
  endsAt: Instant,
  venue: Text(200),
  recurrence: z.enum(recurrences).default('none'),
  convenerPartyId: Id.optional(),
  invite: InviteesInput.default({ partyIds: [], roles: [], userIds: [] }),
  problemIds: z.array(Id).max(50).default([]),
  topics: z.array(Text(300)).max(30).default([]),
  /** The procedure rules for this meeting; the community's template when left out. */
  procedureRules: z.string().trim().max(10_000).optional(),
});
export type ConveneInput = z.infer<typeof ConveneInput>;

export const ReplyInput = z
  .object({
    reply: z.enum(['coming', 'not_coming', 'delegate']),
    delegateName: z.string().trim().max(50).optional(),
    /** Which invitation, when one may answer for several (own, and a party's). */
    invitationId: Id.optional(),
  })
  .refine((r) => r.reply !== 'delegate' || Boolean(r.delegateName), {
    path: ['delegateName'],
    error: 'required',
  });
export type ReplyInput = z.infer<typeof ReplyInput>;

export const AgendaInput = z
  .object({ problemId: Id.optional(), topic: z.string().trim().max(300).optional() })
  .refine((a) => Boolean(a.problemId) || Boolean(a.topic), { path: ['topic'], error: 'required' });
export type AgendaInput = z.infer<typeof AgendaInput>;

export const ProcedureQuery = z.object({ placeId: Id });
export const ProcedureInput = z.object({ placeId: Id, text: Text(10_000) });
export const ProcedureRules = z.object({ placeId: Id, text: z.string(), own: z.boolean() });

// Record 记录
export const AttendeeInput = z
  .object({
    userId: Id.optional(),
    name: z.string().trim().max(50).optional(),
    partyId: Id.optional(),
    capacity: z.string().trim().max(50).optional(),
  })
  .refine((a) => Boolean(a.userId) || Boolean(a.name), { path: ['name'], error: 'required' });
export type AttendeeInput = z.infer<typeof AttendeeInput>;

export const SpeechInput = z.object({
  kind: z.enum(speechKinds).default('speech'),
  agendaItemId: Id.optional(),
  speakerName: Text(50),
  partyId: Id.optional(),
  capacity: z.string().trim().max(50).optional(),
  text: Text(5_000),
});
export type SpeechInput = z.infer<typeof SpeechInput>;

export const DecisionInput = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('deferred'), decision: z.string().trim().max(2_000).optional() }),
  z.object({
    outcome: z.literal('decided'),
    method: z.enum(decisionMethods),
    votesFor: z.int().min(0).max(100_000).optional(),
    votesAgainst: z.int().min(0).max(100_000).optional(),
    votesAbstain: z.int().min(0).max(100_000).optional(),
    decision: Text(2_000),
  }),
]);
export type DecisionInput = z.infer<typeof DecisionInput>;

// Resolve 实施方案
export const ActionItemInput = z
  .object({
    agendaItemId: Id,
    title: Text(300),
    partyId: Id.optional(),
    userId: Id.optional(),
    dueOn: Day,
  })
  .refine((a) => Boolean(a.partyId) !== Boolean(a.userId), { path: ['partyId'], error: 'required' });
export type ActionItemInput = z.infer<typeof ActionItemInput>;

export const ProgressInput = z.object({
  status: z.enum(actionStatuses),
  evidence: z.string().trim().max(2_000).optional(),
});
export type ProgressInput = z.infer<typeof ProgressInput>;

/** A payer: a party 单位, or a household 户 (for equal per household or by floor area). */
export const PayerKey = z.string().regex(/^(party|household):[^:]{1,64}$/);
export const CostPlanInput = z.object({
  agendaItemId: Id,
  title: Text(200),
  totalFen: z.int().min(0).max(1_000_000_000_000),
  payers: z.array(PayerKey).min(1).max(2_000),
  /** Parts name payers by their keys; none means no rule was agreed (Civil Code art. 283: floor area). */
  parts: z.array(CostPart).max(50),
});
export type CostPlanInput = z.infer<typeof CostPlanInput>;

export const SummaryInput = z.object({
  summary: z.string().trim().max(20_000).optional(),
  publicSummary: z.string().trim().max(5_000).optional(),
  published: z.boolean(),
});
export type SummaryInput = z.infer<typeof SummaryInput>;

// Views
export const MeetingQuery = z.object({
  kind: z.enum(meetingKinds).optional(),
  state: z.enum(meetingStates).optional(),
  problemId: Id.optional(),
  sort: z.enum(['starts_desc', 'starts_asc']).default('starts_desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type MeetingQuery = z.infer<typeof MeetingQuery>;

const MeetingBase = {
  id: z.string(),
  kind: z.enum(meetingKinds),
  title: z.string(),
  placeName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string(),
  state: z.enum(meetingStates),
  recurrence: z.enum(recurrences),
};
export const MeetingRow = z.object({
  ...MeetingBase,
  agendaItems: z.number().int(),
  openActionItems: z.number().int(),
  published: z.boolean(),
});
export const MeetingPage = z.object({ items: z.array(MeetingRow), total: z.number().int() });

export const Invitation = z.object({
  id: z.string(),
  partyId: z.string().nullable(),
  partyName: z.string().nullable(),
  userId: z.string().nullable(),
  name: z.string().nullable(),
  viaRole: z.string().nullable(),
  sector: z.string().nullable(),
  reply: z.enum(replies),
  delegateName: z.string().nullable(),
  repliedAt: z.string().nullable(),
  mine: z.boolean(),
});

export const AgendaItem = z.object({
  id: z.string(),
  position: z.number().int(),
  problemId: z.string().nullable(),
  problemTitle: z.string().nullable(),
  problemState: z.string().nullable(),
  topic: z.string(),
  carriedOver: z.boolean(),
  state: z.enum(agendaStates),
  method: z.enum(decisionMethods).nullable(),
  votesFor: z.number().int().nullable(),
  votesAgainst: z.number().int().nullable(),
  votesAbstain: z.number().int().nullable(),
  present: z.number().int().nullable(),
  adopted: z.boolean().nullable(),
  decision: z.string().nullable(),
});

export const Attendee = z.object({
  id: z.string(),
  name: z.string(),
  partyName: z.string().nullable(),
  capacity: z.string().nullable(),
});

export const Speech = z.object({
  id: z.string(),
  kind: z.enum(speechKinds),
  agendaItemId: z.string().nullable(),
  speakerName: z.string(),
  partyName: z.string().nullable(),
  capacity: z.string().nullable(),
  text: z.string(),
  at: z.string(),
});

export const ActionItem = z.object({
  id: z.string(),
  agendaItemId: z.string(),
  problemId: z.string().nullable(),
  title: z.string(),
  partyId: z.string().nullable(),
  responsible: z.string(),
  dueOn: z.string(),
  status: z.enum(actionStatuses),
  evidence: z.string().nullable(),
  level: z.enum(levels),
  overdue: z.boolean(),
  canUpdate: z.boolean(),
});

export const CostShareView = z.object({
  id: z.string(),
  label: z.string(),
  amountFen: z.number().int(),
  cashFen: z.number().int(),
  inKindFen: z.number().int(),
  inKind: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  canConfirm: z.boolean(),
});

export const CostPlanView = z.object({
  id: z.string(),
  agendaItemId: z.string(),
  title: z.string(),
  totalFen: z.number().int(),
  cashToShareFen: z.number().int(),
  /** The rule the parts followed and how the odd fen were placed, in words. */
  rules: z.array(z.string()),
  shares: z.array(CostShareView),
});

export const MeetingDetail = z.object({
  ...MeetingBase,
  placeId: z.string(),
  convenerName: z.string().nullable(),
  convenerPartyName: z.string().nullable(),
  procedureRules: z.string(),
  summary: z.string().nullable(),
  publicSummary: z.string().nullable(),
  publishedAt: z.string().nullable(),
  previousId: z.string().nullable(),
  invitations: z.array(Invitation),
  agenda: z.array(AgendaItem),
  attendees: z.array(Attendee),
  speeches: z.array(Speech),
  actionItems: z.array(ActionItem),
  costPlans: z.array(CostPlanView),
  may: z.object({ manage: z.boolean(), record: z.boolean() }),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const InviteeOptions = z.object({
  parties: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  people: z.array(
    z.object({ userId: z.string(), name: z.string(), role: z.string(), sector: z.string().nullable() }),
  ),
  households: z.array(z.object({ id: z.string(), label: z.string(), areaCentiM2: z.number().int() })),
});

export const PublicOutcomes = z.object({
  items: z.array(
    z.object({
      meetingId: z.string(),
      kind: z.enum(meetingKinds),
      title: z.string(),
      startsAt: z.string(),
      publicSummary: z.string(),
      decisions: z.array(
        z.object({
          topic: z.string(),
          state: z.enum(agendaStates),
          method: z.enum(decisionMethods).nullable(),
          votesFor: z.number().int().nullable(),
          votesAgainst: z.number().int().nullable(),
          votesAbstain: z.number().int().nullable(),
          adopted: z.boolean().nullable(),
          decision: z.string().nullable(),
        }),
      ),
      actionItems: z.array(
        z.object({
          title: z.string(),
          responsibleParty: z.string().nullable(),
          dueOn: z.string(),
          status: z.enum(actionStatuses),
        }),
      ),
    }),
  ),
});
