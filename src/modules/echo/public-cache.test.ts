import { describe, expect, it } from 'vitest';
import { WallPage } from './echo.schemas.ts';
import { jsonOf, PublicCache } from './public-cache.ts';

describe('the public answers cache', () => {
  it('computes once for everyone asking the same thing, until cleared', async () => {
    const cache = new PublicCache(60_000);
    let computed = 0;
    const compute = async () => ++computed;
    const answers = await Promise.all([cache.get('/wall', compute), cache.get('/wall', compute)]);
    expect(answers).toEqual([1, 1]);
    expect(await cache.get('/other', compute)).toBe(2);
    cache.clear();
    expect(await cache.get('/wall', compute)).toBe(3);
  });

  it('keeps nothing when switched off, and no failure', async () => {
    let computed = 0;
    const off = new PublicCache(0);
    await off.get('/wall', async () => ++computed);
    await off.get('/wall', async () => ++computed);
    expect(computed).toBe(2);
    const on = new PublicCache(60_000);
    await expect(on.get('/x', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await on.get('/x', async () => 'ok')).toBe('ok');
  });

  it('forgets the oldest answers beyond its size', async () => {
    const cache = new PublicCache(60_000, 2);
    let computed = 0;
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => ++computed);
    expect(await cache.get('a', async () => ++computed)).toBe(4);
  });

  it('serves the last answer while one reader computes the next, and never one from before a clear', async () => {
    let now = 0;
    const cache = new PublicCache(2_000, 100, () => now);
    let computed = 0;
    const gates: Array<() => void> = [];
    const slow = () =>
      new Promise<number>((resolve) => {
        const n = ++computed;
        gates.push(() => resolve(n));
      });
    const first = cache.get('/figures', slow);
    gates.shift()?.();
    expect(await first).toBe(1);

    now = 5_000; // stale: the old answer at once, one computation started for everyone
    expect(await cache.get('/figures', slow)).toBe(1);
    expect(await cache.get('/figures', slow)).toBe(1);
    expect(computed).toBe(2);
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(await cache.get('/figures', slow)).toBe(2);

    now = 10_000; // a refresh in flight when a publication clears the cache is thrown away
    expect(await cache.get('/figures', slow)).toBe(2);
    cache.clear();
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
    const after = cache.get('/figures', slow);
    gates.shift()?.();
    expect(await after).toBe(4);
  });

  it('keeps the text the response schema lets out: a field it does not list never leaves', () => {
    const item = {
      id: 'p1',
      summary: '路灯不亮',
      category: 'environment',
      state: 'open',
      placeName: '一号院',
      voices: 2,
      createdAt: '2026-11-01T00:00:00.000Z',
      publishedAt: '2026-11-02T00:00:00.000Z',
      resolvedAt: null,
    } as const;
    const json = jsonOf(WallPage, '/api/public/echo-wall');
    const text = json({ items: [{ ...item, phone: '13912345678' } as typeof item], next: null });
    expect(JSON.parse(text)).toEqual({ items: [item], next: null });
    expect(() => json({ items: [{ ...item, voices: 'two' as unknown as number }], next: null })).toThrow();
  });
});
