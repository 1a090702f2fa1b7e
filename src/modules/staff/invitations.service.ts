import { uuidv7 } from 'uuidv7';
import { isEmptyScope } from '../../db/fragments.ts';
import type { PlaceKind } from '../../db/schema.ts';
import { personal } from '../../domain/audit/chain.ts';
import { AppError, fieldError } from '../../server/errors.ts';
import type { Tx } from '../../server/transaction.ts';
import { can, requireActor, scopeOf } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUserByPhone } from '../auth/auth.repo.ts';
import { type NewSession, openSession, spendCode } from '../auth/auth.service.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { loadActor } from '../auth/session.plugin.ts';
import { newToken, tokenDigest } from '../auth/tokens.ts';
import { mayGrant, resolveGrantTarget } from './grant-target.ts';
import {
  expireInvitation,
  findInvitation,
  findInvitationByDigest,
  type InvitationRow,
  insertInvitation,
  listPendingInvitations,
  markAccepted,
  sameGrant,
  setUserKind,
} from './staff.repo.ts';
import type {
  InvitationAccept,
  InvitationCreate,
  InvitationPage,
  InvitationSummary,
  InvitationView,
} from './staff.schemas.ts';
import { createStaffAccount, storeGrant } from './staff.service.ts';

export const INVITATION_TTL_MS = 7 * 86_400_000;

type Invitation = NonNullable<InvitationRow>;

function stateOf(invitation: Invitation, now: Date): InvitationView['state'] {
  if (invitation.accepted_at) return 'accepted';
  return invitation.expires_at <= now.toISOString() ? 'expired' : 'pending';
}

function summary(invitation: Invitation): InvitationSummary {
  return {
    id: invitation.id,
    name: invitation.name,
    role: invitation.role as Role,
    // A grid is named with its community: two communities may each have a 第一网格.
    placeName: invitation.place_name ?? invitation.community_name,
    gridName: invitation.grid_name,
    partyName: invitation.party_name,
    sector: invitation.sector,
    invitedBy: invitation.invited_by_name,
    createdAt: invitation.created_at,
    expiresAt: invitation.expires_at,
  };
}

/** Creates an invitation and returns its one-time token; only the token's digest is stored. */
export async function createInvitation(
  tx: Tx,
  input: InvitationCreate,
): Promise<{ id: string; token: string; expiresAt: string }> {
  const actor = requireActor(tx.actor);
  const target = await resolveGrantTarget(tx, input);
  const id = uuidv7();
  const token = newToken();
  const expiresAt = new Date(tx.now.getTime() + INVITATION_TTL_MS).toISOString();
  await insertInvitation(tx.db, {
    id,
    token_hash: tokenDigest(token),
    name: input.name,
    role: target.role,
    place_id: target.placeId,
    grid_id: target.gridId,
    party_id: target.partyId,
    sector: target.sector,
    invited_by: actor.userId,
    created_at: tx.now.toISOString(),
    expires_at: expiresAt,
    accepted_at: null,
    accepted_by: null,
  });
  await recordAudit(tx, {
    action: 'staff.invited',
    entityType: 'invitation',
    entityId: id,
    changes: {
      name: { to: personal(input.name) },
      role: { to: target.role },
      placeId: { to: target.placeId },
      gridId: { to: target.gridId },
      partyId: { to: target.partyId },
      sector: { to: target.sector },
      expiresAt: { to: expiresAt },
    },
  });
  return { id, token, expiresAt };
}

