// `npm run bench:data -- --matters 10000|100000|1000000 [--seed N] [--db sqlite|postgres] [--households N]
//  [--rebuild]`: builds the bench's generated city into bench/.cache/ (or finds it there). Deterministic:
// the same seed, size and schema build the same database. See bench/README.md.
import { parseArgs } from 'node:util';
import { ensureDataset, householdsFor, postgresReachable } from '../bench/harness/dataset.ts';
import type { Dialect } from '../src/db/database.ts';

const { values } = parseArgs({
  options: {
    matters: { type: 'string' },
    seed: { type: 'string', default: '1' },
    db: { type: 'string' },
    households: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const matters = Number(values.matters);
const seed = Number(values.seed);
if (!values.matters || !Number.isInteger(matters) || matters <= 0)
  fail('--matters N is required (10000, 100000 or 1000000)');
if (!Number.isInteger(seed)) fail('--seed is a whole number');
if (values.db && values.db !== 'sqlite' && values.db !== 'postgres') fail('--db is sqlite or postgres');
const households = values.households ? Number(values.households) : householdsFor(matters);
if (!Number.isInteger(households) || households <= 0) fail('--households is a whole number');

const dialects: Dialect[] = values.db ? [values.db as Dialect] : ['sqlite', 'postgres'];
for (const dialect of dialects) {
  if (dialect === 'postgres' && !(await postgresReachable())) {
    if (values.db) fail('✘ PostgreSQL is not reachable: start it or set BENCH_DATABASE_URL.');
    console.log('⚠ SKIPPED postgres: not reachable (start it or set BENCH_DATABASE_URL).');
    continue;
  }
  const spec = { dialect, seed, matters, households };
  const facts = await ensureDataset(spec, (line) => console.log(line), { rebuild: values.rebuild });
  const c = facts.counts;
  console.log(
    `  ${c.places.toLocaleString('en')} places (${c.households.toLocaleString('en')} households), ` +
      `${c.people.toLocaleString('en')} people, ${c.ownerships.toLocaleString('en')} ownerships, ` +
      `${c.parties.toLocaleString('en')} parties, ${c.grids.toLocaleString('en')} grids`,
  );
  const m = facts.matterCounts;
  if (m)
    console.log(
      `  ${m.matters.toLocaleString('en')} matters in ${m.problems.toLocaleString('en')} problems, ` +
        `${m.orders.toLocaleString('en')} orders, ${m.problem_events.toLocaleString('en')} timeline events, ` +
        `${m.audit.toLocaleString('en')} audit entries, ${m.users.toLocaleString('en')} resident accounts`,
    );
}
