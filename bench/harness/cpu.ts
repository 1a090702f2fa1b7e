import fs from 'node:fs';
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';

// CPU time, from /proc (Linux): what a request costs the machine, which the throughput of a shared,
// noisy machine only hints at. A run whose neighbours took half the cores gives half the requests a
// second and about the same milliseconds of CPU per request.

export const TICKS_PER_SECOND = 100;

/** CPU ticks (user + system) of a process; null where /proc does not tell. */
export function cpuTicksOf(pid: number): number | null {
  try {
    // The command name in parentheses may hold spaces; the fields after it are fixed.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** The PostgreSQL backends serving this database (this connection among them), when on this machine. */
export async function backendPids(database: Database): Promise<number[]> {
  if (database.dialect !== 'postgres') return [];
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()
  `.execute(database.db);
  return rows.map((r) => r.pid);
}

export type CpuReading = Map<number, number>;

/** The CPU ticks of the server and its database backends now. */
export async function readCpu(serverPid: number, database: Database): Promise<CpuReading | null> {
  const reading: CpuReading = new Map();
  for (const pid of [serverPid, ...(await backendPids(database))]) {
    const ticks = cpuTicksOf(pid);
    if (ticks === null) return null;
    reading.set(pid, ticks);
  }
  return reading;
}

/** CPU seconds of the server and its database backends between two readings. */
export async function cpuSecondsSince(
  before: CpuReading | null,
  serverPid: number,
  database: Database,
): Promise<number | null> {
  const after = await readCpu(serverPid, database);
  if (!before || !after) return null;
  let ticks = 0;
  // A backend that started in between counts from zero; one that ended took its ticks with it.
  for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
  return ticks / TICKS_PER_SECOND;
}
