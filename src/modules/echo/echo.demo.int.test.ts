import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { seedDemoIfEmpty } from '../../demo/seed.ts';
import { leaks } from '../../domain/redaction/redact.ts';
import { computeDurations } from '../figures/figures.job.ts';

// The demo as the public sees it: 朔方路街道's problem list reads as the source has it, and nothing a
// public endpoint answers holds a phone number, a name on the register or a door number.

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedDemoIfEmpty(t.database, t.app.log);
  await computeDurations(t.database.db, new Date());
});
afterAll(() => t.close());

const get = async (url: string) => {
  const response = await t.app.inject({ method: 'GET', url });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response;
};

async function placeId(name: string) {
  const row = await t.database.db
    .selectFrom('places')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the echo wall of the demo', () => {
  it('reads 28 → 13 → 11 solved + 2 in progress for 朔方路街道, in the categories the source names', async () => {
    const street = await placeId('朔方路街道');
    const figures = (await get(`/api/public/figures?placeId=${street}&by=category`)).json();
    expect(figures.place.name).toBe('朔方路街道');
    expect(figures.counts).toMatchObject({ collected: 28, problems: 13, solved: 11, inProgress: 2 });
    const byCategory = Object.fromEntries(
      figures.breakdown.rows.map((r: { key: string; counts: { problems: number } }) => [
        r.key,
        r.counts.problems,
      ]),
    );
    expect(byCategory).toEqual({
      old_compound_renovation: 5,
      employment: 1,
      social_security: 1,
      housing: 1,
      elderly_children: 2,
      environment: 3,
    });
    expect(figures.durations.asOf).not.toBeNull();
    expect(figures.durations.resolution.n).toBe(11);
  });

  it('lists the street’s 13 published problems with how many residents raised each', async () => {
    const street = await placeId('朔方路街道');
    const page = (await get(`/api/public/echo-wall?placeId=${street}&limit=50`)).json();
    expect(page.items).toHaveLength(13);
    const water = page.items.find((i: { summary: string }) => i.summary.includes('上水管道'));
    expect(water).toMatchObject({ voices: 3, placeName: '建校家属院', state: 'resolved' });
    const solved = (await get(`/api/public/echo-wall?placeId=${street}&state=solved&limit=50`)).json();
    expect(solved.items).toHaveLength(11);
  });

  it('pages by keyset: every published problem once, in order, page after page', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const url: string = `/api/public/echo-wall?limit=7${next ? `&after=${next}` : ''}`;
      const page: { items: { id: string; publishedAt: string }[]; next: string | null } = (
        await get(url)
      ).json();
      seen.push(...page.items.map((i) => i.id));
      next = page.next;
    } while (next);
    const published = await t.database.db
      .selectFrom('problems')
      .select('id')
      .where('published_at', 'is not', null)
      .execute();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(published.map((p) => p.id).sort());
  });

  it('shows a resident who hid their name as 居民', async () => {
    const pump = await t.database.db
      .selectFrom('problems')
      .select('id')
      .where('title', 'like', '%增压泵%')
      .executeTakeFirstOrThrow();
    const detail = (await get(`/api/public/echo-wall/${pump.id}`)).json();
    expect(detail.voicesList.map((v: { label: string }) => v.label)).toEqual(['居民']);
  });

  it('answers no public request with a phone number, a name on the register or a door number', async () => {
    const people = await t.database.db.selectFrom('people').select(['name', 'phone']).execute();
    const names = people.map((p) => p.name).filter((n): n is string => Boolean(n && n.length >= 2));
    const phones = people.map((p) => p.phone).filter((p): p is string => Boolean(p));
    const bodies: { url: string; body: string }[] = [];
    const fetch = async (url: string) => {
      const response = await get(url);
      bodies.push({ url, body: response.body });
      return response.json();
    };
    // The whole wall, every detail, the whole place tree, the figures every way, the rankings.
    let next: string | null = null;
    const ids: string[] = [];
    do {
      const page: { items: { id: string }[]; next: string | null } = await fetch(
        `/api/public/echo-wall?limit=50${next ? `&after=${next}` : ''}`,
      );
      ids.push(...page.items.map((i) => i.id));
      next = page.next;
    } while (next);
    let meetingOutcomes = 0;
    for (const id of ids) {
      await fetch(`/api/public/echo-wall/${id}`);
      meetingOutcomes += (await fetch(`/api/public/problems/${id}/meetings`)).items.length;
    }
    // The reference cases' meetings (秦汉人家, 建校家属院 …) show beside the problems they took up.
    expect(meetingOutcomes).toBeGreaterThan(0);
    for (const q of ['水', '水压', '路灯', '楼', '3号楼', '电梯', '物业'])
      await fetch(`/api/public/search?q=${encodeURIComponent(q)}`);
    const queue: (string | undefined)[] = [undefined];
    const figurePlaces: string[] = [];
    while (queue.length > 0) {
      const parent = queue.shift();
      const level = await fetch(`/api/public/places${parent ? `?parentId=${parent}` : ''}`);
      for (const p of level.items as { id: string; kind: string; hasChildren: boolean }[]) {
        if (p.hasChildren) queue.push(p.id);
        if (p.kind !== 'compound') figurePlaces.push(p.id);
      }
    }
    for (const by of ['category', 'channel', 'period', 'place']) {
      await fetch(`/api/public/figures?by=${by}`);
      for (const id of figurePlaces) await fetch(`/api/public/figures?placeId=${id}&by=${by}`);
    }
    for (const level of ['street', 'community']) await fetch(`/api/public/figures/rankings?level=${level}`);

    // Every public GET route was asked (photos: the demo has none).
    const asked = new Set(
      bodies.map((b) => b.url.split('?')[0]!.replace(/\/[0-9a-f-]{36}(?=\/|$)/g, '/:id')),
    );
    const publicRoutes = t.app.routeList
      .filter(
        (r) => r.method === 'GET' && r.url.startsWith('/api/public/') && r.url !== '/api/public/photos/:id',
      )
      .map((r) => r.url);
    for (const route of publicRoutes) expect(asked, route).toContain(route);

    // The text of every response: its strings, not its numbers (a rate of 0.333… is no ID number), nor
    // its identifiers and cursors (random hex and base64 may hold eleven digits in a row).
    const opaque = (key: string) => key === 'id' || key.endsWith('Id') || key === 'next' || key === 'url';
    // A record id is opaque whatever the key it stands under (a breakdown's key is a place id): its hex
    // digits can run to eleven decimal ones and look like a phone number.
    // So is a place's path (its ids and its ancestors', the key of a breakdown by place).
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const placePath = /^(\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})+\/$/i;
    const stringsOf = (value: unknown): string[] =>
      typeof value === 'string'
        ? uuid.test(value) || placePath.test(value)
          ? []
          : [value]
        : value && typeof value === 'object'
          ? Object.entries(value).flatMap(([key, v]) => (opaque(key) ? [] : stringsOf(v)))
          : [];
    for (const { url, body } of bodies) {
      const strings = stringsOf(JSON.parse(body)).join('\n');
      for (const phone of phones) expect(strings, url).not.toContain(phone);
      for (const name of names) expect(strings, `${url} holds ${name}`).not.toContain(name);
      expect(leaks(strings), url).toEqual([]);
    }
    expect(bodies.length).toBeGreaterThan(50);
  });
});
