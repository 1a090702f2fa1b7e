import { describe, expect, it } from 'vitest';
import { countPlan, type HouseholdOnRecord, personKey, planImport, type Snapshot } from './plan.ts';
import { householdKey, type ImportRow } from './rows.ts';

function row(room: string, extra: Partial<ImportRow> = {}): ImportRow {
  return {
    row: 2,
    building: '1号楼',
    entrance: '1单元',
    room,
    areaCentiM2: 9000,
    ownerName: '',
    phone: null,
    ...extra,
  };
}

function emptySnapshot(): Snapshot {
  return {
    buildings: new Map(),
    entrances: new Map(),
    households: new Map(),
    people: new Map(),
    developers: new Map(),
  };
}

function withHousehold(snapshot: Snapshot, room: string, household: Partial<HouseholdOnRecord>) {
  snapshot.buildings.set('1号楼', { id: 'b1', path: '/c/b1/' });
  snapshot.entrances.set('1号楼', new Map([['1单元', { id: 'e1', path: '/c/b1/e1/' }]]));
  snapshot.households.set(householdKey('1号楼', '1单元', room), {
    id: `h${room}`,
    areaCentiM2: 9000,
    owners: [],
    ...household,
  });
  return snapshot;
}

describe('planning an import', () => {
  it('creates a building, an entrance and one person who owns two units once', () => {
    const owner = { ownerName: '马小燕', phone: '13895001234' };
    const plan = planImport([row('101', owner), row('102', owner), row('103')], emptySnapshot());
    expect(countPlan(plan, 3)).toEqual({
      rows: 3,
      buildings: 1,
      entrances: 1,
      households: 3,
      people: 1,
      ownerships: 2,
      updated: 0,
      unchanged: 0,
    });
  });

  it('finds what is on record and plans nothing for it', () => {
    const snapshot = withHousehold(emptySnapshot(), '101', {
      owners: [{ personId: 'p1', partyId: null, name: '马小燕', phone: '13895001234' }],
    });
    snapshot.people.set(personKey('马小燕', '13895001234'), 'p1');
    withHousehold(snapshot, '102', {
      owners: [{ personId: 'p2', partyId: null, name: '王芳', phone: null }],
    });
    const plan = planImport(
      [row('101', { ownerName: '马小燕', phone: '13895001234' }), row('102', { ownerName: '王芳' })],
      snapshot,
    );
    expect(countPlan(plan, 2)).toMatchObject({
      households: 0,
      people: 0,
      ownerships: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it('leaves the owners alone when the row names none, and updates only what differs', () => {
    const snapshot = withHousehold(emptySnapshot(), '101', {
      owners: [{ personId: 'p1', partyId: null, name: '马小燕', phone: null }],
    });
    const plan = planImport([row('101', { areaCentiM2: 9050 })], snapshot);
    expect(plan.updates).toEqual([expect.objectContaining({ areaCentiM2: 9050, owner: null })]);
  });

  it('gives the developer’s unsold units to the developer party', () => {
    const snapshot = emptySnapshot();
    snapshot.developers.set('宁夏星河置业', 'dev1');
    const plan = planImport([row('101', { ownerName: '宁夏星河置业' })], snapshot);
    expect(plan.creates[0]!.owner).toEqual({ kind: 'party', partyId: 'dev1' });
    expect(plan.people).toEqual([]);
  });

  it('does not take two people of the same name without phones for one person', () => {
    const plan = planImport(
      [row('101', { ownerName: '王芳' }), row('102', { ownerName: '王芳' })],
      emptySnapshot(),
    );
    expect(plan.people).toHaveLength(2);
  });
});
