import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.ts';
import { testDatabase } from '../../test/database.ts';
import { makePlace, signIn } from '../../test/factories.ts';
import { verifyAuditChain } from '../modules/audit/audit.service.ts';
import { DEMO_PASSWORD, demoResidents, demoStaff } from './people.ts';
import { seedDemoIfEmpty } from './seed.ts';

let t: TestApp;
let loaded: boolean;
let seedMs: number;

beforeAll(async () => {
  t = await testApp();
  const started = Date.now();
  loaded = await seedDemoIfEmpty(t.database, t.app.log);
  seedMs = Date.now() - started;
});
afterAll(() => t.close());

const db = () => t.database.db;

async function placeNamed(name: string, kind: string) {
  return db()
    .selectFrom('places')
    .select(['id', 'path'])
    .where('name', '=', name)
    .where('kind', '=', kind as 'compound')
    .executeTakeFirstOrThrow();
}

async function countBelow(path: string, kind: string) {
  const row = await db()
    .selectFrom('places')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('path', '>=', path)
    .where('path', '<', `${path.slice(0, -1)}0`)
    .where('kind', '=', kind as 'household')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function snapshot() {
  const tables = ['places', 'households', 'people', 'users', 'parties', 'role_grants', 'audit_log'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describe('the demo on an empty database', () => {
  it('loads the places of the reference cases, in one go', async () => {
    expect(loaded).toBe(true);
    // Measured, not asserted tightly: a start must not hang on the demo.
    expect(seedMs).toBeLessThan(60_000);
    for (const [name, kind] of [
      ['银川市', 'city'],
      ['长城中路街道', 'street'],
      ['亲水阳光社区', 'community'],
      ['红宝锦秀河畔小区', 'compound'],
      ['香溪美地社区', 'community'],
      ['唐徕社区', 'community'],
      ['217社区', 'community'],
      ['吴忠市', 'city'],
      ['金星镇', 'street'],
      ['富平社区', 'community'],
      ['秦汉人家', 'compound'],
      ['星河锦城', 'compound'],
      ['星河悦城', 'compound'],
    ])
      await placeNamed(name as string, kind as string);
  });

  it('builds 建校家属院 as the source has it: 3 buildings and 75 households with rooms and areas', async () => {
    const compound = await placeNamed('建校家属院', 'compound');
    expect(await countBelow(compound.path, 'building')).toBe(3);
    expect(await countBelow(compound.path, 'household')).toBe(75);
    const areas = await db()
      .selectFrom('households')
      .innerJoin('places', 'places.id', 'households.place_id')
      .select(['households.room', 'households.area_centi_m2'])
      .where('places.path', '>=', compound.path)
      .where('places.path', '<', `${compound.path.slice(0, -1)}0`)
      .execute();
    expect(
      areas.every((h) => /^\d{3}$/.test(h.room) && h.area_centi_m2 > 4_000 && h.area_centi_m2 < 10_000),
    ).toBe(true);
    const qinhan = await placeNamed('秦汉人家', 'compound');
    expect(await countBelow(qinhan.path, 'building')).toBe(5);
  });

  it('has households in an entrance of 星河锦城一期, owners holding two units, and the developer’s unsold units', async () => {
    const building = await placeNamed('一期1号楼', 'building');
    const entrance = await db()
      .selectFrom('places')
      .select('path')
      .where('parent_id', '=', building.id)
      .where('name', '=', '1单元')
      .executeTakeFirstOrThrow();
    expect(await countBelow(entrance.path, 'household')).toBe(12);

    const twoUnits = await db()
      .selectFrom('ownerships')
      .select('person_id')
      .where('person_id', 'is not', null)
      .groupBy('person_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(twoUnits.length).toBeGreaterThan(0);

    const yuecheng = await placeNamed('星河悦城', 'compound');
    const unsold = await db()
      .selectFrom('ownerships')
      .innerJoin('parties', 'parties.id', 'ownerships.party_id')
      .innerJoin('places', 'places.id', 'ownerships.household_id')
      .select('places.path')
      .where('parties.name', '=', '宁夏新家源集团房地产开发有限公司')
      .execute();
    expect(unsold.length).toBeGreaterThan(0);
    expect(unsold.every((u) => u.path.startsWith(yuecheng.path))).toBe(true);
  });

  it('holds the parties of the cases, and the people with the roles the source gives them', async () => {
    const parties = await db().selectFrom('parties').select(['name', 'kind']).execute();
    expect(parties).toEqual(
      expect.arrayContaining([
        { name: '长城中路派出所', kind: 'police_station' },
        { name: '锦秀河畔小区党支部', kind: 'party_organisation' },
        { name: '诸葛议站', kind: 'social_organisation' },
        { name: '建设职业技术学院', kind: 'co_building_unit' },
        { name: '中铁水务', kind: 'utility' },
        { name: '801创意园', kind: 'co_building_unit' },
        { name: '宁夏新家源集团房地产开发有限公司', kind: 'developer' },
        { name: '金星镇党委', kind: 'party_organisation' },
      ]),
    );
    const roles = await db()
      .selectFrom('role_grants')
      .innerJoin('users', 'users.id', 'role_grants.user_id')
      .innerJoin('people', 'people.id', 'users.person_id')
      .leftJoin('places', 'places.id', 'role_grants.place_id')
      .select(['people.name', 'role_grants.role', 'places.name as place', 'role_grants.sector'])
      .execute();
    expect(roles).toEqual(
      expect.arrayContaining([
        { name: '谢瑜', role: 'community_secretary', place: '亲水阳光社区', sector: null },
        { name: '卜亚楠', role: 'community_secretary', place: '唐徕社区', sector: null },
        { name: '马佳', role: 'community_secretary', place: '富平社区', sector: null },
        { name: '罗倩', role: 'npc_deputy', place: '西夏区', sector: null },
        expect.objectContaining({ name: '于颖', role: 'cppcc_member', place: '西夏区' }),
      ]),
    );
    const gridWorkers = roles.filter((r) => r.role === 'grid_worker');
    expect(gridWorkers.length).toBeGreaterThanOrEqual(4);
    expect(roles.some((r) => r.role === 'building_steward')).toBe(true);
  });

  it('keeps the audit chain intact, with the names on the register only as digests', async () => {
    expect((await verifyAuditChain(db())).ok).toBe(true);
    const log = await db().selectFrom('audit_log').select('changes').execute();
    const text = log.map((l) => l.changes).join('\n');
    expect(text).not.toContain('王文贵');
    expect(text).not.toContain('17000000042');
  });

  it('lets every demo account sign in with the one demo password', async () => {
    for (const person of demoStaff) {
      const session = await signIn(t.app, person.phone, DEMO_PASSWORD);
      const view = await t.app.inject({ url: '/api/auth/session', headers: { cookie: session.cookie } });
      expect(view.json().user).toMatchObject({ name: person.name, kind: 'staff' });
      expect(view.json().user.grants.map((g: { role: string }) => g.role)).toEqual(
        person.grants.map((g) => g.role),
      );
    }
    for (const resident of Object.values(demoResidents)) {
      const session = await signIn(t.app, resident.phone, DEMO_PASSWORD);
      const view = await t.app.inject({ url: '/api/auth/session', headers: { cookie: session.cookie } });
      expect(view.json().user).toMatchObject({ name: resident.name, kind: 'resident' });
      expect(view.json().user.householdIds).toHaveLength(1);
    }
  });

  it('is listed in the README, every account with its phone, and the password', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Demo accounts'));
    expect(section).toContain(DEMO_PASSWORD);
    for (const person of [...demoStaff, ...Object.values(demoResidents)]) {
      const row = section.split('\n').find((line) => line.includes(person.phone));
      expect(row, person.phone).toContain(person.name);
    }
  });
});

describe('a database that holds data', () => {
  it('is not touched by seeding again', async () => {
    const before = await snapshot();
    expect(await seedDemoIfEmpty(t.database, t.app.log)).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('is not touched when it holds a single place, though the installation is recorded', async () => {
    const database = await testDatabase();
    try {
      await makePlace(database, 'city', '某市', null);
      expect(await seedDemoIfEmpty(database, t.app.log)).toBe(false);
      const places = await database.db.selectFrom('places').select('name').execute();
      expect(places).toEqual([{ name: '某市' }]);
      expect(await database.db.selectFrom('users').select('id').execute()).toEqual([]);
      const installed = await database.db
        .selectFrom('app_meta')
        .select('key')
        .where('key', '=', 'installed_at')
        .execute();
      expect(installed).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});

describe('the demo of the ladder', () => {
  async function problemTitled(title: string) {
    return db().selectFrom('problems').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
  }
  async function stepsOf(problemId: string, kind: string) {
    return db()
      .selectFrom('problem_events')
      .selectAll()
      .where('problem_id', '=', problemId)
      .where('kind', '=', kind)
      .orderBy('at')
      .execute();
  }

  it('climbs 星河悦城’s pump noise from the property company to the community to the town party committee', async () => {
    const pump = await problemTitled('星河悦城2号楼增压泵噪音扰民');
    expect(pump.level).toBe('street');
    const climbs = await stepsOf(pump.id, 'escalated');
    expect(climbs.map((e) => JSON.parse(e.data)).map((d) => [d.from, d.to])).toEqual([
      ['compound', 'community'],
      ['community', 'street'],
    ]);
    const lead = await db()
      .selectFrom('orders')
      .innerJoin('parties', 'parties.id', 'orders.party_id')
      .select(['parties.name', 'orders.state'])
      .where('orders.problem_id', '=', pump.id)
      .where('orders.role', '=', 'lead')
      .where('orders.state', '=', 'dispatched')
      .executeTakeFirstOrThrow();
    expect(lead.name).toBe('金星镇党委');
  });

  it('blows the whistle on 建校家属院’s water pipes; the water utility reports in on time', async () => {
    const pipes = await problemTitled('建校家属院上水管道跑冒滴漏、水压低、水质浑浊');
    expect(pipes).toMatchObject({ level: 'street', state: 'resolved' });
    const summons = await db()
      .selectFrom('whistle_summons')
      .innerJoin('whistles', 'whistles.id', 'whistle_summons.whistle_id')
      .innerJoin('parties', 'parties.id', 'whistle_summons.party_id')
      .select(['parties.name', 'whistle_summons.reported_in_at', 'whistles.arrive_by'])
      .where('whistles.problem_id', '=', pipes.id)
      .execute();
    const water = summons.find((s) => s.name === '中铁水务');
    expect(water?.reported_in_at).toBeTruthy();
    expect(water!.reported_in_at! < water!.arrive_by).toBe(true);
    expect((await stepsOf(pipes.id, 'reported_in')).map((e) => e.text)).toContain('中铁水务按时报到');
  });
});
