import type { Database } from '../src/db/database.ts';
import { buildApp } from '../src/server/app.ts';
import type { App } from '../src/server/app-types.ts';
import { type Config, testConfig } from '../src/server/config.ts';
import { testDatabase } from './database.ts';

export type TestApp = { app: App; database: Database; close(): Promise<void> };

/** The real app, in process, over a real migrated database of its own. */
export async function testApp(
  overrides: Partial<Config> = {},
  options: { logStream?: { write(line: string): void } } = {},
): Promise<TestApp> {
  const database = await testDatabase();
  const app = await buildApp({ config: testConfig(overrides), database, ...options });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
