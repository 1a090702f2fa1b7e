import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { startNotificationWork } from './background.ts';
import { channelsRoutes } from './channels/channels.routes.ts';
import {
  countUnread,
  listInbox,
  markAllRead,
  markOneRead,
  missedSince,
  preferences,
  savePreferences,
} from './inbox.service.ts';
import { LiveHub } from './live.ts';
import {
  CatchUp,
  CatchUpQuery,
  InboxPage,
  InboxQuery,
  MarkedCount,
  Preferences,
  PreferencesInput,
  SeqParams,
  UnreadCount,
} from './notifications.schemas.ts';

const tags = ['notifications'];

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const db = deps.database.db;
  const hub = new LiveHub(db, deps.config.NOTIFY_POLL_SECONDS);
  let stopWork = () => {};
  app.addHook('onReady', async () => {
    await hub.start();
    stopWork = startNotificationWork(deps, app.log);
  });
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    stopWork();
    hub.stop();
  });

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My inbox, newest first',
        querystring: InboxQuery,
        response: { 200: InboxPage },
      },
    },
    async (request) => listInbox(db, request.actor, request.query),
  );

  app.get(
    '/api/notifications/unread-count',
    { schema: { tags, summary: 'How many of my notices are unread', response: { 200: UnreadCount } } },
    async (request) => countUnread(db, request.actor),
  );

  app.get(
    '/api/notifications/stream',
    {
      schema: {
        tags,
        summary:
          'Live notices as Server-Sent Events (Accept: text/event-stream; resumes after Last-Event-ID); ' +
          'otherwise the notices after `after` as JSON, for pages that poll',
        querystring: CatchUpQuery,
        response: { 200: CatchUp },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const header = request.headers['last-event-id'];
      const lastEventId = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : null;
      const after = lastEventId ?? request.query.after ?? null;
      if (!(request.headers.accept ?? '').includes('text/event-stream'))
        return missedSince(db, actor, after ?? 0);
      reply.hijack();
      await hub.open(actor.userId, reply.raw, after);
      return reply;
    },
  );

  app.post(
    '/api/notifications/:seq/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notices read',
        params: SeqParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => markOneRead(tx, request.params.seq));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: 'Mark all my notices read', response: { 200: MarkedCount } } },
    async (request) => transact(deps, request.actor, (tx) => markAllRead(tx)),
  );

  app.get(
    '/api/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Which kinds of event reach me through which channel',
        response: { 200: Preferences },
      },
    },
    async (request) => preferences(db, request.actor),
  );

  app.put(
    '/api/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Choose channels per kind of event, the daily digest (staff) and SMS (residents)',
        body: PreferencesInput,
        response: { 200: Preferences },
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => savePreferences(tx, request.body));
      return preferences(db, request.actor);
    },
  );

  await app.register(channelsRoutes);
};
