// A realistic household register of one large compound, as CSV and XLSX: buildings spelled the ways
// communities spell them (3号楼, 3栋, 三号楼), entrances, rooms by floor, exclusive areas with two
// decimals, owners (some own two units, the developer holds unsold ones, some rows name nobody).
//
//   node --import tsx bench/household-import/generate.ts [households] [out-dir]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

export const DEVELOPER = '宁夏星河置业有限公司';
export const HEADER = ['小区', '楼栋', '单元', '房号', '专有面积（㎡）', '业主姓名', '联系电话'];
export const COMPOUND = '星河悦城';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文玉兰红梅志强海燕小燕国庆建国淑珍丽娟子涵浩然欣怡梓轩';
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A deterministic generator, so every run measures the same file. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function buildingSpelling(n: number, r: number) {
  if (r < 0.6) return `${n}号楼`;
  if (r < 0.8) return `${n}栋`;
  if (r < 0.9 && n <= 10) return `${CN[n]}号楼`;
  return `${n}#`;
}

/** Rows of the register, header first. */
export function* registerRows(households: number): Generator<string[]> {
  const next = random(20260101);
  const pick = (text: string) => Array.from(text)[Math.floor(next() * Array.from(text).length)]!;
  yield HEADER;
  let written = 0;
  let building = 0;
  let lastOwner: [string, string] | null = null;
  while (written < households) {
    building++;
    const entrances = 2 + Math.floor(next() * 3);
    const floors = 6 + Math.floor(next() * 27);
    const perFloor = 2 + Math.floor(next() * 3);
    const spelling = next();
    for (let e = 1; e <= entrances && written < households; e++)
      for (let f = 1; f <= floors && written < households; f++)
        for (let u = 1; u <= perFloor && written < households; u++) {
          const area = (4500 + Math.floor(next() * 13_500)) / 100;
          const roll = next();
          let owner = ['', ''];
          if (roll < 0.04) owner = [DEVELOPER, ''];
          else if (roll < 0.07) owner = ['', ''];
          else if (roll < 0.1 && lastOwner) owner = lastOwner;
          else {
            const phone = `1${3 + Math.floor(next() * 7)}${String(Math.floor(next() * 1e9)).padStart(9, '0')}`;
            owner = [pick(SURNAMES) + pick(GIVEN) + (next() < 0.5 ? pick(GIVEN) : ''), phone];
            lastOwner = owner as [string, string];
          }
          yield [
            COMPOUND,
            buildingSpelling(building, spelling),
            `${e}单元`,
            `${f}${String(u).padStart(2, '0')}`,
            area.toFixed(2).replace(/0$/, '').replace(/\.$/, ''),
            owner[0]!,
            owner[1]!,
          ];
          written++;
        }
  }
}

function csvCell(cell: string) {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export async function writeCsv(file: string, households: number) {
  const out = fs.createWriteStream(file);
  for (const row of registerRows(households)) {
    if (!out.write(`${row.map(csvCell).join(',')}\r\n`))
      await new Promise<void>((resolve) => out.once('drain', resolve));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

export async function writeXlsx(file: string, households: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('住户');
  sheet.addRow([`${COMPOUND}住户登记表`]).commit();
  for (const row of registerRows(households)) {
    // Area typed as a number, as in a real sheet; phones kept as text.
    const cells: (string | number)[] = [...row];
    if (row !== HEADER) cells[4] = Number(row[4]);
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await workbook.commit();
}

export function benchDir(dir = path.join(os.tmpdir(), 'shangliang-bench')) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const households = Number(process.argv[2] ?? 100_000);
  const dir = benchDir(process.argv[3]);
  const csv = path.join(dir, `households-${households}.csv`);
  const xlsx = path.join(dir, `households-${households}.xlsx`);
  await writeCsv(csv, households);
  await writeXlsx(xlsx, households);
  for (const file of [csv, xlsx]) console.log(`${file}  ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);
}
