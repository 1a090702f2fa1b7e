import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import { escalateProblem } from './escalation.service.ts';
import {
  DeadlineRuleInput,
  DeadlineRuleList,
  EscalateInput,
  LadderView,
  NoticeInput,
  NoticeList,
  NoticeLoaded,
  OverduePage,
  OverdueQuery,
  WhistleInput,
} from './ladder.schemas.ts';
import {
  deleteDeadlineRule,
  ladderView,
  listDeadlineRules,
  listNotices,
  loadNotice,
  overdueView,
  saveDeadlineRule,
} from './ladder.service.ts';
import { blowWhistle, reportIn } from './whistle.service.ts';

const tags = ['ladder'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

export const ladderRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const view = (actor: Parameters<typeof ladderView>[0]['actor'], id: string) =>
    transact(deps, actor, (tx) => ladderView(tx, id));

  app.get(
    '/api/workbench/problems/:id/ladder',
    {
      schema: {
        tags,
        summary: 'A problem on the ladder: level, deadline, next rung, whistles and 报到',
        params: IdParams,
        response: { 200: LadderView },
      },
    },
    async (request) => view(request.actor, request.params.id),
  );

  app.post(
    '/api/workbench/problems/:id/escalate',
    {
      schema: {
        tags,
        summary: '上报: send the problem up a level, with a reason',
        params: IdParams,
        body: EscalateInput,
        response: { 200: LadderView },
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) =>
        escalateProblem(tx, request.params.id, request.body.reason),
      );
      return view(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/workbench/problems/:id/whistle',
    {
      schema: {
        tags,
        summary: '吹哨: summon departments to the problem with an arrival deadline',
        params: IdParams,
        body: WhistleInput,
        response: { 200: LadderView },
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => blowWhistle(tx, request.params.id, request.body));
      return view(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/workbench/summons/:id/report-in',
    {
      schema: {
        tags,
        summary: '报到: a summoned department reports in; the time is recorded',
        params: IdParams,
        response: { 200: z.object({ onTime: z.boolean() }) },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => reportIn(tx, request.params.id)),
  );

  app.get(
    '/api/workbench/overdue',
    {
      schema: {
        tags,
        summary: 'Problems past their deadline, counted and listed per level',
        querystring: OverdueQuery,
        response: { 200: OverduePage },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => overdueView(tx, request.query)),
  );

  app.get(
    '/api/workbench/deadline-rules',
    {
      schema: {
        tags,
        summary: 'Deadline rules of the communities I keep, with the defaults',
        response: { 200: DeadlineRuleList },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => listDeadlineRules(tx)),
  );

  app.put(
    '/api/workbench/deadline-rules',
    {
      schema: {
        tags,
        summary: 'Set a community’s deadline for a level and category',
        body: DeadlineRuleInput,
        response: { 200: DeadlineRuleList },
      },
    },
    async (request) =>
      transact(deps, request.actor, async (tx) => {
        await saveDeadlineRule(tx, request.body);
        return listDeadlineRules(tx);
      }),
  );

  app.delete(
    '/api/workbench/deadline-rules/:id',
    { schema: { tags, summary: 'Remove a deadline rule; the default applies again', params: IdParams } },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => deleteDeadlineRule(tx, request.params.id));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/workbench/holiday-notices',
    {
      schema: {
        tags,
        summary: 'The State Council holiday notices in force, and the years still missing one',
        response: { 200: NoticeList },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => listNotices(tx)),
  );

  app.post(
    '/api/workbench/holiday-notices',
    {
      schema: {
        tags,
        summary: 'Load a year’s holiday notice; running deadlines are recomputed',
        body: NoticeInput,
        response: { 200: NoticeLoaded },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => loadNotice(tx, request.body)),
  );
};
