import { z } from 'zod';
import { periods } from '../../domain/figures/stats.ts';
import { categories, channels, levels } from '../../domain/matters/vocabulary.ts';

// The figures of the echo wall and the workbench, shared with the web app.

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const FiguresQuery = z.object({
  placeId: z.string().optional(),
  category: z.enum(categories).optional(),
  channel: z.enum(channels).optional(),
  from: Day.optional(),
  to: Day.optional(),
  by: z.enum(['category', 'channel', 'period', 'place']).optional(),
  period: z.enum(periods).default('month'),
});
export type FiguresQuery = z.infer<typeof FiguresQuery>;

export const Rate = z.object({ numerator: z.number(), denominator: z.number(), rate: z.number().nullable() });

export const Counts = z.object({
  /** matters 事项 collected */
  collected: z.number(),
  declined: z.number(),
  /** problems 问题 after merging */
  problems: z.number(),
  /** open, not yet dispatched */
  open: z.number(),
  /** dispatched or in progress 在办 */
  inProgress: z.number(),
  /** resolved or closed 已解决 */
  solved: z.number(),
  overdue: z.number(),
});
export type Counts = z.infer<typeof Counts>;

export const Rates = z.object({
  response: Rate,
  resolution: Rate,
  satisfaction: Rate,
  /** 重办: reopens by dissatisfied residents */
  reopens: z.number(),
  /** problems reopened at least once ÷ problems ever resolved */
  reopenRate: Rate,
});
export type Rates = z.infer<typeof Rates>;

const Duration = z.object({
  n: z.number(),
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});

export const FigurePlace = z.object({ id: z.string(), name: z.string(), kind: z.string() });

export const Figures = z.object({
  place: FigurePlace.nullable(),
  counts: Counts,
  rates: Rates,
  onTimeByLevel: z.array(z.object({ level: z.enum(levels), onTime: Rate })),
  durations: z.object({
    /** when the job last computed them; shown "as of hh:mm" */
    asOf: z.string().nullable(),
    firstResponse: Duration,
    resolution: Duration,
  }),
  breakdown: z
    .object({
      by: z.enum(['category', 'channel', 'period', 'place']),
      rows: z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          placeId: z.string().nullable(),
          counts: Counts,
          rates: Rates,
        }),
      ),
    })
    .nullable(),
  /** the place's children a viewer can drill down to */
  children: z.array(FigurePlace),
  computedAt: z.string(),
});
export type Figures = z.infer<typeof Figures>;

export const RankingQuery = z.object({
  placeId: z.string().optional(),
  level: z.enum(['street', 'community']).default('community'),
  from: Day.optional(),
  to: Day.optional(),
});
export type RankingQuery = z.infer<typeof RankingQuery>;

export const Ranking = z.object({
  level: z.enum(['street', 'community']),
  formula: z.object({ 'zh-CN': z.string(), en: z.string() }),
  minMatters: z.number(),
  rows: z.array(
    z.object({
      placeId: z.string(),
      name: z.string(),
      collected: z.number(),
      rates: Rates,
      /** null: fewer matters than minMatters, listed but not ranked */
      score: z.number().nullable(),
      rank: z.number().nullable(),
    }),
  ),
});
export type Ranking = z.infer<typeof Ranking>;

export const HandlersQuery = z.object({
  placeId: z.string().optional(),
  by: z.enum(['party', 'person']).default('party'),
});
export type HandlersQuery = z.infer<typeof HandlersQuery>;

export const Handlers = z.object({
  by: z.enum(['party', 'person']),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** orders reported */
      handled: z.number(),
      /** orders not yet reported */
      open: z.number(),
      /** reported by the problem's deadline, of those with a deadline */
      onTime: Rate,
      /** the average rating residents gave the problems it handled */
      rating: z.number().nullable(),
      ratings: z.number(),
    }),
  ),
});
export type Handlers = z.infer<typeof Handlers>;
