import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testDatabase } from '../../../test/database.ts';
import type { Database } from '../../db/database.ts';
import { buildApp } from '../../server/app.ts';
import type { App } from '../../server/app-types.ts';
import { testConfig } from '../../server/config.ts';

let app: App;
let database: Database;

beforeAll(async () => {
  database = await testDatabase();
  app = await buildApp({ config: testConfig({ BODY_LIMIT_BYTES: 2048 }), database });
  // A route of the test's own, to see how any validated route refuses bad input.
  app.post(
    '/api/test/echo',
    {
      schema: {
        body: z.object({
          phone: z.string().regex(/^1\d{10}$/, { error: 'phone_invalid' }),
          age: z.number().int().min(0),
        }),
      },
    },
    async (request) => request.body,
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('health and readiness', () => {
  it('answers /healthz and reports the database ready', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: database.dialect });
  });
});

describe('errors are problem documents in the reader’s language', () => {
  it('names an unknown API route in Chinese by default and in English when asked', async () => {
    const zh = await app.inject('/api/no-such-thing');
    expect(zh.statusCode).toBe(404);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json()).toMatchObject({
      status: 404,
      code: 'route_not_found',
      title: '没有这个接口：GET /api/no-such-thing',
    });
    const en = await app.inject({
      url: '/api/no-such-thing',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json().title).toBe('No such endpoint: GET /api/no-such-thing');
  });

  it('refuses malformed JSON clearly', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'malformed_body', title: '请求内容不是有效的 JSON' });
  });

  it('gives one message per wrong field, in zh-CN and in en', async () => {
    const payload = { phone: '12345', age: 'old' };
    const zh = await app.inject({ method: 'POST', url: '/api/test/echo', payload });
    expect(zh.statusCode).toBe(400);
    const zhErrors = zh.json().errors as { field: string; message: string }[];
    expect(zhErrors.find((e) => e.field === 'phone')?.message).toBe('请输入 11 位手机号');
    expect(zhErrors.find((e) => e.field === 'age')?.message).toMatch(/[\u4e00-\u9fff]/);

    const en = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload,
      headers: { 'accept-language': 'en' },
    });
    const enErrors = en.json().errors as { field: string; message: string }[];
    expect(enErrors.find((e) => e.field === 'phone')?.message).toBe('Enter an 11-digit mobile number');
    expect(enErrors.find((e) => e.field === 'age')?.message).toMatch(/expected number/i);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { phone: '13800000000', age: 1, padding: 'x'.repeat(4096) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('body_too_large');
  });
});

describe('the API describes itself and the pages are protected', () => {
  it('serves the OpenAPI document and its browsable docs', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/readyz');
    const docs = await app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sends security headers: strict script policy, no framing, no sniffing', async () => {
    const response = await app.inject('/healthz');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});
