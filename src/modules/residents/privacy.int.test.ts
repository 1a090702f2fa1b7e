import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeTown, type Session, signedInUser } from '../../../test/factories.ts';
import { transact } from '../../server/transaction.ts';
import { dropStaleUploads } from '../attachments/attachments.service.ts';
import { digestOf, removeFiles, storedPath } from '../attachments/file-store.ts';
import { multipartFile, phonePhoto } from '../attachments/photos.testkit.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { householdCode, registeredResident, smsCodeFor } from './residents.testkit.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let filesDir: string;

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-privacy-files-'));
  t = await testApp({ FILES_DIR: filesDir });
  town = await makeTown(t.database);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

async function personIdOf(userId: string) {
  const row = await t.database.db
    .selectFrom('users')
    .select('person_id')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.person_id;
}

/** The register lists the resident as an owner of the household (as staff would record after checking). */
async function recordOwnership(userId: string, householdId: string) {
  await t.database.db
    .insertInto('ownerships')
    .values({ id: uuidv7(), household_id: householdId, person_id: await personIdOf(userId), party_id: null })
    .execute();
}

async function linkByCode(session: Session, householdId: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/residents/me/household-links/by-code',
    headers: as(session),
    payload: { code: await householdCode(t, householdId) },
  });
  expect(response.statusCode).toBe(200);
}

function download(session: Session) {
  return t.app.inject({ url: '/api/residents/me/data', headers: as(session) });
}

function erase(session: Session, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/residents/me/erase',
    headers: as(session),
    payload: { password },
  });
}

/** Every row of every table, as text: where a leftover name or phone would show. */
async function wholeDatabaseText() {
  // On PostgreSQL each test file has a schema of its own; the introspection sees every schema.
  const schema =
    t.database.dialect === 'postgres'
      ? (await sql<{ name: string }>`select current_schema() as name`.execute(t.database.db)).rows[0]?.name
      : undefined;
  const tables = (await t.database.db.introspection.getTables()).filter(
    (table) => schema === undefined || table.schema === schema,
  );
  const texts: Record<string, string> = {};
  for (const name of tables.map((table) => table.name)) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(t.database.db);
    texts[name] = JSON.stringify(rows.rows);
  }
  return texts;
}

describe('downloading my data', () => {
  it('holds my account, household, ownership and sessions, and nothing of my neighbour', async () => {
    const me = await registeredResident(t, { name: '白玉兰' });
    const neighbour = await registeredResident(t, { name: '黑豆豆' });
    for (const r of [me, neighbour]) {
      await linkByCode(r.session, town.household101.id);
      await recordOwnership(r.userId, town.household101.id);
    }

    const response = await download(me.session);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="shangliang-my-data-/);
    expect(response.headers['cache-control']).toBe('no-store');
    const { sections } = response.json();
    expect(sections.person).toMatchObject({ name: '白玉兰', phone: me.phone });
    expect(sections.accounts).toEqual([
      expect.objectContaining({ id: me.userId, kind: 'resident', status: 'active', phone: me.phone }),
    ]);
    expect(sections.householdLinks).toEqual([
      expect.objectContaining({
        householdId: town.household101.id,
        place: '锦秀河畔 1号楼 1单元 101',
        status: 'confirmed',
      }),
    ]);
    expect(sections.ownerships).toEqual([
      { householdId: town.household101.id, place: '锦秀河畔 1号楼 1单元 101', floorAreaM2: '90.00' },
    ]);
    expect(sections.sessions).toHaveLength(1);
    expect(sections.activity.map((a: { action: string }) => a.action)).toEqual([
      'resident.registered',
      'household_link.confirmed',
    ]);

    const text = response.body;
    expect(text).not.toContain('黑豆豆');
    expect(text).not.toContain(neighbour.phone);
    expect(text).not.toContain(neighbour.userId);
    expect(text).not.toContain(await personIdOf(neighbour.userId));
    // No secret leaves the server: neither the session token, its CSRF token nor the password hash.
    expect(text).not.toContain(me.session.cookie.slice('sl_session='.length));
    expect(text).not.toContain(me.session.csrfToken);
    expect(text).not.toContain('argon2');
  });

  it('is refused without a session', async () => {
    expect((await t.app.inject({ url: '/api/residents/me/data' })).statusCode).toBe(401);
  });
});

