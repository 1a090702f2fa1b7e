import fs from 'node:fs';
import path from 'node:path';
import { type Dialect, openDatabase } from '../../src/db/database.ts';
import { Accounts, sessionHeaders } from './accounts.ts';
import { type CpuReading, cpuSecondsSince, readCpu } from './cpu.ts';
import { CACHE_DIR, type DatasetFacts, type DatasetSpec, ensureDataset, runCopy } from './dataset.ts';
import { argon2VerifyRate, postgresCommitRate, sqliteCommitRate } from './limits.ts';
import { runLoad, toWire } from './load.ts';
import { describeMachine } from './machine.ts';
import { watchMemory } from './memory.ts';
import type { RunResult } from './report.ts';
import { type ServerProcess, startServer } from './server.ts';
import type { BenchContext, LimitName, Scenario, ScenarioResult } from './types.ts';

export type Mode = 'quick' | 'full';
type Measured = Omit<ScenarioResult, 'ratio' | 'met'>;
const round = (n: number, digits: number) => Number(n.toPrecision(digits));

const QUICK = { seconds: 5, warmup: 1, commitSeconds: 3, argon2Seconds: 2 };
const FULL = { warmup: 3, commitSeconds: 10, argon2Seconds: 5, defaultSeconds: 20 };

export type DialectRun = {
  mode: Mode;
  dialect: Dialect;
  dataset: Omit<DatasetSpec, 'dialect'>;
  /** The /healthz scenario: it is the first limit, and the first row of every table. */
  healthz: Scenario;
  scenarios: Scenario[];
  log: (line: string) => void;
};

// What a run leaves behind, undone at its end or on Ctrl-C: the server process, the database handle,
// the run's copy of the dataset and its files folder.
const pending = new Set<() => Promise<void>>();
export async function cleanUp(): Promise<void> {
  for (const undo of [...pending].reverse()) await undo().catch(() => {});
  pending.clear();
}

function durationOf(scenario: Scenario, mode: Mode) {
  if (scenario.burst) return scenario.durationSeconds ?? 120;
  return mode === 'quick' ? QUICK.seconds : (scenario.durationSeconds ?? FULL.defaultSeconds);
}

async function measure(
  scenario: Scenario,
  ctx: BenchContext,
  server: ServerProcess,
  mode: Mode,
): Promise<Measured> {
  await scenario.setup?.(ctx);
  const requests = [await scenario.requests(ctx)].flat().map(toWire);
  const durationSeconds = durationOf(scenario, mode);
  const memory = watchMemory(server.pid);
  let peakRssMb: number | null = null;
  // CPU is counted from the end of the warm-up, as the requests are.
  let cpuBefore: Promise<CpuReading | null> = Promise.resolve(null);
  const load = await runLoad(
    {
      url: server.baseUrl,
      connections: scenario.connections,
      durationSeconds,
      warmupSeconds: scenario.burst ? 0 : mode === 'quick' ? QUICK.warmup : FULL.warmup,
      idReplacement: scenario.idReplacement ?? false,
      partitioned: scenario.partitioned ?? false,
      burst: scenario.burst ?? false,
      requests,
    },
    () => {
      cpuBefore = readCpu(server.pid, ctx.database);
    },
  ).finally(async () => {
    peakRssMb = memory.stop();
    await scenario.teardown?.(ctx);
  });
  const cpuSeconds = await cpuSecondsSince(await cpuBefore, server.pid, ctx.database);
  const checks = await scenario.verify?.(ctx);
  return {
    ...(checks ? { checks } : {}),
    name: scenario.name,
    description: scenario.description,
    limit: scenario.limit,
    connections: scenario.connections,
    durationSeconds: load.seconds,
    requests: load.requests,
    rps: round(load.rps, 4),
    p50Ms: load.p50Ms,
    p90Ms: load.p90Ms,
    p99Ms: load.p99Ms,
    maxMs: load.maxMs,
    errors: load.errors,
    non2xx: load.non2xx,
    statusCodes: load.statusCodes,
    peakRssMb,
    cpuMsPerRequest:
      cpuSeconds === null || load.requests === 0 ? null : round((cpuSeconds * 1000) / load.requests, 3),
    targets: scenario.targets ?? null,
    ...(scenario.expectedNon2xx ? { expectedNon2xx: scenario.expectedNon2xx } : {}),
  };
}

function onlyExpectedRefusals(result: Measured) {
  const expected = result.expectedNon2xx ?? {};
  const refused = Object.entries(result.statusCodes).filter(([code]) => !code.startsWith('2'));
  const codes = new Set([...Object.keys(expected), ...refused.map(([code]) => code)]);
  return [...codes].every((code) => (result.statusCodes[code] ?? 0) === (expected[code] ?? 0));
}

