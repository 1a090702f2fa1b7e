import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, type Session } from '../../../test/factories.ts';
import { transact } from '../../server/transaction.ts';
import { dropStaleUploads } from '../attachments/attachments.service.ts';
import { digestOf, removeFiles, storedPath } from '../attachments/file-store.ts';
import { multipartFile, phonePhoto } from '../attachments/photos.testkit.ts';
import { voteApi, votingBuilding } from './votes.testkit.ts';

// A paper ballot photographed in someone's home goes through the photo pipeline: its GPS position is gone,
// and only staff who may see the question (and whoever took it) can fetch it.

let t: TestApp;
let filesDir: string;
let b: Awaited<ReturnType<typeof votingBuilding>>;
let api: ReturnType<typeof voteApi>;
let openId: string;
let secretId: string;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-files-'));
  t = await testApp({ FILES_DIR: filesDir });
  b = await votingBuilding(t);
  api = voteApi(t);
  const ask = (title: string, secret: boolean) =>
    api.ask(b.sessions.secretary, {
      title,
      asked: { kind: 'place', placeId: b.building.id },
      rule: { kind: 'majorityOfAsked' },
      secret,
    });
  openId = (await ask('楼道照明改造', false)).id;
  secretId = (await ask('更换物业服务企业', true)).id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

async function upload(session: Session, bytes: Buffer) {
  const body = multipartFile(bytes, 'IMG_0001.jpg', 'image/jpeg');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/attachments',
    headers: { ...as(session), ...body.headers },
    payload: body.payload,
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; url: string };
}

const fetchPhoto = (session: Session | null, url: string) => t.app.inject({ url, headers: as(session) });

const recordVisit = (session: Session, room: string, photoIds: string[]) =>
  api.send(session, 'POST', `/api/workbench/votes/${openId}/answers`, {
    householdId: b.homes[room]!.id,
    choice: 'approve',
    evidence: { note: '入户，业主在纸质表决票上签字', photoIds },
  });

async function votersWithPhotos(id: string) {
  const page = (
    await api.send(b.sessions.secretary, 'GET', `/api/workbench/votes/${id}/voters?status=answered`)
  ).json();
  return page.items as { label: string; householdIds: string[]; photos: { id: string; url: string }[] }[];
}

