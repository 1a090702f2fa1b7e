import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors.ts';
import { transact } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { findUser, grantsOf } from './auth.repo.ts';
import { PasswordChange, PasswordSignIn, SessionView, SmsCodeRequest, SmsSignIn } from './auth.schemas.ts';
import {
  changePassword,
  type NewSession,
  requestSmsCode,
  signInWithPassword,
  signInWithSms,
  signOut,
} from './auth.service.ts';
import { clearSessionCookie, setSessionCookie } from './session.plugin.ts';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  async function sessionView(userId: string, csrfToken: string): Promise<SessionView> {
    const { db } = deps.database;
    const user = await findUser(db, userId);
    if (!user) throw new AppError('unauthenticated');
    const grants = await grantsOf(db, userId);
    const households = await db
      .selectFrom('household_links')
      .select('household_id')
      .where('user_id', '=', userId)
      .where('status', '=', 'confirmed')
      .execute();
    return {
      user: {
        id: user.id,
        name: user.name,
        phone: user.phone,
        kind: user.kind,
        householdIds: households.map((h) => h.household_id),
        grants: grants.map((g) => ({
          role: g.role as SessionView['user']['grants'][number]['role'],
          placeId: g.place_id,
          placeName: g.place_name,
          gridId: g.grid_id,
          gridName: g.grid_name,
          partyId: g.party_id,
          sector: g.sector,
        })),
      },
      csrfToken,
    };
  }

  async function answerSignIn(
    request: Parameters<typeof setSessionCookie>[0],
    reply: Parameters<typeof setSessionCookie>[1],
    session: NewSession,
  ) {
    setSessionCookie(request, reply, session);
    return sessionView(session.userId, session.csrfToken);
  }

  app.post(
    '/api/auth/sign-in',
    {
      config: { csrfExempt: true },
      schema: {
        tags,
        summary: 'Sign in with phone and password',
        body: PasswordSignIn,
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const result = await transact(deps, null, (tx) =>
        signInWithPassword(tx, request.body, deps.config, request.sessionId),
      );
      if (!result.ok) throw result.error;
      return answerSignIn(request, reply, result.session);
    },
  );

  app.post(
    '/api/auth/sms-code',
    {
      schema: {
        tags,
        summary: 'Send a one-time sign-in code by SMS',
        body: SmsCodeRequest,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const refused = await transact(deps, null, (tx) => requestSmsCode(tx, request.body.phone, deps.sms));
      if (refused) throw refused;
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/sign-in-sms',
    {
      config: { csrfExempt: true },
      schema: {
        tags,
        summary: 'Sign in with a one-time SMS code',
        body: SmsSignIn,
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const result = await transact(deps, null, (tx) =>
        signInWithSms(tx, request.body, deps.config, request.sessionId),
      );
      if (!result.ok) throw result.error;
      return answerSignIn(request, reply, result.session);
    },
  );

  app.get(
    '/api/auth/session',
    { schema: { tags, summary: 'Who is signed in', response: { 200: SessionView } } },
    async (request) => {
      const actor = requireActor(request.actor);
      return sessionView(actor.userId, request.csrfToken ?? '');
    },
  );

  app.post(
    '/api/auth/sign-out',
    { schema: { tags, summary: 'Sign out (ends this session)', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.sessionId) await transact(deps, request.actor, (tx) => signOut(tx, request.sessionId!));
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Change the password; every session of the account ends and a new one opens',
        body: PasswordChange,
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const session = await transact(deps, actor, (tx) => changePassword(tx, actor.userId, request.body));
      return answerSignIn(request, reply, session);
    },
  );
};
