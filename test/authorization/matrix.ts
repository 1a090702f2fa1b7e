import { uuidv7 } from 'uuidv7';
import { multipartFile, phonePhoto } from '../../src/modules/attachments/photos.testkit.ts';
import { exportRoutes } from './exports-world.ts';
import { meetingFixtures } from './meetings-world.ts';
import { reportRoutes } from './reports-world.ts';
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
  // Notifications: everyone signed in has an inbox of their own; channels are the community office's.
  'GET /api/notifications': {
    allow: signedIn(200),
    build: () => ({ method: 'GET', url: '/api/notifications' }),
  },
  'GET /api/notifications/unread-count': {
    allow: signedIn(200),
    build: () => ({ method: 'GET', url: '/api/notifications/unread-count' }),
  },
  'GET /api/notifications/stream': {
    allow: signedIn(200),
    build: () => ({ method: 'GET', url: '/api/notifications/stream?after=0' }),
  },
  'POST /api/notifications/:seq/read': {
    allow: signedIn(204),
    build: () => ({ method: 'POST', url: '/api/notifications/1/read' }),
  },
  'POST /api/notifications/read-all': {
    allow: signedIn(200),
    build: () => ({ method: 'POST', url: '/api/notifications/read-all' }),
  },
  'GET /api/notifications/preferences': {
    allow: signedIn(200),
    build: () => ({ method: 'GET', url: '/api/notifications/preferences' }),
  },
  'PUT /api/notifications/preferences': {
    allow: signedIn(200),
    build: () => ({
      method: 'PUT',
      url: '/api/notifications/preferences',
      payload: { items: [{ kind: 'reply', inbox: true, sms: false }] },
    }),
  },
  'GET /api/notification-channels': {
    allow: secretary(200),
    build: () => ({ method: 'GET', url: '/api/notification-channels' }),
  },
  'POST /api/notification-channels': {
    allow: secretary(201),
    build: (w) => ({
      method: 'POST',
      url: '/api/notification-channels',
      // A documentation address (RFC 5737) and switched off: saved, never called.
      payload: {
        placeId: w.town.community.id,
        kind: 'webhook',
        name: '区平台',
        url: 'https://203.0.113.10/hook',
        enabled: false,
      },
    }),
  },
  'PATCH /api/notification-channels/:id': {
    allow: secretary(200),
    build: async (w) => ({
      method: 'PATCH',
      url: `/api/notification-channels/${await w.channel()}`,
      payload: { name: '改名' },
    }),
  },
  'POST /api/notification-channels/:id/test': {
    allow: secretary(200),
    build: async (w) => ({ method: 'POST', url: `/api/notification-channels/${await w.channel()}/test` }),
  },
  'GET /api/notification-channels/:id/deliveries': {
    allow: secretary(200),
    build: async (w) => ({
      method: 'GET',
      url: `/api/notification-channels/${await w.channel()}/deliveries`,
    }),
  },
  // The ladder: levels, deadlines, escalation, the whistle 吹哨报到.
  'GET /api/workbench/problems/:id/ladder': {
    allow: { gridIn: 200, property: 200, secretary: 200 },
    build: async (w) => ({ method: 'GET', url: `/api/workbench/problems/${await w.problem()}/ladder` }),
  },
  'POST /api/workbench/problems/:id/escalate': {
    allow: dispatchers(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/problems/${await w.problem()}/escalate`,
      payload: { reason: '物业无权处理' },
    }),
  },
  // Only a street/town officer (or an admin) blows the whistle; none of the personas is one.
  'POST /api/workbench/problems/:id/whistle': {
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/problems/${await w.problem()}/whistle`,
      payload: { partyIds: [w.partyId], arriveBy: new Date(Date.now() + 3_600_000).toISOString() },
    }),
  },
  'POST /api/workbench/summons/:id/report-in': {
    allow: { property: 200, ...dispatchers(200) },
    build: async (w) => ({ method: 'POST', url: `/api/workbench/summons/${await w.summons()}/report-in` }),
  },
  'GET /api/workbench/today': {
    allow: staff(200),
    build: () => ({ method: 'GET', url: '/api/workbench/today' }),
  },
  'GET /api/workbench/overdue': {
    allow: { gridIn: 200, gridOut: 200, property: 200, secretary: 200 },
    build: () => ({ method: 'GET', url: '/api/workbench/overdue' }),
  },
  'GET /api/workbench/deadline-rules': {
    allow: secretary(200),
    build: () => ({ method: 'GET', url: '/api/workbench/deadline-rules' }),
  },
  'PUT /api/workbench/deadline-rules': {
    allow: secretary(200),
    build: (w) => ({
      method: 'PUT',
      url: '/api/workbench/deadline-rules',
      payload: {
        communityId: w.town.community.id,
        level: 'community',
        category: 'pets',
        amount: 3,
        unit: 'days',
        warnMinutes: 60,
      },
    }),
  },
  'DELETE /api/workbench/deadline-rules/:id': {
    allow: secretary(204),
    build: async (w) => ({
      method: 'DELETE',
      url: `/api/workbench/deadline-rules/${await w.deadlineRule()}`,
    }),
  },
  'GET /api/workbench/holiday-notices': {
    allow: { gridIn: 200, gridOut: 200, property: 200, secretary: 200 },
    build: () => ({ method: 'GET', url: '/api/workbench/holiday-notices' }),
  },
  // Only an admin loads a year's notice; none of the personas is one.
  'POST /api/workbench/holiday-notices': {
    build: () => ({
      method: 'POST',
      url: '/api/workbench/holiday-notices',
      payload: { source: '测试用通知（虚构）', year: 2099, holidays: [], working_weekend_days: [] },
    }),
  },
  // Household consultations and owners' votes (a question to 1号楼 of the resident, unless said otherwise).
  'GET /api/workbench/votes': {
    allow: { gridIn: 200, gridOut: 200, property: 200, secretary: 200 },
    build: () => ({ method: 'GET', url: '/api/workbench/votes' }),
  },
  'POST /api/workbench/votes': {
    allow: secretary(201),
    build: (w) => ({ method: 'POST', url: '/api/workbench/votes', payload: voteQuestionBody(w, false) }),
  },
  'GET /api/workbench/votes/place-options': {
    allow: secretary(200),
    build: () => ({ method: 'GET', url: '/api/workbench/votes/place-options' }),
  },
  'GET /api/workbench/votes/:id': {
    allow: { gridIn: 200, property: 200, secretary: 200 },
    build: async (w) => ({ method: 'GET', url: `/api/workbench/votes/${await voteQuestion(w)}` }),
  },
  'GET /api/workbench/votes/:id/voters': {
    allow: { gridIn: 200, property: 200, secretary: 200 },
    build: async (w) => ({ method: 'GET', url: `/api/workbench/votes/${await voteQuestion(w)}/voters` }),
  },
  'POST /api/workbench/votes/:id/answers': {
    allow: { gridIn: 201, secretary: 201 },
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/votes/${await voteQuestion(w)}/answers`,
      payload: {
        householdId: w.town.household101.id,
        choice: 'approve',
        evidence: { note: '入户，纸质票已签字' },
      },
    }),
  },
  'POST /api/workbench/votes/:id/rounds': {
    allow: secretary(201),
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/votes/${await voteQuestion(w, true)}/rounds`,
      payload: {
        householdIds: [w.town.household101.id, w.town.household201.id],
        totals: [{ key: 'approve', heads: 2 }],
        evidence: { note: '票箱当面开启' },
      },
    }),
  },
  'POST /api/workbench/votes/:id/close': {
    allow: secretary(200),
    build: async (w) => ({ method: 'POST', url: `/api/workbench/votes/${await voteQuestion(w)}/close` }),
  },
  'POST /api/workbench/votes/:id/cost-plan': {
    allow: secretary(201),
    build: async (w) => {
      const id = await voteQuestion(w);
      await w.send(w.sessions.secretary, { method: 'POST', url: `/api/workbench/votes/${id}/close` });
      return {
        method: 'POST',
        url: `/api/workbench/votes/${id}/cost-plan`,
        payload: { totalFen: 30_000, rule: 'equal' },
      };
    },
  },
  'GET /api/votes/mine': { allow: signedIn(200), build: () => ({ method: 'GET', url: '/api/votes/mine' }) },
  'GET /api/votes/:id': {
    allow: { resident: 200 },
    build: async (w) => ({ method: 'GET', url: `/api/votes/${await voteQuestion(w)}` }),
  },
  'POST /api/votes/:id/answer': {
    allow: { resident: 201 },
    build: async (w) => ({
      method: 'POST',
      url: `/api/votes/${await voteQuestion(w)}/answer`,
      payload: { choice: 'approve' },
    }),
  },
  // Search, and the problem list (问题清单): typing suggestions, me too, merge groups.
  'GET /api/workbench/search': {
    allow: { gridIn: 200, gridOut: 200, property: 200, secretary: 200 },
    build: () => ({ method: 'GET', url: `/api/workbench/search?q=${encodeURIComponent('路灯')}` }),
  },
  'GET /api/public/search': {
    open: 200,
    build: () => ({ method: 'GET', url: `/api/public/search?q=${encodeURIComponent('路灯')}` }),
  },
  'POST /api/matters/already-reported': {
    allow: {
      resident: 200,
      otherResident: 200,
      gridIn: 400,
      gridOut: 400,
      property: 400,
      secretary: 400,
      deputy: 400,
    },
    build: () => ({ method: 'POST', url: '/api/matters/already-reported', payload: { text: '路灯不亮' } }),
  },
  'POST /api/matters/me-too': {
    allow: {
      resident: 201,
      otherResident: 201,
      gridIn: 400,
      gridOut: 400,
      property: 400,
      secretary: 400,
      deputy: 400,
    },
    build: async (w) => ({
      method: 'POST',
      url: '/api/matters/me-too',
      payload: { problemId: await w.problem(), text: '我家门口的路灯也不亮' },
    }),
  },
  'GET /api/workbench/problem-list/suggestions': {
    allow: { gridIn: 200, gridOut: 200, secretary: 200 },
    build: () => ({ method: 'GET', url: '/api/workbench/problem-list/suggestions' }),
  },
  'POST /api/workbench/problem-list/merge': {
    allow: dispatchers(200),
    build: async (w) => ({
      method: 'POST',
      url: '/api/workbench/problem-list/merge',
      payload: { targetProblemId: await w.problem(), problemIds: [await w.problem()] },
    }),
  },
  'POST /api/workbench/problem-list/matters/:id/split': {
    allow: dispatchers(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/problem-list/matters/${(await w.problemWithTwoMatters()).matterId}/split`,
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
  ...exportRoutes,
};

/** A majority question to the resident's 1号楼; a secret one goes to both households of the compound. */
function voteQuestionBody(w: World, secret: boolean) {
  return {
    title: '楼道改造征求意见',
    body: '请各户表态。',
    asked: secret
      ? { kind: 'households', householdIds: [w.town.household101.id, w.town.household201.id] }
      : { kind: 'place', placeId: w.town.building1.id },
    rule: { kind: 'majorityOfAsked' },
    secret,
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  };
}

async function voteQuestion(w: World, secret = false): Promise<string> {
  const response = await w.send(w.sessions.secretary, {
    method: 'POST',
    url: '/api/workbench/votes',
    payload: voteQuestionBody(w, secret),
  });
  return response.json().id;
}

const meetings = (w: World) => meetingFixtures(w);
const conveners = (status: number) => ({ secretary: status, deputy: status });
const meetingRoutes: Record<string, Entry> = {
  'GET /api/meetings': { allow: staff(200), build: () => ({ method: 'GET', url: '/api/meetings' }) },
  'POST /api/meetings': {
    allow: conveners(201),
    build: (w) => ({
      method: 'POST',
      url: '/api/meetings',
      payload: {
        kind: 'hearing',
        title: '听证会',
        placeId: w.town.community.id,
        startsAt: '2026-03-10T07:00:00Z',
        endsAt: '2026-03-10T09:00:00Z',
        venue: '社区会议室',
      },
    }),
  },
  'GET /api/meetings/invitee-options': {
    allow: conveners(200),
    build: (w) => ({ method: 'GET', url: `/api/meetings/invitee-options?placeId=${w.town.community.id}` }),
  },
  'GET /api/meetings/procedure-rules': {
    allow: conveners(200),
    build: (w) => ({ method: 'GET', url: `/api/meetings/procedure-rules?placeId=${w.town.community.id}` }),
  },
  'PUT /api/meetings/procedure-rules': {
    allow: secretary(200),
    build: (w) => ({
      method: 'PUT',
      url: '/api/meetings/procedure-rules',
      payload: { placeId: w.town.community.id, text: '一、议题确定。' },
    }),
  },
  'GET /api/meetings/:id': {
    allow: conveners(200),
    build: async (w) => ({ method: 'GET', url: `/api/meetings/${(await meetings(w).scheduled()).id}` }),
  },
  'GET /api/meetings/:id/invitation.ics': {
    allow: { ...conveners(200), property: 200 },
    build: async (w) => ({
      method: 'GET',
      url: `/api/meetings/${(await meetings(w).invitedParty()).id}/invitation.ics`,
    }),
  },
  'POST /api/meetings/:id/invitations': {
    allow: conveners(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/meetings/${(await meetings(w).scheduled()).id}/invitations`,
      payload: { partyIds: [w.partyId] },
    }),
  },
  'POST /api/meetings/:id/reply': {
    allow: { property: 200 },
    build: async (w) => ({
      method: 'POST',
      url: `/api/meetings/${(await meetings(w).invitedParty()).id}/reply`,
      payload: { reply: 'coming' },
    }),
  },
  'POST /api/meetings/:id/agenda': {
    allow: conveners(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/meetings/${(await meetings(w).scheduled()).id}/agenda`,
      payload: { topic: '停车' },
    }),
  },
  'POST /api/meetings/:id/open': {
    allow: conveners(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/meetings/${(await meetings(w).scheduled()).id}/open`,
      payload: {},
    }),
  },
  'POST /api/meetings/:id/conclude': {
    allow: conveners(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/meetings/${(await meetings(w).inSession()).id}/conclude`,
      payload: {},
    }),
  },
  'POST /api/meetings/:id/cancel': {
    allow: conveners(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/meetings/${(await meetings(w).scheduled()).id}/cancel`,
      payload: {},
    }),
  },
  'POST /api/meetings/:id/next': {
    allow: conveners(201),
    build: async (w) => ({ method: 'POST', url: `/api/meetings/${(await meetings(w).recurring()).id}/next` }),
  },
  'POST /api/meetings/:id/attendees': {
    allow: conveners(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/meetings/${(await meetings(w).inSession()).id}/attendees`,
      payload: { name: '党员代表' },
    }),
  },
  'POST /api/meetings/:id/speeches': {
    allow: conveners(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/meetings/${(await meetings(w).inSession()).id}/speeches`,
      payload: { speakerName: '居民代表', text: '同意' },
    }),
  },
  'POST /api/meetings/:id/agenda/:itemId/decision': {
    allow: conveners(200),
    build: async (w) => {
      const m = await meetings(w).inSession();
      return {
        method: 'POST',
        url: `/api/meetings/${m.id}/agenda/${m.pending}/decision`,
        payload: { outcome: 'deferred' },
      };
    },
  },
  'POST /api/meetings/:id/action-items': {
    allow: conveners(200),
    build: async (w) => {
      const m = await meetings(w).inSession();
      return {
        method: 'POST',
        url: `/api/meetings/${m.id}/action-items`,
        payload: { agendaItemId: m.decided, title: '维修', partyId: w.partyId, dueOn: '2026-03-20' },
      };
    },
  },
  'POST /api/action-items/:id/progress': {
    allow: { ...conveners(204), property: 204 },
    build: async (w) => ({
      method: 'POST',
      url: `/api/action-items/${await meetings(w).actionItem()}/progress`,
      payload: { status: 'in_progress' },
    }),
  },
  'POST /api/meetings/:id/cost-plans': {
    allow: conveners(200),
    build: async (w) => {
      const m = await meetings(w).inSession();
      return {
        method: 'POST',
        url: `/api/meetings/${m.id}/cost-plans`,
        payload: {
          agendaItemId: m.decided,
          title: '维修费',
          totalFen: 100,
          payers: [`party:${w.partyId}`],
          parts: [{ rule: 'fixed', partyId: `party:${w.partyId}`, amountFen: 100 }],
        },
      };
    },
  },
  'POST /api/cost-shares/:id/confirm': {
    allow: { ...conveners(204), property: 204 },
    build: async (w) => ({
      method: 'POST',
      url: `/api/cost-shares/${await meetings(w).costShare()}/confirm`,
    }),
  },
  'PUT /api/meetings/:id/summary': {
    allow: conveners(200),
    build: async (w) => ({
      method: 'PUT',
      url: `/api/meetings/${(await meetings(w).scheduled()).id}/summary`,
      payload: { summary: '小结', published: false },
    }),
  },
  'GET /api/meetings/:id/minutes.docx': {
    allow: conveners(200),
    build: async (w) => ({
      method: 'GET',
      url: `/api/meetings/${(await meetings(w).inSession()).id}/minutes.docx`,
    }),
  },
  // Open to all, but a problem that staff have not published is not found (meetings.int.test shows the rest).
  'GET /api/public/problems/:id/meetings': {
    open: 404,
    build: async (w) => ({ method: 'GET', url: `/api/public/problems/${await w.problem()}/meetings` }),
  },
  // The echo wall 回音壁 and the figures.
  'GET /api/public/echo-wall': { open: 200, build: () => ({ method: 'GET', url: '/api/public/echo-wall' }) },
  'GET /api/public/echo-wall/:id': {
    open: 200,
    build: async (w) => {
      const problemId = await w.problem();
      await w.send(w.sessions.secretary, {
        method: 'POST',
        url: `/api/workbench/problems/${problemId}/publish`,
        payload: { summary: '路灯不亮' },
      });
      return { method: 'GET', url: `/api/public/echo-wall/${problemId}` };
    },
  },
  'GET /api/public/places': { open: 200, build: () => ({ method: 'GET', url: '/api/public/places' }) },
  // No photo is published in the world: every asker is told there is none.
  'GET /api/public/photos/:id': {
    open: 404,
    build: () => ({ method: 'GET', url: '/api/public/photos/0190d2a0-0000-7000-8000-000000000000' }),
  },
  'GET /api/public/figures': { open: 200, build: () => ({ method: 'GET', url: '/api/public/figures' }) },
  'GET /api/public/figures/rankings': {
    open: 200,
    build: () => ({ method: 'GET', url: '/api/public/figures/rankings' }),
  },
  'GET /api/workbench/problems/:id/publication': {
    allow: dispatchers(200),
    build: async (w) => ({ method: 'GET', url: `/api/workbench/problems/${await w.problem()}/publication` }),
  },
  'POST /api/workbench/problems/:id/publish': {
    allow: dispatchers(200),
    build: async (w) => ({
      method: 'POST',
      url: `/api/workbench/problems/${await w.problem()}/publish`,
      payload: { summary: '路灯不亮，已报修' },
    }),
  },
  'POST /api/workbench/problems/:id/unpublish': {
    allow: dispatchers(204),
    build: async (w) => ({ method: 'POST', url: `/api/workbench/problems/${await w.problem()}/unpublish` }),
  },
  'POST /api/workbench/photos/:id/publication': {
    allow: dispatchers(204),
    build: async (w) => {
      const matterId = await w.submittedMatter();
      await w.send(w.sessions.secretary, {
        method: 'POST',
        url: `/api/matters/${matterId}/accept`,
        payload: { title: '路灯', urgency: 1, severity: 1 },
      });
      const now = new Date().toISOString();
      const fileId = `${uuidv7().replace(/-/g, '')}`;
      await w.database.db
        .insertInto('files')
        .values({ id: fileId, mime: 'image/jpeg', bytes: 1, created_at: now })
        .execute();
      const id = uuidv7();
      await w.database.db
        .insertInto('attachments')
        .values({ id, file_id: fileId, matter_id: matterId, event_id: null, created_at: now })
        .execute();
      return { method: 'POST', url: `/api/workbench/photos/${id}/publication`, payload: { published: true } };
    },
  },
  'GET /api/workbench/figures/handlers': {
    allow: { gridIn: 200, gridOut: 200, property: 200, secretary: 200 },
    build: () => ({ method: 'GET', url: '/api/workbench/figures/handlers' }),
  },
};

Object.assign(matrix, meetingRoutes);
Object.assign(matrix, reportRoutes);

function hotlineSheet() {
  const no = `M${Date.now()}${Math.random().toString(16).slice(2, 8)}`;
  const form = multipartFile(Buffer.from(`工单号,诉求内容\n${no},路灯不亮\n`), '工单.csv', 'text/csv');
  return { payload: form.payload, headers: form.headers };
}
