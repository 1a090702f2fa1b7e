// Automatic redaction of what residents write, before a public summary reaches the echo wall 回音壁.
// It pre-fills the summary that staff then read and edit: it catches what patterns can catch (phone and
// ID numbers, door numbers, licence plates) and the names on the register it is given.

export type RedactionKind = 'phone' | 'id_number' | 'door' | 'plate' | 'name';

export const redactionMarks: Record<RedactionKind, string> = {
  phone: '［电话］',
  id_number: '［证件号］',
  door: '［门牌号］',
  plate: '［车牌］',
  name: '［姓名］',
};

export type Redacted = { text: string; found: { kind: RedactionKind; text: string }[] };

// Digits as residents type them: ASCII, full-width, and Chinese numerals (三号楼二单元五零一).
const D = '[0-9０-９]';
const N = '[0-9０-９零〇一二三四五六七八九十百]';
const SEP = '[\\s\\-－—·]?';

const ID_NUMBER = new RegExp(`(?<![0-9０-９])(?:${D}{17}[0-9０-９XxＸｘ]|${D}{15})(?![0-9０-９])`, 'g');
// Mainland mobiles (also written 138 1234 5678 or +86), and landlines with an area code (0951-1234567).
const MOBILE = new RegExp(
  `(?<![0-9０-９])(?:(?:\\+|＋)?86${SEP})?1[3-9３-９]${D}(?:${SEP}${D}){8}(?![0-9０-９])`,
  'g',
);
const LANDLINE = new RegExp(`(?<![0-9０-９])0${D}{2,3}[\\-－]${D}{7,8}(?![0-9０-９])`, 'g');

// A door number names a home: building, entrance and room (3号楼2单元501室, 5栋1-302, 2-1-501, 501室).
const BUILDING = `${N}{1,4}\\s*(?:号楼|号院|栋|幢|座|号)`;
const ENTRANCE = `${N}{1,3}\\s*单元`;
const ROOM = `${N}{3,5}`;
const DOOR = new RegExp(
  [
    // building and/or entrance, then a room, the 室/户/号 optional
    `(?:${BUILDING}\\s*)(?:${ENTRANCE}\\s*)?(?:${D}{1,2}[\\-－])?${ROOM}\\s*(?:室|户|号)?`,
    `${ENTRANCE}\\s*${ROOM}\\s*(?:室|户|号)?`,
    // 2-1-501 as staff write an address
    `(?<![0-9０-９\\-－])${D}{1,3}[\\-－]${D}{1,2}[\\-－]${D}{3,4}(?![0-9０-９\\-－])`,
    // a room alone, when it says so
    `(?<![0-9０-９])${ROOM}\\s*(?:室|户)`,
  ].join('|'),
  'g',
);

// Chinese plates: a province's character, a letter, then five or six letters and digits (宁A·12345, 宁A D12345).
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Za-hj-np-z][\s·•.]?[A-HJ-NP-Z0-9a-hj-np-z]{4}[A-HJ-NP-Z0-9挂学警港澳a-hj-np-z]{1,2}/g;

type Rule = { kind: RedactionKind; pattern: RegExp };
// Longer numbers first: an ID number holds what looks like a phone number.
const rules: Rule[] = [
  { kind: 'id_number', pattern: ID_NUMBER },
  { kind: 'phone', pattern: MOBILE },
  { kind: 'phone', pattern: LANDLINE },
  { kind: 'plate', pattern: PLATE },
  { kind: 'door', pattern: DOOR },
];

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Redacts `text`. `names` are the names on the register (residents, owners, submitters); a name of one
 * character is ignored, as it would match within ordinary words.
 */
export function redact(text: string, names: readonly string[] = []): Redacted {
  const found: Redacted['found'] = [];
  let out = text;
  for (const rule of rules) {
    out = out.replace(rule.pattern, (match) => {
      found.push({ kind: rule.kind, text: match.trim() });
      return redactionMarks[rule.kind];
    });
  }
  const usable = [...new Set(names.map((n) => n.trim()).filter((n) => Array.from(n).length >= 2))];
  // Longest first, so 王文贵 goes before a 王文 that is also registered.
  usable.sort((a, b) => b.length - a.length);
  if (usable.length > 0) {
    const pattern = new RegExp(usable.map(escapeRegExp).join('|'), 'g');
    out = out.replace(pattern, (match) => {
      found.push({ kind: 'name', text: match });
      return redactionMarks.name;
    });
  }
  return { text: out, found };
}

/** Whether text still holds something the public must never read (the check of every public response). */
export function leaks(text: string, names: readonly string[] = []): RedactionKind[] {
  const kinds = new Set(redact(text, names).found.map((f) => f.kind));
  return [...kinds];
}
