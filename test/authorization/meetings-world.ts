import type { Request, World } from './world.ts';

// Fresh meetings in each state for the matrix, made by the community secretary through the API.
export function meetingFixtures(w: World) {
  const ok = async (request: Request) => {
    const response = await w.send(w.sessions.secretary, request);
    if (response.statusCode >= 300)
      throw new Error(`fixture ${request.method} ${request.url}: ${response.statusCode} ${response.body}`);
    return response.statusCode === 204 ? null : response.json();
  };
  const post = (url: string, payload: unknown = {}) => ok({ method: 'POST', url, payload });

  const scheduled = async (extra: Record<string, unknown> = {}) => {
    const problemId = await w.problem();
    const meeting = await post('/api/meetings', {
      kind: 'council',
      title: '矩阵议事会',
      placeId: w.town.community.id,
      startsAt: '2026-03-10T07:00:00Z',
      endsAt: '2026-03-10T09:00:00Z',
      venue: '社区会议室',
      problemIds: [problemId],
      topics: ['自由议题'],
      ...extra,
    });
    return { id: meeting.id as string, items: meeting.agenda.map((a: { id: string }) => a.id) as string[] };
  };
  const inSession = async () => {
    const m = await scheduled();
    await post(`/api/meetings/${m.id}/open`);
    await post(`/api/meetings/${m.id}/attendees`, { name: '居民代表' });
    await post(`/api/meetings/${m.id}/agenda/${m.items[0]}/decision`, {
      outcome: 'decided',
      method: 'consensus',
      decision: '物业负责维修',
    });
    return { id: m.id, decided: m.items[0]!, pending: m.items[1]! };
  };
  return {
    scheduled,
    /** Invited: the world's property company, whose staff may answer for it. */
    invitedParty: () => scheduled({ invite: { partyIds: [w.partyId] } }),
    recurring: () => scheduled({ kind: 'joint', recurrence: 'quarterly' }),
    inSession,
    async actionItem() {
      const m = await inSession();
      const detail = await post(`/api/meetings/${m.id}/action-items`, {
        agendaItemId: m.decided,
        title: '维修',
        partyId: w.partyId,
        dueOn: '2026-03-20',
      });
      return detail.actionItems[0].id as string;
    },
    async costShare() {
      const m = await inSession();
      const detail = await post(`/api/meetings/${m.id}/cost-plans`, {
        agendaItemId: m.decided,
        title: '维修费',
        totalFen: 10_000,
        payers: [`party:${w.partyId}`],
        parts: [{ rule: 'fixed', partyId: `party:${w.partyId}`, amountFen: 10_000 }],
      });
      return detail.costPlans[0].shares[0].id as string;
    },
  };
}