describe('erasing my account', () => {
  it('refuses a wrong password on the password field and erases nothing', async () => {
    const me = await registeredResident(t);
    const response = await erase(me.session, 'not my passphrase');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'password', message: '密码不正确' }]);
    expect((await download(me.session)).json().sections.person.phone).toBe(me.phone);
  });

  it('leaves no trace of the name or phone, ends sign-in for good, keeps the chain and the household counted', async () => {
    const name = '司马青云';
    const me = await registeredResident(t, { name });
    await linkByCode(me.session, town.household201.id);
    await recordOwnership(me.userId, town.household201.id);
    const pending = await t.app.inject({
      method: 'POST',
      url: '/api/residents/me/household-links',
      headers: as(me.session),
      payload: { householdId: town.household101.id },
    });
    expect(pending.statusCode).toBe(200);
    // A failed try and a spent code are both kept by phone number until the erasure.
    await erase(me.session, 'a wrong passphrase');
    const otherDevice = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { phone: me.phone, password: me.password },
    });
    expect(otherDevice.statusCode).toBe(200);
    const ownersBefore = await t.database.db
      .selectFrom('ownerships')
      .select('person_id')
      .where('household_id', '=', town.household201.id)
      .execute();

    const erased = await erase(me.session, me.password);
    expect(erased.statusCode).toBe(204);
    expect(erased.headers['set-cookie']).toMatch(/sl_session=;/);

    // Every session of the account has ended.
    expect((await t.app.inject({ url: '/api/auth/session', headers: as(me.session) })).statusCode).toBe(401);
    const cookie = otherDevice.cookies.find((c) => c.name === 'sl_session')?.value;
    expect(
      (await t.app.inject({ url: '/api/auth/session', headers: { cookie: `sl_session=${cookie}` } }))
        .statusCode,
    ).toBe(401);

    const database = await wholeDatabaseText();
    expect(Object.keys(database)).toEqual(
      expect.arrayContaining(['people', 'users', 'audit_log', 'sessions']),
    );
    for (const [table, text] of Object.entries(database)) {
      expect(text, `${table} still holds the name`).not.toContain(name);
      expect(text, `${table} still holds the phone`).not.toContain(me.phone);
    }
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true, firstBroken: null });

    // Neither a password nor a code opens the account again.
    const byPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { phone: me.phone, password: me.password },
    });
    expect(byPassword.statusCode).toBe(400);
    const code = await smsCodeFor(t, me.phone);
    const byCode = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in-sms',
      payload: { phone: me.phone, code },
    });
    expect(byCode.statusCode).toBe(400);

    // The household keeps its owner, anonymous: owners and floor area still add up in votes and shares.
    const ownersAfter = await t.database.db
      .selectFrom('ownerships')
      .innerJoin('people', 'people.id', 'ownerships.person_id')
      .select(['ownerships.person_id', 'people.name', 'people.erased_at'])
      .where('ownerships.household_id', '=', town.household201.id)
      .execute();
    expect(ownersAfter.map((o) => o.person_id)).toEqual(ownersBefore.map((o) => o.person_id));
    expect(ownersAfter[0]).toMatchObject({ name: null });
    expect(ownersAfter[0]?.erased_at).not.toBeNull();
    // The confirmed link stays, anonymous; the claim still waiting is gone.
    const links = await t.database.db
      .selectFrom('household_links')
      .select(['household_id', 'status'])
      .where('user_id', '=', me.userId)
      .execute();
    expect(links).toEqual([{ household_id: town.household201.id, status: 'confirmed' }]);
  });

  it('frees the phone number for a new account', async () => {
    const me = await registeredResident(t);
    expect((await erase(me.session, me.password)).statusCode).toBe(204);
    const again = await registeredResident(t, { phone: me.phone, name: '新用户' });
    expect(again.userId).not.toBe(me.userId);
  });

  it('is not how a staff account is closed', async () => {
    const staff = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.community }],
    });
    expect((await erase(staff.session, staff.password)).statusCode).toBe(403);
  });
});

describe('my photos', () => {
  it('are in my download, leave with me, and their bytes go with the next sweep of unused files', async () => {
    const me = await registeredResident(t);
    await linkByCode(me.session, town.household101.id);
    const body = multipartFile(await phonePhoto(), 'IMG_0101.jpg', 'image/jpeg');
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...as(me.session), ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const photo = uploaded.json();
    const matter = await t.app.inject({
      method: 'POST',
      url: '/api/matters',
      headers: as(me.session),
      payload: {
        kind: 'problem',
        category: 'fire_safety',
        text: '楼道里堆满纸箱，着火了跑不出去。',
        photoIds: [photo.id],
      },
    });
    expect(matter.statusCode).toBe(201);

    const data = (await download(me.session)).json();
    expect(data.sections.photos).toEqual([
      expect.objectContaining({
        id: photo.id,
        url: photo.url,
        mime: 'image/jpeg',
        matterId: matter.json().id,
      }),
    ]);
    const served = await t.app.inject({ url: photo.url, headers: as(me.session) });
    const file = storedPath(filesDir, digestOf(served.rawPayload))!;
    expect(fs.existsSync(file)).toBe(true);

    const staff = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.community }],
    });
    expect((await t.app.inject({ url: photo.url, headers: as(staff.session) })).statusCode).toBe(200);
    expect((await erase(me.session, me.password)).statusCode).toBe(204);
    expect((await t.app.inject({ url: photo.url, headers: as(staff.session) })).statusCode).toBe(404);

    // Within the grace period an upload in flight may still name the bytes; after it, the sweep takes them.
    const sweep = async () => {
      const { files } = await transact(t.app.deps, null, (tx) => dropStaleUploads(tx));
      await removeFiles(filesDir, files);
    };
    await sweep();
    expect(fs.existsSync(file)).toBe(true);
    await t.database.db
      .updateTable('files')
      .set({ created_at: new Date(Date.now() - 2 * 3600_000).toISOString() })
      .where('id', '=', digestOf(served.rawPayload))
      .execute();
    await sweep();
    expect(fs.existsSync(file)).toBe(false);
  });
});
