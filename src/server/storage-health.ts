// What the database told us about its storage, kept so that /readyz can say "not now" to the balancer.
// A full disk or an unreachable database is not a bug in the request: the client hears 503 with what
// happened, the write is not acknowledged (its transaction rolled back), and the server reports unready.

export type StorageFault = 'full' | 'unreachable';

const pgConnectionCodes = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const nodeConnectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE']);

/** Whether an error is the storage failing (full, gone) rather than the request being wrong. */
export function storageFault(error: unknown): StorageFault | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = String((error as { message?: unknown }).message ?? '');
  if (code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC') return 'full';
  if (pgConnectionCodes.has(code) || nodeConnectionCodes.has(code)) return 'unreachable';
  if (/Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message))
    return 'unreachable';
  return null;
}

/** Remembers the last storage fault until a write succeeds again, or `holdMs` passes without another. */
export class StorageHealth {
  private fault: { kind: StorageFault; at: number } | null = null;

  constructor(private readonly holdMs = 30_000) {}

  report(kind: StorageFault): void {
    this.fault = { kind, at: Date.now() };
  }

  writeSucceeded(): void {
    this.fault = null;
  }

  current(): StorageFault | null {
    if (this.fault && Date.now() - this.fault.at > this.holdMs) this.fault = null;
    return this.fault?.kind ?? null;
  }
}
