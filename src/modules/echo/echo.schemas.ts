import { z } from 'zod';
import { problemStates } from '../../domain/matters/states.ts';
import { categories, channels } from '../../domain/matters/vocabulary.ts';

// The echo wall 回音壁: what the public reads, and what staff publish to it. Every field that leaves the
// server is listed here, so nothing private can ride along.

const Id = z.string().min(1).max(64);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const IdParams = z.object({ id: Id });

/** What a resident filters by: not yet handled, being handled, solved. */
export const wallStates = ['open', 'in_progress', 'solved'] as const;
export type WallState = (typeof wallStates)[number];

export const WallQuery = z.object({
  placeId: Id.optional(),
  category: z.enum(categories).optional(),
  state: z.enum(wallStates).optional(),
  from: Day.optional(),
  to: Day.optional(),
  /** the keyset cursor of the next page, as the previous page gave it */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type WallQuery = z.infer<typeof WallQuery>;

export const WallItem = z.object({
  id: z.string(),
  summary: z.string(),
  category: z.enum(categories),
  state: z.enum(problemStates),
  /** the compound (or place above) it concerns: never a household */
  placeName: z.string(),
  /** how many residents raised it */
  voices: z.number().int(),
  createdAt: z.string(),
  publishedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export const WallPage = z.object({ items: z.array(WallItem), next: z.string().nullable() });
export type WallPage = z.infer<typeof WallPage>;

export const WallDetail = WallItem.extend({
  voicesList: z.array(z.object({ label: z.string(), channel: z.enum(channels), at: z.string() })),
  answers: z.array(z.object({ at: z.string(), text: z.string() })),
  timeline: z.array(z.object({ at: z.string(), kind: z.string(), text: z.string().nullable() })),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
});
export type WallDetail = z.infer<typeof WallDetail>;

export const WallPlacesQuery = z.object({ parentId: Id.optional() });
export const WallPlaces = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), hasChildren: z.boolean() })),
});

// Staff: publishing.
export const Publication = z.object({
  problemId: z.string(),
  /** the text to edit: the public summary if published, else the automatic redaction of what was said */
  draft: z.string(),
  /** what the automatic redaction took out, by kind */
  redacted: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  publishedSummary: z.string().nullable(),
  publishedAt: z.string().nullable(),
  photos: z.array(
    z.object({ id: z.string(), published: z.boolean(), mime: z.string(), createdAt: z.string() }),
  ),
});
export type Publication = z.infer<typeof Publication>;

export const PublishInput = z.object({ summary: z.string().trim().min(1, { error: 'required' }).max(2000) });
export const PhotoInput = z.object({ published: z.boolean() });
