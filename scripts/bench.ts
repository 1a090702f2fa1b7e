// `npm run bench -- --quick | --full [--db sqlite|postgres] [--only name[,name]] [--seed N] [--matters N]`
// Measures every scenario in bench/scenarios/ against a real server over a generated city, on SQLite and
// PostgreSQL, beside the machine's limits measured in the same run. See bench/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { householdsFor, postgresBaseUrl, postgresReachable } from '../bench/harness/dataset.ts';
import { renderTable, updateReadme, writeResult } from '../bench/harness/report.ts';
import { cleanUp, type Mode, runDialect } from '../bench/harness/run.ts';
import type { Scenario } from '../bench/harness/types.ts';
import type { Dialect } from '../src/db/database.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    db: { type: 'string' },
    only: { type: 'string', multiple: true },
    seed: { type: 'string', default: '1' },
    matters: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (values.quick === values.full)
  fail('Say --quick (10k matters, 5 s a scenario) or --full (1M matters, longer runs).');
const mode: Mode = values.full ? 'full' : 'quick';
if (values.db && values.db !== 'sqlite' && values.db !== 'postgres') fail('--db is sqlite or postgres');
const seed = Number(values.seed);
const matters = Number(values.matters ?? (mode === 'quick' ? 10_000 : 1_000_000));
if (!Number.isInteger(seed) || !Number.isInteger(matters) || matters <= 0)
  fail('--seed and --matters are whole numbers');
const only = (values.only ?? []).flatMap((o) => o.split(',')).filter(Boolean);

const scenarioDir = path.resolve(import.meta.dirname, '../bench/scenarios');
async function loadScenarios(): Promise<Scenario[]> {
  const files = fs
    .readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(scenarioDir, file)).href)) as { default?: Scenario };
    const scenario = module.default;
    if (!scenario?.name || typeof scenario.requests !== 'function')
      fail(`bench/scenarios/${file} must export a Scenario as its default export`);
    if (scenarios.some((s) => s.name === scenario.name)) fail(`two scenarios are named "${scenario.name}"`);
    scenarios.push(scenario);
  }
  return scenarios;
}

const log = (line: string) => console.log(line);
process.on('SIGINT', () => {
  console.log('\ninterrupted: stopping the server and dropping the run database…');
  void cleanUp().finally(() => process.exit(130));
});

const began = performance.now();
const all = await loadScenarios();
const healthz =
  all.find((s) => s.name === 'healthz') ??
  fail('bench/scenarios/healthz.ts is missing: it is the first limit');
const unknown = only.filter((name) => !all.some((s) => s.name === name));
if (unknown.length > 0)
  fail(`no scenario named ${unknown.join(', ')}; there are: ${all.map((s) => s.name).join(', ')}`);
const chosen = all.filter((s) => s !== healthz && (only.length === 0 || only.includes(s.name)));

console.log(
  `Shangliang bench, ${mode} run: ${chosen.length + 1} scenarios, a city of ` +
    `${householdsFor(matters).toLocaleString('en')} households (seed ${seed}).`,
);
if (mode === 'full')
  console.log(
    'The 1M-matter scenarios arrive with the matters capability; until then --full runs these scenarios ' +
      'longer over the 1M city (building it the first time takes several minutes per database).',
  );

const dialects: Dialect[] = values.db ? [values.db as Dialect] : ['sqlite', 'postgres'];
let failed = 0;
for (const dialect of dialects) {
  console.log(`\n▶ ${dialect}`);
  if (dialect === 'postgres' && !(await postgresReachable())) {
    const where = new URL(postgresBaseUrl());
    where.password = '';
    const message = `PostgreSQL is not reachable at ${where.host}${where.pathname}: start it or set BENCH_DATABASE_URL`;
    if (values.db === 'postgres') fail(`✘ ${message}.`);
    console.log(`⚠ SKIPPED: ${message}.`);
    continue;
  }
  try {
    const result = await runDialect({
      mode,
      dialect,
      dataset: { seed, matters, households: householdsFor(matters) },
      healthz,
      scenarios: chosen,
      log,
    });
    failed += result.failures.length;
    console.log(`\n${renderTable(result)}\n`);
    console.log(`  → ${path.relative(process.cwd(), writeResult(result, only))}`);
  } catch (error) {
    failed++;
    console.error(`✘ ${dialect}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
if (only.length === 0) {
  updateReadme();
  console.log('\nbench/README.md: tables updated from the latest results.');
}
console.log(
  `\nDone in ${((performance.now() - began) / 1000).toFixed(0)} s.${failed ? ` ${failed} failure(s): see above.` : ''}`,
);
process.exit(failed > 0 ? 1 : 0);
