import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.ts';
import type { Db, Trx } from '../db/transaction.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { loadConfig } from '../server/config.ts';
import { inTransaction, type Tx } from '../server/transaction.ts';
import { plantDispatchRules } from './dispatch-rules.ts';
import { publishDemoProblems } from './echo.ts';
import { type NamedOwners, plantBuildings } from './households.ts';
import { plantLadder } from './ladder.ts';
import { tellMatters } from './matters.ts';
import { holdMeetings } from './meetings.ts';
import { OwnerRegister } from './owners.ts';
import { createParties } from './parties.ts';
import { DEMO_PASSWORD, demoResidents, enrolAdmin, enrolResidents, enrolStaff } from './people.ts';
import { addPerson } from './places.ts';
import { plantPlaces } from './tree.ts';
import { tellVotes } from './votes.ts';

async function holdsData(db: Db | Trx): Promise<boolean> {
  const place = await db.selectFrom('places').select('id').limit(1).executeTakeFirst();
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return place !== undefined || user !== undefined;
}

/**
 * Loads the demo — the reference cases of the source — into an empty database, and only there: a database
 * that holds anything is never touched. Returns whether it loaded.
 */
export async function seedDemoIfEmpty(
  database: Database,
  log: FastifyBaseLogger,
  auditKey: string = loadConfig().AUDIT_KEY,
): Promise<boolean> {
  const { db } = database;
  const installed = await db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', 'installed_at')
    .executeTakeFirst();
  if (installed) return false;
  // Hashed once, outside the transaction: argon2 is slow on purpose, and every demo account shares it.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const at = now.toISOString();
  const loaded = await inTransaction(database, { actor: null, now, auditKey }, async (tx) => {
    const trx = tx.db;
    // Claim the installation first: a second server starting at the same moment waits here, then finds it
    // taken and loads nothing.
    const claim = await trx
      .insertInto('app_meta')
      .values({ key: 'installed_at', value: at, updated_at: at })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claim) return false;
    if (await holdsData(trx)) return false;
    const started = Date.now();
    await loadDemo(tx, passwordHash);
    await trx.insertInto('app_meta').values({ key: 'demo', value: 'loaded', updated_at: at }).execute();
    log.debug({ ms: Date.now() - started }, 'demo: loaded');
    return true;
  });
  return loaded;
}

async function loadDemo(tx: Tx, passwordHash: string) {
  const places = await plantPlaces(tx);
  const named: NamedOwners = {
    wangWengui: { ...demoResidents.wangWengui, personId: '' },
    maXiaolan: { ...demoResidents.maXiaolan, personId: '' },
    liDama: { ...demoResidents.liDama, personId: '' },
  };
  for (const owner of Object.values(named))
    if ('personId' in owner) owner.personId = await addPerson(tx, owner.name, owner.phone);

  // Parties are made by the admin through the parties service, so the admin comes first; the buildings
  // (with the developer's unsold units) after the parties, and the other accounts last.
  const admin = await enrolAdmin(tx, places, passwordHash);
  const parties = await createParties(admin, places);
  const buildings = await plantBuildings(admin, places, parties, new OwnerRegister(admin), named);
  await enrolStaff(admin, places, buildings, parties, passwordHash);

  const homeOf = async (owner: NamedOwners[keyof NamedOwners]) => {
    const row = await tx.db
      .selectFrom('ownerships')
      .select('household_id')
      .where('person_id', '=', 'personId' in owner ? owner.personId : '')
      .executeTakeFirstOrThrow();
    return row.household_id;
  };
  const homes = {
    wangWengui: await homeOf(named.wangWengui),
    maXiaolan: await homeOf(named.maXiaolan),
    liDama: await homeOf(named.liDama),
  };
  await enrolResidents(admin, named, homes, passwordHash);
  await plantLadder(admin, places, parties);
  await tellMatters({ tx: admin, places, parties, buildings });
  await tellVotes({ tx: admin, places, buildings, passwordHash });
  await holdMeetings({ tx: admin, places, parties });
  await publishDemoProblems(admin);
  await plantDispatchRules(admin, places, parties);
}
