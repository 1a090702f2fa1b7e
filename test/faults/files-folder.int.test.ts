import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile, phonePhoto } from '../../src/modules/attachments/photos.testkit.ts';
import { type TestApp, testApp } from '../app.ts';
import { as, makeTown, type Session, signedInUser } from '../factories.ts';

// The uploads folder on a small disk of its own (a size-capped tmpfs; mounting one needs root, as CI
// has): when it fills, uploads are refused with 503 "storage full", the server reports unready, no
// half-written file stays behind, and every photo already answered is still served whole.
const root = process.getuid?.() === 0;

describe.runIf(root)('a full files folder', () => {
  let t: TestApp;
  let resident: Session;
  let filesDir: string;

  beforeAll(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-full-files-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', filesDir]);
    t = await testApp({ FILES_DIR: filesDir });
    const town = await makeTown(t.database);
    resident = (await signedInUser(t.app, t.database, { households: [town.household101] })).session;
  });
  afterAll(async () => {
    await t?.close();
    execFileSync('umount', [filesDir]);
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  const upload = async (width: number) => {
    const form = multipartFile(await phonePhoto(width, 48), 'IMG.jpg', 'image/jpeg');
    return t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...as(resident), ...form.headers, 'accept-language': 'zh-CN' },
      payload: form.payload,
    });
  };

  it('refuses uploads with 503 once full, keeps every answered photo whole, and recovers when space returns', async () => {
    const answered: { url: string }[] = [];
    let refused: Awaited<ReturnType<typeof upload>> | null = null;
    for (let width = 64; width < 1_000 && !refused; width++) {
      const reply = await upload(width);
      if (reply.statusCode === 201) answered.push(reply.json());
      else refused = reply;
    }
    expect(answered.length).toBeGreaterThan(3);
    expect(refused?.statusCode).toBe(503);
    expect(refused?.json().code).toBe('storage_full');
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);

    const leftovers = fs.readdirSync(filesDir, { recursive: true }).filter((f) => String(f).endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    for (const photo of answered) {
      const served = await t.app.inject({ method: 'GET', url: photo.url, headers: as(resident) });
      expect(served.statusCode).toBe(200);
      const digest = crypto.createHash('sha256').update(served.rawPayload).digest('hex');
      const stored = fs.readdirSync(filesDir, { recursive: true }).map(String);
      expect(stored.some((f) => f.endsWith(digest))).toBe(true);
    }

    execFileSync('mount', ['-o', 'remount,size=8m', filesDir]);
    expect((await upload(2_000)).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});
