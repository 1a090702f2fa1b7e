import { CHINA_TIME_ZONE, localDayOf } from '../deadlines/civil-day.ts';

// What each figure counts, as domain.md defines it (states and the three rates 三率), in one place.

/**
 * The response deadline of a problem: its first order must be taken within this many hours of the problem
 * being opened (accepting the first matter). 12345 hotlines judge the response 响应 on the first working
 * step of the handler; one day covers the dispatch and the taking.
 */
export const RESPONSE_HOURS = 24;

export type ResponseMark = 'none' | 'on_time' | 'late';
export type ResolutionMark = 'none' | 'on_time' | 'late';

export function responseDueAt(createdAt: string): Date {
  return new Date(Date.parse(createdAt) + RESPONSE_HOURS * 3_600_000);
}

/** How the first order was taken: not yet, within the response deadline, or after it. */
export function responseMark(createdAt: string, firstTakenAt: string | null): ResponseMark {
  if (firstTakenAt === null) return 'none';
  return Date.parse(firstTakenAt) <= responseDueAt(createdAt).getTime() ? 'on_time' : 'late';
}

/** Whether a solved problem was solved by its deadline; 'none' while unsolved or without a deadline. */
export function resolutionMark(
  state: string,
  resolvedAt: string | null,
  deadlineAt: string | null,
): ResolutionMark {
  if (!isSolved(state) || resolvedAt === null || deadlineAt === null) return 'none';
  return resolvedAt <= deadlineAt ? 'on_time' : 'late';
}

/** Solved 已解决: resolved, or resolved and closed. */
export const isSolved = (problemState: string) => problemState === 'resolved' || problemState === 'closed';
/** In progress 在办: dispatched to a handler and not yet resolved. */
export const isInProgress = (problemState: string) =>
  problemState === 'dispatched' || problemState === 'in_progress';
/** Still to be solved, counting the open problems not yet dispatched: what can be overdue. */
export const isUnsolved = (problemState: string) => problemState === 'open' || isInProgress(problemState);

// A Beijing day begins on a whole UTC hour (+08:00; +09:00 in the summers of 1986–1991), so the day of a
// UTC instant is the day of its hour: worked out once per hour, as the figures ask it of every record.
const dayOfHour = new Map<string, string>();
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:.*Z$/;

/** The local (Beijing) day a record belongs to in the figures by period. */
export function figureDay(iso: string): string {
  if (!UTC_INSTANT.test(iso)) return localDayOf(new Date(iso), CHINA_TIME_ZONE);
  const hour = iso.slice(0, 13);
  let day = dayOfHour.get(hour);
  if (day === undefined) {
    day = localDayOf(new Date(iso), CHINA_TIME_ZONE);
    if (dayOfHour.size >= 100_000) dayOfHour.clear();
    dayOfHour.set(hour, day);
  }
  return day;
}

/** The key a matter is counted under in the roll-up. */
export type MatterDims = {
  community_path: string;
  category: string;
  channel: string;
  day: string;
  state: string;
  feedback: number;
  rating: number;
};

export function matterDims(m: {
  community_path: string;
  category: string;
  channel: string;
  created_at: string;
  state: string;
  feedback_solved: number | null;
  rating: number | null;
}): MatterDims {
  return {
    community_path: m.community_path,
    category: m.category,
    channel: m.channel,
    day: figureDay(m.created_at),
    state: m.state,
    feedback: m.feedback_solved ?? -1,
    rating: m.rating ?? 0,
  };
}

/** The key a problem is counted under in the roll-up, with the 重办 count it adds. */
export type ProblemDims = {
  community_path: string;
  category: string;
  channel: string;
  day: string;
  state: string;
  level: string;
  response: ResponseMark;
  resolution: ResolutionMark;
  reopened: number;
  reopens: number;
};

export function problemDims(p: {
  community_path: string;
  category: string;
  channel: string;
  created_at: string;
  state: string;
  level: string;
  first_taken_at: string | null;
  resolved_at: string | null;
  deadline_at: string | null;
  reopen_count: number;
}): ProblemDims {
  return {
    community_path: p.community_path,
    category: p.category,
    channel: p.channel,
    day: figureDay(p.created_at),
    state: p.state,
    level: p.level,
    response: responseMark(p.created_at, p.first_taken_at),
    resolution: resolutionMark(p.state, p.resolved_at, p.deadline_at),
    reopened: p.reopen_count > 0 ? 1 : 0,
    reopens: p.reopen_count,
  };
}

/** The street of a community: its parent place (the place tree is strict), the path without its last step. */
export function streetOf(communityPath: string): string {
  return communityPath.slice(0, communityPath.lastIndexOf('/', communityPath.length - 2) + 1);
}

type Coarse<D> = Omit<D, 'community_path' | 'category' | 'channel' | 'day'> & {
  street_path: string;
  month: string;
};
export type MatterMonthDims = Coarse<MatterDims>;
export type ProblemMonthDims = Coarse<ProblemDims>;

/** The coarse tier's key of a record: its street and month, without category and channel. */
export function monthDims<D extends MatterDims | ProblemDims>(dims: D): Coarse<D> {
  const { community_path, category: _category, channel: _channel, day, ...rest } = dims;
  return { ...rest, street_path: streetOf(community_path), month: day.slice(0, 7) } as Coarse<D>;
}
