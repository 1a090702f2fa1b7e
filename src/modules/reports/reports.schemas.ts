import { z } from 'zod';
import { matterStates, problemStates } from '../../domain/matters/states.ts';
import { categories, levels } from '../../domain/matters/vocabulary.ts';
import { MONTH_SHAPE } from '../../domain/reports/month.ts';
import { notableReasons } from '../../domain/reports/notable.ts';
import { Counts, Rate, Rates } from '../figures/figures.schemas.ts';

// The monthly report 月报 of a community or street, shared with the web app. It holds no personal data:
// no resident's name, phone or door number; handlers are parties, or a staff member's family name only.

export const MonthlyQuery = z.object({
  placeId: z.string().min(1).max(64),
  /** YYYY-MM, a month of the Beijing calendar */
  month: z.string().regex(MONTH_SHAPE),
});
export type MonthlyQuery = z.infer<typeof MonthlyQuery>;

/** A breakdown row: the figures' own counts and rates for one category, channel or community. */
const BreakdownRow = z.object({ key: z.string(), label: z.string(), counts: Counts, rates: Rates });
export type BreakdownRow = z.infer<typeof BreakdownRow>;

const ProblemRow = z.object({
  id: z.string(),
  /** the local day the problem was opened 受理 */
  receivedOn: z.string(),
  title: z.string(),
  category: z.enum(categories),
  communityName: z.string(),
  /** compound and building, never the door */
  placeLabel: z.string(),
  level: z.enum(levels),
  state: z.enum(problemStates),
  /** the party holding the lead order, or the family name of the person; null before dispatch */
  handler: z.string().nullable(),
  /** how many residents' matters the problem holds */
  voices: z.number(),
  deadlineAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type ProblemRow = z.infer<typeof ProblemRow>;

export const MonthlyReport = z.object({
  place: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['street', 'community']),
    /** the street of a community, the district of a street */
    parentName: z.string().nullable(),
  }),
  month: z.string(),
  /** the month's local days, inclusive */
  from: z.string(),
  to: z.string(),
  /** states, rates and what is overdue are read at this instant */
  generatedAt: z.string(),
  /** the figures of the month (problems and matters received in it), as /api/public/figures gives them */
  counts: Counts,
  rates: Rates,
  onTimeByLevel: z.array(z.object({ level: z.enum(levels), onTime: Rate })),
  problemsByState: z.array(z.object({ state: z.enum(problemStates), n: z.number() })),
  mattersByState: z.array(z.object({ state: z.enum(matterStates), n: z.number() })),
  byCategory: z.array(BreakdownRow),
  byChannel: z.array(BreakdownRow),
  /** a street's communities, each with its figures; null for a community */
  byCommunity: z.array(BreakdownRow.extend({ placeId: z.string().nullable() })).nullable(),
  /** running problems past their deadline at `generatedAt`, received by the month's end (earlier ones too) */
  overdue: z.object({
    byLevel: z.array(z.object({ level: z.enum(levels), n: z.number() })),
    items: z.array(ProblemRow),
  }),
  /** 问题清单: the problems received in the month, oldest first */
  problems: z.object({ total: z.number(), items: z.array(ProblemRow) }),
  notable: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      communityName: z.string(),
      state: z.enum(problemStates),
      level: z.enum(levels),
      reasons: z.array(z.enum(notableReasons)),
      /** the published, redacted public summary; null when not on the echo wall */
      publicSummary: z.string().nullable(),
      /** the meetings that decided on it this month, by title */
      meetings: z.array(z.string()),
    }),
  ),
});
export type MonthlyReport = z.infer<typeof MonthlyReport>;

export const ReportPlaces = z.object({
  places: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['street', 'community']),
      parentName: z.string().nullable(),
    }),
  ),
});
export type ReportPlaces = z.infer<typeof ReportPlaces>;
