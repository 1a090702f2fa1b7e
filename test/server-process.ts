import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
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

export type ScratchDatabase = { url: string; drop(): Promise<void> };

/** A database of a test's own: a fresh PostgreSQL schema when `postgresUrl` is given, else a SQLite file. */
export async function scratchDatabase(
  postgresUrl: string | undefined,
  name: string,
): Promise<ScratchDatabase> {
  if (postgresUrl) {
    const schema = `${name}_${crypto.randomBytes(5).toString('hex')}`;
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`create schema ${schema}`);
    const url = new URL(postgresUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      url: url.toString(),
      drop: async () => {
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shangliang-${name}-`));
  return {
    url: `sqlite:${path.join(dir, `${name}.db`)}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export type ServerProcess = {
  baseURL: string;
  process: ChildProcess;
  output(): string;
  /** Ends the server: SIGTERM lets it finish, SIGKILL is the crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/** The real server, started as an operator starts it (`src/server/main.ts`), answering on its own port. */
export async function startServer(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const listenOn = port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(listenOn), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const baseURL = `http://127.0.0.1:${listenOn}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilReady(baseURL, child, () => output);
  return {
    baseURL,
    process: child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export async function waitUntilReady(
  baseURL: string,
  server: ChildProcess,
  log: () => string,
  timeoutMs = 90_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${baseURL}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready in ${timeoutMs / 1000} s:\n${log()}`);
}
