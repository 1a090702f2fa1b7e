/** How many times a delivery is tried before it is marked failed. */
export const maxAttempts = 5;

/**
 * Waiting time before attempt `n + 1`, after `n` failed attempts: 30 s, 2 min, 8 min, 32 min, capped at
 * six hours. Growing by four spreads retries over a working morning without hammering a robot that is
 * rate-limiting us.
 */
export function retryDelayMs(failedAttempts: number, baseMs = 30_000): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(baseMs * 4 ** (n - 1), 6 * 60 * 60 * 1000);
}

/**
 * A failure worth trying again: no answer, busy, broken, or a robot that answered 200 with an error code in
 * its body (they report rate limits that way). A 4xx refuses what we sent and will refuse it again.
 */
export function retryable(status: number | null): boolean {
  if (status === null || status === 408 || status === 429 || status >= 500) return true;
  return status >= 200 && status < 300;
}
