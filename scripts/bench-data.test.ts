import { describe, expect, it } from 'vitest';
import { generateCity } from '../bench/harness/city.ts';
import { emptyMatterRows, MatterGenerator, type MatterRows, NOW } from '../bench/harness/matters.ts';
import { matterStates, problemStates } from '../src/domain/matters/states.ts';
import { categories, channels } from '../src/domain/matters/vocabulary.ts';

// The generated city's matters (npm run bench:data): as many as asked, told in states the services could
// have left them in, the same for the same seed.

function build(matters: number, households: number, seed: number): MatterRows {
  const city = generateCity(households, seed);
  const generator = new MatterGenerator(seed, matters, households);
  const all = emptyMatterRows();
  for (let step = city.next(); !step.done; step = city.next()) {
    const rows = generator.next(step.value);
    for (const key of Object.keys(all) as (keyof MatterRows)[])
      (all[key] as unknown[]).push(...(rows[key] as unknown[]));
  }
  return all;
}

const rows = build(5_000, 5_000, 3);

describe('the generated matters', () => {
  it('are as many as asked, in the words of the core loop, each with its submission audited', () => {
    expect(rows.matters).toHaveLength(5_000);
    expect(rows.audit).toHaveLength(5_000);
    for (const m of rows.matters) {
      expect(matterStates).toContain(m.state);
      expect(categories).toContain(m.category);
      expect(channels).toContain(m.channel);
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.created_at < NOW).toBe(true);
    }
    const hotline = rows.matters.flatMap((m) => (m.hotline_no ? [m.hotline_no] : []));
    expect(new Set(hotline).size).toBe(hotline.length);
  });

  it('join a problem once accepted, never when submitted or declined, and a declined one says why', () => {
    const problems = new Map(rows.problems.map((p) => [p.id, p]));
    for (const m of rows.matters) {
      if (m.state === 'submitted' || m.state === 'declined') expect(m.problem_id).toBeNull();
      else expect(problems.get(m.problem_id!)?.community_id).toBe(m.community_id);
      if (m.state === 'declined') expect(m.decline_reason).toBeTruthy();
    }
    // Most problems have one voice, some many: about 1.5 matters a problem.
    const accepted = rows.matters.filter((m) => m.problem_id).length;
    expect(accepted / rows.problems.length).toBeGreaterThan(1.2);
    expect(accepted / rows.problems.length).toBeLessThan(2);
  });

  it('close a problem only when every submitter confirmed or stayed silent, and answer only resolved ones', () => {
    const byProblem = new Map<string, MatterRows['matters']>();
    for (const m of rows.matters)
      if (m.problem_id) byProblem.set(m.problem_id, [...(byProblem.get(m.problem_id) ?? []), m]);
    const ordersOf = new Map<string, number>();
    for (const o of rows.orders) ordersOf.set(o.problem_id, (ordersOf.get(o.problem_id) ?? 0) + 1);
    for (const p of rows.problems) {
      expect(problemStates).toContain(p.state);
      const states = (byProblem.get(p.id) ?? []).map((m) => m.state);
      if (p.state === 'closed') {
        for (const s of states) expect(['confirmed', 'closed']).toContain(s);
        expect(p.closed_at! >= p.resolved_at!).toBe(true);
      }
      if (p.state === 'open' || p.state === 'dispatched') for (const s of states) expect(s).toBe('accepted');
      expect((ordersOf.get(p.id) ?? 0) > 0).toBe(p.state !== 'open');
    }
    // Online submitters have accounts linked to their household; others may not.
    const users = new Set(rows.users.map((u) => u.id));
    for (const m of rows.matters)
      if (m.channel === 'online') expect(users.has(m.submitter_user_id!)).toBe(true);
  });

  it('are the same for the same seed and differ for another', () => {
    const again = build(500, 2_000, 11);
    expect(build(500, 2_000, 11)).toEqual(again);
    expect(build(500, 2_000, 12).matters.map((m) => m.text)).not.toEqual(again.matters.map((m) => m.text));
  });
});
