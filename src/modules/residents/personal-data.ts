import { z } from 'zod';
import type { Trx } from '../../db/transaction.ts';
import { dropAttachments, uploadsOf } from '../attachments/attachments.repo.ts';
import { photoUrl } from '../attachments/attachments.service.ts';
import { signInAccount } from '../auth/auth.service.ts';
import { householdCodeAccount } from './household-links.service.ts';
import {
  accountsOf,
  auditTrailOf,
  dropRoles,
  dropUndecidedLinks,
  eraseAccounts,
  erasePerson,
  forgetPhones,
  grantsOfPerson,
  linksOfPerson,
  membershipsOfPerson,
  ownershipsOfPerson,
  personOf,
  sessionsOfPerson,
  signInFailuresOf,
} from './personal-data.repo.ts';
import { placeLabels } from './place-label.ts';

// What is held about a person, section by section (PIPL art. 45: a copy on request; art. 47: erasure).
// Each capability that keeps personal data adds ONE entry here: what it holds (its schema lists exactly the
// fields that leave the server) and how that is erased or anonymised, so that its records still add up.

/** Who is being erased, taken before anything is erased. */
export type ErasureSubject = { personId: string; userIds: string[]; phones: string[]; now: string };

export type PersonalDataSection<T = unknown> = {
  /** The key of the section in the download. */
  key: string;
  schema: z.ZodType<T>;
  collect(db: Trx, personId: string): Promise<T>;
  /** Runs in the erasure's transaction, with every other section's. */
  erase?(db: Trx, subject: ErasureSubject): Promise<void>;
};

function section<T>(entry: PersonalDataSection<T>): PersonalDataSection {
  return entry as unknown as PersonalDataSection;
}

async function failureAccounts(db: Trx, personId: string) {
  const accounts = await accountsOf(db, personId);
  return [
    ...accounts.flatMap((a) => (a.phone ? [signInAccount(a.phone)] : [])),
    ...accounts.map((a) => householdCodeAccount(a.id)),
  ];
}

