import { z } from 'zod';
import { categories, matterKinds } from '../../domain/matters/vocabulary.ts';

const Id = z.string().min(1).max(64);

/** A resident's draft as they type it. */
export const DraftInput = z.object({
  text: z.string().max(2000),
  title: z.string().trim().max(60).optional(),
  placeId: Id.optional(),
});
export type DraftInput = z.infer<typeof DraftInput>;

export const AlreadyReportedItem = z.object({
  problemId: z.string(),
  /** The published summary, or null: then only category, place and date are shown. */
  publicSummary: z.string().nullable(),
  category: z.enum(categories),
  /** Compound and building, never a door number. */
  placeName: z.string(),
  /** Local date (YYYY-MM-DD) the problem was opened. */
  reportedOn: z.string(),
  voices: z.number().int(),
  /** The kind of problem both are about (电梯故障), when known. */
  kind: z.string().nullable(),
});
export const AlreadyReported = z.object({ items: z.array(AlreadyReportedItem) });
export type AlreadyReported = z.infer<typeof AlreadyReported>;

/** "Me too": the resident's own matter, joined to an open problem of their compound. */
export const MeTooInput = z.object({
  problemId: Id,
  kind: z.enum(matterKinds).default('problem'),
  title: z.string().trim().max(60).optional(),
  text: z.string().trim().min(1, { error: 'required' }).max(2000),
  category: z.enum(categories).optional(),
  placeId: Id.optional(),
  hideName: z.boolean().default(false),
});
export type MeTooInput = z.infer<typeof MeTooInput>;

export const MergeSuggestionQuery = z.object({
  /** A community or compound in scope; default every place the reader triages. */
  placeId: Id.optional(),
});
export type MergeSuggestionQuery = z.infer<typeof MergeSuggestionQuery>;

export const GroupMember = z.object({
  type: z.enum(['matter', 'problem']),
  id: z.string(),
  title: z.string(),
  text: z.string(),
  category: z.enum(categories),
  state: z.string(),
  placeName: z.string(),
  voices: z.number().int(),
  createdAt: z.string(),
});
export const MergeGroup = z.object({
  /** The place they share: compound, or compound and building. */
  place: z.string(),
  kind: z.string().nullable(),
  members: z.array(GroupMember),
  /** One sentence per link: 同为「电梯故障」，同在… ；共同词：… */
  reasons: z.array(z.string()),
});
export const MergeSuggestions = z.object({
  groups: z.array(MergeGroup),
  /** How many open matters and problems were compared. */
  compared: z.object({ matters: z.number().int(), problems: z.number().int() }),
});
export type MergeSuggestions = z.infer<typeof MergeSuggestions>;

export const MergeGroupInput = z
  .object({
    /** The problem the others join; when absent the first matter is accepted as a new problem titled `title`. */
    targetProblemId: Id.optional(),
    title: z.string().trim().min(1, { error: 'required' }).max(60).optional(),
    problemIds: z.array(Id).max(50).default([]),
    matterIds: z.array(Id).max(200).default([]),
  })
  .refine((g) => g.targetProblemId || g.title, { error: 'required', path: ['title'] })
  .refine((g) => g.problemIds.length + g.matterIds.length + (g.targetProblemId ? 1 : 0) >= 2, {
    error: 'required',
    path: ['matterIds'],
  });
export type MergeGroupInput = z.infer<typeof MergeGroupInput>;
export const Merged = z.object({ problemId: z.string(), notified: z.number().int() });
