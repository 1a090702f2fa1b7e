import { z } from 'zod';
import { Password, Phone, SmsCode } from '../auth/auth.schemas.ts';

export const Registration = z.object({
  name: z.string().trim().min(1, { error: 'required' }).max(50),
  phone: Phone,
  password: Password,
  code: SmsCode,
});
export type Registration = z.infer<typeof Registration>;

// ── The public place lookup: names and rooms only, never who lives there ─────────────────────────

export const CompoundSearch = z.object({ q: z.string().trim().min(2).max(40) });

export const CompoundChoice = z.object({
  id: z.string(),
  name: z.string(),
  community: z.string(),
  street: z.string().nullable(),
});
export type CompoundChoice = z.infer<typeof CompoundChoice>;

export const PlaceChoice = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['building', 'entrance', 'household']),
});
export type PlaceChoice = z.infer<typeof PlaceChoice>;

export const PlaceIdParams = z.object({ id: z.string().min(1).max(64) });

// ── A resident's own links ───────────────────────────────────────────────────────────────────────

export const LinkByCode = z.object({ code: z.string().trim().min(1, { error: 'required' }).max(32) });
export const LinkRequest = z.object({ householdId: z.string().min(1, { error: 'required' }).max(64) });

export const LinkStatus = z.enum(['pending', 'confirmed', 'rejected']);
export type LinkStatus = z.infer<typeof LinkStatus>;

export const MyLink = z.object({
  id: z.string(),
  householdId: z.string(),
  /** Compound, building, entrance and room, e.g. 锦秀河畔 1号楼 1单元 101. */
  place: z.string(),
  status: LinkStatus,
  via: z.enum(['staff', 'household_code']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type MyLink = z.infer<typeof MyLink>;

// ── The staff queue ──────────────────────────────────────────────────────────────────────────────

export const LinkQueueQuery = z.object({
  status: LinkStatus.optional(),
  sort: z.enum(['createdAt', 'decidedAt']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type LinkQueueQuery = z.infer<typeof LinkQueueQuery>;

const Contact = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

export const QueueOwner = z.discriminatedUnion('kind', [
  Contact.extend({ kind: z.literal('person') }),
  z.object({ kind: z.literal('party'), name: z.string() }),
]);

export const QueueItem = z.object({
  id: z.string(),
  status: LinkStatus,
  via: z.enum(['staff', 'household_code']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  resident: Contact,
  household: z.object({ id: z.string(), place: z.string() }),
  /** The owners on the register, to compare the resident with; masked like the resident. */
  owners: z.array(QueueOwner),
  /** Whether the viewer may confirm or refuse it; others in scope only see it. */
  canDecide: z.boolean(),
  /** Whether names and phones are shown in full. */
  unmasked: z.boolean(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const LinkQueue = z.object({ items: z.array(QueueItem), total: z.number().int() });
export type LinkQueue = z.infer<typeof LinkQueue>;

export const LinkIdParams = z.object({ id: z.string().min(1).max(64) });
export const LinkDecision = z.object({ decision: z.enum(['confirm', 'refuse']) });
export type LinkDecision = z.infer<typeof LinkDecision>;

// ── Privacy (PIPL) ───────────────────────────────────────────────────────────────────────────────

export const ErasureRequest = z.object({ password: z.string().min(1, { error: 'required' }).max(200) });
