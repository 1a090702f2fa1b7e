// `npm test`: type-check, lint, unit tests, the integration suite on SQLite and on PostgreSQL, and the
// browser journeys — each on SQLite and PostgreSQL. A part whose service is missing is skipped with a
// message, unless REQUIRE_POSTGRES=1 / REQUIRE_E2E=1 make that a failure (CI sets both).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const required = (name) => process.env[name] === '1' || process.env[name] === 'true';
const results = [];
let failedSteps = 0;

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${status === 0 ? '✔' : '✘'} ${label} (${seconds}s)`);
  if (status !== 0) failedSteps++;
  return status === 0;
}

function vitest(label, project, env = {}) {
  const report = path.join(os.tmpdir(), `shangliang-vitest-${project}-${process.pid}-${results.length}.json`);
  run(
    label,
    'npx',
    [
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    env,
  );
  if (fs.existsSync(report)) {
    const { numPassedTests, numFailedTests } = JSON.parse(fs.readFileSync(report, 'utf8'));
    results.push({ label, passed: numPassedTests, failed: numFailedTests });
    fs.rmSync(report);
  } else {
    results.push({ label, passed: 0, failed: 1 });
  }
}

async function reachablePostgres() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  );
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

function skip(message, requiredBy) {
  if (required(requiredBy)) {
    console.error(`\n✘ ${message} — and ${requiredBy}=1 requires it.`);
    failedSteps++;
  } else {
    console.log(`\n⚠ SKIPPED: ${message}. Set ${requiredBy}=1 to make this a failure.`);
  }
}

run('type-check (tsc)', 'npx', ['tsc', '--noEmit', '-p', '.']);
run('lint and format (biome)', 'npx', ['biome', 'check', '.']);
vitest('unit tests', 'unit');
vitest('integration tests on SQLite', 'integration', { TEST_DATABASE_URL: '' });

const postgresUrl = await reachablePostgres();
if (postgresUrl) vitest('integration tests on PostgreSQL', 'integration', { TEST_DATABASE_URL: postgresUrl });
else skip('PostgreSQL is not reachable (set TEST_DATABASE_URL), the PostgreSQL run', 'REQUIRE_POSTGRES');

const chromium = chromiumPath();
if (chromium) {
  run('build the web app', 'npx', ['vite', 'build', '--logLevel', 'warn']);
  vitest('browser journeys on SQLite', 'e2e', { CHROMIUM_PATH: chromium, E2E_DATABASE_URL: '' });
  if (postgresUrl)
    vitest('browser journeys on PostgreSQL', 'e2e', {
      CHROMIUM_PATH: chromium,
      E2E_DATABASE_URL: postgresUrl,
    });
} else {
  skip('no Chromium at /usr/bin/chromium or CHROMIUM_PATH, the browser journeys', 'REQUIRE_E2E');
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\nSummary');
for (const r of results) console.log(`  ${r.label}: ${r.passed} passed, ${r.failed} failed`);
if (failedSteps > 0) console.log(`  ${failedSteps} step(s) failed`);
console.log(
  `tests: ${passed} passed, ${failed + (failedSteps > 0 && failed === 0 ? failedSteps : 0)} failed`,
);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
