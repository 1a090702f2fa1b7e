import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';

const Health = z.object({ status: z.literal('ok') });
const Readiness = z.object({
  status: z.enum(['ready', 'unready']),
  database: z.enum(['sqlite', 'postgres']),
  reason: z.string().optional(),
});

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  // Liveness: the process answers. Never touches the database, so a slow database cannot get us killed.
  app.get(
    '/healthz',
    { schema: { tags: ['system'], summary: 'The process is alive', response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );

  // Readiness: the database answers; a balancer stops sending traffic while it does not.
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'The server can take traffic',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const { database } = app.deps;
      try {
        await sql`select 1`.execute(database.db);
        if (app.storageHealth.current() === 'full')
          return reply
            .status(503)
            .send({ status: 'unready' as const, database: database.dialect, reason: 'storage full' });
        return { status: 'ready' as const, database: database.dialect };
      } catch (error) {
        app.log.warn({ err: error }, 'database not reachable');
        return reply
          .status(503)
          .send({ status: 'unready' as const, database: database.dialect, reason: 'database unreachable' });
      }
    },
  );
};
