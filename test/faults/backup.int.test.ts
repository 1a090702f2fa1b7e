import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../src/db/backup.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/app-types.ts';
import { testConfig } from '../../src/server/config.ts';
import { as, makeTown, type Session, signedInUser } from '../factories.ts';

// An online backup taken while residents keep submitting restores to a database whose audit chain is
// intact and whose records agree with each other (each matter with its audit entry: one instant's copy).
const postgres = process.env.TEST_DATABASE_URL?.startsWith('postgres')
  ? process.env.TEST_DATABASE_URL
  : undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shangliang-backup-'));
const created: string[] = [];

async function emptyDatabase(name: string): Promise<string> {
  if (!postgres) return `sqlite:${path.join(dir, `${name}.db`)}`;
  const database = `${name}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgres });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  created.push(database);
  const url = new URL(postgres);
  url.pathname = `/${database}`;
  return url.toString();
}

let sourceUrl: string;
let source: Database;
let app: App;
let resident: Session;

beforeAll(async () => {
  sourceUrl = await emptyDatabase('backup_source');
  source = openDatabase(sourceUrl);
  await migrateToLatest(source);
  app = await buildApp({ config: testConfig(), database: source });
  await app.ready();
  const town = await makeTown(source);
  resident = (await signedInUser(app, source, { kind: 'resident', households: [town.household101] })).session;
}, 60_000);

afterAll(async () => {
  await app.close();
  await source.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (postgres && created.length > 0) {
    const admin = new pg.Client({ connectionString: postgres });
    await admin.connect();
    for (const database of created) await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
});

async function consistency(database: Database) {
  const count = async (query: Promise<{ n: string | number | bigint }>) => Number((await query).n);
  return {
    matters: await count(
      database.db
        .selectFrom('matters')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ),
    submitAudits: await count(
      database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', 'matter.submit')
        .executeTakeFirstOrThrow(),
    ),
    chain: await verifyAuditChain(database.db),
  };
}

describe('backup and restore under load', () => {
  it('restores a copy of one instant: the audit chain intact and every matter with its audit entry', async () => {
    let stop = false;
    const load = (async () => {
      let n = 0;
      while (!stop) {
        const batch = Array.from({ length: 10 }, () =>
          app.inject({
            method: 'POST',
            url: '/api/matters',
            headers: as(resident),
            payload: { kind: 'problem', category: 'environment', text: `备份期间的反映 ${n++}` },
          }),
        );
        await Promise.all(batch);
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    const file = path.join(dir, postgres ? 'backup.dump' : 'backup.db');
    await backupDatabase(sourceUrl, file);
    await new Promise((r) => setTimeout(r, 200));
    stop = true;
    await load;

    const restoredUrl = await emptyDatabase('backup_restored');
    await restoreDatabase(file, restoredUrl);
    const restored = openDatabase(restoredUrl);
    try {
      const copy = await consistency(restored);
      const live = await consistency(source);
      expect(copy.chain.ok).toBe(true);
      expect(copy.matters).toBeGreaterThan(0);
      expect(copy.matters).toBe(copy.submitAudits);
      // The load went on after the backup: the copy holds fewer matters than the live database.
      expect(copy.matters).toBeLessThan(live.matters);
      expect(live.chain.ok).toBe(true);
    } finally {
      await restored.close();
    }
  }, 120_000);
});
