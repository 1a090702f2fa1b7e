import { z } from 'zod';
import { partyKinds } from '../access/roles.ts';
import { Phone } from '../auth/auth.schemas.ts';

export const PartyKind = z.enum(partyKinds);

const PartyName = z.string().trim().min(1, { error: 'required' }).max(100);
const Id = z.string().min(1, { error: 'required' }).max(64);

export const PartyListQuery = z.object({
  kind: PartyKind.optional(),
  name: z.string().trim().max(100).optional(),
  /** Only parties at this place or below it. */
  placeId: Id.optional(),
  sort: z.enum(['name', 'kind', 'createdAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PartyListQuery = z.infer<typeof PartyListQuery>;

export const PartySummary = z.object({
  id: z.string(),
  kind: PartyKind,
  name: z.string(),
  placeId: z.string(),
  placeName: z.string(),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type PartySummary = z.infer<typeof PartySummary>;

export const PartyPage = z.object({ items: z.array(PartySummary), total: z.number().int() });
export type PartyPage = z.infer<typeof PartyPage>;

export const PartyMember = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  /** Masked unless the viewer may see contact details at the party's place. */
  phone: z.string().nullable(),
  title: z.string().nullable(),
});
export type PartyMember = z.infer<typeof PartyMember>;

export const PartyDetail = PartySummary.extend({
  members: z.array(PartyMember),
  /** Whether the viewer may rename the party and change its members. */
  canManage: z.boolean(),
});
export type PartyDetail = z.infer<typeof PartyDetail>;

export const PartyIdParams = z.object({ partyId: Id });
export const MemberParams = z.object({ partyId: Id, userId: Id });

export const PartyCreate = z.object({ kind: PartyKind, name: PartyName, placeId: Id });
export type PartyCreate = z.infer<typeof PartyCreate>;

export const PartyRename = z.object({ name: PartyName });

/** A member is a staff account, named by its phone number; the title is the post they hold (经理, 主任). */
export const MemberAdd = z.object({
  phone: Phone,
  title: z
    .string()
    .trim()
    .max(50)
    .nullish()
    .transform((t) => t || null),
});
export type MemberAdd = z.infer<typeof MemberAdd>;

// A place picker, one level at a time: the roots are where the viewer holds the role, then children.
export const PlaceOptionsQuery = z.object({ parentId: Id.optional() });
export const PlaceOption = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['city', 'district', 'street', 'community', 'compound', 'building', 'entrance', 'household']),
  hasChildren: z.boolean(),
});
export type PlaceOption = z.infer<typeof PlaceOption>;
