import type { PartyKind } from '../modules/access/roles.ts';
import { createParty } from '../modules/parties/parties.service.ts';
import type { Tx } from '../server/transaction.ts';
import type { DemoPlaces } from './tree.ts';

// The parties of the reference cases. Names in the source are kept; the others (marked *) are invented
// for the demo and stand for parties the source mentions without naming.
const parties = [
  // 亲水阳光社区: police station, property company and party branch meet with residents (case 1).
  { key: 'policeStation', kind: 'police_station', name: '长城中路派出所', at: 'qinshui' },
  { key: 'jinxiuProperty', kind: 'property_company', name: '红宝锦秀河畔小区物业', at: 'jinxiu' },
  { key: 'jinxiuBranch', kind: 'party_organisation', name: '锦秀河畔小区党支部', at: 'jinxiu' },
  // 香溪美地社区 and its social organisation (case 5).
  { key: 'zhuge', kind: 'social_organisation', name: '诸葛议站', at: 'xiangxi' },
  // 唐徕社区: co-building units and merchants (case 2). *
  { key: 'tanglaiClinic', kind: 'co_building_unit', name: '唐徕社区卫生服务站', at: 'tanglai' },
  { key: 'tanglaiMerchants', kind: 'co_building_unit', name: '唐徕社区商户联盟', at: 'tanglai' },
  { key: 'tanglaiProperty', kind: 'property_company', name: '唐徕社区物业服务中心', at: 'tanglai' },
  // 建校家属院 (case 3): the college, the water utility and the creative park.
  { key: 'college', kind: 'co_building_unit', name: '建设职业技术学院', at: 'community217' },
  { key: 'waterUtility', kind: 'utility', name: '中铁水务', at: 'shuofangRoad' },
  { key: 'park801', kind: 'co_building_unit', name: '801创意园', at: 'community217' },
  // 富平社区 (case 6). The property company and owners' committee are *.
  { key: 'fupingProperty', kind: 'property_company', name: '星河物业服务有限公司', at: 'fuping' },
  { key: 'jinchengCommittee', kind: 'owners_committee', name: '星河锦城业主委员会', at: 'xingheJincheng' },
  { key: 'developer', kind: 'developer', name: '宁夏新家源集团房地产开发有限公司', at: 'xingheYuecheng' },
  { key: 'townCommittee', kind: 'party_organisation', name: '金星镇党委', at: 'jinxing' },
] as const satisfies readonly { key: string; kind: PartyKind; name: string; at: keyof DemoPlaces }[];

export type DemoPartyKey = (typeof parties)[number]['key'];

/** Creates the parties through the parties service (so they are audited), as the demo's admin. */
export async function createParties(tx: Tx, places: DemoPlaces): Promise<Record<DemoPartyKey, string>> {
  const ids = {} as Record<DemoPartyKey, string>;
  for (const party of parties) {
    const created = await createParty(tx, {
      kind: party.kind,
      name: party.name,
      placeId: places[party.at].id,
    });
    ids[party.key] = created.id;
  }
  return ids;
}
