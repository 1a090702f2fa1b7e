import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { transact } from '../../server/transaction.ts';
import { gridsRoutes } from './grids.routes.ts';
import { householdsRoutes } from './households.routes.ts';
import {
  ChildrenQuery,
  CreatePlace,
  IdParams,
  PlaceDetail,
  PlaceList,
  PlaceView,
  RenamePlace,
} from './places.schemas.ts';
import { createPlace, getPlace, listChildren, listRoots, renamePlace } from './places.service.ts';

const tags = ['places'];

// The place tree 区划. A place out of the caller's scope answers 404 like a missing one (see visibility.ts).
export const placesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.get(
    '/api/places',
    {
      schema: {
        tags,
        summary: 'Places below a parent (not households), or the top places the caller can see',
        querystring: ChildrenQuery,
        response: { 200: PlaceList },
      },
    },
    async (request) => {
      const { parentId } = request.query;
      const places = await transact(deps, request.actor, (tx) =>
        parentId ? listChildren(tx, parentId) : listRoots(tx),
      );
      return { places };
    },
  );

  app.get(
    '/api/places/:id',
    {
      schema: {
        tags,
        summary: 'A place with its ancestors and what the caller may do there',
        params: IdParams,
        response: { 200: PlaceDetail },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => getPlace(tx, request.params.id)),
  );

  app.post(
    '/api/places',
    {
      schema: {
        tags,
        summary: 'Create a place under a parent (place.manage); kinds follow the tree',
        body: CreatePlace,
        response: { 201: PlaceView },
      },
    },
    async (request, reply) => {
      const place = await transact(deps, request.actor, (tx) => createPlace(tx, request.body));
      return reply.status(201).send(place);
    },
  );

  app.patch(
    '/api/places/:id',
    {
      schema: {
        tags,
        summary: 'Rename a place (place.manage)',
        params: IdParams,
        body: RenamePlace,
        response: { 200: PlaceView },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) => renamePlace(tx, request.params.id, request.body.name)),
  );

  await app.register(gridsRoutes);
  await app.register(householdsRoutes);
};
