import { describe, expect, it } from 'vitest';
import { timeLeft } from './time-left.ts';

const due = new Date('2026-10-11T00:00:00+08:00');
const leaving = (ms: number) => new Date(due.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('timeLeft', () => {
  it('shows days when more than two days are left, rounded down', () => {
    expect(timeLeft(due, leaving(2 * 24 * HOUR + 23 * HOUR))).toEqual({
      overdue: false,
      amount: 2,
      unit: 'days',
    });
  });

  it('shows hours within the last two days', () => {
    expect(timeLeft(due, leaving(30 * HOUR + 59 * MINUTE))).toEqual({
      overdue: false,
      amount: 30,
      unit: 'hours',
    });
  });

  it('shows minutes within the last hour', () => {
    expect(timeLeft(due, leaving(45 * MINUTE + 30_000))).toEqual({
      overdue: false,
      amount: 45,
      unit: 'minutes',
    });
  });

  it('is overdue from the due instant itself, since the deadline is an exclusive end', () => {
    expect(timeLeft(due, due)).toEqual({ overdue: true, amount: 0, unit: 'minutes' });
  });

  it('says by how much a deadline was missed', () => {
    expect(timeLeft(due, leaving(-(3 * HOUR + 20 * MINUTE)))).toEqual({
      overdue: true,
      amount: 3,
      unit: 'hours',
    });
    expect(timeLeft(due, leaving(-5 * 24 * HOUR))).toEqual({ overdue: true, amount: 5, unit: 'days' });
  });
});
