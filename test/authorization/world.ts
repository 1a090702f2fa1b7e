import { uuidv7 } from 'uuidv7';
import { multipartFile, phonePhoto } from '../../src/modules/attachments/photos.testkit.ts';
import type { LogSmsProvider } from '../../src/modules/auth/sms.ts';
import type { TestApp } from '../app.ts';
import {
  as,
  makePlace,
  makeTown,
  makeUser,
  type Session,
  signedInUser,
  signIn,
  type UserSpec,
} from '../factories.ts';

/** The representative people the matrix asks about (issue: resident, other resident, grid worker in and
 * out of scope, property staff, community secretary, deputy, and the public). */
export const personas = [
  'public',
  'resident',
  'otherResident',
  'gridIn',
  'gridOut',
  'property',
  'secretary',
  'deputy',
] as const;
export type Persona = (typeof personas)[number];

export type Request = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
};

/** A town with one of each persona, and builders of fresh records for requests that change them. */
export async function buildWorld(t: TestApp) {
  const town = await makeTown(t.database);
  const partyId = uuidv7();
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
  const specs: Record<Exclude<Persona, 'public'>, UserSpec> = {
    resident: { kind: 'resident', name: '王文贵', households: [town.household101] },
    otherResident: { kind: 'resident', name: '马小兰', households: [town.household201] },
    gridIn: { grants: [{ role: 'grid_worker', gridId: town.grid1.id }] },
    gridOut: { grants: [{ role: 'grid_worker', gridId: town.grid2.id }] },
    property: { grants: [{ role: 'property_staff', place: town.compound, partyId }] },
    secretary: { grants: [{ role: 'community_secretary', place: town.community }] },
    deputy: { grants: [{ role: 'npc_deputy', place: town.street }] },
  };
  const sessions = {} as Record<Exclude<Persona, 'public'>, Session>;
  for (const [name, spec] of Object.entries(specs))
    sessions[name as keyof typeof specs] = (await signedInUser(t.app, t.database, spec)).session;

  const send = async (session: Session | null, request: Request) =>
    t.app.inject({
      method: request.method,
      url: request.url,
      headers: { ...as(session), ...request.headers },
      payload: request.payload as never,
    });
  const ok = async (session: Session, request: Request) => {
    const response = await send(session, request);
    if (response.statusCode >= 300)
      throw new Error(`fixture ${request.method} ${request.url}: ${response.statusCode} ${response.body}`);
    return response.statusCode === 204 ? null : response.json();
  };

  const world = {
    town,
    partyId,
    database: t.database,
    sessions,
    specs,
    /** A session of a new person like this persona, for requests that end or change the session. */
    async freshSession(persona: Persona): Promise<Session | null> {
      if (persona === 'public') return null;
      return (await signedInUser(t.app, t.database, specs[persona])).session;
    },
    importRows,
    async freshBuilding() {
      const response = await ok(sessions.secretary, {
        method: 'POST',
        url: '/api/places',
        payload: { parentId: town.compound.id, kind: 'building', name: `楼${uuidv7().slice(-6)}` },
      });
      return { placeId: response.id ?? response.place?.id };
    },
    async freshStaff() {
      return makeUser(t.database, { grants: [{ role: 'building_steward', place: town.building1 }] });
    },
    async submittedMatter(): Promise<string> {
      const body = { kind: 'problem', category: 'environment', text: `路灯不亮 ${uuidv7()}` };
      return (await ok(sessions.resident, { method: 'POST', url: '/api/matters', payload: body })).id;
    },
    async problem(): Promise<string> {
      const matterId = await world.submittedMatter();
      const accepted = await ok(sessions.secretary, {
        method: 'POST',
        url: `/api/matters/${matterId}/accept`,
        payload: { title: '路灯不亮', urgency: 2, severity: 2 },
      });
      return accepted.problemId;
    },
    async problemWithTwoMatters(): Promise<{ problemId: string; matterId: string }> {
      const problemId = await world.problem();
      const matterId = await world.submittedMatter();
      await ok(sessions.secretary, {
        method: 'POST',
        url: `/api/matters/${matterId}/accept`,
        payload: { problemId },
      });
      return { problemId, matterId };
    },
    /** A community group robot, switched off, whose address is never called (loopback is refused here). */
    async channel(): Promise<string> {
      const id = uuidv7();
      const at = new Date().toISOString();
      await t.database.db
        .insertInto('notification_channels')
        .values({
          id,
          place_id: town.community.id,
          kind: 'dingtalk',
          name: '社区钉钉群',
          url: 'http://127.0.0.1:9/robot/send',
          secret: 'SEC1',
          enabled: 0,
          created_by: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      return id;
    },
    async order(state: 'dispatched' | 'taken'): Promise<string> {
      const problemId = await world.problem();
      await ok(sessions.secretary, {
        method: 'POST',
        url: `/api/workbench/problems/${problemId}/dispatch`,
        payload: { lead: { partyId } },
      });
      const order = await t.database.db
        .selectFrom('orders')
        .select('id')
        .where('problem_id', '=', problemId)
        .executeTakeFirstOrThrow();
      if (state === 'taken')
        await ok(sessions.property, { method: 'POST', url: `/api/orders/${order.id}/take` });
      return order.id;
    },
    /** A matter of the resident whose problem is resolved: waiting for the resident's answer. */
    async resolvedMatter(): Promise<string> {
      const orderId = await world.order('taken');
      await ok(sessions.property, {
        method: 'POST',
        url: `/api/orders/${orderId}/report`,
        payload: { text: '已修好' },
      });
      const order = await t.database.db
        .selectFrom('orders')
        .select('problem_id')
        .where('id', '=', orderId)
        .executeTakeFirstOrThrow();
      const matter = await t.database.db
        .selectFrom('matters')
        .select('id')
        .where('problem_id', '=', order.problem_id)
        .executeTakeFirstOrThrow();
      return matter.id;
    },
    async pendingLink(): Promise<string> {
      const asker = await signedInUser(t.app, t.database, { kind: 'resident' });
      const link = await ok(asker.session, {
        method: 'POST',
        url: '/api/residents/me/household-links',
        payload: { householdId: town.household101.id },
      });
      return link.id;
    },
    async invitation(): Promise<{ id: string; token: string }> {
      const created = await ok(sessions.secretary, {
        method: 'POST',
        url: '/api/staff/invitations',
        payload: { name: '新网格员', role: 'building_steward', placeId: town.building1.id },
      });
      return { id: created.id, token: created.link.split('/').pop() };
    },
    async grantOfFreshStaff(): Promise<{ userId: string; grantId: string }> {
      const staff = await world.freshStaff();
      const grant = await t.database.db
        .selectFrom('role_grants')
        .select('id')
        .where('user_id', '=', staff.userId)
        .executeTakeFirstOrThrow();
      return { userId: staff.userId, grantId: grant.id };
    },
    async member(): Promise<string> {
      const staff = await world.freshStaff();
      await ok(sessions.secretary, {
        method: 'POST',
        url: `/api/parties/${partyId}/members`,
        payload: { phone: staff.phone },
      });
      return staff.userId;
    },
    async importHash(): Promise<string> {
      const preview = await ok(sessions.secretary, {
        method: 'POST',
        url: `/api/household-imports/preview?placeId=${town.compound.id}`,
        payload: importRows,
      });
      return preview.fileHash;
    },
    /** A deadline rule of the town's community, kept by its secretary (the ladder). */
    async deadlineRule(): Promise<string> {
      const list = await ok(sessions.secretary, {
        method: 'PUT',
        url: '/api/workbench/deadline-rules',
        payload: {
          communityId: town.community.id,
          level: 'joint_meeting',
          category: null,
          amount: 10,
          unit: 'working_days',
          warnMinutes: 0,
        },
      });
      return list.rules[0].id;
    },
    /** A street officer's whistle 吹哨 summoning the property company: its summons, waiting for 报到. */
    async summons(): Promise<string> {
      const problemId = await world.problem();
      await t.database.db
        .updateTable('problems')
        .set({ level: 'street' })
        .where('id', '=', problemId)
        .execute();
      const officer = await signedInUser(t.app, t.database, {
        grants: [{ role: 'street_officer', place: town.street }],
      });
      const view = await ok(officer.session, {
        method: 'POST',
        url: `/api/workbench/problems/${problemId}/whistle`,
        payload: { partyIds: [partyId], arriveBy: new Date(Date.now() + 3_600_000).toISOString() },
      });
      return view.whistles[0].summons[0].id;
    },
    /** A photo the resident sent with a matter on household 101, by its URL. */
    async matterPhoto(): Promise<string> {
      const form = multipartFile(await phonePhoto(), 'IMG_0001.jpg', 'image/jpeg');
      const photo = await ok(sessions.resident, {
        method: 'POST',
        url: '/api/attachments',
        payload: form.payload,
        headers: form.headers,
      });
      await ok(sessions.resident, {
        method: 'POST',
        url: '/api/matters',
        payload: { kind: 'problem', category: 'environment', text: '路灯不亮，附照片', photoIds: [photo.id] },
      });
      return photo.url;
    },
    /** A building of the community no dispatch rule names yet. */
    async freshRulePlace(): Promise<string> {
      return (await makePlace(t.database, 'building', `楼${uuidv7().slice(-6)}`, town.compound)).id;
    },
    /** A dispatch rule of the community, at a building of its own. */
    async dispatchRule(): Promise<string> {
      const rule = await ok(sessions.secretary, {
        method: 'POST',
        url: '/api/dispatch-rules',
        payload: {
          communityId: town.community.id,
          category: 'environment',
          placeId: await world.freshRulePlace(),
          partyId,
          level: 'compound',
        },
      });
      return rule.id;
    },
    smsCodeFor(phone: string) {
      return (t.app.deps.sms as LogSmsProvider).lastTo(phone)?.match(/\d{6}/)?.[0] ?? '000000';
    },
    signIn: (phone: string, password: string) => signIn(t.app, phone, password),
    send,
  };
  return world;
}

export const importRows = {
  fileName: 'matrix.csv',
  rows: [
    { building: '9号楼', entrance: '1单元', room: '101', area: '88.5', owner: '测试', phone: '13900001111' },
  ],
};

export type World = Awaited<ReturnType<typeof buildWorld>>;
