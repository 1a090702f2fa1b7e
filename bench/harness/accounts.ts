import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src/db/database.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import type { CitySample } from './city.ts';
import type { AccountKind, BenchAccount, BenchSession } from './types.ts';

// Bench accounts: written into the run's database as the staff and household modules would leave them,
// then signed in over HTTP like a browser, so each session is a real one the server issued.

const PASSWORD = 'bench-password-2024';
// The city's people have 13x/15x/18x/19x numbers and the demo's accounts 170; bench accounts use 171.
const PHONE_PREFIX = '171';

export function sessionHeaders(session: BenchSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

export class Accounts {
  private issued = 0;
  private hash: Promise<string> | null = null;

  constructor(
    private readonly database: Database,
    private readonly baseUrl: string,
    private readonly sample: CitySample,
  ) {}

  /** Where a role is held: community roles at the first community, a grid worker on its first grid. */
  private grant(kind: Exclude<AccountKind, 'resident'>) {
    const { city, street, community, compound, gridIds } = this.sample;
    if (kind === 'grid_worker') return { place_id: null, grid_id: gridIds[0] ?? null };
    const at =
      kind === 'admin'
        ? city
        : kind === 'street_officer' || kind === 'npc_deputy' || kind === 'cppcc_member'
          ? street
          : kind === 'building_steward' || kind === 'property_staff' || kind === 'committee_member'
            ? compound
            : community;
    return { place_id: at.id, grid_id: null };
  }

  async create(kind: AccountKind, count: number): Promise<BenchAccount[]> {
    this.hash ??= hashPassword(PASSWORD);
    const passwordHash = await this.hash;
    const now = new Date().toISOString();
    const out: BenchAccount[] = [];
    await this.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i++) {
        const n = this.issued++;
        const phone = `${PHONE_PREFIX}${String(n).padStart(8, '0')}`;
        const personId = uuidv7();
        const userId = uuidv7();
        await trx
          .insertInto('people')
          .values({ id: personId, name: `压测${kind}${n}`, phone, created_at: now, erased_at: null })
          .execute();
        await trx
          .insertInto('users')
          .values({
            id: userId,
            person_id: personId,
            phone,
            kind: kind === 'resident' ? 'resident' : 'staff',
            password_hash: passwordHash,
            status: 'active',
            created_at: now,
            password_changed_at: null,
          })
          .execute();
        if (kind === 'resident') {
          const household = this.sample.householdIds[n % this.sample.householdIds.length]!;
          await trx
            .insertInto('household_links')
            .values({
              id: uuidv7(),
              user_id: userId,
              household_id: household,
              status: 'confirmed',
              via: 'staff',
              decided_by: null,
              created_at: now,
              decided_at: now,
            })
            .execute();
        } else {
          await trx
            .insertInto('role_grants')
            .values({
              id: uuidv7(),
              user_id: userId,
              role: kind,
              ...this.grant(kind),
              party_id: null,
              sector: kind === 'cppcc_member' ? 'economy' : null,
              granted_by: null,
              created_at: now,
            })
            .execute();
        }
        out.push({ userId, phone, password: PASSWORD });
      }
    });
    return out;
  }

  async signIn(account: BenchAccount): Promise<BenchSession> {
    const response = await fetch(`${this.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: account.phone, password: account.password }),
    });
    if (response.status !== 200)
      throw new Error(`bench sign-in failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('sl_session='));
    const body = (await response.json()) as { csrfToken: string };
    if (!cookie) throw new Error('bench sign-in answered no session cookie');
    return { ...account, cookie, csrfToken: body.csrfToken };
  }

  async sessions(kind: AccountKind, count: number): Promise<BenchSession[]> {
    const sessions: BenchSession[] = [];
    for (const account of await this.create(kind, count)) sessions.push(await this.signIn(account));
    return sessions;
  }
}
