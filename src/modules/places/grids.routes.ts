import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import { CommunityParams, CreateGrid, GridBuildingParams, GridList, GridView } from './grids.schemas.ts';
import { assignBuilding, createGrid, listGrids, unassignBuilding } from './grids.service.ts';

const tags = ['grids'];

export const gridsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.get(
    '/api/places/:id/grids',
    {
      schema: {
        tags,
        summary: 'The grids of a community with their buildings, and the buildings in no grid',
        params: CommunityParams,
        response: { 200: GridList },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => listGrids(tx, request.params.id)),
  );

  app.post(
    '/api/places/:id/grids',
    {
      schema: {
        tags,
        summary: 'Create a grid in a community (grid.manage)',
        params: CommunityParams,
        body: CreateGrid,
        response: { 201: GridView },
      },
    },
    async (request, reply) => {
      const grid = await transact(deps, request.actor, (tx) =>
        createGrid(tx, request.params.id, request.body.name),
      );
      return reply.status(201).send(grid);
    },
  );

  app.put(
    '/api/grids/:gridId/buildings/:buildingId',
    {
      schema: {
        tags,
        summary: 'Put a building in a grid, out of the grid it was in (grid.manage)',
        params: GridBuildingParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { gridId, buildingId } = request.params;
      await transact(deps, request.actor, (tx) => assignBuilding(tx, gridId, buildingId));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/grids/:gridId/buildings/:buildingId',
    {
      schema: {
        tags,
        summary: 'Take a building out of its grid (grid.manage)',
        params: GridBuildingParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { gridId, buildingId } = request.params;
      await transact(deps, request.actor, (tx) => unassignBuilding(tx, gridId, buildingId));
      return reply.status(204).send(null);
    },
  );
};
