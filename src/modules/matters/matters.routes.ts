import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors.ts';
import { idempotent } from '../../server/idempotency.ts';
import { transact } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import {
  AcceptInput,
  DeclineInput,
  FeedbackInput,
  FilingPlace,
  IntakeInput,
  MatterInput,
  OwnMatterPage,
  OwnMatterView,
} from './matters.schemas.ts';
import { acceptMatter, declineMatter, giveFeedback, intakeMatter, submitMatter } from './matters.service.ts';
import { filingPlaces, ownMatterPage } from './matters.views.ts';

const tags = ['matters'];
const IdParams = z.object({ id: z.string().min(1).max(64) });
const Created = z.object({ id: z.string() });
const Paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const mattersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  async function ownMatter(userId: string, id: string) {
    // One code path for the view of one matter and of the list; only the resident's own is found.
    const { items } = await ownMatterPage(deps.database.db, userId, { limit: 1, offset: 0 }, id);
    const found = items[0];
    if (!found) throw new AppError('not_found');
    return found;
  }

  app.post(
    '/api/matters',
    {
      schema: {
        tags,
        summary: 'A resident raises a matter (下单). Replay-safe with Idempotency-Key.',
        body: MatterInput,
        response: { 201: OwnMatterView },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const answer = await idempotent(deps, request, actor, async (tx) => {
        const id = await submitMatter(tx, request.body);
        return { status: 201, body: { id } };
      });
      return reply.status(201).send(await ownMatter(actor.userId, answer.body.id));
    },
  );

  app.get(
    '/api/matters/places',
    {
      schema: {
        tags,
        summary:
          'Where I may file a matter: my households and the entrance, building and compound above them',
        response: { 200: z.array(FilingPlace) },
      },
    },
    async (request) => filingPlaces(deps.database.db, requireActor(request.actor)),
  );

  app.get(
    '/api/matters/mine',
    {
      schema: {
        tags,
        summary: 'My matters, newest first',
        querystring: Paging,
        response: { 200: OwnMatterPage },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const { page, pageSize } = request.query;
      return ownMatterPage(deps.database.db, actor.userId, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
    },
  );

  app.get(
    '/api/matters/mine/:id',
    { schema: { tags, summary: 'One of my matters', params: IdParams, response: { 200: OwnMatterView } } },
    async (request) => ownMatter(requireActor(request.actor).userId, request.params.id),
  );

  app.post(
    '/api/matters/:id/feedback',
    {
      schema: {
        tags,
        summary:
          'The submitter says whether the problem was solved, with a 1–5 rating; "no" reopens it (重办)',
        params: IdParams,
        body: FeedbackInput,
        response: { 200: OwnMatterView },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      await transact(deps, actor, (tx) => giveFeedback(tx, request.params.id, request.body));
      return ownMatter(actor.userId, request.params.id);
    },
  );

  app.post(
    '/api/matters/intake',
    {
      schema: {
        tags,
        summary: 'Staff record a matter from an offline channel or the 12345 hotline',
        body: IntakeInput,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const answer = await idempotent(deps, request, request.actor, async (tx) => ({
        status: 201,
        body: { id: await intakeMatter(tx, request.body) },
      }));
      return reply.status(201).send(answer.body);
    },
  );

  app.post(
    '/api/matters/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a matter into a new problem, or join it to an existing one',
        params: IdParams,
        body: AcceptInput,
        response: { 200: z.object({ problemId: z.string() }) },
      },
    },
    async (request) => {
      const problemId = await transact(deps, request.actor, (tx) =>
        acceptMatter(tx, request.params.id, request.body),
      );
      return { problemId };
    },
  );

  app.post(
    '/api/matters/:id/decline',
    {
      schema: {
        tags,
        summary: 'Decline a matter with a reason the resident sees',
        params: IdParams,
        body: DeclineInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => declineMatter(tx, request.params.id, request.body.reason));
      return reply.status(204).send(null);
    },
  );
};
