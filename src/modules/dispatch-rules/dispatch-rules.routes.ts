import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import {
  DispatchRuleChange,
  DispatchRuleInput,
  DispatchRulePage,
  DispatchRuleQuery,
  DispatchRuleView,
} from './dispatch-rules.schemas.ts';
import { changeRule, createRule, deleteRule, listRules } from './dispatch-rules.service.ts';

const tags = ['dispatch catalogue'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

// The dispatch catalogue 派单目录: category × place → the handler proposed at once for a new problem, and
// the level it starts at. Dispatchers read it; the community office keeps it (dispatch_rule.manage).
export const dispatchRulesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.get(
    '/api/dispatch-rules',
    {
      schema: {
        tags,
        summary: 'The dispatch catalogue of the communities in my scope',
        querystring: DispatchRuleQuery,
        response: { 200: DispatchRulePage },
      },
    },
    async (request) => listRules(deps.database.db, request.actor, request.query),
  );

  app.post(
    '/api/dispatch-rules',
    {
      schema: {
        tags,
        summary: 'Add a rule: category (at a place of the community) → default handler and level',
        body: DispatchRuleInput,
        response: { 201: DispatchRuleView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await transact(deps, request.actor, (tx) => createRule(tx, request.body))),
  );

  app.patch(
    '/api/dispatch-rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a rule’s handler or level',
        params: IdParams,
        body: DispatchRuleChange,
        response: { 200: DispatchRuleView },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => changeRule(tx, request.params.id, request.body)),
  );

  app.delete(
    '/api/dispatch-rules/:id',
    { schema: { tags, summary: 'Remove a rule', params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => deleteRule(tx, request.params.id));
      return reply.status(204).send(null);
    },
  );
};