/** Compares a figure with its limit; the ratio decides a target when both are given (issue 4). */
function judge(result: Measured, limitRate: number): ScenarioResult {
  const ratio = limitRate > 0 ? round(result.rps / limitRate, 3) : null;
  const t = result.targets;
  let met: boolean | null = null;
  if (t) {
    const clean = result.errors === 0 && onlyExpectedRefusals(result);
    const fast = t.p99Ms === undefined || result.p99Ms <= t.p99Ms;
    const enough =
      t.ratio !== undefined ? ratio !== null && ratio >= t.ratio : t.rps === undefined || result.rps >= t.rps;
    met = clean && fast && enough;
  }
  return { ...result, ratio, met };
}

function line(s: Measured) {
  const errors = s.errors + s.non2xx > 0 ? `  ${s.errors} errors, ${s.non2xx} non-2xx` : '';
  return (
    `  ${s.name.padEnd(22)} ${Math.round(s.rps).toLocaleString('en').padStart(8)} req/s` +
    `  p50 ${s.p50Ms} ms  p99 ${s.p99Ms} ms  server peak ${s.peakRssMb ?? '?'} MB  CPU ${s.cpuMsPerRequest ?? '?'} ms/req${errors}` +
    (s.checks
      ? `\n    ${Object.entries(s.checks)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')}`
      : '')
  );
}

/** One database: dataset, limits, the server, every scenario; the result for bench/results/. */
export async function runDialect(run: DialectRun): Promise<RunResult> {
  const { dialect, mode, log } = run;
  const startedAt = new Date();
  const machine = describeMachine(CACHE_DIR);
  const facts: DatasetFacts = await ensureDataset({ dialect, ...run.dataset }, log);
  const copy = await runCopy(facts);
  pending.add(copy.dispose);
  const failures: RunResult['failures'] = [];
  try {
    const seconds = mode === 'quick' ? QUICK.commitSeconds : FULL.commitSeconds;
    const commit =
      dialect === 'sqlite'
        ? sqliteCommitRate(CACHE_DIR, seconds)
        : await postgresCommitRate(copy.url, seconds);
    log(`  limit: ${Math.round(commit.commitsPerSecond).toLocaleString('en')} durable commits/s`);
    // As many at once as the server's thread pool hashes (libuv's, 4 unless UV_THREADPOOL_SIZE says).
    const parallel = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const argon2 = await argon2VerifyRate(
      mode === 'quick' ? QUICK.argon2Seconds : FULL.argon2Seconds,
      parallel,
    );
    log(`  limit: ${Math.round(argon2.verifiesPerSecond)} argon2id verifications/s (${parallel} at once)`);

    const filesDir = path.join(CACHE_DIR, `run-${process.pid}-files`);
    pending.add(async () => fs.rmSync(filesDir, { recursive: true, force: true }));
    const server = await startServer(copy.url, filesDir);
    pending.add(server.stop);
    const database = openDatabase(copy.url, { poolSize: 2 });
    pending.add(() => database.close());
    const accounts = new Accounts(database, server.baseUrl, facts.sample);
    const ctx: BenchContext = {
      dialect,
      baseUrl: server.baseUrl,
      serverPid: server.pid,
      log,
      quick: mode === 'quick',
      database,
      dataset: facts,
      accounts: (kind, count) => accounts.create(kind, count),
      sessions: (kind, count) => accounts.sessions(kind, count),
      as: sessionHeaders,
    };

    // /healthz is measured first and again last; on a shared machine the better of the two is the limit.
    const healthzFirst = await measure(run.healthz, ctx, server, mode);
    log(line(healthzFirst));
    const measured: Measured[] = [];
    for (const scenario of run.scenarios) {
      if (scenario.dialects && !scenario.dialects.includes(dialect)) continue;
      try {
        const result = await measure(scenario, ctx, server, mode);
        measured.push(result);
        log(line(result));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push({ scenario: scenario.name, error: message });
        log(`  ${scenario.name.padEnd(22)} FAILED: ${message.split('\n')[0]}`);
      }
    }
    const healthzLast = await measure(run.healthz, ctx, server, mode);
    log(line(healthzLast));
    const healthz = healthzLast.rps > healthzFirst.rps ? healthzLast : healthzFirst;
    const limitRates: Record<LimitName, number> = {
      healthz: healthz.rps,
      commit: commit.commitsPerSecond,
      argon2: argon2.verifiesPerSecond,
    };
    const results = [healthz, ...measured].map((m) => judge(m, limitRates[m.limit]));
    return {
      format: 1,
      date: startedAt.toISOString().slice(0, 10),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      mode,
      dialect,
      machine,
      dataset: {
        key: facts.key,
        spec: facts.spec,
        counts: facts.counts,
        matters: facts.matters,
        buildSeconds: facts.buildSeconds,
      },
      limits: {
        healthzRps: healthz.rps,
        healthzRuns: [healthzFirst.rps, healthzLast.rps],
        commit,
        argon2,
      },
      scenarios: results,
      failures,
    };
  } finally {
    await cleanUp();
  }
}
