import fs from 'node:fs';
import path from 'node:path';
import type { Category, MatterKind } from '../../src/domain/matters/vocabulary.ts';
import type { Random } from './prng.ts';

// What residents write, from the problem-list development set (/work/shared/data/matters-dedup-dev.jsonl,
// 199 matters as residents and grid workers wrote them, copied to matter-texts.json): each text is
// re-told at a generated compound and building, with an opening and a closing drawn as people write them.

type Said = { category: Category; compound: string; building: string; title: string; text: string };

const said: readonly Said[] = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, 'matter-texts.json'), 'utf8'),
) as Said[];

const openings = ['', '', '', '您好，', '你好，', '请问', '麻烦问一下，', '反映个问题：'];
const closings = ['', '', '', '希望尽快解决。', '谢谢！', '麻烦尽快处理，谢谢。', '盼复。', '辛苦了！'];

const kindsOf: Record<Category, readonly (readonly [MatterKind, number])[]> = {
  employment: [
    ['micro_wish', 3],
    ['problem', 5],
    ['suggestion', 2],
  ],
  social_security: [
    ['problem', 7],
    ['suggestion', 2],
    ['complaint', 1],
  ],
  housing: [
    ['problem', 7],
    ['complaint', 3],
  ],
  elderly_children: [
    ['micro_wish', 4],
    ['problem', 4],
    ['suggestion', 2],
  ],
  old_compound_renovation: [
    ['problem', 6],
    ['suggestion', 3],
    ['complaint', 1],
  ],
  environment: [
    ['problem', 6],
    ['complaint', 3],
    ['suggestion', 1],
  ],
  property_service: [
    ['problem', 5],
    ['complaint', 4],
    ['suggestion', 1],
  ],
  fire_safety: [
    ['problem', 8],
    ['complaint', 2],
  ],
  pets: [
    ['complaint', 6],
    ['problem', 4],
  ],
  health: [
    ['problem', 5],
    ['micro_wish', 3],
    ['suggestion', 2],
  ],
  traffic_parking: [
    ['problem', 5],
    ['complaint', 3],
    ['suggestion', 2],
  ],
  other: [
    ['problem', 4],
    ['micro_wish', 3],
    ['suggestion', 3],
  ],
};

export type MatterText = { kind: MatterKind; category: Category; title: string | null; text: string };

/** A matter as a resident of `compound` in `building` would write it. */
export function matterText(r: Random, compound: string, building: string): MatterText {
  const source = r.pick(said);
  const retell = (s: string) => {
    let out = source.compound ? s.replaceAll(source.compound, compound) : s;
    if (source.building) out = out.replaceAll(source.building, building);
    return out;
  };
  const body = retell(source.text);
  const closing = /[。！？!?]$/.test(body) ? r.pick(closings) : '';
  return {
    kind: r.weighted(kindsOf[source.category]),
    category: source.category,
    title: source.title ? retell(source.title) : null,
    text: `${r.pick(openings)}${body}${closing}`.slice(0, 2000),
  };
}

export const declineReasons = [
  '经核实，该事项属于业主之间的民事纠纷，建议通过人民调解委员会调解。',
  '该事项已由12345热线工单受理，请以热线回复为准。',
  '所反映的位置不在本社区辖区内，已告知所属社区。',
  '该事项属于个人消费纠纷，建议向市场监管部门投诉。',
  '重复提交，已并入您此前反映的事项。',
];

export const reportTexts = [
  '已安排维修人员到场处理，现已修复，经现场查看恢复正常。',
  '已联系责任单位现场核查并整改完毕，后续将定期巡查。',
  '已协调相关部门完成处理，并向反映居民当面说明情况。',
  '已清理完毕并张贴提示，物业每日巡查两次。',
  '经现场协商，已达成处理方案并实施完成。',
];

export const publicReplies = [
  '您反映的问题已处理完毕，感谢您对社区工作的支持，如仍有问题请随时反映。',
  '问题已解决，请您查看处理结果并给予评价。',
  '经多方协调，问题已于近日处理完成，感谢您的耐心等待。',
];
