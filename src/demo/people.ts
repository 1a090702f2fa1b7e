import { uuidv7 } from 'uuidv7';
import { personal } from '../domain/audit/chain.ts';
import type { Role } from '../modules/access/roles.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { loadActor } from '../modules/auth/session.plugin.ts';
import { addMember } from '../modules/parties/parties.service.ts';
import { resolveGrantTarget } from '../modules/staff/grant-target.ts';
import { createStaffAccount, storeGrant } from '../modules/staff/staff.service.ts';
import type { Tx } from '../server/transaction.ts';
import type { DemoBuildings, NamedOwners } from './households.ts';
import type { DemoPartyKey } from './parties.ts';
import type { DemoPlace } from './places.ts';
import type { DemoPlaces } from './tree.ts';

/** One password for every demo account (README, "Demo accounts"). */
export const DEMO_PASSWORD = 'shangliang-demo';

type Where = keyof DemoPlaces | 'qinhanBuilding1' | 'jinchengBuilding1';
type GridKey = keyof DemoBuildings['grids'];
type GrantSpec =
  | { role: Role; at: Where; party?: DemoPartyKey; sector?: string }
  | { role: 'grid_worker'; grid: GridKey };
type StaffSpec = {
  name: string;
  phone: string;
  grants: GrantSpec[];
  memberOf?: { party: DemoPartyKey; title: string };
};

// The people the source names hold the roles it gives them; the others (grid workers, officers, property
// staff, stewards) are invented. Phones are in the fictional 1700000xxxx range.
export const demoStaff: StaffSpec[] = [
  {
    name: '演示管理员',
    phone: '17000000001',
    grants: [
      { role: 'admin', at: 'yinchuan' },
      { role: 'admin', at: 'wuzhong' },
    ],
  },
  { name: '谢瑜', phone: '17000000002', grants: [{ role: 'community_secretary', at: 'qinshui' }] },
  { name: '卜亚楠', phone: '17000000003', grants: [{ role: 'community_secretary', at: 'tanglai' }] },
  { name: '马佳', phone: '17000000004', grants: [{ role: 'community_secretary', at: 'fuping' }] },
  { name: '罗倩', phone: '17000000005', grants: [{ role: 'npc_deputy', at: 'xixia' }] },
  // The sector is illustrative: the source does not say which sector 于颖 sits for.
  {
    name: '于颖',
    phone: '17000000006',
    grants: [{ role: 'cppcc_member', at: 'xixia', sector: '社会福利和社会保障界' }],
  },
  { name: '周文斌', phone: '17000000007', grants: [{ role: 'street_officer', at: 'shuofangRoad' }] },
  {
    name: '杨志军',
    phone: '17000000008',
    grants: [{ role: 'street_officer', at: 'jinxing' }],
    memberOf: { party: 'townCommittee', title: '镇党委委员' },
  },
  { name: '李娜', phone: '17000000009', grants: [{ role: 'community_staff', at: 'fuping' }] },
  { name: '陈静', phone: '17000000011', grants: [{ role: 'grid_worker', grid: 'qinshui1' }] },
  { name: '刘洋', phone: '17000000012', grants: [{ role: 'grid_worker', grid: 'qinshui2' }] },
  { name: '马文华', phone: '17000000013', grants: [{ role: 'grid_worker', grid: 'fuping1' }] },
  { name: '白雪', phone: '17000000014', grants: [{ role: 'grid_worker', grid: 'fuping2' }] },
  { name: '丁海燕', phone: '17000000015', grants: [{ role: 'grid_worker', grid: 'fuping3' }] },
  {
    name: '赵刚',
    phone: '17000000021',
    grants: [{ role: 'property_staff', at: 'jinxiu', party: 'jinxiuProperty' }],
    memberOf: { party: 'jinxiuProperty', title: '项目经理' },
  },
  {
    name: '田军',
    phone: '17000000022',
    grants: [{ role: 'property_staff', at: 'fuping', party: 'fupingProperty' }],
    memberOf: { party: 'fupingProperty', title: '物业经理' },
  },
  {
    name: '金凤霞',
    phone: '17000000023',
    grants: [{ role: 'committee_member', at: 'xingheJincheng', party: 'jinchengCommittee' }],
    memberOf: { party: 'jinchengCommittee', title: '业委会主任' },
  },
  // 楼道红管家
  { name: '王秀英', phone: '17000000031', grants: [{ role: 'building_steward', at: 'qinhanBuilding1' }] },
  { name: '何建国', phone: '17000000032', grants: [{ role: 'building_steward', at: 'jinchengBuilding1' }] },
];

