import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pickLanguage } from '../../server/i18n.ts';
import { jsonOf, PublicCache, sendPublicJson } from '../echo/public-cache.ts';
import { handlers } from './figures.handlers.ts';
import { ranking } from './figures.ranking.ts';
import { Figures, FiguresQuery, Handlers, HandlersQuery, Ranking, RankingQuery } from './figures.schemas.ts';
import { figures } from './figures.service.ts';

const tags = ['figures'];

export const figuresRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.deps.database.db;
  // Figures move with every change; a server keeps each answer PUBLIC_CACHE_MS at most.
  const cache = new PublicCache(app.deps.config.PUBLIC_CACHE_MS);
  // Kept as the JSON text they are sent as: a cached read costs no serialisation.
  const figuresJson = jsonOf(Figures, '/api/public/figures');
  const rankingJson = jsonOf(Ranking, '/api/public/figures/rankings');

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
      const language = pickLanguage(request.headers['accept-language']);
      const text = await cache.get(`${language} ${request.url}`, async () =>
        figuresJson(await figures(db, request.query, new Date(), language)),
      );
      return sendPublicJson(reply, text);
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
      const text = await cache.get(request.url, async () =>
        rankingJson(await ranking(db, request.query, new Date())),
      );
      return sendPublicJson(reply, text);
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
