import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PlaceKind } from '../../db/schema.ts';
import type { Trx } from '../../db/transaction.ts';
import type { SealedChanges } from '../../domain/audit/chain.ts';
import { AppError } from '../../server/errors.ts';
import { type Tx, transact } from '../../server/transaction.ts';
import type { PlaceRef } from '../access/actor.ts';
import { can, maskName, requireActor } from '../access/policy.ts';
import { findParty } from '../parties/parties.repo.ts';
import { findGrid, findPlace } from '../parties/places.repo.ts';
import { findInvitation, grantPathsOf, userKinds } from '../staff/staff.repo.ts';
import { historyOf } from './audit.repo.ts';

// Where a record sits in the place tree, by entity type: whoever may read the audit there may read its
// history. A record in several places (a user with roles in two communities) is readable from any of them.
// A module whose records have a history adds its entity type here.
type PlacesOfRecord = (db: Trx, id: string) => Promise<PlaceRef[]>;

const placeItself: PlacesOfRecord = async (db, id) => {
  const place = await findPlace(db, id);
  return place ? [{ path: place.path, kind: place.kind }] : [];
};

export const recordPlaces: Record<string, PlacesOfRecord> = {
  place: placeItself,
  household: placeItself,
  grid: async (db, id) => {
    const grid = await findGrid(db, id);
    return grid ? [{ path: grid.community_path, kind: 'community' }] : [];
  },
  party: async (db, id) => {
    const party = await findParty(db, id);
    return party ? [{ path: party.place_path, kind: party.place_kind as PlaceKind }] : [];
  },
  user: async (db, id) =>
    (await grantPathsOf(db, id)).map((g) => ({ path: g.path, kind: g.kind as PlaceKind })),
  problem: async (db, id) => {
    const problem = await db
      .selectFrom('problems')
      .select('place_path')
      .where('id', '=', id)
      .executeTakeFirst();
    return problem ? [{ path: problem.place_path, kind: 'household' }] : [];
  },
  matter: async (db, id) => {
    const matter = await db
      .selectFrom('matters')
      .select('place_path')
      .where('id', '=', id)
      .executeTakeFirst();
    return matter ? [{ path: matter.place_path, kind: 'household' }] : [];
  },
  vote_question: async (db, id) => {
    const question = await db
      .selectFrom('vote_questions')
      .select('place_path')
      .where('id', '=', id)
      .executeTakeFirst();
    return question ? [{ path: question.place_path, kind: 'compound' }] : [];
  },
  invitation: async (db, id) => {
    const invitation = await findInvitation(db, id);
    return invitation?.scope_path
      ? [{ path: invitation.scope_path, kind: invitation.scope_kind as PlaceKind }]
      : [];
  },
};

const AuditScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const HistoryParams = z.object({
  entityType: z.string().min(1).max(40),
  entityId: z.string().min(1).max(64),
});
const HistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** Staff are named; a resident acting is named only to a viewer who may see contact details there. */
  actorName: z.string().nullable(),
  action: z.string(),
  /** Before → after by field; personal values are only ever their keyed digest, '[personal] …'. */
  changes: z.record(z.string(), z.object({ from: AuditScalar.optional(), to: AuditScalar.optional() })),
});
const History = z.object({ entityType: z.string(), entityId: z.string(), entries: z.array(HistoryEntry) });
type History = z.infer<typeof History>;

async function recordHistory(tx: Tx, entityType: string, entityId: string): Promise<History> {
  const actor = requireActor(tx.actor);
  const placesOf = Object.hasOwn(recordPlaces, entityType) ? recordPlaces[entityType] : undefined;
  const places = placesOf ? await placesOf(tx.db, entityId) : [];
  // Out of scope reads as not there, like a record that does not exist.
  if (!places.some((place) => can(actor, 'audit.view', place))) throw new AppError('not_found');
  const showResidents = places.some((place) => can(actor, 'person.contact', place));
  const entries = await historyOf(tx.db, entityType, entityId);
  const actorIds = [...new Set(entries.flatMap((e) => (e.actor_id ? [e.actor_id] : [])))];
  const staff = new Set(
    (await userKinds(tx.db, actorIds)).filter((u) => u.kind === 'staff').map((u) => u.id),
  );
  return {
    entityType,
    entityId,
    entries: entries.map((e) => ({
      seq: Number(e.seq),
      at: e.at,
      actorName:
        e.actor_id && (staff.has(e.actor_id) || showResidents) ? e.actor_name : maskName(e.actor_name),
      action: e.action,
      changes: JSON.parse(e.changes) as SealedChanges,
    })),
  };
}

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit/:entityType/:entityId',
    {
      schema: {
        tags: ['audit'],
        summary: 'The history of one record, for those who may read the audit where it sits',
        params: HistoryParams,
        response: { 200: History },
      },
    },
    async (request) =>
      transact(app.deps, request.actor, (tx) =>
        recordHistory(tx, request.params.entityType, request.params.entityId),
      ),
  );
};
