import { z } from 'zod';
import { HolidayNotice } from '../../domain/deadlines/calendar.ts';
import { orderStates, problemStates } from '../../domain/matters/states.ts';
import { categories, levels } from '../../domain/matters/vocabulary.ts';

const Id = z.string().min(1).max(64);
const units = ['hours', 'days', 'working_days'] as const;

export const EscalateInput = z.object({ reason: z.string().trim().min(1, { error: 'required' }).max(500) });

export const WhistleInput = z.object({
  partyIds: z.array(Id).min(1, { error: 'required' }).max(20),
  arriveBy: z.iso.datetime({ offset: true }),
  note: z.string().trim().max(500).optional(),
});

export const Summons = z.object({
  id: z.string(),
  partyId: z.string(),
  partyName: z.string(),
  orderId: z.string(),
  orderState: z.enum(orderStates),
  reportedInAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  canReportIn: z.boolean(),
});

export const Whistle = z.object({
  id: z.string(),
  blownAt: z.string(),
  blownByName: z.string().nullable(),
  arriveBy: z.string(),
  note: z.string().nullable(),
  summons: z.array(Summons),
});

/** A problem's place on the ladder: level, deadline, where it would climb, the whistles blown on it. */
export const LadderView = z.object({
  level: z.enum(levels),
  deadlineAt: z.string().nullable(),
  deadlineProvisional: z.boolean(),
  deadlineRule: z.object({ amount: z.number().int(), unit: z.enum(units) }).nullable(),
  next: z.object({ level: z.enum(levels), handlerName: z.string().nullable() }).nullable(),
  canEscalate: z.boolean(),
  canWhistle: z.boolean(),
  whistles: z.array(Whistle),
});
export type LadderView = z.infer<typeof LadderView>;

export const OverdueQuery = z.object({
  level: z.enum(levels).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type OverdueQuery = z.infer<typeof OverdueQuery>;

export const OverdueRow = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(categories),
  state: z.enum(problemStates),
  level: z.enum(levels),
  placeName: z.string(),
  deadlineAt: z.string(),
  deadlineProvisional: z.boolean(),
});
export const OverduePage = z.object({
  counts: z.object(
    Object.fromEntries(levels.map((l) => [l, z.number().int()])) as Record<
      (typeof levels)[number],
      z.ZodNumber
    >,
  ),
  items: z.array(OverdueRow),
  total: z.number().int(),
});

export const DeadlineRuleInput = z.object({
  communityId: Id,
  level: z.enum(levels),
  category: z.enum(categories).nullable(),
  amount: z.int().min(1).max(10_000),
  unit: z.enum(units),
  warnMinutes: z
    .int()
    .min(0)
    .max(60 * 24 * 60),
});
export type DeadlineRuleInput = z.infer<typeof DeadlineRuleInput>;

export const DeadlineRuleView = DeadlineRuleInput.extend({
  id: z.string(),
  communityName: z.string(),
  updatedAt: z.string(),
});
export const DeadlineRuleList = z.object({
  communities: z.array(z.object({ id: z.string(), name: z.string() })),
  defaults: z.array(
    z.object({
      level: z.enum(levels),
      amount: z.number().int(),
      unit: z.enum(units),
      warnMinutes: z.number().int(),
    }),
  ),
  rules: z.array(DeadlineRuleView),
});

export const NoticeInput = HolidayNotice;
export const NoticeView = z.object({
  year: z.number().int(),
  source: z.string(),
  holidays: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  workingWeekendDays: z.array(z.string()),
  loadedAt: z.string().nullable(),
  shipped: z.boolean(),
});
export const NoticeList = z.object({
  notices: z.array(NoticeView),
  /** This year and the next, where no notice is loaded: deadlines reaching into them are provisional. */
  missingYears: z.array(z.number().int()),
  canLoad: z.boolean(),
});
export const NoticeLoaded = z.object({ year: z.number().int(), recomputed: z.number().int() });
