import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pickLanguage } from '../../server/i18n.ts';
import { PublicCache } from '../echo/public-cache.ts';
import { handlers } from './figures.handlers.ts';
import { ranking } from './figures.ranking.ts';
import { Figures, FiguresQuery, Handlers, HandlersQuery, Ranking, RankingQuery } from './figures.schemas.ts';
import { figures } from './figures.service.ts';

const tags = ['figures'];

export const figuresRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  // Figures move with every change; a server keeps each answer PUBLIC_CACHE_MS at most.
  const cache = new PublicCache(app.deps.config.PUBLIC_CACHE_MS);

  app.get(
    '/api/public/figures',
    {
      schema: {
        tags,
        summary: 'Collected, problems, solved, in progress, overdue, declined and the three rates 三率',
        querystring: FiguresQuery,
        response: { 200: Figures },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=2');
      const language = pickLanguage(request.headers['accept-language']);
      return cache.get(`${language} ${request.url}`, () => figures(db, request.query, new Date(), language));
    },
  );

  app.get(
    '/api/public/figures/rankings',
    {
      schema: {
        tags,
        summary: 'Streets or communities ranked by the three rates, with the formula and minimum',
        querystring: RankingQuery,
        response: { 200: Ranking },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=2');
      return cache.get(request.url, () => ranking(db, request.query, new Date()));
    },
  );

  app.get(
    '/api/workbench/figures/handlers',
    {
      schema: {
        tags,
        summary: 'Per handling party or person: handled, on time, rating — staff with scope only',
        querystring: HandlersQuery,
        response: { 200: Handlers },
      },
    },
    async (request) => handlers(db, request.actor, request.query),
  );
};
