import { z } from 'zod';
import { categories, levels } from '../../domain/matters/vocabulary.ts';

const Id = z.string().min(1).max(64);

/** The handler a rule proposes: a party 单位 or one staff member, never both. */
const Handler = z.object({ partyId: Id.optional(), userId: Id.optional() });

export const DispatchRuleInput = Handler.extend({
  communityId: Id,
  category: z.enum(categories),
  /** A compound, building or entrance of the community; none covers the whole community. */
  placeId: Id.optional(),
  level: z.enum(levels),
});
export type DispatchRuleInput = z.infer<typeof DispatchRuleInput>;

export const DispatchRuleChange = Handler.extend({ level: z.enum(levels) });
export type DispatchRuleChange = z.infer<typeof DispatchRuleChange>;

export const DispatchRuleQuery = z.object({
  communityId: Id.optional(),
  category: z.enum(categories).optional(),
  partyId: Id.optional(),
  level: z.enum(levels).optional(),
  sort: z.enum(['category', 'place', 'created']).default('category'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DispatchRuleQuery = z.infer<typeof DispatchRuleQuery>;

export const DispatchRuleView = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  category: z.enum(categories),
  placeId: z.string().nullable(),
  placeName: z.string().nullable(),
  partyId: z.string().nullable(),
  partyName: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  level: z.enum(levels),
  createdAt: z.string(),
});
export type DispatchRuleView = z.infer<typeof DispatchRuleView>;

export const DispatchRulePage = z.object({ items: z.array(DispatchRuleView), total: z.number().int() });
