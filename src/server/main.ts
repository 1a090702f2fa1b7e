import { openDatabase, refreshPlannerStatistics } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { startFigureJob } from '../modules/figures/figures.job.ts';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { startSweeps } from './sweeps.ts';

const config = loadConfig();
const database = openDatabase(config.DATABASE_URL);
const app = await buildApp({ config, database });

const applied = await migrateToLatest(database);
if (applied.length > 0) app.log.info({ applied }, 'migrations applied');
await refreshPlannerStatistics(database, true);
if (config.DEMO === 'auto') {
  const seeded = await seedDemoIfEmpty(database, app.log, config.AUDIT_KEY);
  if (seeded) app.log.info('empty database: demo data loaded');
}

const stopSweeps = startSweeps(app.deps, app.log);
const stopFigureJob = startFigureJob(app.deps, app.log);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  stopSweeps();
  stopFigureJob();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.PORT, host: config.HOST });
app.log.info({ database: database.label }, `Shangliang 商量 is serving on http://localhost:${config.PORT}`);
