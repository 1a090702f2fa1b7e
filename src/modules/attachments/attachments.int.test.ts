import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import { transact } from '../../server/transaction.ts';
import { dropStaleUploads, setPhotoPublished } from './attachments.service.ts';
import { digestOf, removeFiles, storedPath } from './file-store.ts';
import { multipartFile, phonePhoto } from './photos.testkit.ts';

let t: TestApp;
let filesDir: string;
let town: Awaited<ReturnType<typeof makeTown>>;
let resident: Session;
let neighbour: Session;
let gridWorker: Session;
let otherGridWorker: Session;
let property: Session;
let partyId: string;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-files-'));
  t = await testApp({ FILES_DIR: filesDir, PHOTO_MAX_BYTES: 200_000 });
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
  resident = (await signedInUser(t.app, t.database, { households: [town.household101] })).session;
  neighbour = (await signedInUser(t.app, t.database, { households: [town.household201] })).session;
  gridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] })
  ).session;
  otherGridWorker = (
    await signedInUser(t.app, t.database, { grants: [{ role: 'grid_worker', gridId: town.grid2.id }] })
  ).session;
  property = (
    await signedInUser(t.app, t.database, {
      grants: [{ role: 'property_staff', place: town.compound, partyId }],
    })
  ).session;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

async function upload(
  session: Session | null,
  bytes: Buffer,
  fileName = 'IMG_0001.jpg',
  type = 'image/jpeg',
) {
  const body = multipartFile(bytes, fileName, type);
  return t.app.inject({
    method: 'POST',
    url: '/api/attachments',
    headers: { ...as(session), ...body.headers },
    payload: body.payload,
  });
}

const fetchPhoto = (session: Session | null, url: string) => t.app.inject({ url, headers: as(session) });

async function submitWithPhotos(session: Session, photoIds: string[], key?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: { ...as(session), ...(key ? { 'idempotency-key': key } : {}) },
    payload: {
      kind: 'problem',
      category: 'fire_safety',
      text: '楼道里堆满了纸箱和电动车，着火了跑不出去。',
      photoIds,
    },
  });
}

