import { z } from 'zod';
import { matterStates, orderStates, problemStates } from '../../domain/matters/states.ts';
import { categories, channels, levels, matterKinds } from '../../domain/matters/vocabulary.ts';
import { PhotoIds, PhotoRef } from '../attachments/attachments.schemas.ts';

const Id = z.string().min(1).max(64);
const Text = (max: number) => z.string().trim().min(1, { error: 'required' }).max(max);
export const IdParams = z.object({ id: Id });

export const Assignee = z
  .object({ partyId: Id.optional(), userId: Id.optional() })
  .refine((a) => Boolean(a.partyId) !== Boolean(a.userId), { error: 'required' });

export const DispatchInput = z.object({
  lead: Assignee.optional(),
  assisting: z.array(Assignee).max(10).default([]),
  note: z.string().trim().max(500).optional(),
});
export const TransferInput = z.object({ to: Assignee, reason: Text(500) });
export const ReportInput = z.object({
  text: Text(2000),
  publicReply: z.string().trim().max(1000).optional(),
  /** Photo evidence of the work, uploaded beforehand through POST /api/attachments. */
  photoIds: PhotoIds,
});
export const EventInput = z.object({ text: Text(2000), visibility: z.enum(['public', 'staff']) });
export const MergeInput = z.object({ sourceIds: z.array(Id).min(1).max(50) });

const sortKeys = ['priority', 'deadline', 'created'] as const;
export const QueueQuery = z.object({
  /** One state, or `unsolved`: every state whose work is not done (the desk's to-do list). */
  state: z.enum([...problemStates, 'unsolved']).optional(),
  level: z.enum(levels).optional(),
  category: z.enum(categories).optional(),
  placeId: Id.optional(),
  partyId: Id.optional(),
  /** Problems with a live order for this person by name (a handler without a party). */
  userId: Id.optional(),
  sort: z.enum(sortKeys).default('priority'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const InboxQuery = z.object({
  /** Which matters: those waiting to be accepted (the inbox), those in another state, or all of them. */
  state: z.enum([...matterStates, 'any']).default('submitted'),
  placeId: Id.optional(),
  category: z.enum(categories).optional(),
  channel: z.enum(channels).optional(),
  /** Oldest first (the one waiting longest), or newest first. */
  sort: z.enum(['oldest', 'newest']).default('oldest'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const ProblemRow = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(categories),
  state: z.enum(problemStates),
  level: z.enum(levels),
  priority: z.number().int(),
  placeName: z.string(),
  deadlineAt: z.string().nullable(),
  deadlineProvisional: z.boolean(),
  voices: z.number().int(),
  createdAt: z.string(),
});
export const ProblemPage = z.object({ items: z.array(ProblemRow), total: z.number().int() });

/** A matter as staff in scope see it: the resident's words, their name and phone masked unless allowed. */
export const StaffMatterRow = z.object({
  id: z.string(),
  kind: z.enum(matterKinds),
  title: z.string().nullable(),
  text: z.string(),
  category: z.enum(categories),
  channel: z.enum(channels),
  state: z.enum(matterStates),
  placeName: z.string(),
  submitterName: z.string().nullable(),
  submitterPhone: z.string().nullable(),
  hotlineNo: z.string().nullable(),
  createdAt: z.string(),
  feedback: z.object({ solved: z.boolean(), rating: z.number().int() }).nullable(),
  photos: z.array(PhotoRef),
});
export const MatterInboxPage = z.object({ items: z.array(StaffMatterRow), total: z.number().int() });

export const OrderView = z.object({
  id: z.string(),
  role: z.enum(['lead', 'assist']),
  state: z.enum(orderStates),
  partyId: z.string().nullable(),
  partyName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  dispatchedAt: z.string(),
  takenAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  reportText: z.string().nullable(),
  canWork: z.boolean(),
});

export const TimelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  visibility: z.enum(['public', 'staff']),
  text: z.string().nullable(),
  actorName: z.string().nullable(),
  photos: z.array(PhotoRef),
});

export const ProblemDetail = ProblemRow.extend({
  urgency: z.number().int(),
  severity: z.number().int(),
  reopenCount: z.number().int(),
  matters: z.array(StaffMatterRow),
  orders: z.array(OrderView),
  timeline: z.array(TimelineEntry),
  champions: z.array(z.object({ userId: z.string(), name: z.string().nullable() })),
  /** What the dispatch catalogue proposes for the problem's category and place: a party or a person. */
  proposedHandler: z
    .object({
      partyId: z.string().nullable(),
      partyName: z.string().nullable(),
      userId: z.string().nullable(),
      userName: z.string().nullable(),
      level: z.enum(levels),
    })
    .nullable(),
});
export type ProblemDetail = z.infer<typeof ProblemDetail>;

export const MyOrder = z.object({
  id: z.string(),
  role: z.enum(['lead', 'assist']),
  state: z.enum(orderStates),
  problemId: z.string(),
  problemTitle: z.string(),
  placeName: z.string(),
  dispatchedAt: z.string(),
});
export const MyOrderPage = z.object({ items: z.array(MyOrder), total: z.number().int() });

/** My orders: waiting or taken (both by default), by priority or the oldest dispatch first, paged. */
export const MyOrderQuery = z.object({
  state: z.enum(['dispatched', 'taken']).optional(),
  sort: z.enum(['priority', 'dispatched']).default('priority'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type MyOrderQuery = z.infer<typeof MyOrderQuery>;
