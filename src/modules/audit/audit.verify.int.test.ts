import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { makeUser, signIn } from '../../../test/factories.ts';
import { verifyAuditChain } from './audit.service.ts';

const run = promisify(execFile);
let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  for (let i = 0; i < 3; i++) {
    const user = await makeUser(t.database);
    await signIn(t.app, user.phone, user.password);
  }
});
afterAll(() => t.close());

async function auditVerify() {
  // The command an operator runs, against the same database file.
  const env = { ...process.env, DATABASE_URL: t.database.label, LOG_LEVEL: 'silent' };
  return run(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { env }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

describe('the tamper-evident audit log', () => {
  it('verifies an untouched chain, by the service and by `npm run audit:verify`', async () => {
    const result = await verifyAuditChain(t.database.db);
    expect(result).toMatchObject({ ok: true, checked: 3, firstBroken: null });
    if (t.database.dialect === 'sqlite') {
      const cli = await auditVerify();
      expect(cli.code).toBe(0);
      expect(cli.out).toContain('3 entries verified');
    }
  });

  it('names the first entry someone altered in the database', async () => {
    await sql`update audit_log set action = 'auth.nothing_happened' where seq = 2`.execute(t.database.db);
    const result = await verifyAuditChain(t.database.db);
    expect(result).toMatchObject({ ok: false, checked: 1, firstBroken: { seq: 2, reason: 'hash_mismatch' } });
    if (t.database.dialect === 'sqlite') {
      const cli = await auditVerify();
      expect(cli.code).toBe(1);
      expect(cli.out).toContain('BROKEN at entry #2');
    }
  });
});
