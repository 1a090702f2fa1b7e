import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';

// Staff publish a problem to the echo wall: a redacted draft to edit, photos one by one; the public reads
// only what was published, and unpublished problems still count.

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let resident: Session;
let secretary: Session;
let outsider: Session;
let partyId: string;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'echo-files-'));

beforeAll(async () => {
  t = await testApp({ FILES_DIR: filesDir });
  town = await makeTown(t.database);
  partyId = uuidv7();
  await t.database.db
    .insertInto('parties')
    .values({
      id: partyId,
      kind: 'property_company',
      name: '红宝物业',
      place_id: town.community.id,
      created_at: new Date().toISOString(),
    })
    .execute();
  resident = (await signedInUser(t.app, t.database, { name: '王文贵', households: [town.household101] }))
    .session;
  secretary = (
    await signedInUser(t.app, t.database, {
      name: '李娜',
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
  outsider = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.otherCommunity }],
    })
  ).session;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

async function send(session: Session | null, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: as(session), payload: payload as never });
}

async function problemFromResident(text: string) {
  const matter = await send(resident, 'POST', '/api/matters', {
    kind: 'problem',
    category: 'environment',
    text,
  });
  const accepted = await send(secretary, 'POST', `/api/matters/${matter.json().id}/accept`, {
    title: '楼道灯不亮',
    urgency: 2,
    severity: 2,
  });
  return { matterId: matter.json().id as string, problemId: accepted.json().problemId as string };
}

