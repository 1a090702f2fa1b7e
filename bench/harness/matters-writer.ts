import type { AuditLogTable } from '../../src/db/schema.ts';
import type { Trx } from '../../src/db/transaction.ts';
import type { AuditChanges } from '../../src/domain/audit/chain.ts';
import { entryHash, GENESIS_HASH, sealChanges } from '../../src/domain/audit/chain.ts';
import { insertEntry } from '../../src/modules/audit/audit.repo.ts';
import {
  insertEvent,
  insertMatter,
  insertOrder,
  insertProblem,
} from '../../src/modules/matters/matters.repo.ts';
import { insertLink } from '../../src/modules/residents/residents.repo.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { AuditIntent, MatterRows } from './matters.ts';

// Writes a community's matters through the repositories the services write with (matters, problems,
// orders, timeline, household links, the audit chain), many rows a statement, in the caller's transaction.

// Bound parameters per statement stay under SQLite's 32,766 (matters have 24 columns).
const PARAMETERS = 30_000;

function* slices<T>(rows: readonly T[]): Generator<T[]> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.floor(PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** The audit chain continued in memory: each entry sealed and hashed as recordAudit would. */
export class AuditChain {
  private seq = 0;
  private hash = GENESIS_HASH;
  private readonly key = loadConfig().AUDIT_KEY;

  chain(intents: readonly AuditIntent[]): AuditLogTable[] {
    return intents.map((intent) => {
      const entry = {
        seq: ++this.seq,
        at: intent.at,
        actor_id: null,
        action: intent.action,
        entity_type: intent.entityType,
        entity_id: intent.entityId,
        changes: JSON.stringify(sealChanges(intent.changes as AuditChanges, this.key)),
        prev_hash: this.hash,
      };
      this.hash = entryHash(entry);
      return { ...entry, hash: this.hash };
    });
  }
}

/** Writes a community's rows, `entries` its audit intents as the chain sealed them. */
export async function writeMatters(trx: Trx, rows: MatterRows, entries: readonly AuditLogTable[]) {
  // Resident accounts of the online submitters, as registration leaves them (no password: SMS sign-in).
  for (const part of slices(rows.users)) await trx.insertInto('users').values(part).execute();
  for (const part of slices(rows.household_links)) await insertLink(trx, part);
  for (const part of slices(rows.problems)) await insertProblem(trx, part);
  for (const part of slices(rows.matters)) await insertMatter(trx, part);
  for (const part of slices(rows.orders)) await insertOrder(trx, part);
  for (const part of slices(rows.problem_events)) await insertEvent(trx, part);
  for (const part of slices(entries)) await insertEntry(trx, part);
}
