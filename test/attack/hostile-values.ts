// What an attacker or a broken client sends in place of a field: wrong types, sizes past any limit,
// nesting past any sense, unicode edge cases, and the injection payloads that broke other platforms.

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

export const hostileValues: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  Number.MIN_SAFE_INTEGER - 2,
  '',
  '   ',
  'x'.repeat(200_000),
  '𠮷'.repeat(5_000),
  "'; drop table matters; --",
  '" or 1=1 --',
  "1' union select phone from people --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  '\u0000',
  '\ud800',
  '\u202eexe.gpj',
  '\u200b\ufeff',
  '../../../../etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
  '$' + '{7*7}{{7*7}}',
  '2026-13-45T99:99:99Z',
  '9'.repeat(400),
  [],
  {},
  [null, 1, 'a', {}],
  nested(3_000),
  { __proto__: { isAdmin: true } },
  { constructor: { prototype: { isAdmin: true } } },
];

/** Whole bodies that are not what a JSON route expects, sent raw with a JSON content type. */
export const malformedBodies: readonly string[] = [
  '{',
  '{"a":1,"a":2}',
  'null',
  '[]',
  '"text"',
  '{"__proto__":{"isAdmin":true}}',
  `{"text":"${'\\u0000'.repeat(10)}"}`,
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
];

/** What goes in place of an id in a path or a query parameter. */
export const hostileSegments: readonly string[] = [
  '..%2f..%2fetc%2fpasswd',
  "1'%20or%20'1'='1",
  '%00',
  '%ff%fe',
  'x'.repeat(5_000),
  '-1',
  '0',
  '%F0%A0%AE%B7',
];
