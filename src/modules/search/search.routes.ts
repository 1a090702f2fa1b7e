import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  PublicSearchPage,
  PublicSearchQuery,
  WorkbenchSearchPage,
  WorkbenchSearchQuery,
} from './search.schemas.ts';
import { publicSearch, workbenchSearch } from './search.service.ts';
import { backfillOnce } from './search-index.ts';

const tags = ['search'];

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  // A database that is down at start must not keep the server from starting (it reports unready); the
  // backfill is tried again at the next start.
  app.addHook('onReady', async () => {
    await backfillOnce(db).catch((err) => app.log.warn({ err }, 'search backfill postponed'));
  });

  app.get(
    '/api/workbench/search',
    {
      schema: {
        tags,
        summary:
          'Search the matters and problems my roles may see (Chinese or English, 1+ characters): newest first, exact total',
        querystring: WorkbenchSearchQuery,
        response: { 200: WorkbenchSearchPage },
      },
    },
    async (request) => workbenchSearch(db, request.actor, request.query),
  );

  app.get(
    '/api/public/search',
    {
      schema: {
        tags,
        summary: 'Search the published summaries of problems (the echo wall): newest first, exact total',
        querystring: PublicSearchQuery,
        response: { 200: PublicSearchPage },
      },
    },
    async (request) => publicSearch(db, request.query),
  );
};
