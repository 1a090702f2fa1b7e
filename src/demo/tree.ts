import type { Tx } from '../server/transaction.ts';
import { addPlace, type DemoPlace } from './places.ts';

// The places of the reference cases (domain.md), with the names of the source
// (../shared/seed/ningxia-consultation-news.txt), from the cities down to the compounds.
export async function plantPlaces(tx: Tx) {
  const yinchuan = await addPlace(tx, 'city', '银川市', null);
  const jinfeng = await addPlace(tx, 'district', '金凤区', yinchuan);
  const changchengRoad = await addPlace(tx, 'street', '长城中路街道', jinfeng);
  const qinshui = await addPlace(tx, 'community', '亲水阳光社区', changchengRoad);
  const jinxiu = await addPlace(tx, 'compound', '红宝锦秀河畔小区', qinshui);
  const xiangxi = await addPlace(tx, 'community', '香溪美地社区', changchengRoad);
  const helanshanRoad = await addPlace(tx, 'street', '贺兰山中路街道', jinfeng);
  const tanglai = await addPlace(tx, 'community', '唐徕社区', helanshanRoad);

  const xixia = await addPlace(tx, 'district', '西夏区', yinchuan);
  const shuofangRoad = await addPlace(tx, 'street', '朔方路街道', xixia);
  const community217 = await addPlace(tx, 'community', '217社区', shuofangRoad);
  // Built in 1997: 3 buildings, 75 households (the source).
  const jianxiao = await addPlace(tx, 'compound', '建校家属院', community217);

  const wuzhong = await addPlace(tx, 'city', '吴忠市', null);
  const litong = await addPlace(tx, 'district', '利通区', wuzhong);
  const jinxing = await addPlace(tx, 'street', '金星镇', litong);
  const fuping = await addPlace(tx, 'community', '富平社区', jinxing);
  // An old compound of 5 buildings, short of property funds (the source).
  const qinhan = await addPlace(tx, 'compound', '秦汉人家', fuping);
  const xingheJincheng = await addPlace(tx, 'compound', '星河锦城', fuping);
  const xingheYuecheng = await addPlace(tx, 'compound', '星河悦城', fuping);

  return {
    yinchuan,
    jinfeng,
    changchengRoad,
    qinshui,
    jinxiu,
    xiangxi,
    helanshanRoad,
    tanglai,
    xixia,
    shuofangRoad,
    community217,
    jianxiao,
    wuzhong,
    litong,
    jinxing,
    fuping,
    qinhan,
    xingheJincheng,
    xingheYuecheng,
  } satisfies Record<string, DemoPlace>;
}

export type DemoPlaces = Awaited<ReturnType<typeof plantPlaces>>;
