import { isInProgress, isSolved, responseMark } from '../../domain/figures/definitions.ts';
import { rate } from '../../domain/figures/stats.ts';
import { type Level, levels } from '../../domain/matters/vocabulary.ts';
import type { LiveProblemRow, MatterGroupRow, ProblemGroupRow } from './figures.repo.ts';
import type { Counts, Rates } from './figures.schemas.ts';

// Counts and rates from roll-up rows, by the definitions of domain.md and no others.

/** What one bucket of a breakdown (or the whole) holds before it becomes figures. */
export class Bucket {
  readonly matters: MatterGroupRow[] = [];
  readonly problems: ProblemGroupRow[] = [];
  /** problems whose response deadline passed today (read directly) and of them, those answered on time */
  liveDue = 0;
  liveOnTime = 0;
  overdue = 0;

  addLive(row: LiveProblemRow) {
    this.liveDue++;
    if (responseMark(row.created_at, row.first_taken_at) === 'on_time') this.liveOnTime++;
  }

  counts(): Counts {
    const sum = <T extends { n: number }>(rows: T[], keep: (r: T) => boolean) =>
      rows.reduce((total, r) => total + (keep(r) ? r.n : 0), 0);
    return {
      collected: sum(this.matters, () => true),
      declined: sum(this.matters, (m) => m.state === 'declined'),
      problems: sum(this.problems, () => true),
      open: sum(this.problems, (p) => p.state === 'open'),
      inProgress: sum(this.problems, (p) => isInProgress(p.state)),
      solved: sum(this.problems, (p) => isSolved(p.state)),
      overdue: this.overdue,
    };
  }

  rates(): Rates {
    let [feedback, confirmed, ratings, good] = [0, 0, 0, 0];
    for (const m of this.matters) {
      // Matters closed without feedback count in neither rate (domain.md).
      if (m.feedback >= 0) feedback += m.n;
      if (m.feedback === 1) confirmed += m.n;
      if (m.rating > 0) ratings += m.n;
      if (m.rating >= 4) good += m.n;
    }
    let [due, onTime, reopens, reopened, everResolved] = [this.liveDue, this.liveOnTime, 0, 0, 0];
    for (const p of this.problems) {
      due += p.dueN;
      onTime += p.dueOnTime;
      reopens += p.reopens;
      if (p.reopened) reopened += p.n;
      if (p.reopened || isSolved(p.state)) everResolved += p.n;
    }
    return {
      response: rate(onTime, due),
      resolution: rate(confirmed, feedback),
      satisfaction: rate(good, ratings),
      reopens,
      reopenRate: rate(reopened, everResolved),
    };
  }

  /** Solved by the deadline of the level it was solved at, of the solved problems that had one. */
  onTimeByLevel() {
    return levels.map((level: Level) => {
      const at = this.problems.filter((p) => p.level === level && p.resolution !== 'none');
      const onTime = at.reduce((t, p) => t + (p.resolution === 'on_time' ? p.n : 0), 0);
      return {
        level,
        onTime: rate(
          onTime,
          at.reduce((t, p) => t + p.n, 0),
        ),
      };
    });
  }
}

/** Buckets by key, created on first use, in order of first use. */
export class Buckets {
  readonly byKey = new Map<string, Bucket>();
  get(key: string): Bucket {
    let bucket = this.byKey.get(key);
    if (!bucket) {
      bucket = new Bucket();
      this.byKey.set(key, bucket);
    }
    return bucket;
  }

  /** One bucket holding every bucket's rows: the whole that a breakdown breaks down. */
  total(): Bucket {
    const total = new Bucket();
    for (const bucket of this.byKey.values()) {
      total.matters.push(...bucket.matters);
      total.problems.push(...bucket.problems);
      total.liveDue += bucket.liveDue;
      total.liveOnTime += bucket.liveOnTime;
      total.overdue += bucket.overdue;
    }
    return total;
  }
}
