import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import {
  MemberAdd,
  MemberParams,
  PartyCreate,
  PartyDetail,
  PartyIdParams,
  PartyListQuery,
  PartyPage,
  PartyRename,
  PlaceOption,
  PlaceOptionsQuery,
} from './parties.schemas.ts';
import {
  addMember,
  createParty,
  getParty,
  listParties,
  partyPlaceKinds,
  removeMember,
  renameParty,
} from './parties.service.ts';
import { placeOptions } from './place-options.ts';

const tags = ['parties'];

export const partiesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.get(
    '/api/parties',
    {
      schema: {
        tags,
        summary: 'Parties in the viewer’s scope, filtered and paged',
        querystring: PartyListQuery,
        response: { 200: PartyPage },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => listParties(tx, request.query)),
  );

  app.get(
    '/api/parties/place-options',
    {
      schema: {
        tags,
        summary: 'Places where the viewer may create parties, one level at a time',
        querystring: PlaceOptionsQuery,
        response: { 200: z.array(PlaceOption) },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) =>
        placeOptions(tx, 'party.manage', partyPlaceKinds, request.query.parentId),
      ),
  );

  app.post(
    '/api/parties',
    {
      schema: {
        tags,
        summary: 'Create a party at a place',
        body: PartyCreate,
        response: { 201: PartyDetail },
      },
    },
    async (request, reply) => {
      const party = await transact(deps, request.actor, (tx) => createParty(tx, request.body));
      return reply.status(201).send(party);
    },
  );

  app.get(
    '/api/parties/:partyId',
    {
      schema: {
        tags,
        summary: 'A party with its members',
        params: PartyIdParams,
        response: { 200: PartyDetail },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => getParty(tx, request.params.partyId)),
  );

  app.patch(
    '/api/parties/:partyId',
    {
      schema: {
        tags,
        summary: 'Rename a party',
        params: PartyIdParams,
        body: PartyRename,
        response: { 200: PartyDetail },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) => renameParty(tx, request.params.partyId, request.body.name)),
  );

  app.post(
    '/api/parties/:partyId/members',
    {
      schema: {
        tags,
        summary: 'Add a staff account as a member of the party, with a title',
        params: PartyIdParams,
        body: MemberAdd,
        response: { 200: PartyDetail },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) => addMember(tx, request.params.partyId, request.body)),
  );

  app.delete(
    '/api/parties/:partyId/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove a member from the party',
        params: MemberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) =>
        removeMember(tx, request.params.partyId, request.params.userId),
      );
      return reply.status(204).send(null);
    },
  );
};
