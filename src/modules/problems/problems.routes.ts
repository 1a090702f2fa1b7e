import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrderState } from '../../domain/matters/states.ts';
import { transact } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { staffPlaceNames } from '../places/staff-place-names.ts';
import { dispatchProblem, reportOrder, takeOrder, transferOrder } from './orders.service.ts';
import { myOrders } from './problems.repo.ts';
import {
  DispatchInput,
  EventInput,
  IdParams,
  InboxQuery,
  MatterInboxPage,
  MergeInput,
  MyOrderPage,
  MyOrderQuery,
  ProblemDetail,
  ProblemPage,
  QueueQuery,
  ReportInput,
  TransferInput,
} from './problems.schemas.ts';
import {
  addTimelineText,
  championProblem,
  inbox,
  mergeProblems,
  problemDetail,
  queue,
  splitMatter,
} from './problems.service.ts';

const tags = ['problems'];

export const problemsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const db = deps.database.db;
  const detail = (request: { actor: Parameters<typeof problemDetail>[1] }, id: string) =>
    problemDetail(db, request.actor, id);

  app.get(
    '/api/workbench/inbox',
    {
      schema: {
        tags,
        summary: 'Matters waiting to be accepted, in my scope',
        querystring: InboxQuery,
        response: { 200: MatterInboxPage },
      },
    },
    async (request) => inbox(db, request.actor, request.query),
  );

  app.get(
    '/api/workbench/problems',
    {
      schema: {
        tags,
        summary: 'The workbench queue: problems in my scope by priority (从急从重), then deadline',
        querystring: QueueQuery,
        response: { 200: ProblemPage },
      },
    },
    async (request) => queue(db, request.actor, request.query),
  );

  app.get(
    '/api/workbench/problems/:id',
    {
      schema: {
        tags,
        summary: 'A problem with its matters, orders and timeline',
        params: IdParams,
        response: { 200: ProblemDetail },
      },
    },
    async (request) => detail(request, request.params.id),
  );

  app.post(
    '/api/workbench/problems/:id/dispatch',
    {
      schema: {
        tags,
        summary: '派单: dispatch to a lead and assisting parties or people',
        params: IdParams,
        body: DispatchInput,
        response: { 200: ProblemDetail },
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => dispatchProblem(tx, request.params.id, request.body));
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/api/workbench/problems/:id/timeline',
    {
      schema: {
        tags,
        summary: 'A public reply or an internal note',
        params: IdParams,
        body: EventInput,
        response: { 200: ProblemDetail },
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => addTimelineText(tx, request.params.id, request.body));
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/api/workbench/problems/:id/champion',
    {
      schema: {
        tags,
        summary: 'An NPC deputy or CPPCC member takes up the problem',
        params: IdParams,
        response: { 200: ProblemDetail },
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => championProblem(tx, request.params.id));
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/api/workbench/problems/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge other problems into this one',
        params: IdParams,
        body: MergeInput,
        response: { 200: ProblemDetail },
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) =>
        mergeProblems(tx, request.params.id, request.body.sourceIds),
      );
      return detail(request, request.params.id);
    },
  );

  app.post(
    '/api/workbench/matters/:id/split',
    {
      schema: {
        tags,
        summary: 'Split a matter out of its problem into a new one',
        params: IdParams,
        response: { 200: ProblemDetail },
      },
    },
    async (request) => {
      const id = await transact(deps, request.actor, (tx) => splitMatter(tx, request.params.id));
      return detail(request, id);
    },
  );

  app.get(
    '/api/orders/mine',
    {
      schema: {
        tags,
        summary: 'Orders for me or my parties, waiting or taken: filtered by state, sorted, paged',
        querystring: MyOrderQuery,
        response: { 200: MyOrderPage },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const { page, pageSize, state, sort } = request.query;
      const { items, total } = await myOrders(db, actor.userId, actor.partyIds, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
        state,
        sort,
      });
      const placeName = await staffPlaceNames(db, actor, items);
      return {
        total,
        items: items.map((o) => ({
          id: o.id,
          role: o.role,
          state: o.state as OrderState,
          problemId: o.problem_id,
          problemTitle: o.title,
          placeName: placeName(o),
          dispatchedAt: o.dispatched_at,
        })),
      };
    },
  );

  app.post(
    '/api/orders/:id/take',
    {
      schema: {
        tags,
        summary: '接单: take the order (exactly one of two at once wins)',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => takeOrder(tx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/orders/:id/report',
    {
      schema: {
        tags,
        summary: 'Report the result; the lead’s report resolves the problem',
        params: IdParams,
        body: ReportInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => reportOrder(tx, request.params.id, request.body));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/orders/:id/transfer',
    {
      schema: {
        tags,
        summary: '转办: hand the order on to the truly responsible party',
        params: IdParams,
        body: TransferInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => transferOrder(tx, request.params.id, request.body));
      return reply.status(204).send(null);
    },
  );
};
