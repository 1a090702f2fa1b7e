import { hash, verify } from '@node-rs/argon2';

// Argon2id (algorithm 2) with the library's defaults: 19 MiB memory, 2 passes — OWASP's minimum.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Verifying against a real hash when the account does not exist keeps the answer time the same,
// so the response time does not tell which phone numbers have accounts.
const decoy = hash('decoy-password-for-timing', { algorithm: ARGON2ID });

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await decoy, password);
    return false;
  }
  return verify(stored, password);
}
