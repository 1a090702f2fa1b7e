import type { TestProject } from 'vitest/node';
import { scratchDatabase, startServer } from '../test/server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

// The journeys run against the real server, started as a user would start it, with the demo loaded.
export default async function setup(project: TestProject) {
  const database = await scratchDatabase(process.env.E2E_DATABASE_URL || undefined, 'e2e');
  // The journeys' own group-chat robots listen on loopback.
  const server = await startServer({
    DATABASE_URL: database.url,
    DEMO: 'auto',
    CHANNEL_PRIVATE_ADDRESSES: 'loopback',
  });
  project.provide('baseURL', server.baseURL);
  return async () => {
    await server.stop();
    await database.drop();
  };
}
