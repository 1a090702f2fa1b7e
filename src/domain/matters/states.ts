// The state machines of the core loop (domain.md, "Matters and problems"). Every transition is checked
// here; a refused one names the current state so the API can answer 409 with it.

export const matterStates = [
  'submitted',
  'accepted',
  'declined',
  'confirmed',
  'dissatisfied',
  'closed',
] as const;
export type MatterState = (typeof matterStates)[number];

export const problemStates = ['open', 'dispatched', 'in_progress', 'resolved', 'closed'] as const;
export type ProblemState = (typeof problemStates)[number];
/** Not yet solved: its deadline runs, it can be joined, dispatched, climbed and whistled for. */
export const unsolvedProblemStates = [
  'open',
  'dispatched',
  'in_progress',
] as const satisfies readonly ProblemState[];
export const isUnsolved = (state: string): boolean =>
  (unsolvedProblemStates as readonly string[]).includes(state);

export const orderStates = ['dispatched', 'taken', 'reported', 'transferred'] as const;
export type OrderState = (typeof orderStates)[number];

export type Transition<S extends string, E extends string> = { from: readonly S[]; to: S; event: E };

export type MatterEvent = 'accept' | 'decline' | 'confirm' | 'reject_result' | 'close';
export type ProblemEvent = 'dispatch' | 'start' | 'resolve' | 'reopen' | 'close';
export type OrderEvent = 'take' | 'report' | 'transfer';

const matterTransitions: Record<MatterEvent, Transition<MatterState, MatterEvent>> = {
  accept: { event: 'accept', from: ['submitted'], to: 'accepted' },
  decline: { event: 'decline', from: ['submitted'], to: 'declined' },
  // The submitter answers once the problem is resolved; after a reopen 重办 they answer again.
  confirm: { event: 'confirm', from: ['accepted', 'dissatisfied'], to: 'confirmed' },
  reject_result: { event: 'reject_result', from: ['accepted', 'dissatisfied'], to: 'dissatisfied' },
  // Closed by the resident, or by the sweep after N days without an answer.
  close: { event: 'close', from: ['accepted', 'confirmed', 'dissatisfied', 'declined'], to: 'closed' },
};

const problemTransitions: Record<ProblemEvent, Transition<ProblemState, ProblemEvent>> = {
  dispatch: { event: 'dispatch', from: unsolvedProblemStates, to: 'dispatched' },
  start: { event: 'start', from: ['dispatched'], to: 'in_progress' },
  resolve: { event: 'resolve', from: ['in_progress'], to: 'resolved' },
  reopen: { event: 'reopen', from: ['resolved'], to: 'in_progress' },
  close: { event: 'close', from: ['resolved'], to: 'closed' },
};

const orderTransitions: Record<OrderEvent, Transition<OrderState, OrderEvent>> = {
  take: { event: 'take', from: ['dispatched'], to: 'taken' },
  report: { event: 'report', from: ['taken'], to: 'reported' },
  // 转办: handed on to the party truly responsible; a new order is dispatched to it.
  transfer: { event: 'transfer', from: ['dispatched', 'taken'], to: 'transferred' },
};

export type Step<S> = { ok: true; to: S } | { ok: false; current: S };

function step<S extends string, E extends string>(
  table: Record<E, Transition<S, E>>,
  current: S,
  event: E,
): Step<S> {
  const t = table[event];
  return t.from.includes(current) ? { ok: true, to: t.to } : { ok: false, current };
}

export const nextMatterState = (current: MatterState, event: MatterEvent) =>
  step(matterTransitions, current, event);
export const nextOrderState = (current: OrderState, event: OrderEvent) =>
  step(orderTransitions, current, event);

/**
 * A dispatch of a problem already in progress keeps it in progress (a new assisting party joins);
 * only an open or merely dispatched problem shows as dispatched.
 */
export function nextProblemState(current: ProblemState, event: ProblemEvent): Step<ProblemState> {
  if (event === 'dispatch' && current === 'in_progress') return { ok: true, to: 'in_progress' };
  return step(problemTransitions, current, event);
}

/** Whether a matter's submitter may now say whether the problem was solved. */
export function awaitsFeedback(matter: MatterState, problem: ProblemState): boolean {
  return problem === 'resolved' && (matter === 'accepted' || matter === 'dissatisfied');
}
