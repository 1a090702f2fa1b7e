import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarFile } from '../../domain/meetings/ics.ts';
import { transact } from '../../server/transaction.ts';
import {
  addAgendaItem,
  conveneMeeting,
  inviteToMeeting,
  procedureRules,
  replyToInvitation,
  saveProcedureRules,
  scheduleNext,
} from './convene.service.ts';
import { inviteeOptions } from './invitee-options.ts';
import { meetingDetail, meetingList } from './meeting-view.ts';
import {
  AgendaInput,
  ConveneInput,
  IdParams,
  InviteeOptions,
  InviteesInput,
  MeetingDetail,
  MeetingPage,
  MeetingQuery,
  ProcedureInput,
  ProcedureQuery,
  ProcedureRules,
  ReplyInput,
} from './meetings.schemas.ts';
import { cancelMeeting, concludeMeeting, openMeeting } from './record.service.ts';

const tags = ['meetings'];

/** Convening a meeting 召集: the meeting, invitations and replies, the agenda, the procedure rules. */
export const meetingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const db = deps.database.db;

  app.get(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: 'Meetings in my scope or that I am invited to',
        querystring: MeetingQuery,
        response: { 200: MeetingPage },
      },
    },
    async (request) => meetingList(db, request.actor, request.query),
  );

  app.post(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: '召集: convene a meeting with its agenda and invitations',
        body: ConveneInput,
        response: { 201: MeetingDetail },
      },
    },
    async (request, reply) => {
      const id = await transact(deps, request.actor, (tx) => conveneMeeting(tx, request.body));
      return reply.status(201).send(await meetingDetail(db, request.actor, id));
    },
  );

  app.get(
    '/api/meetings/invitee-options',
    {
      schema: {
        tags,
        summary:
          'Parties, staff and households that can be invited to, or share costs of, a meeting at a place',
        querystring: ProcedureQuery,
        response: { 200: InviteeOptions },
      },
    },
    async (request) => inviteeOptions(db, request.actor, request.query.placeId),
  );

  app.get(
    '/api/meetings/procedure-rules',
    {
      schema: {
        tags,
        summary: 'The procedure rules 议事规程 in force at a place',
        querystring: ProcedureQuery,
        response: { 200: ProcedureRules },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => procedureRules(tx, request.query.placeId)),
  );

  app.put(
    '/api/meetings/procedure-rules',
    {
      schema: {
        tags,
        summary: 'Write the procedure rules template of a place',
        body: ProcedureInput,
        response: { 200: ProcedureRules },
      },
    },
    async (request) =>
      transact(deps, request.actor, (tx) => saveProcedureRules(tx, request.body.placeId, request.body.text)),
  );

  app.get(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary: 'A meeting with everything recorded',
        params: IdParams,
        response: { 200: MeetingDetail },
      },
    },
    async (request) => meetingDetail(db, request.actor, request.params.id),
  );

  app.get(
    '/api/meetings/:id/invitation.ics',
    { schema: { tags, summary: 'The invitation as an iCalendar file', params: IdParams } },
    async (request, reply) => {
      const m = await meetingDetail(db, request.actor, request.params.id);
      const ics = calendarFile({
        uid: `${m.id}@shangliang`,
        title: m.title,
        startsAt: new Date(m.startsAt),
        endsAt: new Date(m.endsAt),
        venue: m.venue,
        description: `议题：\n${m.agenda.map((a, i) => `${i + 1}. ${a.topic}`).join('\n')}`,
        stamp: new Date(),
      });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="meeting-${m.id}.ics"`)
        .send(ics);
    },
  );

  const write = (
    path: string,
    summary: string,
    body: z.ZodType,
    work: (tx: Parameters<Parameters<typeof transact>[2]>[0], id: string, body: never) => Promise<unknown>,
  ) =>
    app.post(
      path,
      { schema: { tags, summary, params: IdParams, body, response: { 200: MeetingDetail } } },
      async (request) => {
        await transact(deps, request.actor, (tx) => work(tx, request.params.id, request.body as never));
        return meetingDetail(db, request.actor, request.params.id);
      },
    );

  write(
    '/api/meetings/:id/invitations',
    'Invite parties, role holders and people',
    InviteesInput,
    (tx, id, body: InviteesInput) => inviteToMeeting(tx, id, body),
  );
  write(
    '/api/meetings/:id/reply',
    'Answer an invitation: coming, not coming, or a delegate',
    ReplyInput,
    (tx, id, body: ReplyInput) => replyToInvitation(tx, id, body),
  );
  write(
    '/api/meetings/:id/agenda',
    'Put a problem or a free topic on the agenda',
    AgendaInput,
    (tx, id, body: AgendaInput) => addAgendaItem(tx, id, body),
  );
  write(
    '/api/meetings/:id/open',
    'The meeting opens; the recorder takes the record',
    z.object({}).optional(),
    (tx, id) => openMeeting(tx, id),
  );
  write(
    '/api/meetings/:id/conclude',
    'The meeting closes; undecided items are deferred',
    z.object({}).optional(),
    (tx, id) => concludeMeeting(tx, id),
  );
  write('/api/meetings/:id/cancel', 'Call a scheduled meeting off', z.object({}).optional(), (tx, id) =>
    cancelMeeting(tx, id),
  );

  app.post(
    '/api/meetings/:id/next',
    {
      schema: {
        tags,
        summary: 'Schedule the next meeting of a recurring series; open items carry over',
        params: IdParams,
        response: { 201: MeetingDetail },
      },
    },
    async (request, reply) => {
      const id = await transact(deps, request.actor, (tx) => scheduleNext(tx, request.params.id));
      return reply.status(201).send(await meetingDetail(db, request.actor, id));
    },
  );
};