function squareMetres(centi: number) {
  return `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
}

export const personalDataSections: PersonalDataSection[] = [
  section({
    key: 'person',
    schema: z.object({
      id: z.string(),
      name: z.string().nullable(),
      phone: z.string().nullable(),
      createdAt: z.string(),
    }),
    async collect(db, personId) {
      const person = await personOf(db, personId);
      if (!person) throw new Error(`no person ${personId}`);
      return { id: person.id, name: person.name, phone: person.phone, createdAt: person.created_at };
    },
    erase: (db, subject) => erasePerson(db, subject.personId, subject.now),
  }),
  section({
    key: 'accounts',
    schema: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['staff', 'resident']),
        status: z.enum(['active', 'disabled', 'erased']),
        phone: z.string().nullable(),
        smsOptIn: z.boolean(),
        createdAt: z.string(),
        passwordChangedAt: z.string().nullable(),
      }),
    ),
    async collect(db, personId) {
      return (await accountsOf(db, personId)).map((a) => ({
        id: a.id,
        kind: a.kind,
        status: a.status,
        phone: a.phone,
        smsOptIn: a.sms_opt_in === 1,
        createdAt: a.created_at,
        passwordChangedAt: a.password_changed_at,
      }));
    },
    async erase(db, subject) {
      const accounts = [...subject.phones.map(signInAccount), ...subject.userIds.map(householdCodeAccount)];
      await forgetPhones(db, subject.phones, accounts);
      await eraseAccounts(db, subject.personId, subject.now);
    },
  }),
  section({
    key: 'householdLinks',
    schema: z.array(
      z.object({
        householdId: z.string(),
        place: z.string(),
        status: z.enum(['pending', 'confirmed', 'rejected']),
        via: z.enum(['staff', 'household_code']),
        createdAt: z.string(),
        decidedAt: z.string().nullable(),
      }),
    ),
    async collect(db, personId) {
      const links = await linksOfPerson(db, personId);
      const label = await placeLabels(
        db,
        links.map((l) => l.path),
      );
      return links.map((l) => ({
        householdId: l.household_id,
        place: label(l.path),
        status: l.status,
        via: l.via,
        createdAt: l.created_at,
        decidedAt: l.decided_at,
      }));
    },
    erase: (db, subject) => dropUndecidedLinks(db, subject.personId),
  }),
  section({
    key: 'ownerships',
    // Ownership stays on the register after erasure, held by an anonymous person: owners and floor area
    // still count in votes and cost shares (Civil Code arts. 278, 283).
    schema: z.array(z.object({ householdId: z.string(), place: z.string(), floorAreaM2: z.string() })),
    async collect(db, personId) {
      const rows = await ownershipsOfPerson(db, personId);
      const label = await placeLabels(
        db,
        rows.map((r) => r.path),
      );
      return rows.map((r) => ({
        householdId: r.household_id,
        place: label(r.path),
        floorAreaM2: squareMetres(r.area_centi_m2),
      }));
    },
  }),
  section({
    key: 'roleGrants',
    schema: z.array(
      z.object({
        role: z.string(),
        place: z.string().nullable(),
        grid: z.string().nullable(),
        party: z.string().nullable(),
        sector: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    async collect(db, personId) {
      return (await grantsOfPerson(db, personId)).map((g) => ({
        role: g.role,
        place: g.place,
        grid: g.grid,
        party: g.party,
        sector: g.sector,
        createdAt: g.created_at,
      }));
    },
    erase: (db, subject) => dropRoles(db, subject.personId),
  }),
  section({
    key: 'partyMemberships',
    schema: z.array(z.object({ party: z.string(), title: z.string().nullable() })),
    collect: (db, personId) => membershipsOfPerson(db, personId),
  }),
  section({
    key: 'sessions',
    schema: z.array(
      z.object({ createdAt: z.string(), lastSeenAt: z.string(), revokedAt: z.string().nullable() }),
    ),
    async collect(db, personId) {
      return (await sessionsOfPerson(db, personId)).map((s) => ({
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        revokedAt: s.revoked_at,
      }));
    },
  }),
  section({
    key: 'failedAttempts',
    schema: z.array(z.object({ at: z.string(), what: z.enum(['sign_in', 'household_code']) })),
    async collect(db, personId) {
      const rows = await signInFailuresOf(db, await failureAccounts(db, personId));
      return rows.map((r) => ({
        at: r.at,
        what: r.account.startsWith('household-code:') ? ('household_code' as const) : ('sign_in' as const),
      }));
    },
  }),
  section({
    key: 'photos',
    // A resident's photos can show their face, their home and their neighbours: they leave with the
    // person. Their bytes go with the next sweep of unused files (within ORPHAN_FILE_GRACE_HOURS).
    schema: z.array(
      z.object({
        id: z.string(),
        url: z.string(),
        mime: z.string(),
        bytes: z.number(),
        uploadedAt: z.string(),
        matterId: z.string().nullable(),
        published: z.boolean(),
      }),
    ),
    async collect(db, personId) {
      const users = (await accountsOf(db, personId)).map((a) => a.id);
      return (await uploadsOf(db, users)).map((p) => ({
        id: p.id,
        url: photoUrl(p.id),
        mime: p.mime,
        bytes: p.bytes,
        uploadedAt: p.created_at,
        matterId: p.matter_id,
        published: p.published === 1,
      }));
    },
    async erase(db, subject) {
      await dropAttachments(
        db,
        (await uploadsOf(db, subject.userIds)).map((p) => p.id),
      );
    },
  }),
  section({
    key: 'activity',
    schema: z.array(
      z.object({ at: z.string(), action: z.string(), entityType: z.string(), entityId: z.string() }),
    ),
    async collect(db, personId) {
      return (await auditTrailOf(db, personId)).map((e) => ({
        at: e.at,
        action: e.action,
        entityType: e.entity_type,
        entityId: e.entity_id,
      }));
    },
  }),
];

/** The download's schema, built from the sections so that each lists what it lets out. */
export const PersonalDataExport = z.object({
  exportedAt: z.string(),
  sections: z.object(Object.fromEntries(personalDataSections.map((s) => [s.key, s.schema]))),
});
export type PersonalDataExport = { exportedAt: string; sections: Record<string, unknown> };
