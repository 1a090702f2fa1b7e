import { z } from 'zod';
import { matterStates, orderStates, problemStates } from '../../domain/matters/states.ts';
import { categories, channels, levels, matterKinds } from '../../domain/matters/vocabulary.ts';
import { PhotoIds, PhotoRef } from '../attachments/attachments.schemas.ts';

const Text = (max: number) => z.string().trim().min(1, { error: 'required' }).max(max);
const Id = z.string().min(1).max(64);
const UrgencyOrSeverity = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** What a resident sends from the phone form. */
export const MatterInput = z.object({
  kind: z.enum(matterKinds),
  title: z.string().trim().max(60).optional(),
  text: Text(2000),
  category: z.enum(categories),
  /** Defaults to the resident's household; a building, entrance or compound above it when shared. */
  placeId: Id.optional(),
  hideName: z.boolean().default(false),
  /** Up to 9 photos, uploaded beforehand through POST /api/attachments. */
  photoIds: PhotoIds,
});
export type MatterInput = z.infer<typeof MatterInput>;

/** What staff record on a resident's behalf from an offline channel. */
export const IntakeInput = MatterInput.extend({
  placeId: Id,
  channel: z.enum(channels).exclude(['online']),
  submitterName: z.string().trim().max(40).optional(),
  submitterPhone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, { error: 'phone_invalid' })
    .optional(),
  hotlineNo: z.string().trim().max(40).optional(),
});
export type IntakeInput = z.infer<typeof IntakeInput>;

export const AcceptInput = z.union([
  z.object({ problemId: Id }),
  z.object({ title: Text(60), urgency: UrgencyOrSeverity, severity: UrgencyOrSeverity }),
]);
export type AcceptInput = z.infer<typeof AcceptInput>;

export const DeclineInput = z.object({ reason: Text(500) });
export const FeedbackInput = z.object({
  solved: z.boolean(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});
export type FeedbackInput = z.infer<typeof FeedbackInput>;

/** A matter as its submitter sees it: their own words, the state, the answers. */
export const OwnMatterView = z.object({
  id: z.string(),
  kind: z.enum(matterKinds),
  title: z.string().nullable(),
  text: z.string(),
  category: z.enum(categories),
  placeName: z.string(),
  channel: z.enum(channels),
  state: z.enum(matterStates),
  declineReason: z.string().nullable(),
  problem: z
    .object({ id: z.string(), state: z.enum(problemStates), level: z.enum(levels), voices: z.number().int() })
    .nullable(),
  awaitsFeedback: z.boolean(),
  feedback: z
    .object({ solved: z.boolean(), rating: z.number().int(), comment: z.string().nullable() })
    .nullable(),
  replies: z.array(z.object({ at: z.string(), text: z.string() })),
  photos: z.array(PhotoRef),
  createdAt: z.string(),
});
export type OwnMatterView = z.infer<typeof OwnMatterView>;

export const FilingPlace = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['household', 'entrance', 'building', 'compound']),
  /** The names from the compound down, e.g. 锦秀河畔 1号楼 1单元 101. */
  label: z.string(),
});
export type FilingPlace = z.infer<typeof FilingPlace>;

export const OwnMatterPage = z.object({ items: z.array(OwnMatterView), total: z.number().int() });

export { orderStates };