/** Residents the source names, each an owner with an account linked to their home. */
export const demoResidents = {
  wangWengui: { name: '王文贵', phone: '17000000041' },
  maXiaolan: { name: '马小兰', phone: '17000000042' },
  liDama: { name: '李大妈', phone: '17000000043' },
} as const satisfies Record<keyof NamedOwners, { name: string; phone: string }>;

/** Every demo account's phone: each signs in with DEMO_PASSWORD. */
export const demoPhones = [
  ...demoStaff.map((s) => s.phone),
  ...Object.values(demoResidents).map((r) => r.phone),
];

/** The admin comes first: their grants at the two cities are the root every other grant is made from. */
export async function enrolAdmin(tx: Tx, places: DemoPlaces, passwordHash: string): Promise<Tx> {
  const [adminSpec] = demoStaff;
  if (!adminSpec) throw new Error('demo: no admin');
  const adminId = await createStaffAccount(tx, { ...adminSpec, passwordHash });
  const isPlace = (key: Where): key is keyof DemoPlaces => Object.hasOwn(places, key);
  const adminPlaces = adminSpec.grants.flatMap((g) => ('at' in g && isPlace(g.at) ? [places[g.at]] : []));
  for (const place of adminPlaces)
    await storeGrant(
      tx,
      adminId,
      { role: 'admin', placeId: place.id, gridId: null, partyId: null, sector: null, scope: place },
      { grantedBy: null, actorId: adminId },
    );
  const personId = (
    await tx.db.selectFrom('users').select('person_id').where('id', '=', adminId).executeTakeFirstOrThrow()
  ).person_id;
  return { ...tx, actor: await loadActor(tx.db, { userId: adminId, personId, kind: 'staff' }, '') };
}

/** Everyone else, made as the admin would make them: account, party membership with a title, checked grants. */
export async function enrolStaff(
  admin: Tx,
  places: DemoPlaces,
  buildings: DemoBuildings,
  parties: Record<DemoPartyKey, string>,
  passwordHash: string,
) {
  const adminId = admin.actor?.userId ?? null;
  const where: Record<Where, DemoPlace> = {
    ...places,
    qinhanBuilding1: buildings.qinhan[0]!.building,
    jinchengBuilding1: buildings.jincheng[0]!.building,
  };
  for (const person of demoStaff.slice(1)) {
    const userId = await createStaffAccount(admin, { ...person, passwordHash });
    if (person.memberOf)
      await addMember(admin, parties[person.memberOf.party], {
        phone: person.phone,
        title: person.memberOf.title,
      });
    for (const grant of person.grants) {
      const target = await resolveGrantTarget(
        admin,
        'grid' in grant
          ? {
              role: grant.role,
              gridId: buildings.grids[grant.grid].id,
              placeId: null,
              partyId: null,
              sector: null,
            }
          : {
              role: grant.role,
              placeId: where[grant.at].id,
              gridId: null,
              partyId: grant.party ? parties[grant.party] : null,
              sector: grant.sector ?? null,
            },
      );
      await storeGrant(admin, userId, target, { grantedBy: adminId });
    }
  }
}

/**
 * Resident accounts for the named owners, confirmed as members of their households by the admin; audited as
 * registration and confirmation are (modules/residents).
 */
export async function enrolResidents(
  admin: Tx,
  named: NamedOwners,
  homes: Record<keyof NamedOwners, string>,
  passwordHash: string,
) {
  const tx = admin;
  const now = tx.now.toISOString();
  for (const key of Object.keys(demoResidents) as (keyof NamedOwners)[]) {
    const owner = named[key];
    if (!('personId' in owner)) continue;
    const userId = uuidv7();
    await tx.db
      .insertInto('users')
      .values({
        id: userId,
        person_id: owner.personId,
        phone: demoResidents[key].phone,
        kind: 'resident',
        password_hash: passwordHash,
        status: 'active',
        created_at: now,
        password_changed_at: now,
      })
      .execute();
    const linkId = uuidv7();
    await tx.db
      .insertInto('household_links')
      .values({
        id: linkId,
        user_id: userId,
        household_id: homes[key],
        status: 'confirmed',
        via: 'staff',
        decided_by: admin.actor?.userId ?? null,
        created_at: now,
        decided_at: now,
      })
      .execute();
    await recordAudit(tx, {
      action: 'resident.registered',
      entityType: 'user',
      entityId: userId,
      actorId: userId,
      changes: { name: { to: personal(owner.name) }, phone: { to: personal(demoResidents[key].phone) } },
    });
    await recordAudit(tx, {
      action: 'household_link.confirmed',
      entityType: 'household_link',
      entityId: linkId,
      changes: {
        household: { to: homes[key] },
        status: { from: null, to: 'confirmed' },
        via: { to: 'staff' },
      },
    });
  }
}
