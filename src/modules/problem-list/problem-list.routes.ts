import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/errors.ts';
import { idempotent } from '../../server/idempotency.ts';
import { transact } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { OwnMatterView } from '../matters/matters.schemas.ts';
import { ownMatterPage } from '../matters/matters.views.ts';
import { splitMatter } from '../problems/problems.service.ts';
import { alreadyReported, meToo } from './already-reported.service.ts';
import { mergeGroup, mergeSuggestions } from './merge.service.ts';
import {
  AlreadyReported,
  DraftInput,
  Merged,
  MergeGroupInput,
  MergeSuggestionQuery,
  MergeSuggestions,
  MeTooInput,
} from './problem-list.schemas.ts';

const tags = ['problem-list'];
const IdParams = z.object({ id: z.string().min(1).max(64) });

export const problemListRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const db = deps.database.db;

  app.post(
    '/api/matters/already-reported',
    {
      schema: {
        tags,
        summary:
          'While a resident types: open problems of their compound that look the same (public summary, or category, place and date only)',
        body: DraftInput,
        response: { 200: AlreadyReported },
      },
    },
    async (request) => alreadyReported(db, request.actor, request.body),
  );

  app.post(
    '/api/matters/me-too',
    {
      schema: {
        tags,
        summary:
          'A resident adds their voice: their matter joins an open problem. Replay-safe with Idempotency-Key.',
        body: MeTooInput,
        response: { 201: OwnMatterView },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const answer = await idempotent(deps, request, actor, async (tx) => ({
        status: 201,
        body: { id: await meToo(tx, request.body) },
      }));
      const { items } = await ownMatterPage(db, actor.userId, { limit: 1000, offset: 0 });
      const view = items.find((m) => m.id === answer.body.id);
      if (!view) throw new AppError('not_found');
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/workbench/problem-list/suggestions',
    {
      schema: {
        tags,
        summary: 'Suggested merge groups over the open matters and problems I triage, with reasons',
        querystring: MergeSuggestionQuery,
        response: { 200: MergeSuggestions },
      },
    },
    async (request) => mergeSuggestions(db, request.actor, request.query),
  );

  app.post(
    '/api/workbench/problem-list/merge',
    {
      schema: {
        tags,
        summary: 'Merge a group: problems into one, inbox matters accepted into it; submitters are told',
        body: MergeGroupInput,
        response: { 200: Merged },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => mergeGroup(tx, request.body)),
  );

  app.post(
    '/api/workbench/problem-list/matters/:id/split',
    {
      schema: {
        tags,
        summary: 'Split a matter out into a problem of its own; its submitter is told',
        params: IdParams,
        response: { 200: z.object({ problemId: z.string() }) },
      },
    },
    async (request) => ({
      problemId: await transact(deps, request.actor, (tx) => splitMatter(tx, request.params.id)),
    }),
  );
};