async function attachPhoto(matterId: string, bytes: string) {
  const fileId = createHash('sha256').update(bytes).digest('hex');
  fs.writeFileSync(path.join(filesDir, fileId), bytes);
  const now = new Date().toISOString();
  await t.database.db
    .insertInto('files')
    .values({ id: fileId, mime: 'image/png', bytes: bytes.length, created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const id = uuidv7();
  await t.database.db
    .insertInto('attachments')
    .values({ id, file_id: fileId, matter_id: matterId, event_id: null, created_at: now })
    .execute();
  return id;
}

describe('publishing a problem to the echo wall', () => {
  it('pre-fills a summary with the phone, the door number and the names on the register taken out', async () => {
    const { problemId } = await problemFromResident(
      '我是王文贵，住1号楼1单元101室，电话13812345678，楼道灯坏了。',
    );
    const draft = await send(secretary, 'GET', `/api/workbench/problems/${problemId}/publication`);
    expect(draft.statusCode).toBe(200);
    const { draft: text, redacted, publishedAt } = draft.json();
    expect(publishedAt).toBeNull();
    expect(text).toContain('楼道灯坏了');
    for (const secret of ['王文贵', '13812345678', '101室']) expect(text).not.toContain(secret);
    expect(redacted.map((r: { kind: string }) => r.kind).sort()).toEqual(['door', 'name', 'phone']);
  });

  it('refuses a summary that still holds a phone number, keeping the problem off the wall', async () => {
    const { problemId } = await problemFromResident('楼道灯坏了');
    const refused = await send(secretary, 'POST', `/api/workbench/problems/${problemId}/publish`, {
      summary: '楼道灯坏了，请联系 13812345678',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('summary');
    const wall = await send(null, 'GET', `/api/public/echo-wall?placeId=${town.community.id}`);
    expect(wall.json().items.map((i: { id: string }) => i.id)).not.toContain(problemId);
  });

  it('does not let the public narrow the wall to a building or a home', async () => {
    const response = await send(null, 'GET', `/api/public/echo-wall?placeId=${town.household101.id}`);
    expect(response.statusCode).toBe(400);
    const compound = await send(null, 'GET', `/api/public/echo-wall?placeId=${town.compound.id}`);
    expect(compound.statusCode).toBe(200);
  });

  it('shows the edited summary on the public wall, and only the photos published one by one', async () => {
    const { problemId, matterId } = await problemFromResident('1号楼门口路灯坏了');
    const first = await attachPhoto(matterId, 'photo one');
    const second = await attachPhoto(matterId, 'photo two');
    const published = await send(secretary, 'POST', `/api/workbench/problems/${problemId}/publish`, {
      summary: '锦秀河畔1号楼门口路灯损坏，已报物业维修。',
    });
    expect(published.statusCode).toBe(200);
    expect(published.json().photos).toHaveLength(2);
    expect(
      (await send(secretary, 'POST', `/api/workbench/photos/${first}/publication`, { published: true }))
        .statusCode,
    ).toBe(204);

    const detail = (await send(null, 'GET', `/api/public/echo-wall/${problemId}`)).json();
    expect(detail).toMatchObject({ summary: '锦秀河畔1号楼门口路灯损坏，已报物业维修。', voices: 1 });
    expect(detail.placeName).toBe('锦秀河畔');
    expect(detail.voicesList).toEqual([expect.objectContaining({ label: '王**' })]);
    expect(detail.photos.map((p: { id: string }) => p.id)).toEqual([first]);
    const photo = await send(null, 'GET', `/api/public/photos/${first}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.body).toBe('photo one');
    expect((await send(null, 'GET', `/api/public/photos/${second}`)).statusCode).toBe(404);
  });

  it('takes a problem off the wall; it still counts in the figures', async () => {
    const before = (await send(null, 'GET', `/api/public/figures?placeId=${town.community.id}`)).json();
    const { problemId } = await problemFromResident('垃圾桶满了');
    await send(secretary, 'POST', `/api/workbench/problems/${problemId}/publish`, { summary: '垃圾桶满溢' });
    expect((await send(null, 'GET', `/api/public/echo-wall/${problemId}`)).statusCode).toBe(200);
    expect((await send(secretary, 'POST', `/api/workbench/problems/${problemId}/unpublish`)).statusCode).toBe(
      204,
    );
    expect((await send(null, 'GET', `/api/public/echo-wall/${problemId}`)).statusCode).toBe(404);
    const after = (await send(null, 'GET', `/api/public/figures?placeId=${town.community.id}`)).json();
    expect(after.counts.problems).toBe(before.counts.problems + 1);
    expect(after.counts.collected).toBe(before.counts.collected + 1);
  });

  it('lets only staff with scope publish', async () => {
    const { problemId } = await problemFromResident('楼道堆物');
    const url = `/api/workbench/problems/${problemId}/publish`;
    expect((await send(outsider, 'POST', url, { summary: '楼道堆物' })).statusCode).toBe(403);
    expect((await send(resident, 'POST', url, { summary: '楼道堆物' })).statusCode).toBe(403);
    expect((await send(null, 'POST', url, { summary: '楼道堆物' })).statusCode).toBe(401);
  });
});

describe('figures for staff', () => {
  it('counts per handling party what it handled and the rating residents gave, for staff in scope', async () => {
    const { problemId, matterId } = await problemFromResident('单元门锁坏了');
    await send(secretary, 'POST', `/api/workbench/problems/${problemId}/dispatch`, { lead: { partyId } });
    const order = await t.database.db
      .selectFrom('orders')
      .select('id')
      .where('problem_id', '=', problemId)
      .executeTakeFirstOrThrow();
    await send(secretary, 'POST', `/api/orders/${order.id}/take`);
    await send(secretary, 'POST', `/api/orders/${order.id}/report`, { text: '已更换门锁' });
    await send(resident, 'POST', `/api/matters/${matterId}/feedback`, { solved: true, rating: 4 });

    const mine = (await send(secretary, 'GET', '/api/workbench/figures/handlers?by=party')).json();
    expect(mine.rows).toEqual([
      expect.objectContaining({ name: '红宝物业', handled: 1, rating: 4, ratings: 1 }),
    ]);
    const theirs = (await send(outsider, 'GET', '/api/workbench/figures/handlers?by=party')).json();
    expect(theirs.rows).toEqual([]);
    expect((await send(null, 'GET', '/api/workbench/figures/handlers')).statusCode).toBe(401);
    expect((await send(resident, 'GET', '/api/workbench/figures/handlers')).statusCode).toBe(403);

    const figures = (await send(null, 'GET', `/api/public/figures?placeId=${town.community.id}`)).json();
    expect(figures.rates.resolution).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(figures.rates.satisfaction).toEqual({ numerator: 1, denominator: 1, rate: 1 });
  });

  it('ranks communities only with enough matters, and says by which formula', async () => {
    const ranking = (await send(null, 'GET', '/api/public/figures/rankings?level=community')).json();
    expect(ranking.minMatters).toBe(10);
    expect(ranking.formula['zh-CN']).toContain('Wilson');
    const ours = ranking.rows.find((r: { placeId: string }) => r.placeId === town.community.id);
    expect(ours.collected).toBeLessThan(10);
    expect(ours).toMatchObject({ score: null, rank: null });
  });

  it('refuses figures for a place below a community, which the roll-ups do not hold', async () => {
    const response = await send(null, 'GET', `/api/public/figures?placeId=${town.compound.id}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('placeId');
  });
});