describe('a photo uploaded from the phone', () => {
  it('is stored under FILES_DIR by the SHA-256 of its bytes, with its GPS position and camera gone', async () => {
    const response = await upload(resident, await phonePhoto());
    expect(response.statusCode).toBe(201);
    const photo = response.json();
    expect(photo).toMatchObject({ mime: 'image/jpeg', url: `/api/attachments/${photo.id}` });

    const served = await fetchPhoto(resident, photo.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const digest = digestOf(served.rawPayload);
    const stored = fs.readFileSync(path.join(filesDir, digest.slice(0, 2), digest));
    expect(stored.equals(served.rawPayload)).toBe(true);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.toString('latin1')).not.toContain('ShangliangPhone');
  });

  it('is judged by its bytes: a script called photo.jpg and sent as image/jpeg is refused', async () => {
    const response = await upload(resident, Buffer.from('<?php system($_GET["c"]); ?>'), 'photo.jpg');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: 'photo' });
    expect(response.json().errors[0].message).toContain('JPG');
  });

  it('is refused beside its field when larger than the configured limit', async () => {
    const noisy = await sharp({
      create: {
        width: 600,
        height: 600,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(200_000);
    const response = await upload(resident, noisy, 'big.png', 'image/png');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('photo');
  });

  it('needs a signed-in sender', async () => {
    expect((await upload(null, await phonePhoto())).statusCode).toBe(401);
  });
});

describe('photos with a matter', () => {
  it('go with the matter, are seen by the submitter and staff in scope, and by nobody else', async () => {
    const photo = (await upload(resident, await phonePhoto(32, 32))).json();
    const matter = await submitWithPhotos(resident, [photo.id]);
    expect(matter.statusCode).toBe(201);
    expect(matter.json().photos).toEqual([{ id: photo.id, url: photo.url, mime: 'image/jpeg' }]);

    const inbox = (await t.app.inject({ url: '/api/workbench/inbox', headers: as(gridWorker) })).json();
    const row = inbox.items.find((m: { id: string }) => m.id === matter.json().id);
    expect(row.photos.map((p: { id: string }) => p.id)).toEqual([photo.id]);

    expect((await fetchPhoto(resident, photo.url)).statusCode).toBe(200);
    expect((await fetchPhoto(gridWorker, photo.url)).statusCode).toBe(200);
    expect((await fetchPhoto(neighbour, photo.url)).statusCode).toBe(404);
    expect((await fetchPhoto(otherGridWorker, photo.url)).statusCode).toBe(404);
    expect((await fetchPhoto(null, photo.url)).statusCode).toBe(401);
  });

  it('cannot be someone else’s: a neighbour naming the resident’s photo is refused, and nothing is filed', async () => {
    const photo = (await upload(resident, await phonePhoto(33, 33))).json();
    const stolen = await submitWithPhotos(neighbour, [photo.id]);
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().errors[0].field).toBe('photoIds');
    expect((await fetchPhoto(neighbour, photo.url)).statusCode).toBe(404);
  });

  it('are at most nine', async () => {
    const ids = Array.from({ length: 10 }, () => uuidv7());
    const response = await submitWithPhotos(resident, ids);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('photoIds');
  });

  it('are claimed once when the phone resends the form with the same Idempotency-Key', async () => {
    const photo = (await upload(resident, await phonePhoto(34, 34))).json();
    const key = uuidv7();
    const first = await submitWithPhotos(resident, [photo.id], key);
    const again = await submitWithPhotos(resident, [photo.id], key);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().photos.map((p: { id: string }) => p.id)).toEqual([photo.id]);
  });

  it('are recorded by staff with an intake on a resident’s behalf, channel kept', async () => {
    const photo = (await upload(gridWorker, await phonePhoto(35, 35))).json();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/matters/intake',
      headers: as(gridWorker),
      payload: {
        kind: 'problem',
        category: 'environment',
        text: '入户走访：1号楼门口垃圾堆积',
        placeId: town.building1.id,
        channel: 'visit',
        photoIds: [photo.id],
      },
    });
    expect(response.statusCode).toBe(201);
    const matter = await t.database.db
      .selectFrom('matters')
      .select(['channel', 'recorded_by'])
      .where('id', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(matter.channel).toBe('visit');
    const attached = await t.database.db
      .selectFrom('attachments')
      .select('matter_id')
      .where('id', '=', photo.id)
      .executeTakeFirstOrThrow();
    expect(attached.matter_id).toBe(response.json().id);
  });
});

