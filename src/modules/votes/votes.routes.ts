import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forgetOverwrittenPages } from '../../db/database.ts';
import { idempotent } from '../../server/idempotency.ts';
import { transact } from '../../server/transaction.ts';
import { requireActor } from '../access/policy.ts';
import { PlaceOption, PlaceOptionsQuery } from '../parties/parties.schemas.ts';
import { placeOptions } from '../parties/place-options.ts';
import { answerOwn, ownQuestion, ownQuestions, recordAnswer, recordRound } from './ballots.service.ts';
import { makeCostPlan } from './cost-plan.service.ts';
import {
  CostPlanInput,
  IdParams,
  OwnAnswer,
  OwnAnswerInput,
  QuestionCreate,
  QuestionDetail,
  QuestionListQuery,
  QuestionPage,
  RecordedAnswer,
  ResidentQuestion,
  SealedRound,
  VoterListQuery,
  VoterPage,
} from './votes.schemas.ts';
import { closeQuestion, createQuestion, listQuestions, listVoters, questionDetail } from './votes.service.ts';

const tags = ['votes'];

export const votesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const detail = (actor: Parameters<typeof transact>[1], id: string) =>
    transact(deps, actor, (tx) => questionDetail(tx, id));

  app.get(
    '/api/workbench/votes',
    {
      schema: {
        tags,
        summary: 'Consultations and votes in the viewer’s scope',
        querystring: QuestionListQuery,
        response: { 200: QuestionPage },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => listQuestions(tx, request.query)),
  );

  app.post(
    '/api/workbench/votes',
    {
      schema: {
        tags,
        summary: 'Ask households a question',
        body: QuestionCreate,
        response: { 201: QuestionDetail },
      },
    },
    async (request, reply) => {
      const id = await transact(deps, request.actor, (tx) => createQuestion(tx, request.body));
      return reply.status(201).send(await detail(request.actor, id));
    },
  );

  app.get(
    '/api/workbench/votes/place-options',
    {
      schema: {
        tags,
        summary: 'Places where the viewer may ask households, one level at a time',
        querystring: PlaceOptionsQuery,
        response: { 200: z.array(PlaceOption) },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) =>
        placeOptions(
          tx,
          'vote.manage',
          ['street', 'community', 'compound', 'building', 'entrance'],
          request.query.parentId,
        ),
      ),
  );

  app.get(
    '/api/workbench/votes/:id',
    {
      schema: {
        tags,
        summary: 'A question with its live tally, certificate and cost-sharing plan',
        params: IdParams,
        response: { 200: QuestionDetail },
      },
    },
    async (request) => detail(request.actor, request.params.id),
  );

  app.get(
    '/api/workbench/votes/:id/voters',
    {
      schema: {
        tags,
        summary: 'Who is asked and who took part, with the evidence and its photos (never a secret choice)',
        params: IdParams,
        querystring: VoterListQuery,
        response: { 200: VoterPage },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) => listVoters(tx, request.params.id, request.query)),
  );

  app.post(
    '/api/workbench/votes/:id/answers',
    {
      schema: {
        tags,
        summary:
          'Record an answer given on a visit or by proxy, with evidence: a note and photos uploaded first ' +
          '(POST /api/attachments), which only staff who may see the question can fetch',
        params: IdParams,
        body: RecordedAnswer,
        response: { 201: OwnAnswer },
      },
    },
    async (request, reply) => {
      const answer = await idempotent(deps, request, request.actor, async (tx) => ({
        status: 201,
        body: await recordAnswer(tx, request.params.id, request.body),
      }));
      return reply.status(201).send(answer.body);
    },
  );

  app.post(
    '/api/workbench/votes/:id/rounds',
    {
      schema: {
        tags,
        summary:
          'Record the opened sealed box of a door-to-door round of a secret question, with a note and ' +
          'photos uploaded first (POST /api/attachments)',
        params: IdParams,
        body: SealedRound,
        response: { 201: z.object({ roundId: z.string(), heads: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const answer = await idempotent(deps, request, request.actor, async (tx) => ({
        status: 201,
        body: await recordRound(tx, request.params.id, request.body),
      }));
      return reply.status(201).send(answer.body);
    },
  );

  app.post(
    '/api/workbench/votes/:id/close',
    {
      schema: {
        tags,
        summary: 'Close the question and certify its result',
        params: IdParams,
        response: { 200: QuestionDetail },
      },
    },
    async (request) => {
      const { secret } = await transact(deps, request.actor, (tx) => closeQuestion(tx, request.params.id));
      if (secret) await forgetOverwrittenPages(deps.database);
      return detail(request.actor, request.params.id);
    },
  );

  app.post(
    '/api/workbench/votes/:id/cost-plan',
    {
      schema: {
        tags,
        summary: 'Share a cost among the households asked: equally or by floor area',
        params: IdParams,
        body: CostPlanInput,
        response: { 201: QuestionDetail },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => makeCostPlan(tx, request.params.id, request.body));
      return reply.status(201).send(await detail(request.actor, request.params.id));
    },
  );

  app.get(
    '/api/votes/mine',
    {
      schema: {
        tags,
        summary: 'Questions put to the resident’s households',
        response: { 200: z.array(ResidentQuestion) },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => ownQuestions(tx)),
  );

  app.get(
    '/api/votes/:id',
    {
      schema: {
        tags,
        summary: 'A question put to the resident’s household',
        params: IdParams,
        response: { 200: ResidentQuestion },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => ownQuestion(tx, request.params.id)),
  );

  app.post(
    '/api/votes/:id/answer',
    {
      schema: {
        tags,
        summary: 'Answer on the phone; with an Idempotency-Key a replay gets the first response',
        params: IdParams,
        body: OwnAnswerInput,
        response: { 201: OwnAnswer },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      // The choice is left out of the replay fingerprint, so the stored request hash cannot be matched
      // against the few options to learn a secret choice.
      const answer = await idempotent(
        deps,
        request,
        actor,
        async (tx) => ({ status: 201, body: await answerOwn(tx, request.params.id, request.body) }),
        { fingerprint: { questionId: request.params.id, householdId: request.body.householdId ?? null } },
      );
      return reply.status(201).send(answer.body);
    },
  );
};
