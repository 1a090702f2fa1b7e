import { z } from 'zod';
import { roles } from '../access/roles.ts';
import { Password, Phone, SmsCode } from '../auth/auth.schemas.ts';

const Id = z.string().min(1, { error: 'required' }).max(64);
const OptionalId = Id.nullish().transform((v) => v || null);
export const Role = z.enum(roles);

/** A role at a place (or, for a grid worker, a grid), maybe for a party, maybe with a CPPCC sector 界别. */
export const GrantInput = z.object({
  role: Role,
  placeId: OptionalId,
  gridId: OptionalId,
  partyId: OptionalId,
  sector: z
    .string()
    .trim()
    .max(50)
    .nullish()
    .transform((s) => s || null),
});
export type GrantInput = z.infer<typeof GrantInput>;

export const StaffListQuery = z.object({
  role: Role.optional(),
  /** Only grants at this place or below it. */
  placeId: Id.optional(),
  name: z.string().trim().max(50).optional(),
  /** By name, or by the latest of the member's grants that match (who joined lately). */
  sort: z.enum(['name', 'grantedAt']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

export const StaffGrant = z.object({
  id: z.string(),
  role: Role,
  placeId: z.string().nullable(),
  placeName: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  partyId: z.string().nullable(),
  partyName: z.string().nullable(),
  sector: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffGrant = z.infer<typeof StaffGrant>;

export const StaffMember = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  /** Masked unless the viewer may see contact details where this person holds a role. */
  phone: z.string().nullable(),
  status: z.enum(['active', 'disabled', 'erased']),
  /** When the latest of the member's grants that match the list's filters was given. */
  grantedAt: z.string(),
  /** The grants the viewer's scope reaches; roles held elsewhere are not shown. */
  grants: z.array(StaffGrant),
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffPage = z.object({ items: z.array(StaffMember), total: z.number().int() });
export type StaffPage = z.infer<typeof StaffPage>;

export const UserIdParams = z.object({ userId: Id });
export const GrantIdParams = z.object({ grantId: Id });
export const InvitationIdParams = z.object({ invitationId: Id });
export const TokenParams = z.object({ token: z.string().min(16).max(128) });

export const InvitationCreate = GrantInput.extend({
  /** Whom the invitation is for, as the inviter knows them; the account takes this name. */
  name: z.string().trim().min(1, { error: 'required' }).max(50),
});
export type InvitationCreate = z.infer<typeof InvitationCreate>;

export const InvitationCreated = z.object({
  id: z.string(),
  /** The one-time link, shown once: only its digest is kept. */
  link: z.string(),
  expiresAt: z.string(),
});

export const InvitationSummary = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  /** The place of the role; for a grid worker, the grid's community. */
  placeName: z.string().nullable(),
  gridName: z.string().nullable(),
  partyName: z.string().nullable(),
  sector: z.string().nullable(),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type InvitationSummary = z.infer<typeof InvitationSummary>;

export const InvitationListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const InvitationPage = z.object({ items: z.array(InvitationSummary), total: z.number().int() });
export type InvitationPage = z.infer<typeof InvitationPage>;

/** What the holder of an invitation link sees before accepting. */
export const InvitationView = InvitationSummary.omit({ id: true, createdAt: true }).extend({
  state: z.enum(['pending', 'accepted', 'expired']),
});
export type InvitationView = z.infer<typeof InvitationView>;

/**
 * The phone is proven by an SMS code. A new account takes the password; an existing account with this phone
 * keeps its own, which must be given.
 */
export const InvitationAccept = z.object({ phone: Phone, code: SmsCode, password: Password });
export type InvitationAccept = z.infer<typeof InvitationAccept>;

export const InvitationAccepted = z.object({ userId: z.string() });

export const GridOption = z.object({
  id: z.string(),
  name: z.string(),
  communityName: z.string(),
});
export type GridOption = z.infer<typeof GridOption>;