describe('photo evidence of a report, and publishing', () => {
  it('shows on the timeline for staff, and to the public only once published with its problem', async () => {
    const before = (await upload(resident, await phonePhoto(36, 36))).json();
    const matter = (await submitWithPhotos(resident, [before.id])).json();
    const { problemId } = (
      await t.app.inject({
        method: 'POST',
        url: `/api/matters/${matter.id}/accept`,
        headers: as(gridWorker),
        payload: { title: '楼道杂物堆放', urgency: 3, severity: 3 },
      })
    ).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/workbench/problems/${problemId}/dispatch`,
      headers: as(gridWorker),
      payload: { lead: { partyId } },
    });
    const order = await t.database.db
      .selectFrom('orders')
      .select('id')
      .where('problem_id', '=', problemId)
      .executeTakeFirstOrThrow();
    await t.app.inject({ method: 'POST', url: `/api/orders/${order.id}/take`, headers: as(property) });
    const after = (await upload(property, await phonePhoto(37, 37))).json();
    const report = await t.app.inject({
      method: 'POST',
      url: `/api/orders/${order.id}/report`,
      headers: as(property),
      payload: { text: '杂物已清理完毕', photoIds: [after.id] },
    });
    expect(report.statusCode).toBe(204);

    const detail = (
      await t.app.inject({ url: `/api/workbench/problems/${problemId}`, headers: as(gridWorker) })
    ).json();
    const reported = detail.timeline.find((e: { kind: string }) => e.kind === 'reported');
    expect(reported.photos.map((p: { id: string }) => p.id)).toEqual([after.id]);
    expect(detail.matters[0].photos.map((p: { id: string }) => p.id)).toEqual([before.id]);
    expect((await fetchPhoto(gridWorker, after.url)).statusCode).toBe(200);
    expect((await fetchPhoto(otherGridWorker, after.url)).statusCode).toBe(404);

    // Published on the echo wall: the photo staff chose, once its problem is published.
    const actor = null;
    await transact(t.app.deps, actor, (tx) => setPhotoPublished(tx, after.id, true));
    expect((await fetchPhoto(null, after.url)).statusCode).toBe(401);
    await t.database.db
      .updateTable('problems')
      .set({ published_at: new Date().toISOString() })
      .where('id', '=', problemId)
      .execute();
    const open = await fetchPhoto(null, after.url);
    expect(open.statusCode).toBe(200);
    expect(open.headers['cache-control']).toContain('public');
    expect((await fetchPhoto(null, before.url)).statusCode).toBe(401);
  });
});

describe('paths', () => {
  it('never reach outside the files folder: an attachment is asked for by id, never by path', async () => {
    for (const url of [
      '/api/attachments/..%2F..%2F..%2Fetc%2Fpasswd',
      '/api/attachments/%2e%2e%2f%2e%2e%2fpackage.json',
      '/api/attachments/..%5C..%5Cpackage.json',
    ]) {
      const response = await fetchPhoto(resident, url);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.body).not.toContain('root:');
      expect(response.body).not.toContain('"name": "shangliang"');
    }
  });
});

describe('a photo no form ever claimed', () => {
  const dayAgo = () => new Date(Date.now() - 25 * 3600_000).toISOString();
  async function sweep() {
    const { files } = await transact(t.app.deps, null, (tx) => dropStaleUploads(tx));
    await removeFiles(filesDir, files);
  }

  it('is removed with its bytes after a day; a claimed photo and a shared file stay', async () => {
    const abandoned = (await upload(resident, await phonePhoto(30, 30))).json();
    const kept = (await upload(resident, await phonePhoto(31, 31))).json();
    expect((await submitWithPhotos(resident, [kept.id])).statusCode).toBe(201);
    // The same bytes sent twice are one file: one upload abandoned, the other claimed.
    const twinBytes = await phonePhoto(32, 32);
    const twinAbandoned = (await upload(resident, twinBytes)).json();
    const twinKept = (await upload(resident, twinBytes)).json();
    expect((await submitWithPhotos(resident, [twinKept.id])).statusCode).toBe(201);
    const bytesOf = async (url: string) => (await fetchPhoto(resident, url)).rawPayload;
    const abandonedFile = storedPath(filesDir, digestOf(await bytesOf(abandoned.url)))!;
    const twinFile = storedPath(filesDir, digestOf(await bytesOf(twinKept.url)))!;

    await sweep();
    expect((await fetchPhoto(resident, abandoned.url)).statusCode).toBe(200);

    const ids = [abandoned.id, kept.id, twinAbandoned.id, twinKept.id];
    await t.database.db
      .updateTable('attachments')
      .set({ created_at: dayAgo() })
      .where('id', 'in', ids)
      .execute();
    await t.database.db.updateTable('files').set({ created_at: dayAgo() }).execute();
    await sweep();

    expect((await fetchPhoto(resident, abandoned.url)).statusCode).toBe(404);
    expect(fs.existsSync(abandonedFile)).toBe(false);
    expect((await fetchPhoto(resident, twinAbandoned.url)).statusCode).toBe(404);
    expect((await fetchPhoto(resident, kept.url)).statusCode).toBe(200);
    expect((await fetchPhoto(resident, twinKept.url)).statusCode).toBe(200);
    expect(fs.existsSync(twinFile)).toBe(true);
  });

  it('can be sent again after its bytes were swept, and is served whole', async () => {
    const bytes = await phonePhoto(33, 33);
    const first = (await upload(resident, bytes)).json();
    await t.database.db
      .updateTable('attachments')
      .set({ created_at: dayAgo() })
      .where('id', '=', first.id)
      .execute();
    await t.database.db.updateTable('files').set({ created_at: dayAgo() }).execute();
    await sweep();
    const again = await upload(resident, bytes);
    expect(again.statusCode).toBe(201);
    const served = await fetchPhoto(resident, again.json().url);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.length).toBe(again.json().bytes);
  });
});
