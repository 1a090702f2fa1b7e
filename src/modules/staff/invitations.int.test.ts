import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import {
  as,
  makeGrid,
  makeTown,
  makeUser,
  type Session,
  signedInUser,
  signIn,
  uniquePhone,
} from '../../../test/factories.ts';
import type { LogSmsProvider } from '../auth/sms.ts';

let t: TestApp;
let town: Awaited<ReturnType<typeof makeTown>>;
let secretary: Session;

beforeAll(async () => {
  t = await testApp();
  town = await makeTown(t.database);
  secretary = (
    await signedInUser(t.app, t.database, {
      name: '谢瑜',
      grants: [{ role: 'community_secretary', place: town.community }],
    })
  ).session;
});
afterAll(() => t.close());

async function invite(session: Session, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/staff/invitations', headers: as(session), payload: body });
}

function tokenOf(link: string) {
  return link.replace('/invite/', '');
}

async function smsCode(phone: string) {
  const sent = await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone } });
  expect(sent.statusCode).toBe(204);
  return (t.app.deps.sms as LogSmsProvider).lastTo(phone)?.match(/\d{6}/)?.[0] ?? '';
}

async function accept(token: string, body: { phone: string; code: string; password: string }) {
  return t.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: body });
}

describe('an invitation, end to end', () => {
  it('becomes a signed-in staff account holding the role, once', async () => {
    const created = await invite(secretary, { name: '李网格', role: 'grid_worker', gridId: town.grid1.id });
    expect(created.statusCode).toBe(201);
    const { link, expiresAt } = created.json();
    expect(link).toMatch(/^\/invite\/[\w-]{43}$/);
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const token = tokenOf(link);

    const shown = await t.app.inject({ url: `/api/invitations/${token}` });
    expect(shown.json()).toMatchObject({
      name: '李网格',
      role: 'grid_worker',
      placeName: '亲水阳光社区',
      gridName: '第一网格',
      invitedBy: '谢瑜',
      state: 'pending',
    });

    const phone = uniquePhone();
    const accepted = await accept(token, {
      phone,
      code: await smsCode(phone),
      password: 'a good passphrase',
    });
    expect(accepted.statusCode).toBe(200);
    const cookie = accepted.cookies.find((c) => c.name === 'sl_session');
    expect(cookie?.httpOnly).toBe(true);
    const session = await t.app.inject({
      url: '/api/auth/session',
      headers: { cookie: `sl_session=${cookie?.value}` },
    });
    expect(session.json().user).toMatchObject({ name: '李网格', kind: 'staff' });
    expect(session.json().user.grants).toEqual([
      expect.objectContaining({ role: 'grid_worker', gridId: town.grid1.id, gridName: '第一网格' }),
    ]);
    await signIn(t.app, phone, 'a good passphrase');

    const again = await accept(token, { phone, code: '000000', password: 'a good passphrase' });
    expect(again.statusCode).toBe(409);
    expect((await t.app.inject({ url: `/api/invitations/${token}` })).json().state).toBe('accepted');
    const grants = await t.database.db
      .selectFrom('role_grants')
      .select('granted_by')
      .where('user_id', '=', accepted.json().userId)
      .execute();
    expect(grants).toEqual([{ granted_by: secretary.userId }]);
  });

  it('adds the role to an existing account with the same phone, which keeps its password', async () => {
    const resident = await makeUser(t.database, { name: '王文贵', kind: 'resident' });
    const token = tokenOf(
      (
        await invite(secretary, { name: '王文贵', role: 'building_steward', placeId: town.building1.id })
      ).json().link,
    );
    const accepted = await accept(token, {
      phone: resident.phone,
      code: await smsCode(resident.phone),
      password: resident.password,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().userId).toBe(resident.userId);
    const user = await t.database.db
      .selectFrom('users')
      .select('kind')
      .where('id', '=', resident.userId)
      .executeTakeFirstOrThrow();
    expect(user.kind).toBe('staff');
    const session = await signIn(t.app, resident.phone, resident.password);
    const view = await t.app.inject({ url: '/api/auth/session', headers: as(session) });
    expect(view.json().user.grants.map((g: { role: string }) => g.role)).toEqual(['building_steward']);
  });

  it('refuses an existing account’s wrong password, and a wrong code, without granting anything', async () => {
    const existing = await makeUser(t.database, { kind: 'resident' });
    const token = tokenOf(
      (await invite(secretary, { name: '某某', role: 'community_staff', placeId: town.community.id })).json()
        .link,
    );
    const wrongCode = await accept(token, {
      phone: existing.phone,
      code: '000000',
      password: existing.password,
    });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().errors[0].field).toBe('code');
    const wrongPassword = await accept(token, {
      phone: existing.phone,
      code: await smsCode(existing.phone),
      password: 'not the password',
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().errors[0].field).toBe('password');
    const grants = await t.database.db
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', existing.userId)
      .execute();
    expect(grants).toEqual([]);
    expect((await t.app.inject({ url: `/api/invitations/${token}` })).json().state).toBe('pending');
  });

  it('refuses an expired invitation and a withdrawn one', async () => {
    const expired = await invite(secretary, {
      name: '甲',
      role: 'community_staff',
      placeId: town.community.id,
    });
    await t.database.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', expired.json().id)
      .execute();
    const phone = uniquePhone();
    const tooLate = await accept(tokenOf(expired.json().link), {
      phone,
      code: await smsCode(phone),
      password: 'a good passphrase',
    });
    expect(tooLate.statusCode).toBe(409);
    expect(
      (await t.app.inject({ url: `/api/invitations/${tokenOf(expired.json().link)}` })).json().state,
    ).toBe('expired');

    const withdrawn = await invite(secretary, {
      name: '乙',
      role: 'community_staff',
      placeId: town.community.id,
    });
    const pending = await t.app.inject({
      url: '/api/staff/invitations?pageSize=100',
      headers: as(secretary),
    });
    expect(pending.json().items.map((i: { id: string }) => i.id)).toContain(withdrawn.json().id);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/staff/invitations/${withdrawn.json().id}`,
      headers: as(secretary),
    });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/staff/invitations?pageSize=100', headers: as(secretary) });
    expect(after.json().items.map((i: { id: string }) => i.id)).not.toContain(withdrawn.json().id);
    const refused = await accept(tokenOf(withdrawn.json().link), {
      phone: uniquePhone(),
      code: '123456',
      password: 'a good passphrase',
    });
    expect(refused.statusCode).toBe(409);
    const users = await t.database.db
      .selectFrom('people')
      .select('id')
      .where('name', 'in', ['甲', '乙'])
      .execute();
    expect(users).toEqual([]);
  });

  it('answers an unknown link as not found', async () => {
    expect((await t.app.inject({ url: `/api/invitations/${'x'.repeat(43)}` })).statusCode).toBe(404);
  });

  it('lapses when the inviter no longer may grant the role', async () => {
    const inviter = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_secretary', place: town.community }],
    });
    const token = tokenOf(
      (
        await invite(inviter.session, { name: '丙', role: 'community_staff', placeId: town.community.id })
      ).json().link,
    );
    await t.database.db.deleteFrom('role_grants').where('user_id', '=', inviter.userId).execute();
    const phone = uniquePhone();
    const refused = await accept(token, { phone, code: await smsCode(phone), password: 'a good passphrase' });
    expect(refused.statusCode).toBe(409);
  });
});

describe('what an inviter may grant', () => {
  it('refuses a role at a place outside the inviter’s scope', async () => {
    const refused = await invite(secretary, {
      name: '越界',
      role: 'community_staff',
      placeId: town.otherCommunity.id,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('refuses a grid of another community', async () => {
    const other = await makeGrid(t.database, town.otherCommunity, '外网格', [town.otherBuilding]);
    const refused = await invite(secretary, { name: '越界', role: 'grid_worker', gridId: other.id });
    expect(refused.statusCode).toBe(403);
  });

  it('lets only an admin grant admin', async () => {
    const notAdmin = await invite(secretary, { name: '管理员', role: 'admin', placeId: town.community.id });
    expect(notAdmin.statusCode).toBe(403);
    const admin = await signedInUser(t.app, t.database, { grants: [{ role: 'admin', place: town.city }] });
    const byAdmin = await invite(admin.session, { name: '管理员', role: 'admin', placeId: town.district.id });
    expect(byAdmin.statusCode).toBe(201);
  });

  it('refuses to invite for someone without the role to grant', async () => {
    const staff = await signedInUser(t.app, t.database, {
      grants: [{ role: 'community_staff', place: town.community }],
    });
    const refused = await invite(staff.session, {
      name: '某',
      role: 'building_steward',
      placeId: town.building1.id,
    });
    expect(refused.statusCode).toBe(403);
  });

  it('says beside the field when a role is held at the wrong kind of place, or lacks its party or sector', async () => {
    const wrongLevel = await invite(secretary, {
      name: '某',
      role: 'community_secretary',
      placeId: town.compound.id,
    });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().errors[0].field).toBe('placeId');
    const noParty = await invite(secretary, {
      name: '某',
      role: 'property_staff',
      placeId: town.compound.id,
    });
    expect(noParty.json().errors[0].field).toBe('partyId');
    const admin = await signedInUser(t.app, t.database, { grants: [{ role: 'admin', place: town.city }] });
    const noSector = await invite(admin.session, {
      name: '于颖',
      role: 'cppcc_member',
      placeId: town.district.id,
    });
    expect(noSector.json().errors[0].field).toBe('sector');
    const withSector = await invite(admin.session, {
      name: '于颖',
      role: 'cppcc_member',
      placeId: town.district.id,
      sector: '社会福利和社会保障界',
    });
    expect(withSector.statusCode).toBe(201);
  });

  it('makes a property staff member a member of their company on acceptance', async () => {
    const party = await t.app.inject({
      method: 'POST',
      url: '/api/parties',
      headers: as(secretary),
      payload: { kind: 'property_company', name: '邀请物业', placeId: town.compound.id },
    });
    const token = tokenOf(
      (
        await invite(secretary, {
          name: '物业小王',
          role: 'property_staff',
          placeId: town.compound.id,
          partyId: party.json().id,
        })
      ).json().link,
    );
    const phone = uniquePhone();
    await accept(token, { phone, code: await smsCode(phone), password: 'a good passphrase' });
    const detail = await t.app.inject({ url: `/api/parties/${party.json().id}`, headers: as(secretary) });
    expect(detail.json().members.map((m: { name: string }) => m.name)).toEqual(['物业小王']);
  });
});
