import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import { CreateHousehold, HouseholdPage, HouseholdQuery, UpdateHousehold } from './households.schemas.ts';
import { createHousehold, listHouseholds, updateHousehold } from './households.service.ts';
import { IdParams } from './places.schemas.ts';

const tags = ['households'];
const Created = z.object({ id: z.string() });

export const householdsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.get(
    '/api/places/:id/households',
    {
      schema: {
        tags,
        summary: 'Households below a place in the caller’s scope, paged; contacts masked per policy',
        params: IdParams,
        querystring: HouseholdQuery,
        response: { 200: HouseholdPage },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) => listHouseholds(tx, request.params.id, request.query)),
  );

  app.post(
    '/api/households',
    {
      schema: {
        tags,
        summary: 'Add a household under an entrance or building, with its owners (place.manage)',
        body: CreateHousehold,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const created = await transact(deps, request.actor, (tx) => createHousehold(tx, request.body));
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/households/:id',
    {
      schema: {
        tags,
        summary: 'Change a household’s room, area or owners (place.manage)',
        params: IdParams,
        body: UpdateHousehold,
        response: { 200: Created },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) => updateHousehold(tx, request.params.id, request.body)),
  );
};
