import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { scratchDatabase, startServer } from '../test/server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The journeys' database, for a journey that must let time pass (e2e/ladder.e2e.ts). */
    databaseUrl: string;
  }
}

// The journeys run against the real server, started as a user would start it, with the demo loaded.
export default async function setup(project: TestProject) {
  const database = await scratchDatabase(process.env.E2E_DATABASE_URL || undefined, 'e2e');
  // Photos the journeys upload go to a folder of their own, removed afterwards.
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-e2e-files-'));
  // The journeys' own group-chat robots listen on loopback.
  const server = await startServer({
    DATABASE_URL: database.url,
    DEMO: 'auto',
    CHANNEL_PRIVATE_ADDRESSES: 'loopback',
    // The ladder's journey waits for the sweep to climb an overdue problem: sweep every 2 s, not 10 min.
    SWEEP_INTERVAL_SECONDS: '2',
    FILES_DIR: filesDir,
  });
  project.provide('baseURL', server.baseURL);
  project.provide('databaseUrl', database.url);
  return async () => {
    await server.stop();
    await database.drop();
    fs.rmSync(filesDir, { recursive: true, force: true });
  };
}
