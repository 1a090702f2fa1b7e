import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { transact } from '../../server/transaction.ts';
import { Today } from './today.schemas.ts';
import { workbenchToday } from './today.service.ts';

const tags = ['today'];

export const todayRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.get(
    '/api/workbench/today',
    {
      schema: {
        tags,
        summary: 'My day: matters waiting, problems by state, overdue, my orders, meetings and votes',
        response: { 200: Today },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => workbenchToday(tx)),
  );
};
