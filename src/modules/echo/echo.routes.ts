import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import {
  IdParams,
  PhotoInput,
  Publication,
  PublishInput,
  WallDetail,
  WallPage,
  WallPlaces,
  WallPlacesQuery,
  WallQuery,
} from './echo.schemas.ts';
import {
  publication,
  publicPhoto,
  publish,
  publishPhoto,
  unpublish,
  wall,
  wallDetail,
  wallPlaces,
} from './echo.service.ts';
import { jsonOf, PUBLIC_CACHE_CONTROL, PublicCache, sendPublicJson } from './public-cache.ts';

const tags = ['echo wall'];

export const echoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const db = deps.database.db;
  const cache = new PublicCache(deps.config.PUBLIC_CACHE_MS);
  // A public answer is kept as the JSON text it is sent as: a cached read costs no serialisation.
  const cached = async <T>(
    request: { url: string },
    reply: FastifyReply,
    json: (value: T) => string,
    compute: () => Promise<T>,
  ) => {
    const text = await cache.get(request.url, async () => json(await compute()));
    return sendPublicJson(reply, text);
  };
  const wallJson = jsonOf(WallPage, '/api/public/echo-wall');
  const detailJson = jsonOf(WallDetail, '/api/public/echo-wall/:id');
  const placesJson = jsonOf(WallPlaces, '/api/public/places');

  app.get(
    '/api/public/echo-wall',
    {
      schema: {
        tags,
        summary: '回音壁: published problems, newest first, by keyset pages; no sign-in',
        querystring: WallQuery,
        response: { 200: WallPage },
      },
    },
    async (request, reply) => cached(request, reply, wallJson, () => wall(db, request.query)),
  );

  app.get(
    '/api/public/echo-wall/:id',
    {
      schema: {
        tags,
        summary: 'A published problem: its voices, answers, progress and published photos',
        params: IdParams,
        response: { 200: WallDetail },
      },
    },
    async (request, reply) => cached(request, reply, detailJson, () => wallDetail(db, request.params.id)),
  );

  app.get(
    '/api/public/places',
    {
      schema: {
        tags,
        summary: 'The place tree down to compounds, one level at a time, for the echo wall filter',
        querystring: WallPlacesQuery,
        response: { 200: WallPlaces },
      },
    },
    async (request, reply) =>
      cached(request, reply, placesJson, () => wallPlaces(db, request.query.parentId)),
  );

  app.get(
    '/api/public/photos/:id',
    { schema: { tags, summary: 'A published photo of a published problem', params: IdParams } },
    async (request, reply) => {
      const photo = await publicPhoto(db, request.params.id);
      reply.header('cache-control', PUBLIC_CACHE_CONTROL).type(photo.mime);
      // Files are named by the SHA-256 of their bytes: nothing a request could steer elsewhere.
      return reply.send(
        createReadStream(join(deps.config.FILES_DIR, photo.fileId.replace(/[^0-9a-f]/g, ''))),
      );
    },
  );

  app.get(
    '/api/workbench/problems/:id/publication',
    {
      schema: {
        tags,
        summary: 'The public summary to edit (a redacted draft until published) and the photos to choose',
        params: IdParams,
        response: { 200: Publication },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => publication(tx, request.params.id)),
  );

  app.post(
    '/api/workbench/problems/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish a problem to the echo wall with its edited public summary',
        params: IdParams,
        body: PublishInput,
        response: { 200: Publication },
      },
    },
    async (request) =>
      transact(deps, request.actor, async (tx) => {
        await publish(tx, request.params.id, request.body.summary);
        cache.clear();
        return publication(tx, request.params.id);
      }),
  );

  app.post(
    '/api/workbench/problems/:id/unpublish',
    {
      schema: {
        tags,
        summary: 'Take a problem off the echo wall (it still counts in the figures)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => unpublish(tx, request.params.id));
      cache.clear();
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/workbench/photos/:id/publication',
    {
      schema: {
        tags,
        summary: 'Publish or withdraw one photo',
        params: IdParams,
        body: PhotoInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) =>
        publishPhoto(tx, request.params.id, request.body.published),
      );
      cache.clear();
      return reply.status(204).send(null);
    },
  );
};
