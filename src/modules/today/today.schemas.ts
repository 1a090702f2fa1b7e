import { z } from 'zod';
import { levels } from '../../domain/matters/vocabulary.ts';

const ProblemCounts = z.object({
  open: z.number().int(),
  dispatched: z.number().int(),
  in_progress: z.number().int(),
  /** Done by the handlers, waiting for the submitters to confirm. */
  resolved: z.number().int(),
});

/**
 * A staff member's day on one page: what waits for them, counted exactly as the lists that hold it.
 * A part is null where its list is not theirs to open (a property manager has no intake inbox).
 */
export const Today = z.object({
  inbox: z.object({ waiting: z.number().int(), oldestAt: z.string().nullable() }).nullable(),
  problems: ProblemCounts.nullable(),
  overdue: z
    .object({ total: z.number().int(), byLevel: z.record(z.enum(levels), z.number().int()) })
    .nullable(),
  orders: z.object({ toTake: z.number().int(), taken: z.number().int() }),
  meetings: z
    .object({
      upcoming: z.number().int(),
      next: z
        .object({ id: z.string(), title: z.string(), startsAt: z.string(), venue: z.string() })
        .nullable(),
    })
    .nullable(),
  votes: z.object({ open: z.number().int() }).nullable(),
});
export type Today = z.infer<typeof Today>;
