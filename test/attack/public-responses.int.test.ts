import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../app.ts';
import { matrix } from '../authorization/matrix.ts';

// A route anyone may call must not even be able to send a private field: its response schema is the
// list of what leaves the server, so a name, phone or submitter there fails here before any data does.
const privateField = /phone|mobile|id_?card|id_?number|person|submitter|owner|real_?name|household/i;

// These answer the caller about their own new session or account, reached only with their own secret.
const aboutTheCaller = new Set([
  'POST /api/auth/sign-in',
  'POST /api/auth/sign-in-sms',
  'POST /api/residents/register',
  'GET /api/invitations/:token',
  'POST /api/invitations/:token/accept',
]);

type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };

let t: TestApp;
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  t = await testApp();
  paths = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths;
});
afterAll(() => t.close());

describe('routes open to the public', () => {
  const open = Object.entries(matrix)
    .filter(([route, entry]) => entry.open !== undefined && !aboutTheCaller.has(route))
    .map(([route]) => route);

  it('are described in the API document', () => {
    expect(open.length).toBeGreaterThan(0);
    for (const route of open) expect(operation(route), route).toBeDefined();
  });

  for (const route of open) {
    it(`${route} has no private field in its response schema`, () => {
      const fields = Object.entries(operation(route)?.responses ?? {})
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([, response]) =>
          Object.values(response.content ?? {}).flatMap((c) => fieldNames(c.schema)),
        );
      expect(fields.filter((f) => privateField.test(f))).toEqual([]);
    });
  }
});

function operation(route: string): Operation | undefined {
  const [method, url] = route.split(' ') as [string, string];
  const openapiPath = url.replace(/:(\w+)/g, '{$1}');
  return paths[openapiPath]?.[method.toLowerCase()];
}

function fieldNames(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const own = Object.entries(schema.properties ?? {}).flatMap(([key, child]) => [key, ...fieldNames(child)]);
  const nested = [
    schema.items,
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.allOf ?? []),
  ].flatMap((child) => fieldNames(child));
  return [...own, ...nested];
}
