import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { SessionView } from '../auth/auth.schemas.ts';
import { hashPassword } from '../auth/passwords.ts';
import { clearSessionCookie, setSessionCookie } from '../auth/session.plugin.ts';
import {
  decideLink,
  householdLinkQueue,
  linkByHouseholdCode,
  myLinks,
  requestLink,
} from './household-links.service.ts';
import { PersonalDataExport } from './personal-data.ts';
import { findCompounds, placesWithin } from './place-lookup.service.ts';
import { eraseSignedInResident, exportPersonalData } from './privacy.service.ts';
import {
  CompoundChoice,
  CompoundSearch,
  ErasureRequest,
  LinkByCode,
  LinkDecision,
  LinkIdParams,
  LinkQueue,
  LinkQueueQuery,
  LinkRequest,
  MyLink,
  PlaceChoice,
  PlaceIdParams,
  Registration,
} from './residents.schemas.ts';
import { registerResident } from './residents.service.ts';

const tags = ['residents'];

export const residentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.post(
    '/api/residents/register',
    {
      // Like sign-in, registration presents its own credentials (the SMS code) and opens the session.
      config: { csrfExempt: true },
      schema: {
        tags,
        summary: 'Register a resident account with a phone proven by an SMS code (POST /api/auth/sms-code)',
        body: Registration,
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const { password, ...rest } = request.body;
      // Hashed before the transaction: argon2 takes tens of milliseconds and SQLite has one writer.
      const passwordHash = await hashPassword(password);
      const result = await transact(deps, null, (tx) =>
        registerResident(tx, { ...rest, passwordHash }, deps.config, request.sessionId),
      );
      if (!result.ok) throw result.error;
      setSessionCookie(request, reply, result.session);
      return { ...result.view, csrfToken: result.session.csrfToken };
    },
  );

  app.get(
    '/api/residents/places/compounds',
    {
      schema: {
        tags,
        summary: 'Find compounds by name (public; place names only)',
        querystring: CompoundSearch,
        response: { 200: z.array(CompoundChoice) },
      },
    },
    async (request) => findCompounds(deps.database.db, request.query.q),
  );

  app.get(
    '/api/residents/places/:id/children',
    {
      schema: {
        tags,
        summary: 'Buildings, entrances or rooms within a compound, building or entrance (public; no names)',
        params: PlaceIdParams,
        response: { 200: z.array(PlaceChoice) },
      },
    },
    async (request) => placesWithin(deps.database.db, request.params.id),
  );

  app.get(
    '/api/residents/me/household-links',
    {
      schema: {
        tags,
        summary: 'My households: links asked for, confirmed or refused',
        response: { 200: z.array(MyLink) },
      },
    },
    async (request) => transact(deps, requireActor(request.actor), (tx) => myLinks(tx)),
  );

  app.post(
    '/api/residents/me/household-links/by-code',
    {
      schema: {
        tags,
        summary: 'Link my account to a household with the code on its notice (confirmed at once)',
        body: LinkByCode,
        response: { 200: MyLink },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const result = await transact(deps, actor, (tx) => linkByHouseholdCode(tx, request.body.code));
      if (!result.ok) throw result.error;
      return result.link;
    },
  );

  app.post(
    '/api/residents/me/household-links',
    {
      schema: {
        tags,
        summary: 'Ask to be linked to a chosen household (community staff or the grid worker decide)',
        body: LinkRequest,
        response: { 200: MyLink },
      },
    },
    async (request) =>
      transact(deps, requireActor(request.actor), (tx) => requestLink(tx, request.body.householdId)),
  );

  app.get(
    '/api/residents/household-links',
    {
      schema: {
        tags,
        summary: 'Residents’ household claims in my scope, with the owners on the register to compare',
        querystring: LinkQueueQuery,
        response: { 200: LinkQueue },
      },
    },
    async (request) =>
      transact(deps, requireActor(request.actor), (tx) => householdLinkQueue(tx, request.query)),
  );

  app.post(
    '/api/residents/household-links/:id/decision',
    {
      schema: {
        tags,
        summary: 'Confirm or refuse a pending household claim',
        params: LinkIdParams,
        body: LinkDecision,
        response: { 200: MyLink },
      },
    },
    async (request) =>
      transact(deps, requireActor(request.actor), (tx) =>
        decideLink(tx, request.params.id, request.body.decision),
      ),
  );

  app.get(
    '/api/residents/me/data',
    {
      schema: {
        tags,
        summary: 'Download everything held about me (PIPL art. 45)',
        response: { 200: PersonalDataExport },
      },
    },
    async (request, reply) => {
      const data = await transact(deps, requireActor(request.actor), (tx) => exportPersonalData(tx));
      reply
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="shangliang-my-data-${data.exportedAt.slice(0, 10)}.json"`,
        );
      return data;
    },
  );

  app.post(
    '/api/residents/me/erase',
    {
      schema: {
        tags,
        summary: 'Erase my personal data and close my account (PIPL art. 47); my matters stay, anonymous',
        body: ErasureRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const result = await transact(deps, actor, (tx) =>
        eraseSignedInResident(tx, request.body.password, deps.config),
      );
      if (!result.ok) throw result.error;
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );
};
