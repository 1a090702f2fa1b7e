import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import { setSessionCookie } from '../auth/session.plugin.ts';
import { PlaceOption, PlaceOptionsQuery } from '../parties/parties.schemas.ts';
import { placeOptions } from '../parties/place-options.ts';
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  revokeInvitation,
  showInvitation,
} from './invitations.service.ts';
import {
  GrantIdParams,
  GrantInput,
  GridOption,
  InvitationAccept,
  InvitationAccepted,
  InvitationCreate,
  InvitationCreated,
  InvitationIdParams,
  InvitationListQuery,
  InvitationPage,
  InvitationView,
  StaffGrant,
  StaffListQuery,
  StaffPage,
  TokenParams,
  UserIdParams,
} from './staff.schemas.ts';
import { grantRole, gridOptions, listStaff, revokeGrant } from './staff.service.ts';

const tags = ['staff'];
const grantPlaceKinds = [
  'city',
  'district',
  'street',
  'community',
  'compound',
  'building',
  'entrance',
] as const;

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.get(
    '/api/staff',
    {
      schema: {
        tags,
        summary: 'Staff holding roles in the viewer’s scope, with those roles; filtered and paged',
        querystring: StaffListQuery,
        response: { 200: StaffPage },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => listStaff(tx, request.query)),
  );

  app.post(
    '/api/staff/:userId/grants',
    {
      schema: {
        tags,
        summary: 'Grant another role to a staff member',
        params: UserIdParams,
        body: GrantInput,
        response: { 201: StaffGrant },
      },
    },
    async (request, reply) => {
      const grant = await transact(deps, request.actor, (tx) =>
        grantRole(tx, request.params.userId, request.body),
      );
      return reply.status(201).send(grant);
    },
  );

  app.delete(
    '/api/staff/grants/:grantId',
    {
      schema: { tags, summary: 'Revoke a role', params: GrantIdParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => revokeGrant(tx, request.params.grantId));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/staff/place-options',
    {
      schema: {
        tags,
        summary: 'Places where the viewer may grant roles, one level at a time',
        querystring: PlaceOptionsQuery,
        response: { 200: z.array(PlaceOption) },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) =>
        placeOptions(tx, 'role.grant', grantPlaceKinds, request.query.parentId),
      ),
  );

  app.get(
    '/api/staff/grid-options',
    {
      schema: {
        tags,
        summary: 'Grids where the viewer may appoint grid workers',
        response: { 200: z.array(GridOption) },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => gridOptions(tx)),
  );

  app.get(
    '/api/staff/invitations',
    {
      schema: {
        tags,
        summary: 'Pending invitations in the viewer’s scope',
        querystring: InvitationListQuery,
        response: { 200: InvitationPage },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => listInvitations(tx, request.query)),
  );

  app.post(
    '/api/staff/invitations',
    {
      schema: {
        tags,
        summary: 'Invite someone to a role; answers the one-time link (valid 7 days)',
        body: InvitationCreate,
        response: { 201: InvitationCreated },
      },
    },
    async (request, reply) => {
      const created = await transact(deps, request.actor, (tx) => createInvitation(tx, request.body));
      return reply
        .status(201)
        .send({ id: created.id, link: `/invite/${created.token}`, expiresAt: created.expiresAt });
    },
  );

  app.delete(
    '/api/staff/invitations/:invitationId',
    {
      schema: {
        tags,
        summary: 'Withdraw a pending invitation',
        params: InvitationIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => revokeInvitation(tx, request.params.invitationId));
      return reply.status(204).send(null);
    },
  );

  // The invitee's side: public, the token in the link is the credential.
  app.get(
    '/api/invitations/:token',
    {
      schema: {
        tags,
        summary: 'What an invitation link offers, and whether it can still be accepted',
        params: TokenParams,
        response: { 200: InvitationView },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => showInvitation(tx, request.params.token)),
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      config: { csrfExempt: true },
      schema: {
        tags,
        summary: 'Accept an invitation with a phone proven by SMS code and a password; signs in',
        params: TokenParams,
        body: InvitationAccept,
        response: { 200: InvitationAccepted },
      },
    },
    async (request, reply) => {
      const result = await transact(deps, null, (tx) =>
        acceptInvitation(tx, request.params.token, request.body, request.sessionId),
      );
      if (!result.ok) throw result.error;
      setSessionCookie(request, reply, result.session);
      return { userId: result.userId };
    },
  );
};
