import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../app.ts';
import { matrix } from '../authorization/matrix.ts';
import { buildWorld, type Request, type World } from '../authorization/world.ts';
import { as } from '../factories.ts';
import { allowedPersona, sessionOf } from './allowed-persona.ts';
import { dataFingerprint } from './fingerprint.ts';
import { hostileSegments, hostileValues, malformedBodies } from './hostile-values.ts';

// Every API route, asked by someone allowed to use it, with its fields, body, path ids and query
// values replaced by hostile input. Whatever comes in: no 5xx, and a refused request changes nothing.
let t: TestApp;
let w: World;
let fingerprint: () => Promise<string>;

beforeAll(async () => {
  t = await testApp();
  w = await buildWorld(t);
  fingerprint = await dataFingerprint(t.database);
}, 120_000);
afterAll(() => t.close());

type Attempt = { method: Request['method']; url: string; payload?: unknown; raw?: string };

describe('hostile input on every route', () => {
  for (const [route, entry] of Object.entries(matrix)) {
    it(route, async () => {
      const persona = allowedPersona(entry);
      const base = await entry.build(w, persona);
      const session = await sessionOf(w, entry, persona);
      const failures: string[] = [];
      let before = await fingerprint();
      for (const attempt of attempts(base)) {
        const response = await t.app.inject({
          method: attempt.method,
          url: attempt.url,
          headers: {
            ...as(session),
            ...(attempt.raw !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          payload: (attempt.raw ?? attempt.payload) as never,
        });
        const after = await fingerprint();
        const what = `${attempt.method} ${attempt.url.slice(0, 120)} ${summary(attempt)}`;
        if (response.statusCode >= 500)
          failures.push(`${response.statusCode} for ${what}: ${response.body.slice(0, 200)}`);
        else if (response.statusCode >= 400 && after !== before)
          failures.push(`refused but changed data: ${what}`);
        before = after;
      }
      expect(failures).toEqual([]);
    });
  }
});

function* attempts(base: Request): Generator<Attempt> {
  const writes = base.method !== 'GET' && base.method !== 'DELETE';
  if (writes) {
    const payload = base.payload;
    if (isPlainObject(payload)) {
      for (const key of Object.keys(payload).slice(0, 8))
        for (const value of hostileValues) yield { ...base, payload: { ...payload, [key]: value } };
    }
    for (const value of hostileValues) yield { ...base, payload: value };
    for (const raw of malformedBodies) yield { method: base.method, url: base.url, raw };
  }
  const [path, query] = base.url.split('?');
  const segments = (path ?? '').split('/');
  for (const [i, segment] of segments.entries()) {
    if (!/^[0-9a-f-]{20,}$/i.test(segment)) continue;
    for (const hostile of hostileSegments) {
      const url = [...segments.slice(0, i), hostile, ...segments.slice(i + 1)].join('/');
      yield { ...base, url: query ? `${url}?${query}` : url };
    }
  }
  for (const [key] of new URLSearchParams(query ?? '')) {
    for (const hostile of hostileSegments) {
      const params = new URLSearchParams(query);
      params.delete(key);
      yield { ...base, url: `${path}?${params.toString()}${params.size ? '&' : ''}${key}=${hostile}` };
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function summary(attempt: Attempt): string {
  const body = attempt.raw ?? JSON.stringify(attempt.payload) ?? '';
  return body.length > 100 ? `${body.slice(0, 100)}…(${body.length})` : body;
}

describe('a character no database can store', () => {
  it('is refused on the field that holds it, in the reader’s language, and nothing is written', async () => {
    const before = await fingerprint();
    const ask = (language: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/matters',
        headers: { ...as(w.sessions.resident), 'accept-language': language },
        payload: { kind: 'problem', category: 'environment', text: '路灯\u0000不亮' },
      });
    const zh = await ask('zh-CN');
    const en = await ask('en');
    expect(zh.statusCode).toBe(400);
    expect(zh.json().errors).toEqual([{ field: 'text', message: '含有无法保存的控制字符' }]);
    expect(en.json().errors).toEqual([
      { field: 'text', message: 'Contains a control character that cannot be stored' },
    ]);
    expect(await fingerprint()).toBe(before);
  });
});
