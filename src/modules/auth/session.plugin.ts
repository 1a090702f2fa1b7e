import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/transaction.ts';
import type { App } from '../../server/app-types.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor } from '../access/actor.ts';
import type { Role } from '../access/roles.ts';
import {
  confirmedHouseholdsOf,
  grantsOf,
  partiesOf,
  revokeSession,
  sessionRows,
  touchSession,
} from './auth.repo.ts';
import type { NewSession } from './auth.service.ts';
import { sameSecret, tokenDigest } from './tokens.ts';

export const SESSION_COOKIE = 'sl_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// last_seen_at is written at most once a minute per session: idle timeouts need no finer grain.
const TOUCH_EVERY_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The id of the session the request came with, valid or not yet checked. */
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** The route presents credentials itself (sign-in), so it needs no CSRF token. */
    csrfExempt?: boolean;
  }
}

/** Resolves the session cookie into the acting user, enforces idle timeouts and CSRF on every write. */
export const sessionPlugin = fp(async (app: App) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const { db } = app.deps.database;
    const { config } = app.deps;
    const sessionId = tokenDigest(token);
    const session = actorOfSession(await sessionRows(db, sessionId), sessionId);
    if (session?.status !== 'active') return;
    const now = Date.now();
    const idleMs =
      session.kind === 'staff' ? config.STAFF_IDLE_MINUTES * 60_000 : config.RESIDENT_IDLE_DAYS * 86_400_000;
    const lastSeen = Date.parse(session.lastSeenAt);
    if (now - lastSeen > idleMs) {
      await revokeSession(db, sessionId, new Date(now).toISOString());
      return;
    }
    // Not awaited, and in a transaction so that on SQLite it shares the commit of what is being written:
    // a burst of residents opening the app (a vote) would otherwise cost a commit each before any work is
    // done. A lost touch costs a minute of "last seen".
    if (now - lastSeen > TOUCH_EVERY_MS)
      db.transaction()
        .execute((tx) => touchSession(tx, sessionId, new Date(now).toISOString()))
        .catch(() => {});

    request.sessionId = sessionId;
    request.csrfToken = session.csrfToken;
    request.actor = session.actor;
  });

  // A write that rides on a session must carry that session's CSRF token in a header, which a page of
  // another site cannot set. Writes without a session (sign-in, registration) hold no ambient authority.
  // Routes that present credentials themselves (sign-in) opt out with `config: { csrfExempt: true }`.
  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.actor || !request.csrfToken) return;
    if (request.routeOptions.config.csrfExempt) return;
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, request.csrfToken)) throw new AppError('csrf_failed');
  });
});

type SessionRow = Awaited<ReturnType<typeof sessionRows>>[number];

/** The session and its acting user from the tagged rows of `sessionRows`, or null when it is not live. */
export function actorOfSession(rows: SessionRow[], sessionId: string) {
  const session = rows.find((r) => r.part === 'session');
  if (!session) return null;
  const of = (part: string) => rows.filter((r) => r.part === part);
  const buildings = of('building');
  const actor: Actor = {
    userId: session.a!,
    personId: session.d!,
    kind: session.e as Actor['kind'],
    sessionId,
    householdIds: of('household').map((r) => r.a!),
    partyIds: of('party').map((r) => r.a!),
    grants: of('grant').map((g) => ({
      role: g.a as Role,
      placePath: g.b,
      gridId: g.c,
      gridBuildingPaths: g.c ? buildings.filter((b) => b.a === g.c).map((b) => b.b!) : [],
      partyId: g.d,
      sector: g.e,
    })),
  };
  return { actor, csrfToken: session.b!, lastSeenAt: session.c!, kind: actor.kind, status: session.f };
}

/** Who a user is when acting: their grants with the places they reach, their households and parties. */
export async function loadActor(
  db: Db,
  user: { userId: string; personId: string; kind: 'staff' | 'resident' },
  sessionId: string,
): Promise<Actor> {
  const [grants, householdIds, partyIds] = await Promise.all([
    grantsOf(db, user.userId),
    confirmedHouseholdsOf(db, user.userId),
    partiesOf(db, user.userId),
  ]);
  return {
    ...user,
    sessionId,
    householdIds,
    partyIds,
    grants: grants.map((g) => ({
      role: g.role as Role,
      placePath: g.place_path,
      gridId: g.grid_id,
      gridBuildingPaths: g.building_paths,
      partyId: g.party_id,
      sector: g.sector,
    })),
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: NewSession) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    // Secure when the client reached us over HTTPS (directly or through a proxy trusted by TRUST_PROXY);
    // a plain-HTTP office network still works.
    secure: request.protocol === 'https',
    path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
