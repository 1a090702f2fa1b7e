// Registered floor area is kept as an integer of 0.01 m² so that sums and shares by area (Civil Code
// arts. 278 and 283) are exact. It is read from text digit by digit, never through a floating-point number.

/** The largest area a household may register: 99,999.99 m² (well inside a 32-bit integer of 0.01 m²). */
export const MAX_AREA_CENTI_M2 = 9_999_999;

export type AreaProblem = 'missing' | 'not_a_number' | 'not_positive' | 'too_many_decimals' | 'too_large';
export type AreaReading = { ok: true; centiM2: number } | { ok: false; problem: AreaProblem };

// Units people type after the figure in a spreadsheet cell: 89.5㎡, 89.5 m2, 89.5平方米.
const UNIT = /\s*(?:㎡|m²|m2|平方米|平米|平方)$/i;

/** '89.5' → 8950, '120' → 12000; refuses more than two decimals ('89.555') rather than rounding. */
export function parseArea(text: string | number | null | undefined): AreaReading {
  const raw = String(text ?? '')
    .normalize('NFKC')
    .trim()
    .replace(UNIT, '');
  if (raw === '') return { ok: false, problem: 'missing' };
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(raw);
  if (!match) return { ok: false, problem: 'not_a_number' };
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > 2) return { ok: false, problem: 'too_many_decimals' };
  const digits = `${whole}${fraction.padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > String(MAX_AREA_CENTI_M2).length) return { ok: false, problem: 'too_large' };
  const centiM2 = Number(digits);
  if (sign === '-' || centiM2 === 0) return { ok: false, problem: 'not_positive' };
  if (centiM2 > MAX_AREA_CENTI_M2) return { ok: false, problem: 'too_large' };
  return { ok: true, centiM2 };
}

/** 8950 → '89.50' */
export function formatArea(centiM2: number): string {
  return `${Math.trunc(centiM2 / 100)}.${String(centiM2 % 100).padStart(2, '0')}`;
}

export const areaMessages: Record<AreaProblem, { 'zh-CN': string; en: string }> = {
  missing: { 'zh-CN': '缺少面积', en: 'The area is missing' },
  not_a_number: { 'zh-CN': '面积不是数字', en: 'The area is not a number' },
  not_positive: { 'zh-CN': '面积必须大于 0', en: 'The area must be greater than 0' },
  too_many_decimals: {
    'zh-CN': '面积最多两位小数',
    en: 'The area may have at most two decimals',
  },
  too_large: { 'zh-CN': '面积不能超过 99999.99 平方米', en: 'The area cannot exceed 99,999.99 m²' },
};
