import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priorityOf } from './priority.ts';
import {
  awaitsFeedback,
  type MatterEvent,
  type MatterState,
  matterStates,
  nextMatterState,
  nextOrderState,
  nextProblemState,
  type OrderEvent,
  type ProblemEvent,
  problemStates,
} from './states.ts';

describe('a matter', () => {
  it('is accepted or declined once, never both', () => {
    expect(nextMatterState('submitted', 'accept')).toEqual({ ok: true, to: 'accepted' });
    expect(nextMatterState('submitted', 'decline')).toEqual({ ok: true, to: 'declined' });
    expect(nextMatterState('declined', 'accept')).toEqual({ ok: false, current: 'declined' });
    expect(nextMatterState('accepted', 'decline')).toEqual({ ok: false, current: 'accepted' });
  });

  it('takes its submitter’s answer only after the problem is resolved, and again after a reopen', () => {
    expect(awaitsFeedback('accepted', 'in_progress')).toBe(false);
    expect(awaitsFeedback('accepted', 'resolved')).toBe(true);
    expect(nextMatterState('accepted', 'reject_result')).toEqual({ ok: true, to: 'dissatisfied' });
    expect(awaitsFeedback('dissatisfied', 'resolved')).toBe(true);
    expect(nextMatterState('dissatisfied', 'confirm')).toEqual({ ok: true, to: 'confirmed' });
    expect(awaitsFeedback('confirmed', 'resolved')).toBe(false);
  });

  it('never leaves closed', () => {
    const events: MatterEvent[] = ['accept', 'decline', 'confirm', 'reject_result', 'close'];
    for (const e of events) expect(nextMatterState('closed', e).ok).toBe(false);
  });

  it('reports the current state on every refusal (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...matterStates),
        fc.constantFrom<MatterEvent>('accept', 'decline', 'confirm', 'reject_result', 'close'),
        (state: MatterState, event) => {
          const result = nextMatterState(state, event);
          if (!result.ok) expect(result.current).toBe(state);
          else expect(matterStates).toContain(result.to);
        },
      ),
    );
  });
});

describe('a problem', () => {
  it('runs open → dispatched → in progress → resolved → closed', () => {
    expect(nextProblemState('open', 'dispatch')).toEqual({ ok: true, to: 'dispatched' });
    expect(nextProblemState('dispatched', 'start')).toEqual({ ok: true, to: 'in_progress' });
    expect(nextProblemState('in_progress', 'resolve')).toEqual({ ok: true, to: 'resolved' });
    expect(nextProblemState('resolved', 'close')).toEqual({ ok: true, to: 'closed' });
  });

  it('goes back to in progress when a dissatisfied resident reopens it (重办)', () => {
    expect(nextProblemState('resolved', 'reopen')).toEqual({ ok: true, to: 'in_progress' });
    expect(nextProblemState('in_progress', 'reopen')).toEqual({ ok: false, current: 'in_progress' });
  });

  it('stays in progress when another party is dispatched to help', () => {
    expect(nextProblemState('in_progress', 'dispatch')).toEqual({ ok: true, to: 'in_progress' });
  });

  it('cannot be resolved before anyone took it, nor touched once closed', () => {
    expect(nextProblemState('open', 'resolve').ok).toBe(false);
    expect(nextProblemState('dispatched', 'resolve').ok).toBe(false);
    const events: ProblemEvent[] = ['dispatch', 'start', 'resolve', 'reopen', 'close'];
    for (const e of events) expect(nextProblemState('closed', e).ok).toBe(false);
    expect(problemStates).toHaveLength(5);
  });
});

describe('an order', () => {
  it('is taken, then reported; or transferred to the truly responsible party (转办)', () => {
    expect(nextOrderState('dispatched', 'take')).toEqual({ ok: true, to: 'taken' });
    expect(nextOrderState('taken', 'report')).toEqual({ ok: true, to: 'reported' });
    expect(nextOrderState('dispatched', 'transfer')).toEqual({ ok: true, to: 'transferred' });
    expect(nextOrderState('taken', 'take')).toEqual({ ok: false, current: 'taken' });
    const events: OrderEvent[] = ['take', 'report', 'transfer'];
    for (const e of events) expect(nextOrderState('reported', e).ok).toBe(false);
  });
});

describe('priority 从急从重', () => {
  it('puts an urgent, severe hazard before a small wish', () => {
    const stairwellFire = priorityOf(3, 3);
    const bench = priorityOf(1, 1);
    expect(stairwellFire.score).toBeGreaterThan(bench.score);
    expect(stairwellFire.band).toBe('high');
    expect(bench.band).toBe('low');
    expect(priorityOf(3, 1).band).toBe('medium');
  });
});
