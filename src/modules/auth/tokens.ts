import crypto from 'node:crypto';

/** 256 random bits, URL-safe: session tokens, CSRF tokens, invitation tokens. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a copy of the database holds none that work. */
export function tokenDigest(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function newSmsCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
