import { multipartFile, phonePhoto } from '../../src/modules/attachments/photos.testkit.ts';
import { type Persona, personas, type Request, type World } from './world.ts';

type Build = (w: World, who: Persona) => Promise<Request> | Request;

/**
 * One entry per API route: how to ask, and what each persona gets. Personas left out are refused:
 * the public with 401, everyone else with 403 or 404 (404 where the record is out of their scope).
 * `open` routes need no sign-in; for them every persona, the public included, gets `status`.
 */
export type Entry = {
  build: Build;
  allow?: Partial<Record<Persona, number>>;
  open?: number;
  /** Ask with a new session like the persona's, for requests that would end the persona's own. */
  fresh?: true;
};

const phoneOf = (who: Persona, route: number) =>
  `1360000${route}${String(personas.indexOf(who)).padStart(3, '0')}`;

const signedIn = (status: number) => ({
  resident: status,
  otherResident: status,
  gridIn: status,
  gridOut: status,
  property: status,
  secretary: status,
  deputy: status,
});
const staff = (status: number) => ({
  gridIn: status,
  gridOut: status,
  property: status,
  secretary: status,
  deputy: status,
});
const dispatchers = (status: number) => ({ gridIn: status, secretary: status });
const secretary = (status: number) => ({ secretary: status });

