import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A database of the journeys' own: a temporary SQLite file, or a fresh PostgreSQL schema. */
async function journeyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const postgres = process.env.E2E_DATABASE_URL;
  if (postgres) {
    const schema = `e2e_${crypto.randomBytes(5).toString('hex')}`;
    const client = new pg.Client({ connectionString: postgres });
    await client.connect();
    await client.query(`create schema ${schema}`);
    const url = new URL(postgres);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      url: url.toString(),
      drop: async () => {
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-e2e-'));
  return {
    url: `sqlite:${path.join(dir, 'e2e.db')}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function waitUntilReady(baseURL: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${baseURL}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready in 60 s:\n${log()}`);
}

// The journeys run against the real server, started as a user would start it, with the demo loaded.
export default async function setup(project: TestProject) {
  const port = await freePort();
  const database = await journeyDatabase();
  // Photos the journeys upload go to a folder of their own, removed afterwards.
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-e2e-files-'));
  let output = '';
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DEMO: 'auto',
      LOG_LEVEL: 'warn',
      FILES_DIR: filesDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => {
    output += d;
  });
  server.stderr?.on('data', (d) => {
    output += d;
  });
  const baseURL = `http://127.0.0.1:${port}`;
  await waitUntilReady(baseURL, server, () => output);
  project.provide('baseURL', baseURL);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await database.drop();
    fs.rmSync(filesDir, { recursive: true, force: true });
  };
}
