import { z } from 'zod';

// Every setting comes from the environment, with a default that is safe on a single office machine.
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('sqlite:./data/shangliang.db'),
  FILES_DIR: z.string().default('./data/files'),
  WEB_DIST: z.string().default('./dist/web'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  TIME_ZONE: z.string().default('Asia/Shanghai'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  DEMO: z.enum(['auto', 'off']).default('auto'),
  AUDIT_KEY: z.string().min(16).default('dev-audit-key-change-me-in-production'),
  SMS_PROVIDER: z.enum(['log']).default('log'),
  STAFF_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  RESIDENT_IDLE_DAYS: z.coerce.number().int().positive().default(30),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(5),
  WRITES_PER_MINUTE: z.coerce.number().int().positive().default(100),
  /** A matter whose submitter does not answer this many days after the resolution closes by itself. */
  MATTER_AUTOCLOSE_DAYS: z.coerce.number().int().positive().default(7),
  /** How often the background sweeps run; 0 turns them off (tests drive them directly). */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(600),
  /** A connection silent this long, or a request not complete in this time, is cut off (slow clients). */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  /** Where the app is reached from outside: links in group chats and SMS start with it. */
  PUBLIC_URL: z.string().url().default('http://localhost:8080'),
  /** Whether a channel (group robot, webhook) may point inside our network: refuse, loopback, allow. */
  CHANNEL_PRIVATE_ADDRESSES: z.enum(['refuse', 'loopback', 'allow']).default('refuse'),
  /** How often queued deliveries and live updates are looked for besides right after a commit; 0: never. */
  NOTIFY_POLL_SECONDS: z.coerce.number().min(0).default(5),
  /** First wait before retrying a failed delivery; it grows fourfold each time. */
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().positive().default(30),
  /** The Asia/Shanghai hour after which the staff daily digest goes out. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /** Requests in flight beyond which new ones are answered 503 with Retry-After (see load-shedding.ts). */
  MAX_IN_FLIGHT: z.coerce.number().int().positive().default(256),
  /** How long a server keeps an answer of the public echo wall and figures; 0 keeps none. */
  PUBLIC_CACHE_MS: z.coerce.number().int().min(0).default(2000),
  /** The largest photo accepted, in bytes, as it arrives from the phone (before its metadata is stripped). */
  PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** How long the download link of a finished export works, in minutes (fractions allowed). */
  EXPORT_LINK_MINUTES: z.coerce.number().positive().default(10),
  /** Whether this server runs export jobs; off, it takes requests and leaves them to servers that do. */
  EXPORT_WORKER: z.enum(['on', 'off']).default('on'),
});

export type Config = z.output<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Tests send every request from one address: the per-address write limit is tested on its own.
  return {
    ...loadConfig({}),
    LOG_LEVEL: 'silent',
    DEMO: 'off',
    WRITES_PER_MINUTE: 1_000_000,
    SWEEP_INTERVAL_SECONDS: 0,
    PUBLIC_CACHE_MS: 0,
    ...overrides,
  };
}