describe('a door-to-door answer with a photo of the paper ballot', () => {
  let photo: { id: string; url: string };

  it('stores the photo without its EXIF and GPS, and lists it with the voter', async () => {
    photo = await upload(b.sessions.gridWorker, await phonePhoto());
    const recorded = await recordVisit(b.sessions.gridWorker, '201', [photo.id]);
    expect(recorded.statusCode).toBe(201);

    const voter = (await votersWithPhotos(openId)).find((v) => v.householdIds.includes(b.homes['201']!.id));
    expect(voter?.photos).toEqual([{ id: photo.id, url: photo.url, mime: 'image/jpeg' }]);

    const served = await fetchPhoto(b.sessions.secretary, photo.url);
    expect(served.statusCode).toBe(200);
    const stored = fs.readFileSync(storedPath(filesDir, digestOf(served.rawPayload))!);
    expect(stored.equals(served.rawPayload)).toBe(true);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.toString('latin1')).not.toContain('ShangliangPhone');

    // Nothing is written inline any more: the old column stays empty.
    const evidence = await t.database.db
      .selectFrom('vote_evidence')
      .innerJoin('attachments', 'attachments.vote_evidence_id', 'vote_evidence.id')
      .select(['vote_evidence.photo'])
      .where('attachments.id', '=', photo.id)
      .executeTakeFirstOrThrow();
    expect(evidence.photo).toBeNull();
  });

  it('is served to whoever took it and to staff in scope, never to residents, other grids or the public', async () => {
    expect((await fetchPhoto(b.sessions.gridWorker, photo.url)).statusCode).toBe(200);
    expect((await fetchPhoto(b.sessions.secretary, photo.url)).statusCode).toBe(200);
    expect((await fetchPhoto(b.sessions.yi, photo.url)).statusCode).toBe(404);
    expect((await fetchPhoto(b.sessions.jia, photo.url)).statusCode).toBe(404);
    expect((await fetchPhoto(b.sessions.otherGridWorker, photo.url)).statusCode).toBe(404);
    expect((await fetchPhoto(null, photo.url)).statusCode).toBe(401);
  });

  it('shows the newest evidence when a visit confirms the same answer, counted once', async () => {
    const heads = async () => (await api.detail(b.sessions.secretary, openId)).tally.answered.heads as number;
    const before = await heads();
    const again = await upload(b.sessions.gridWorker, await phonePhoto(30, 30));
    expect((await recordVisit(b.sessions.gridWorker, '201', [again.id])).statusCode).toBe(201);
    const voter = (await votersWithPhotos(openId)).find((v) => v.householdIds.includes(b.homes['201']!.id));
    expect(voter?.photos.map((p) => p.id)).toEqual([again.id]);
    expect(await heads()).toBe(before);
  });

  it('refuses someone else’s upload beside photoIds, and stores nothing', async () => {
    const theirs = await upload(b.sessions.jia, await phonePhoto(40, 40));
    const before = await t.database.db.selectFrom('vote_evidence').select('id').execute();
    const refused = await recordVisit(b.sessions.gridWorker, '202', [theirs.id]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('photoIds');

    expect(await t.database.db.selectFrom('vote_evidence').select('id').execute()).toHaveLength(
      before.length,
    );
    const voter = (await votersWithPhotos(openId)).find((v) => v.householdIds.includes(b.homes['202']!.id));
    expect(voter).toBeUndefined();
    const attachment = await t.database.db
      .selectFrom('attachments')
      .select('vote_evidence_id')
      .where('id', '=', theirs.id)
      .executeTakeFirstOrThrow();
    expect(attachment.vote_evidence_id).toBeNull();
    // A photo already claimed by one answer is not claimed again by another.
    const reused = await recordVisit(b.sessions.gridWorker, '202', [photo.id]);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().errors[0].field).toBe('photoIds');
  });

  it('refuses an inline photo from an older client, by name, instead of dropping it', async () => {
    const before = await t.database.db.selectFrom('vote_evidence').select('id').execute();
    const refused = await api.send(b.sessions.gridWorker, 'POST', `/api/workbench/votes/${openId}/answers`, {
      householdId: b.homes['202']!.id,
      choice: 'approve',
      evidence: { note: '入户签字', photo: 'data:image/jpeg;base64,/9j/4AAQ' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toContain('evidence');
    expect(await t.database.db.selectFrom('vote_evidence').select('id').execute()).toHaveLength(
      before.length,
    );
  });
});

describe('a sealed box’s round with a photo of the opened box', () => {
  it('claims the photo once for the round, shown on each of its voters', async () => {
    const photo = await upload(b.sessions.gridWorker, await phonePhoto(50, 50));
    const round = await api.send(b.sessions.gridWorker, 'POST', `/api/workbench/votes/${secretId}/rounds`, {
      householdIds: [b.homes['201']!.id, b.homes['202']!.id],
      totals: [
        { key: 'approve', heads: 1 },
        { key: 'reject', heads: 1 },
      ],
      evidence: { note: '票箱当面开启', photoIds: [photo.id] },
    });
    expect(round.statusCode).toBe(201);
    const voters = await votersWithPhotos(secretId);
    expect(voters).toHaveLength(2);
    for (const v of voters) expect(v.photos.map((p) => p.id)).toEqual([photo.id]);
    expect((await fetchPhoto(b.sessions.secretary, photo.url)).statusCode).toBe(200);
    expect((await fetchPhoto(b.sessions.bing, photo.url)).statusCode).toBe(404);
  });
});

describe('the sweep of photos no form claimed', () => {
  it('leaves evidence photos alone, and removes an abandoned upload swept with them', async () => {
    const kept = await upload(b.sessions.gridWorker, await phonePhoto(60, 60));
    expect((await recordVisit(b.sessions.gridWorker, '101', [kept.id])).statusCode).toBe(201);
    const abandoned = await upload(b.sessions.gridWorker, await phonePhoto(61, 61));
    const keptFile = storedPath(
      filesDir,
      digestOf((await fetchPhoto(b.sessions.secretary, kept.url)).rawPayload),
    )!;

    const dayAgo = new Date(Date.now() - 25 * 3600_000).toISOString();
    await t.database.db.updateTable('attachments').set({ created_at: dayAgo }).execute();
    await t.database.db.updateTable('files').set({ created_at: dayAgo }).execute();
    const { files } = await transact(t.app.deps, null, (tx) => dropStaleUploads(tx));
    await removeFiles(filesDir, files);

    expect((await fetchPhoto(b.sessions.gridWorker, abandoned.url)).statusCode).toBe(404);
    expect((await fetchPhoto(b.sessions.secretary, kept.url)).statusCode).toBe(200);
    expect(fs.existsSync(keptFile)).toBe(true);
    for (const v of [...(await votersWithPhotos(openId)), ...(await votersWithPhotos(secretId))])
      for (const p of v.photos) expect((await fetchPhoto(b.sessions.secretary, p.url)).statusCode).toBe(200);
  });
});
