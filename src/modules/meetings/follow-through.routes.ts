import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { transact } from '../../server/transaction.ts';
import { addCostPlan, confirmShare } from './cost.service.ts';
import { meetingDetail } from './meeting-view.ts';
import {
  ActionItemInput,
  AttendeeInput,
  CostPlanInput,
  DecisionInput,
  IdParams,
  ItemParams,
  MeetingDetail,
  ProgressInput,
  PublicOutcomes,
  SpeechInput,
  SummaryInput,
} from './meetings.schemas.ts';
import { minutesDocx } from './minutes.ts';
import { publicOutcomes, saveSummary } from './outcomes.service.ts';
import { addActionItem, reportProgress } from './plan.service.ts';
import { addAttendee, decideItem, recordSpeech } from './record.service.ts';

const tags = ['meetings'];

/** The record, the decisions, the implementation plan, cost sharing, minutes and the public outcome. */
export const meetingFollowThroughRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const db = deps.database.db;
  const detail = { 200: MeetingDetail };

  app.post(
    '/api/meetings/:id/attendees',
    {
      schema: {
        tags,
        summary: '签到: record someone present',
        params: IdParams,
        body: AttendeeInput,
        response: detail,
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => addAttendee(tx, request.params.id, request.body));
      return meetingDetail(db, request.actor, request.params.id);
    },
  );

  app.post(
    '/api/meetings/:id/speeches',
    {
      schema: {
        tags,
        summary: 'Take down a speech or a proposal',
        params: IdParams,
        body: SpeechInput,
        response: detail,
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => recordSpeech(tx, request.params.id, request.body));
      return meetingDetail(db, request.actor, request.params.id);
    },
  );

  app.post(
    '/api/meetings/:id/agenda/:itemId/decision',
    {
      schema: {
        tags,
        summary: 'Decide an agenda item by consensus or a vote of those present, or defer it',
        params: ItemParams,
        body: DecisionInput,
        response: detail,
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) =>
        decideItem(tx, request.params.id, request.params.itemId, request.body),
      );
      return meetingDetail(db, request.actor, request.params.id);
    },
  );

  app.post(
    '/api/meetings/:id/action-items',
    {
      schema: {
        tags,
        summary: '实施方案: an action item of an adopted item',
        params: IdParams,
        body: ActionItemInput,
        response: detail,
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => addActionItem(tx, request.params.id, request.body));
      return meetingDetail(db, request.actor, request.params.id);
    },
  );

  app.post(
    '/api/action-items/:id/progress',
    {
      schema: {
        tags,
        summary: 'Report progress with evidence; the last item done for a problem resolves it',
        params: IdParams,
        body: ProgressInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => reportProgress(tx, request.params.id, request.body));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/meetings/:id/cost-plans',
    {
      schema: {
        tags,
        summary: '费用分摊: share a cost exactly in fen',
        params: IdParams,
        body: CostPlanInput,
        response: detail,
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => addCostPlan(tx, request.params.id, request.body));
      return meetingDetail(db, request.actor, request.params.id);
    },
  );

  app.post(
    '/api/cost-shares/:id/confirm',
    {
      schema: {
        tags,
        summary: 'A paying party confirms its share',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await transact(deps, request.actor, (tx) => confirmShare(tx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/meetings/:id/summary',
    {
      schema: {
        tags,
        summary:
          'The summary of the minutes, and the public summary for the echo wall with its published flag',
        params: IdParams,
        body: SummaryInput,
        response: detail,
      },
    },
    async (request) => {
      await transact(deps, request.actor, (tx) => saveSummary(tx, request.params.id, request.body));
      return meetingDetail(db, request.actor, request.params.id);
    },
  );

  app.get(
    '/api/meetings/:id/minutes.docx',
    { schema: { tags, summary: '会议纪要 as a Word document', params: IdParams } },
    async (request, reply) => {
      const m = await meetingDetail(db, request.actor, request.params.id);
      const file = await minutesDocx(m);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'content-disposition',
          `attachment; filename="minutes.docx"; filename*=UTF-8''${encodeURIComponent(`${m.title}纪要.docx`)}`,
        )
        .send(file);
    },
  );

  app.get(
    '/api/public/problems/:id/meetings',
    {
      schema: {
        tags: ['public'],
        summary: 'The published outcomes of the meetings that took up a problem (no residents’ names)',
        params: IdParams,
        response: { 200: PublicOutcomes },
      },
    },
    async (request) => publicOutcomes(db, request.params.id),
  );
};
