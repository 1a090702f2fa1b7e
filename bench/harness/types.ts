import type { Database, Dialect } from '../../src/db/database.ts';
import type { Role } from '../../src/modules/access/roles.ts';
import type { DatasetFacts } from './dataset.ts';

/** The machine limit a scenario is compared to: the server's bare /healthz throughput, the database's
 *  durable single-row commit rate on this disk, or argon2id password verifications per second. */
export type LimitName = 'healthz' | 'commit' | 'argon2';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request of a scenario's cycle; a body that is not a string is sent as JSON. */
export interface LoadRequest {
  method?: HttpMethod;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export type AccountKind = Role | 'resident';
export interface BenchAccount {
  userId: string;
  phone: string;
  password: string;
}
export interface BenchSession extends BenchAccount {
  cookie: string;
  csrfToken: string;
}

/** What a scenario gets to prepare its load. */
export interface BenchContext {
  dialect: Dialect;
  baseUrl: string;
  /** The server's database, opened directly: for setup, never during the load. */
  database: Database;
  dataset: DatasetFacts;
  /** Accounts of a kind, created in the database (staff hold their role in the city's first community,
   *  residents are linked to its households), not signed in. */
  accounts(kind: AccountKind, count: number): Promise<BenchAccount[]>;
  /** Accounts of a kind, each signed in over HTTP as a browser would be. */
  sessions(kind: AccountKind, count: number): Promise<BenchSession[]>;
  /** Headers that make a request come from a session: its cookie and CSRF token. */
  as(session: BenchSession): Record<string, string>;
  /** The server process, for figures read from /proc (memory per open connection). */
  serverPid: number;
  /** A line for the run's output, for figures beyond rps and latency. */
  log(line: string): void;
  /** Whether this is a quick run: a scenario sizes what it prepares by it. */
  quick: boolean;
}

export interface Targets {
  /** Requests per second on the 2-core reference machine. */
  rps?: number;
  /** Requests per second as a share of the scenario's limit: where it and `rps` disagree, it decides. */
  ratio?: number;
  p99Ms?: number;
}

/** A scenario is one file in bench/scenarios/ whose default export is this. */
export interface Scenario {
  name: string;
  description: string;
  /** Where it runs; both when left out. */
  dialects?: Dialect[];
  limit: LimitName;
  connections: number;
  /** Seconds of load in a full run (20 when left out); a quick run gives every scenario 5. */
  durationSeconds?: number;
  /** Replace `[<id>]` in bodies with a fresh id per request, for writes that must be unique. */
  idReplacement?: boolean;
  targets?: Targets;
  /** Each connection repeats only its own share of the requests (every n-th), not the whole cycle. */
  partitioned?: boolean;
  /** Each connection sends its own share once and stops; the load ends when the last one is answered, so
   *  a burst is judged on all of its requests. No warm-up (it would spend the burst); `durationSeconds`
   *  (120 when left out, in quick runs too) only bounds a run that hangs. Implies `partitioned`. Sent by
   *  the harness's own client (harness/burst.ts), which counts every request it sent and its answer. */
  burst?: boolean;
  /** Non-2xx answers the scenario asks for on purpose (e.g. refused second ballots), by status code: the
   *  run counts as clean when the non-2xx are exactly these. */
  expectedNon2xx?: Record<string, number>;
  /** Figures checked in the database after the load (e.g. ballots counted); logged and kept in the result. */
  verify?(ctx: BenchContext): Promise<Record<string, number | string>>;
  /** Prepares data; runs once, before the load. */
  setup?(ctx: BenchContext): Promise<void>;
  /** Undoes what setup left open (connections, streams); runs after the load, failed or not. */
  teardown?(ctx: BenchContext): Promise<void>;
  /** The request, or the cycle of requests each connection repeats. */
  requests(ctx: BenchContext): LoadRequest | LoadRequest[] | Promise<LoadRequest | LoadRequest[]>;
}

export interface ScenarioResult {
  name: string;
  description: string;
  limit: LimitName;
  connections: number;
  durationSeconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** The non-2xx the scenario asked for on purpose. */
  expectedNon2xx?: Record<string, number>;
  peakRssMb: number | null;
  /** CPU milliseconds a request took, in the server and its database's backends together. */
  cpuMsPerRequest?: number | null;
  /** rps ÷ the limit's rate. */
  ratio: number | null;
  targets: Targets | null;
  /** Whether every target held (and nothing failed); null when the scenario has no target. */
  met: boolean | null;
  /** What the scenario's verify found after the load. */
  checks?: Record<string, number | string>;
}
