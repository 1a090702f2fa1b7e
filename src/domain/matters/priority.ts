// 从急从重: urgency × severity decides the order of work — a fire hazard in a stairwell before a bench.
export type Level = 1 | 2 | 3;

export type Priority = { urgency: Level; severity: Level; score: number; band: 'high' | 'medium' | 'low' };

export function priorityOf(urgency: Level, severity: Level): Priority {
  const score = urgency * severity;
  const band = score >= 6 ? 'high' : score >= 3 ? 'medium' : 'low';
  return { urgency, severity, score, band };
}
