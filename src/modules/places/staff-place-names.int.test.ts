import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { as, makeParty, makeTown, type Session, signedInUser } from '../../../test/factories.ts';

// Staff screens name a place as an envelope does (锦秀河畔 1号楼 1单元 101), not by its last part alone
// (a bare 101 says nothing). The entrance and door number are a resident's address: those who may not
// contact residents — property staff, street officers — see the compound and building only, as in exports.

let t: TestApp;
let secretary: Session;
let gridWorker: Session;
let property: Session;
let streetOfficer: Session;
let problemId: string;

type Page = { items: { id?: string; problemId?: string; placeName: string }[] };
const get = async <T>(session: Session, url: string) =>
  (await t.app.inject({ url, headers: as(session) })).json() as T;

beforeAll(async () => {
  t = await testApp();
  const town = await makeTown(t.database);
  const partyId = await makeParty(t.database, {
    kind: 'property_company',
    name: '红宝物业',
    place: town.community,
  });
  const signedIn = async (spec: Parameters<typeof signedInUser>[2]) =>
    (await signedInUser(t.app, t.database, spec)).session;
  const resident = await signedIn({ households: [town.household101] });
  secretary = await signedIn({ grants: [{ role: 'community_secretary', place: town.community }] });
  gridWorker = await signedIn({ grants: [{ role: 'grid_worker', gridId: town.grid1.id }] });
  property = await signedIn({ grants: [{ role: 'property_staff', place: town.compound, partyId }] });
  streetOfficer = await signedIn({ grants: [{ role: 'street_officer', place: town.street }] });

  const matter = await t.app.inject({
    method: 'POST',
    url: '/api/matters',
    headers: as(resident),
    payload: { kind: 'problem', category: 'environment', text: '家门口的楼道灯坏了' },
  });
  const accepted = await t.app.inject({
    method: 'POST',
    url: `/api/matters/${matter.json().id}/accept`,
    headers: as(gridWorker),
    payload: { title: '楼道灯不亮', urgency: 2, severity: 2 },
  });
  problemId = accepted.json().problemId;
  await t.app.inject({
    method: 'POST',
    url: `/api/workbench/problems/${problemId}/dispatch`,
    headers: as(gridWorker),
    payload: { lead: { partyId } },
  });
});
afterAll(() => t.close());

const inQueue = async (session: Session) =>
  (await get<Page>(session, '/api/workbench/problems')).items.find((p) => p.id === problemId)?.placeName;

describe('places on staff screens', () => {
  it('names the household in full for those who may contact its residents', async () => {
    expect(await inQueue(secretary)).toBe('锦秀河畔 1号楼 1单元 101');
    expect(await inQueue(gridWorker)).toBe('锦秀河畔 1号楼 1单元 101');
    const detail = await get<{ placeName: string; matters: { placeName: string }[] }>(
      secretary,
      `/api/workbench/problems/${problemId}`,
    );
    expect(detail.placeName).toBe('锦秀河畔 1号楼 1单元 101');
    expect(detail.matters.map((m) => m.placeName)).toEqual(['锦秀河畔 1号楼 1单元 101']);
  });

  it('stops at the building for property staff and street officers, on every screen they have', async () => {
    expect(await inQueue(property)).toBe('锦秀河畔 1号楼');
    expect(await inQueue(streetOfficer)).toBe('锦秀河畔 1号楼');
    const orders = await get<Page>(property, '/api/orders/mine');
    expect(orders.items.map((o) => o.placeName)).toEqual(['锦秀河畔 1号楼']);
    const detail = await get<{ placeName: string; matters: { placeName: string }[] }>(
      property,
      `/api/workbench/problems/${problemId}`,
    );
    expect(detail.placeName).toBe('锦秀河畔 1号楼');
    expect(detail.matters.map((m) => m.placeName)).toEqual(['锦秀河畔 1号楼']);
    // Nowhere on the page: neither the bare door (as a value of its own) nor the entrance and door.
    expect(JSON.stringify(detail)).not.toContain('"101"');
    expect(JSON.stringify(detail)).not.toContain('1单元');
    const found = await get<Page>(property, `/api/workbench/search?q=${encodeURIComponent('楼道灯')}`);
    // The problem and the matter it came from, both at the household.
    expect(found.items.map((i) => i.placeName)).toEqual(['锦秀河畔 1号楼', '锦秀河畔 1号楼']);
  });

  it('names the search’s hits as its lists do', async () => {
    const found = await get<Page>(secretary, `/api/workbench/search?q=${encodeURIComponent('楼道灯')}`);
    expect(found.items.map((i) => i.placeName)).toEqual([
      '锦秀河畔 1号楼 1单元 101',
      '锦秀河畔 1号楼 1单元 101',
    ]);
  });
});
