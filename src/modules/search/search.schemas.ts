import { z } from 'zod';
import { categories } from '../../domain/matters/vocabulary.ts';

const Id = z.string().min(1).max(64);
const Query = z.string().trim().min(1, { error: 'required' }).max(100);
const Paging = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const WorkbenchSearchQuery = z.object({
  q: Query,
  type: z.enum(['matter', 'problem']).optional(),
  ...Paging,
});
export type WorkbenchSearchQuery = z.infer<typeof WorkbenchSearchQuery>;

export const WorkbenchHit = z.object({
  type: z.enum(['matter', 'problem']),
  id: z.string(),
  /** The problem to open: the problem itself, or the one the matter joined (null while in the inbox). */
  problemId: z.string().nullable(),
  title: z.string(),
  /** The normalised text around the first word found. */
  snippet: z.string(),
  category: z.enum(categories),
  state: z.string(),
  placeName: z.string(),
  createdAt: z.string(),
});
export const WorkbenchSearchPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(WorkbenchHit),
});
export type WorkbenchSearchPage = z.infer<typeof WorkbenchSearchPage>;

export const PublicSearchQuery = z.object({
  q: Query,
  /** Only problems of this community (or any place: its problems and those below it). */
  placeId: Id.optional(),
  ...Paging,
});
export type PublicSearchQuery = z.infer<typeof PublicSearchQuery>;

export const PublicHit = z.object({
  problemId: z.string(),
  summary: z.string(),
  category: z.enum(categories),
  state: z.string(),
  /** Compound (or community) of the problem: never a building's door or a household. */
  placeName: z.string(),
  voices: z.number().int(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const PublicSearchPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(PublicHit),
});
export type PublicSearchPage = z.infer<typeof PublicSearchPage>;
