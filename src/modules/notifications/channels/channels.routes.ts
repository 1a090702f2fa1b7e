import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { transact } from '../../../server/transaction.ts';
import {
  Channel,
  ChannelInput,
  ChannelList,
  ChannelUpdate,
  DeliveryPage,
  DeliveryQuery,
  IdParams,
  TestResult,
} from '../notifications.schemas.ts';
import {
  createChannel,
  deliveryLog,
  listChannels,
  sendTestMessage,
  updateChannel,
} from './channels.service.ts';

const tags = ['notifications'];

export const channelsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const db = deps.database.db;
  const one = async (actor: Parameters<typeof listChannels>[1], id: string) => {
    const found = (await listChannels(db, actor)).items.find((c) => c.id === id);
    if (!found) throw new Error('channel vanished after save');
    return found;
  };

  app.get(
    '/api/notification-channels',
    {
      schema: {
        tags,
        summary: 'Group-chat robots and webhooks of the places in my scope',
        response: { 200: ChannelList },
      },
    },
    async (request) => listChannels(db, request.actor),
  );

  app.post(
    '/api/notification-channels',
    {
      schema: {
        tags,
        summary: 'Add a WeCom, DingTalk or Feishu robot or a signed webhook; its address is checked first',
        body: ChannelInput,
        response: { 201: Channel },
      },
    },
    async (request, reply) => {
      const id = await transact(deps, request.actor, (tx) => createChannel(tx, deps, request.body));
      return reply.code(201).send(await one(request.actor, id));
    },
  );

  app.patch(
    '/api/notification-channels/:id',
    {
      schema: {
        tags,
        summary: 'Change a channel',
        params: IdParams,
        body: ChannelUpdate,
        response: { 200: Channel },
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => updateChannel(tx, deps, request.params.id, request.body));
      return one(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/notification-channels/:id/test',
    {
      schema: {
        tags,
        summary: 'Send a test message now; answers with what the far side said',
        params: IdParams,
        response: { 200: TestResult },
      },
    },
    async (request) => sendTestMessage(deps, request.actor, request.params.id),
  );

  app.get(
    '/api/notification-channels/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log of a channel, with the answer of the far side',
        params: IdParams,
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage },
      },
    },
    async (request) => deliveryLog(db, request.actor, request.params.id, request.query),
  );
};
