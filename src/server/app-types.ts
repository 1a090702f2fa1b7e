import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.ts';
import type { SmsProvider } from '../modules/auth/sms.ts';
import type { Config } from './config.ts';
import type { StorageHealth } from './storage-health.ts';

/** What every route can reach: the configuration and the database (routes open the transactions). */
export interface AppDeps {
  config: Config;
  database: Database;
  sms: SmsProvider;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** The last storage fault (full, unreachable) until a write succeeds again: /readyz reads it. */
    storageHealth: StorageHealth;
    /** The API routes registered, by method and URL pattern. */
    routeList: { method: string; url: string }[];
  }
}
