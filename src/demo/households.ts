import type { Tx } from '../server/transaction.ts';
import { addBuilding, type BuildingLayout, type DemoBuilding } from './buildings.ts';
import type { OwnerRegister } from './owners.ts';
import type { DemoPartyKey } from './parties.ts';
import { addGrid, type DemoOwner } from './places.ts';
import type { DemoPlaces } from './tree.ts';

/** The residents the source names, owners of the homes their stories happen in. */
export type NamedOwners = { wangWengui: DemoOwner; maXiaolan: DemoOwner; liDama: DemoOwner };

const layout = (name: string, entrances: number, floors: number, stackAreas: number[]): BuildingLayout => ({
  name,
  entrances,
  floors,
  stackAreas,
});

// 星河悦城: the developer still holds some unsold units (they count once in an owners' vote).
const unsoldInYuecheng2 = new Set(['2:1701', '2:1702', '2:1801', '2:1802']);
const unsoldInYuecheng1 = new Set(['1:1101', '1:1102']);

/** Buildings, entrances and households with their owners, then the grids over the buildings. */
export async function plantBuildings(
  tx: Tx,
  places: DemoPlaces,
  parties: Record<DemoPartyKey, string>,
  register: OwnerRegister,
  named: NamedOwners,
) {
  const developer: DemoOwner[] = [{ partyId: parties.developer, name: '宁夏新家源集团房地产开发有限公司' }];
  const build = (
    compound: keyof DemoPlaces,
    plan: BuildingLayout,
    choose?: Parameters<typeof addBuilding>[4],
  ) => addBuilding(tx, places[compound], plan, register, choose);

  const jinxiu = [
    await build('jinxiu', layout('1号楼', 2, 6, [9836, 12152])),
    await build('jinxiu', layout('2号楼', 2, 6, [9836, 12152])),
  ];

  // 建校家属院: 30 + 30 + 15 = 75 households (the source's count).
  const jianxiao = [
    await build('jianxiao', layout('1号楼', 3, 5, [6245, 7158]), (e, room) =>
      e === 2 && room === '302' ? [named.liDama] : undefined,
    ),
    await build('jianxiao', layout('2号楼', 3, 5, [6245, 7158])),
    await build('jianxiao', layout('3号楼', 1, 5, [5480, 6812, 5480])),
  ];

  const qinhan: DemoBuilding[] = [];
  for (const n of [1, 2, 3, 4, 5])
    qinhan.push(
      await build('qinhan', layout(`${n}号楼`, 2, 5, [7260, 8835]), (e, room) =>
        n === 3 && e === 1 && room === '201' ? [named.wangWengui] : undefined,
      ),
    );

  // 星河锦城一期: the blocked kitchen drain of 1号楼 1单元 damaged the ground-floor home below.
  const jincheng = [
    await build('xingheJincheng', layout('一期1号楼', 2, 6, [10386, 12520])),
    await build('xingheJincheng', layout('一期2号楼', 2, 6, [10386, 12520])),
  ];

  // 星河悦城: the booster pump sits under 2号楼; 马小兰 lives on its ground floor.
  const yuecheng = [
    await build('xingheYuecheng', layout('1号楼', 1, 11, [8950, 11763]), (e, room) =>
      unsoldInYuecheng1.has(`${e}:${room}`) ? developer : undefined,
    ),
    await build('xingheYuecheng', layout('2号楼', 2, 18, [8950, 14325]), (e, room) => {
      if (e === 1 && room === '101') return [named.maXiaolan];
      return unsoldInYuecheng2.has(`${e}:${room}`) ? developer : undefined;
    }),
  ];

  const grids = {
    qinshui1: await addGrid(tx, places.qinshui, '第一网格', [jinxiu[0]!.building]),
    qinshui2: await addGrid(tx, places.qinshui, '第二网格', [jinxiu[1]!.building]),
    fuping1: await addGrid(
      tx,
      places.fuping,
      '第一网格',
      qinhan.map((b) => b.building),
    ),
    fuping2: await addGrid(
      tx,
      places.fuping,
      '第二网格',
      jincheng.map((b) => b.building),
    ),
    fuping3: await addGrid(
      tx,
      places.fuping,
      '第三网格',
      yuecheng.map((b) => b.building),
    ),
  };

  return { jinxiu, jianxiao, qinhan, jincheng, yuecheng, grids };
}

export type DemoBuildings = Awaited<ReturnType<typeof plantBuildings>>;
