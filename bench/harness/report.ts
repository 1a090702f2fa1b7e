import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Dialect } from '../../src/db/database.ts';
import type { DatasetFacts } from './dataset.ts';
import type { Argon2Limit, CommitLimit } from './limits.ts';
import type { Machine } from './machine.ts';
import { ROOT } from './server.ts';
import type { ScenarioResult } from './types.ts';

// Results as JSON in bench/results/<date>-<dialect>.json, and the tables in bench/README.md regenerated
// from the latest of each dialect.

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../results');
const README = path.resolve(import.meta.dirname, '../README.md');
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

export type RunResult = {
  format: 1;
  date: string;
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full';
  dialect: Dialect;
  machine: Machine;
  dataset: Pick<DatasetFacts, 'key' | 'spec' | 'counts' | 'matters' | 'buildSeconds'>;
  limits: {
    /** The better of the two /healthz runs (first and last). */
    healthzRps: number;
    healthzRuns: number[];
    commit: CommitLimit;
    argon2: Argon2Limit;
  };
  scenarios: ScenarioResult[];
  failures: { scenario: string; error: string }[];
};

const FULL_RUN = /^\d{4}-\d{2}-\d{2}-(sqlite|postgres)\.json$/;

/** Writes the run; a run of chosen scenarios (--only) gets a name of its own and leaves the tables alone. */
export function writeResult(result: RunResult, only: string[]): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const name =
    only.length > 0
      ? `${result.date}-${result.dialect}-only-${only.join('+')}`
      : `${result.date}-${result.dialect}`;
  const file = path.join(RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

function latest(dialect: Dialect): RunResult | null {
  if (!fs.existsSync(RESULTS_DIR)) return null;
  const file = fs
    .readdirSync(RESULTS_DIR)
    .filter((f) => FULL_RUN.test(f) && f.endsWith(`-${dialect}.json`))
    .sort()
    .at(-1);
  return file ? (JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, file), 'utf8')) as RunResult) : null;
}

const whole = (n: number) => Math.round(n).toLocaleString('en');
const ms = (n: number) => (n < 10 ? n.toFixed(1) : whole(n));
function ratio(n: number | null) {
  if (n === null) return '—';
  return n >= 0.1 ? n.toFixed(2) : n.toPrecision(2);
}

/** Older results were written before the CPU was read. */
const cpu = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toFixed(n < 1 ? 3 : 2);

function target(s: ScenarioResult) {
  if (!s.targets) return '—';
  const wanted = [
    s.targets.ratio !== undefined
      ? `≥ ${s.targets.ratio} × limit`
      : s.targets.rps !== undefined
        ? `≥ ${whole(s.targets.rps)} req/s`
        : null,
    s.targets.p99Ms !== undefined ? `p99 ≤ ${s.targets.p99Ms} ms` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${s.met ? 'met' : '**missed**'}: ${wanted}`;
}

function describeDisk(disk: Machine['disk']) {
  return disk ? `${disk.device} (${disk.type}, ${disk.sizeGb} GB)` : 'a disk df did not describe';
}

export function renderTable(r: RunResult): string {
  const title = r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const m = r.machine;
  const settings = Object.entries(r.limits.commit.settings)
    .filter(([k]) => k !== 'server_version')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const version = r.limits.commit.settings.server_version
    ? ` ${r.limits.commit.settings.server_version}`
    : '';
  const lines = [
    `### ${title}${version} — ${r.date}, ${r.mode} run`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.os}; bench/.cache on ${describeDisk(m.disk)}. ` +
      `Load average when the run started: ${m.loadAverage.join(' / ')}.`,
    '',
    `Dataset: ${whole(r.dataset.counts.households)} households, ${whole(r.dataset.counts.people)} people, ` +
      `${whole(r.dataset.counts.parties)} parties, ${whole(r.dataset.matters)} matters (seed ${r.dataset.spec.seed}).`,
    '',
    `Limits: /healthz ${whole(r.limits.healthzRps)} req/s · durable single-row commits ` +
      `${whole(r.limits.commit.commitsPerSecond)}/s (${settings}) · argon2id verifications ` +
      `${whole(r.limits.argon2.verifiesPerSecond)}/s (${r.limits.argon2.parallel} at once).`,
    '',
    '| scenario | compared to | conns | req/s | ratio | p50 ms | p99 ms | errors / non-2xx | server peak MB | CPU ms/req | target |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...r.scenarios.map(
      (s) =>
        `| ${s.name} | ${s.limit} | ${s.connections} | ${whole(s.rps)} | ${ratio(s.ratio)} | ${ms(s.p50Ms)} | ` +
        `${ms(s.p99Ms)} | ${s.errors} / ${s.non2xx} | ${s.peakRssMb === null ? '—' : Math.round(s.peakRssMb)} | ${cpu(s.cpuMsPerRequest)} | ${target(s)} |`,
    ),
  ];
  if (r.failures.length > 0)
    lines.push('', ...r.failures.map((f) => `- **${f.scenario} failed**: ${f.error.split('\n')[0]}`));
  return lines.join('\n');
}

/** Replaces what stands between the markers in bench/README.md with the latest table of each dialect. */
export function updateReadme(): void {
  if (!fs.existsSync(README)) return;
  const text = fs.readFileSync(README, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) throw new Error(`bench/README.md lacks the ${START} … ${END} markers`);
  const tables = (['sqlite', 'postgres'] as const).map((d) => latest(d) ?? null);
  const body = tables
    .map((r, i) => (r ? renderTable(r) : `### ${i === 0 ? 'SQLite' : 'PostgreSQL'}\n\nNot measured yet.`))
    .join('\n\n');
  fs.writeFileSync(README, `${text.slice(0, from + START.length)}\n${body}\n${text.slice(to)}`);
  // The project formatter aligns Markdown tables where its configuration lets it format Markdown.
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/biome'),
    ['format', '--write', '--no-errors-on-unmatched', README],
    {
      stdio: 'ignore',
    },
  );
}