export const matrix: Record<string, Entry> = {
  // Accounts and sessions.
  // A phone each: the same phone failing eight times in a minute would be locked (429), rightly.
  'POST /api/auth/sign-in': {
    open: 400,
    build: (_, who) => ({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { phone: phoneOf(who, 1), password: 'wrong password' },
    }),
  },
  'POST /api/auth/sms-code': {
    open: 204,
    build: () => ({
      method: 'POST',
      url: '/api/auth/sms-code',
      payload: { phone: `137${String(Date.now()).slice(-8)}` },
    }),
  },
  'POST /api/auth/sign-in-sms': {
    open: 400,
    build: (_, who) => ({
      method: 'POST',
      url: '/api/auth/sign-in-sms',
      payload: { phone: phoneOf(who, 2), code: '000000' },
    }),
  },
  'GET /api/auth/session': {
    allow: signedIn(200),
    build: () => ({ method: 'GET', url: '/api/auth/session' }),
  },
  'POST /api/auth/sign-out': {
    open: 204,
    fresh: true,
    build: () => ({ method: 'POST', url: '/api/auth/sign-out' }),
  },
  'POST /api/auth/password': {
    allow: signedIn(400),
    build: () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { current: 'not the password', next: 'a new passphrase' },
    }),
  },

  // Places, grids, households, imports.
  'GET /api/places': { allow: staff(200), build: () => ({ method: 'GET', url: '/api/places' }) },
  'GET /api/places/:id': {
    allow: { secretary: 200, deputy: 200 },
    build: (w) => ({ method: 'GET', url: `/api/places/${w.town.community.id}` }),
  },
  'POST /api/places': {
    allow: secretary(201),
    build: (w) => ({
      method: 'POST',
      url: '/api/places',
      payload: { parentId: w.town.compound.id, kind: 'building', name: `${Date.now() % 100000}号楼` },
    }),
  },
  'PATCH /api/places/:id': {
    allow: secretary(200),
    build: (w) => ({
      method: 'PATCH',
      url: `/api/places/${w.town.compound.id}`,
      payload: { name: '锦秀河畔' },
    }),
  },
  'GET /api/places/:id/grids': {
    allow: { secretary: 200, deputy: 200 },
    build: (w) => ({ method: 'GET', url: `/api/places/${w.town.community.id}/grids` }),
  },
  'POST /api/places/:id/grids': {
    allow: secretary(201),
    build: (w) => ({
      method: 'POST',
      url: `/api/places/${w.town.community.id}/grids`,
      payload: { name: `网格${Date.now() % 100000}` },
    }),
  },
  'PUT /api/grids/:gridId/buildings/:buildingId': {
    allow: secretary(204),
    build: (w) => ({ method: 'PUT', url: `/api/grids/${w.town.grid1.id}/buildings/${w.town.building1.id}` }),
  },
  'DELETE /api/grids/:gridId/buildings/:buildingId': {
    allow: secretary(204),
    build: async (w) => {
      const { placeId } = await w.freshBuilding();
      await w.send(w.sessions.secretary, {
        method: 'PUT',
        url: `/api/grids/${w.town.grid1.id}/buildings/${placeId}`,
      });
      return { method: 'DELETE', url: `/api/grids/${w.town.grid1.id}/buildings/${placeId}` };
    },
  },
  'GET /api/places/:id/households': {
    allow: { gridIn: 200, gridOut: 200, property: 200, secretary: 200 },
    build: (w) => ({ method: 'GET', url: `/api/places/${w.town.compound.id}/households` }),
  },
  'POST /api/households': {
    allow: secretary(201),
    build: (w) => ({
      method: 'POST',
      url: '/api/households',
      payload: { parentId: w.town.entrance1.id, room: `${Date.now() % 10000}`, area: '88.5' },
    }),
  },
  'PATCH /api/households/:id': {
    allow: secretary(200),
    build: (w) => ({
      method: 'PATCH',
      url: `/api/households/${w.town.household101.id}`,
      payload: { area: '90.25' },
    }),
  },
  'POST /api/household-imports/preview': {
    allow: secretary(200),
    build: (w) => ({
      method: 'POST',
      url: `/api/household-imports/preview?placeId=${w.town.compound.id}`,
      payload: w.importRows,
    }),
  },
  'POST /api/household-imports': {
    allow: secretary(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/household-imports?placeId=${w.town.compound.id}&hash=${await w.importHash()}`,
      payload: w.importRows,
    }),
  },

  // Residents.
  'POST /api/residents/register': {
    open: 400,
    build: (_, who) => ({
      method: 'POST',
      url: '/api/residents/register',
      payload: { name: '张三', phone: phoneOf(who, 3), password: 'long enough pass', code: '000000' },
    }),
  },
  'GET /api/residents/places/compounds': {
    open: 200,
    build: () => ({ method: 'GET', url: `/api/residents/places/compounds?q=${encodeURIComponent('锦秀')}` }),
  },
  'GET /api/residents/places/:id/children': {
    open: 200,
    build: (w) => ({ method: 'GET', url: `/api/residents/places/${w.town.compound.id}/children` }),
  },
  'GET /api/residents/me/household-links': {
    allow: signedIn(200),
    build: () => ({ method: 'GET', url: '/api/residents/me/household-links' }),
  },
  'POST /api/residents/me/household-links/by-code': {
    allow: signedIn(400),
    build: () => ({
      method: 'POST',
      url: '/api/residents/me/household-links/by-code',
      payload: { code: 'NOSUCHCODE' },
    }),
  },
  'POST /api/residents/me/household-links': {
    allow: signedIn(200),
    build: (w) => ({
      method: 'POST',
      url: '/api/residents/me/household-links',
      payload: { householdId: w.town.household201.id },
    }),
  },
  'GET /api/residents/household-links': {
    allow: { gridIn: 200, gridOut: 200, property: 200, secretary: 200 },
    build: () => ({ method: 'GET', url: '/api/residents/household-links' }),
  },
  'POST /api/residents/household-links/:id/decision': {
    allow: dispatchers(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/residents/household-links/${await w.pendingLink()}/decision`,
      payload: { decision: 'confirm' },
    }),
  },
  'GET /api/residents/me/data': {
    allow: signedIn(200),
    build: () => ({ method: 'GET', url: '/api/residents/me/data' }),
  },
  'POST /api/residents/me/erase': {
    allow: { resident: 400, otherResident: 400 },
    build: () => ({
      method: 'POST',
      url: '/api/residents/me/erase',
      payload: { password: 'not the password' },
    }),
  },

  // Parties.
  'GET /api/parties': { allow: staff(200), build: () => ({ method: 'GET', url: '/api/parties' }) },
  'GET /api/parties/place-options': {
    allow: secretary(200),
    build: () => ({ method: 'GET', url: '/api/parties/place-options' }),
  },
  'POST /api/parties': {
    allow: secretary(201),
    build: (w) => ({
      method: 'POST',
      url: '/api/parties',
      payload: {
        kind: 'social_organisation',
        name: `议事会${Date.now() % 100000}`,
        placeId: w.town.compound.id,
      },
    }),
  },
  'GET /api/parties/:partyId': {
    allow: staff(200),
    build: (w) => ({ method: 'GET', url: `/api/parties/${w.partyId}` }),
  },
  'PATCH /api/parties/:partyId': {
    allow: secretary(200),
    build: (w) => ({ method: 'PATCH', url: `/api/parties/${w.partyId}`, payload: { name: '红宝物业' } }),
  },
  'POST /api/parties/:partyId/members': {
    allow: secretary(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/parties/${w.partyId}/members`,
      payload: { phone: (await w.freshStaff()).phone },
    }),
  },
  'DELETE /api/parties/:partyId/members/:userId': {
    allow: secretary(204),
    build: async (w) => ({ method: 'DELETE', url: `/api/parties/${w.partyId}/members/${await w.member()}` }),
  },

  // Staff, roles, invitations.
  'GET /api/staff': { allow: secretary(200), build: () => ({ method: 'GET', url: '/api/staff' }) },
  'POST /api/staff/:userId/grants': {
    allow: secretary(201),
    build: async (w) => ({
      method: 'POST',
      url: `/api/staff/${(await w.freshStaff()).userId}/grants`,
      payload: { role: 'volunteer', placeId: w.town.compound.id },
    }),
  },
  'DELETE /api/staff/grants/:grantId': {
    allow: secretary(204),
    build: async (w) => ({
      method: 'DELETE',
      url: `/api/staff/grants/${(await w.grantOfFreshStaff()).grantId}`,
    }),
  },
  'GET /api/staff/place-options': {
    allow: secretary(200),
    build: () => ({ method: 'GET', url: '/api/staff/place-options' }),
  },
  'GET /api/staff/grid-options': {
    allow: secretary(200),
    build: () => ({ method: 'GET', url: '/api/staff/grid-options' }),
  },
  'GET /api/staff/invitations': {
    allow: secretary(200),
    build: () => ({ method: 'GET', url: '/api/staff/invitations' }),
  },
  'POST /api/staff/invitations': {
    allow: secretary(201),
    build: (w) => ({
      method: 'POST',
      url: '/api/staff/invitations',
      payload: { name: '新红管家', role: 'building_steward', placeId: w.town.building1.id },
    }),
  },
  'DELETE /api/staff/invitations/:invitationId': {
    allow: secretary(204),
    build: async (w) => ({ method: 'DELETE', url: `/api/staff/invitations/${(await w.invitation()).id}` }),
  },
  'GET /api/invitations/:token': {
    open: 200,
    build: async (w) => ({ method: 'GET', url: `/api/invitations/${(await w.invitation()).token}` }),
  },
  'POST /api/invitations/:token/accept': {
    open: 400,
    build: async (w) => ({
      method: 'POST',
      url: `/api/invitations/${(await w.invitation()).token}/accept`,
      payload: { phone: '13900009996', code: '000000', password: 'long enough pass' },
    }),
  },

  // Audit.
  'GET /api/audit/:entityType/:entityId': {
    allow: secretary(200),
    build: (w) => ({ method: 'GET', url: `/api/audit/household/${w.town.household101.id}` }),
  },

  // Matters and problems.
  'POST /api/matters': {
    allow: {
      resident: 201,
      otherResident: 201,
      gridIn: 400,
      gridOut: 400,
      property: 400,
      secretary: 400,
      deputy: 400,
    },
    build: () => ({
      method: 'POST',
      url: '/api/matters',
      payload: { kind: 'problem', category: 'environment', text: '楼道灯不亮' },
    }),
  },
  'GET /api/matters/places': {
    allow: signedIn(200),
    build: () => ({ method: 'GET', url: '/api/matters/places' }),
  },
  'GET /api/matters/mine': {
    allow: signedIn(200),
    build: () => ({ method: 'GET', url: '/api/matters/mine' }),
  },
  'GET /api/matters/mine/:id': {
    allow: { resident: 200 },
    build: async (w) => ({ method: 'GET', url: `/api/matters/mine/${await w.submittedMatter()}` }),
  },
  'POST /api/matters/:id/feedback': {
    allow: { resident: 200 },
    build: async (w) => ({
      method: 'POST',
      url: `/api/matters/${await w.resolvedMatter()}/feedback`,
      payload: { solved: true, rating: 5 },
    }),
  },
  'POST /api/matters/intake': {
    allow: dispatchers(201),
    build: (w) => ({
      method: 'POST',
      url: '/api/matters/intake',
      payload: {
        kind: 'problem',
        category: 'environment',
        text: '电话反映路灯不亮',
        placeId: w.town.building1.id,
        channel: 'phone',
      },
    }),
  },
  'POST /api/matters/:id/accept': {
    allow: dispatchers(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/matters/${await w.submittedMatter()}/accept`,
      payload: { title: '路灯', urgency: 1, severity: 1 },
    }),
  },
  'POST /api/matters/:id/decline': {
    allow: dispatchers(204),
    build: async (w) => ({
      method: 'POST',
      url: `/api/matters/${await w.submittedMatter()}/decline`,
      payload: { reason: '不属于社区职责' },
    }),
  },
  'GET /api/workbench/inbox': {
    allow: { gridIn: 200, gridOut: 200, secretary: 200 },
    build: () => ({ method: 'GET', url: '/api/workbench/inbox' }),
  },
  'GET /api/workbench/problems': {
    allow: staff(200),
    build: () => ({ method: 'GET', url: '/api/workbench/problems' }),
  },
  // A deputy sees the problems they took up, not every problem in their district (a new one here).
  'GET /api/workbench/problems/:id': {
    allow: { gridIn: 200, property: 200, secretary: 200 },
    build: async (w) => ({ method: 'GET', url: `/api/workbench/problems/${await w.problem()}` }),
  },
  'POST /api/workbench/problems/:id/dispatch': {
    allow: dispatchers(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/problems/${await w.problem()}/dispatch`,
      payload: { lead: { partyId: w.partyId } },
    }),
  },
  'POST /api/workbench/problems/:id/timeline': {
    allow: { gridIn: 200, property: 200, secretary: 200 },
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/problems/${await w.problem()}/timeline`,
      payload: { text: '已电话联系', visibility: 'staff' },
    }),
  },
  'POST /api/workbench/problems/:id/champion': {
    allow: { deputy: 200 },
    build: async (w) => ({ method: 'POST', url: `/api/workbench/problems/${await w.problem()}/champion` }),
  },
  'POST /api/workbench/problems/:id/merge': {
    allow: dispatchers(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/problems/${await w.problem()}/merge`,
      payload: { sourceIds: [await w.problem()] },
    }),
  },
  'POST /api/workbench/matters/:id/split': {
    allow: dispatchers(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/matters/${(await w.problemWithTwoMatters()).matterId}/split`,
    }),
  },
  'GET /api/orders/mine': { allow: signedIn(200), build: () => ({ method: 'GET', url: '/api/orders/mine' }) },
  'POST /api/orders/:id/take': {
    allow: { property: 204, ...dispatchers(204) },
    build: async (w) => ({ method: 'POST', url: `/api/orders/${await w.order('dispatched')}/take` }),
  },
  'POST /api/orders/:id/report': {
    allow: { property: 204, ...dispatchers(204) },
    build: async (w) => ({
      method: 'POST',
      url: `/api/orders/${await w.order('taken')}/report`,
      payload: { text: '已处理' },
    }),
  },
  'POST /api/orders/:id/transfer': {
    allow: { property: 204, ...dispatchers(204) },
    build: async (w) => ({
      method: 'POST',
      url: `/api/orders/${await w.order('dispatched')}/transfer`,
      payload: { to: { partyId: w.partyId }, reason: '转给物业另一项目部' },
    }),
  },

  // Photos (intake).
  'POST /api/attachments': {
    allow: signedIn(201),
    build: async () => {
      const form = multipartFile(await phonePhoto(), 'IMG_0001.jpg', 'image/jpeg');
      return { method: 'POST', url: '/api/attachments', payload: form.payload, headers: form.headers };
    },
  },
  'GET /api/attachments/:id': {
    allow: { resident: 200, gridIn: 200, property: 200, secretary: 200 },
    build: async (w) => ({ method: 'GET', url: await w.matterPhoto() }),
  },
  // 12345 hotline work orders (intake): the secretary's community is a target; grid workers see no street.
  'POST /api/hotline-imports/preview': {
    allow: secretary(200),
    build: (w) => ({
      method: 'POST',
      url: `/api/hotline-imports/preview?placeId=${w.town.community.id}`,
      ...hotlineSheet(),
    }),
  },
  'POST /api/hotline-imports': {
    allow: secretary(200),
    build: (w) => ({
      method: 'POST',
      url: `/api/hotline-imports?placeId=${w.town.community.id}`,
      ...hotlineSheet(),
    }),
  },
  // The dispatch catalogue (intake): dispatchers read their community's, the office keeps it.
  'GET /api/dispatch-rules': {
    allow: { gridIn: 200, gridOut: 200, secretary: 200 },
    build: () => ({ method: 'GET', url: '/api/dispatch-rules' }),
  },
  'POST /api/dispatch-rules': {
    allow: secretary(201),
    build: async (w) => ({
      method: 'POST',
      url: '/api/dispatch-rules',
      payload: {
        communityId: w.town.community.id,
        category: 'property_service',
        placeId: await w.freshRulePlace(),
        partyId: w.partyId,
        level: 'compound',
      },
    }),
  },
  'PATCH /api/dispatch-rules/:id': {
    allow: secretary(200),
    build: async (w) => ({
      method: 'PATCH',
      url: `/api/dispatch-rules/${await w.dispatchRule()}`,
      payload: { partyId: w.partyId, level: 'community' },
    }),
  },
  'DELETE /api/dispatch-rules/:id': {
    allow: secretary(204),
    build: async (w) => ({ method: 'DELETE', url: `/api/dispatch-rules/${await w.dispatchRule()}` }),
  },
};

function hotlineSheet() {
  const no = `M${Date.now()}${Math.random().toString(16).slice(2, 8)}`;
  const form = multipartFile(Buffer.from(`工单号,诉求内容\n${no},路灯不亮\n`), '工单.csv', 'text/csv');
  return { payload: form.payload, headers: form.headers };
}