export async function listInvitations(
  tx: Tx,
  query: { page: number; pageSize: number },
): Promise<InvitationPage> {
  const scope = scopeOf(requireActor(tx.actor), 'role.grant');
  if (isEmptyScope(scope)) throw new AppError('forbidden');
  const { rows, total } = await listPendingInvitations(tx.db, {
    scope,
    now: tx.now.toISOString(),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(summary), total };
}

export async function revokeInvitation(tx: Tx, invitationId: string): Promise<void> {
  requireActor(tx.actor);
  const invitation = await findInvitation(tx.db, invitationId);
  if (
    !invitation?.scope_path ||
    !can(tx.actor, 'role.grant', { path: invitation.scope_path, kind: invitation.scope_kind as PlaceKind })
  )
    throw new AppError('not_found');
  const state = stateOf(invitation, tx.now);
  if (state !== 'pending') throw new AppError('invalid_state', { params: { state } });
  await expireInvitation(tx.db, invitationId, tx.now.toISOString());
  await recordAudit(tx, {
    action: 'staff.invitation_revoked',
    entityType: 'invitation',
    entityId: invitationId,
    changes: { expiresAt: { from: invitation.expires_at, to: tx.now.toISOString() } },
  });
}

async function invitationByToken(tx: Tx, token: string): Promise<Invitation> {
  const invitation = await findInvitationByDigest(tx.db, tokenDigest(token));
  if (!invitation) throw new AppError('not_found');
  return invitation;
}

/** What the link shows: who invites whom to what, and whether it can still be accepted. */
export async function showInvitation(tx: Tx, token: string): Promise<InvitationView> {
  const invitation = await invitationByToken(tx, token);
  const { id: _id, createdAt: _createdAt, ...view } = summary(invitation);
  return { ...view, state: stateOf(invitation, tx.now) };
}

const unusable = {
  accepted: { 'zh-CN': '这个邀请已经使用过了', en: 'This invitation has already been used' },
  expired: { 'zh-CN': '这个邀请已过期或已撤销', en: 'This invitation has expired or was withdrawn' },
  lapsed: {
    'zh-CN': '邀请人已无权授予这个角色，请向社区重新索取邀请',
    en: 'The inviter may no longer grant this role; ask for a new invitation',
  },
} as const;

/** A failed code or password is recorded (the code's tries count), so the route answers after the commit. */
export type AcceptResult = { ok: true; session: NewSession; userId: string } | { ok: false; error: AppError };

/**
 * Accepts an invitation: the phone is proven by an SMS code; a new phone becomes a staff account with the
 * given password, an existing account (same phone, its own password) gets the role added. Opens a session.
 */
export async function acceptInvitation(
  tx: Tx,
  token: string,
  input: InvitationAccept,
  previousSessionId: string | null,
): Promise<AcceptResult> {
  const invitation = await invitationByToken(tx, token);
  const state = stateOf(invitation, tx.now);
  if (state !== 'pending')
    throw new AppError('invalid_state', {
      params: { state },
      fields: [{ field: 'token', message: unusable[state] }],
    });
  const scope = { path: invitation.scope_path ?? '', kind: invitation.scope_kind as PlaceKind };
  // The inviter as they are now: a grant revoked since the invitation was made takes the invitation with it.
  const inviter = await loadActor(
    tx.db,
    { userId: invitation.invited_by, personId: invitation.invited_by_person, kind: 'staff' },
    '',
  );
  if (!mayGrant(inviter, invitation.role as Role, scope))
    throw new AppError('invalid_state', {
      params: { state: 'lapsed' },
      fields: [{ field: 'token', message: unusable.lapsed }],
    });
  if (!(await spendCode(tx, input.phone, input.code)))
    return { ok: false, error: fieldError('code', 'code_wrong') };

  const existing = await findUserByPhone(tx.db, input.phone);
  let userId: string;
  if (existing) {
    if (existing.status !== 'active' || !(await verifyPassword(existing.password_hash, input.password)))
      return {
        ok: false,
        error: new AppError('validation_failed', {
          fields: [
            {
              field: 'password',
              message: {
                'zh-CN': '这个手机号已有账号，请输入该账号的密码',
                en: 'This phone number already has an account: enter its password',
              },
            },
          ],
        }),
      };
    userId = existing.id;
    if (existing.kind !== 'staff') {
      await setUserKind(tx.db, userId, 'staff');
      await recordAudit(tx, {
        action: 'staff.account_became_staff',
        entityType: 'user',
        entityId: userId,
        actorId: userId,
        changes: { kind: { from: existing.kind, to: 'staff' } },
      });
    }
  } else {
    const passwordHash = await hashPassword(input.password);
    userId = await createStaffAccount(tx, { name: invitation.name, phone: input.phone, passwordHash });
  }

  // The grant is the inviter's, checked above against their scope as it is now.
  const target = {
    role: invitation.role as Role,
    placeId: invitation.place_id,
    gridId: invitation.grid_id,
    partyId: invitation.party_id,
    sector: invitation.sector,
    scope,
  };
  const grant = {
    user_id: userId,
    role: target.role,
    place_id: target.placeId,
    grid_id: target.gridId,
    party_id: target.partyId,
  };
  if (!(await sameGrant(tx.db, grant)))
    await storeGrant(tx, userId, target, { grantedBy: invitation.invited_by, actorId: userId });
  if (!(await markAccepted(tx.db, invitation.id, userId, tx.now.toISOString())))
    throw new AppError('invalid_state', {
      params: { state: 'accepted' },
      fields: [{ field: 'token', message: unusable.accepted }],
    });
  await recordAudit(tx, {
    action: 'staff.invitation_accepted',
    entityType: 'invitation',
    entityId: invitation.id,
    actorId: userId,
    changes: { acceptedBy: { to: userId } },
  });
  const session = await openSession(tx, userId, previousSessionId);
  return { ok: true, session, userId };
}
