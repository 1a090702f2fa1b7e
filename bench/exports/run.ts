// The export benchmark of issue 9: "Export of 1M matters: time and peak memory (constant within a few MB
// of the empty export)". Over the generated city (bench/harness), through the real server: an admin of the
// whole city asks for exports as the workbench does (POST /api/workbench/exports, then polls the job), and
// the server's peak resident memory is read from /proc while each runs.
//
//   node --import tsx bench/exports/run.ts [--matters 100000] [--db sqlite|postgres] [--format xlsx,csv]
//
// Each database builds (or finds) its city in bench/.cache/ and runs on a copy of it. Not part of npm test;
// the 1M city is for a run by hand (see bench/README.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Dialect, openDatabase } from '../../src/db/database.ts';
import { Accounts, sessionHeaders } from '../harness/accounts.ts';
import type { CitySample } from '../harness/city.ts';
import { CACHE_DIR, ensureDataset, householdsFor, postgresReachable, runCopy } from '../harness/dataset.ts';
import { watchMemory } from '../harness/memory.ts';
import { startServer } from '../harness/server.ts';
import type { BenchAccount, BenchSession } from '../harness/types.ts';

const { values } = parseArgs({
  options: {
    matters: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    db: { type: 'string' },
    format: { type: 'string', default: 'xlsx,csv' },
  },
});
const matters = Number(values.matters);
const seed = Number(values.seed);
const formats = values.format.split(',') as ('xlsx' | 'csv')[];
const dialects: Dialect[] = values.db ? [values.db as Dialect] : ['sqlite', 'postgres'];

type Figures = {
  db: Dialect;
  what: string;
  format: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  megabytes: number;
  peakRssMb: number | null;
  rssBeforeMb: number | null;
};

function rssMb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

async function exportOnce(
  baseUrl: string,
  pid: number,
  session: BenchSession,
  body: Record<string, unknown>,
): Promise<Omit<Figures, 'db' | 'what'>> {
  const headers = { ...sessionHeaders(session), 'content-type': 'application/json' };
  const rssBeforeMb = rssMb(pid);
  const memory = watchMemory(pid);
  const started = performance.now();
  const asked = await fetch(`${baseUrl}/api/workbench/exports`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (asked.status !== 202) throw new Error(`export refused: ${asked.status} ${await asked.text()}`);
  const { id } = (await asked.json()) as { id: string };
  let job: { state: string; rowsDone: number; bytes: number | null; error: { title: string } | null };
  for (;;) {
    job = (await (await fetch(`${baseUrl}/api/workbench/exports/${id}`, { headers })).json()) as typeof job;
    if (job.state === 'done' || job.state === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = memory.stop();
  if (job.state === 'failed') throw new Error(`export failed: ${job.error?.title}`);
  // The file is fetched once, as the asker would, to be sure it is whole.
  const file = await fetch(`${baseUrl}/api/workbench/exports/${id}/file`, { headers });
  const bytes = (await file.arrayBuffer()).byteLength;
  if (file.status !== 200 || bytes !== job.bytes) throw new Error(`download: ${file.status}, ${bytes} bytes`);
  return {
    format: String(body.format),
    rows: job.rowsDone,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(job.rowsDone / seconds),
    megabytes: Math.round(bytes / 1e5) / 10,
    peakRssMb,
    rssBeforeMb,
  };
}

/** One export after the empty one, in a server of its own: its peak beside the empty export's peak. */
async function runOne(
  dialect: Dialect,
  url: string,
  sample: CitySample,
  account: BenchAccount,
  what: string,
  body: Record<string, unknown>,
): Promise<Figures[]> {
  const filesDir = path.join(CACHE_DIR, `exports-${process.pid}-files`);
  // No background sweeps or figure jobs: the export is measured alone.
  const server = await startServer(url, filesDir, { SWEEP_INTERVAL_SECONDS: '0', NOTIFY_POLL_SECONDS: '0' });
  const database = openDatabase(url, { poolSize: 2 });
  try {
    const admin = await new Accounts(database, server.baseUrl, sample).signIn(account);
    const out: Figures[] = [];
    const measure = async (label: string, request: Record<string, unknown>) => {
      const figures = {
        db: dialect,
        what: label,
        ...(await exportOnce(server.baseUrl, server.pid, admin!, request)),
      };
      console.log(JSON.stringify(figures));
      out.push(figures);
    };
    // A place that does not exist: the empty export, first, as the baseline (it loads the same code).
    await measure('empty', { ...body, filters: { ...(body.filters as object), placeId: 'nowhere' } });
    await measure(what, body);
    return out;
  } finally {
    await database.close();
    await server.stop();
    fs.rmSync(filesDir, { recursive: true, force: true });
  }
}

async function runDialect(dialect: Dialect): Promise<Figures[]> {
  const facts = await ensureDataset({ dialect, seed, matters, households: householdsFor(matters) }, (l) =>
    console.log(l),
  );
  const copy = await runCopy(facts);
  try {
    // The city's matters were indexed for search as they were written (insertMatter): mark the index as
    // complete, or the server's first start would index them all again before it answers.
    const marker = openDatabase(copy.url, { poolSize: 1 });
    await marker.db
      .insertInto('app_meta')
      .values({ key: 'search.backfilled', value: 'bench city', updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    // An administrator of the whole city: every matter in scope, names and phones in full.
    const [account] = await new Accounts(marker, '', facts.sample).create('admin', 1);
    await marker.close();
    const out: Figures[] = [];
    for (const format of formats) {
      out.push(
        ...(await runOne(dialect, copy.url, facts.sample, account!, 'all matters', {
          kind: 'matters',
          format,
          filters: { state: 'any' },
        })),
      );
      out.push(
        ...(await runOne(dialect, copy.url, facts.sample, account!, 'problem ledger', {
          kind: 'problems',
          format,
          filters: {},
        })),
      );
    }
    return out;
  } finally {
    await copy.dispose();
  }
}

const rows: Figures[] = [];
for (const dialect of dialects) {
  if (dialect === 'postgres' && !(await postgresReachable())) {
    console.log('PostgreSQL not reachable: skipped');
    continue;
  }
  rows.push(...(await runDialect(dialect)));
}
console.log(
  `\n${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}, ${matters.toLocaleString('en')} matters`,
);
console.log('| database | export | format | rows | time | rows/s | file | server RSS before | peak RSS |');
console.log('| -------- | ------ | ------ | ---: | ---: | -----: | ---: | ----------------: | -------: |');
for (const r of rows)
  console.log(
    `| ${r.db} | ${r.what} | ${r.format} | ${r.rows.toLocaleString('en')} | ${r.seconds} s | ${r.rowsPerSecond.toLocaleString('en')} | ${r.megabytes} MB | ${r.rssBeforeMb ?? '?'} MB | ${r.peakRssMb ?? '?'} MB |`,
  );
