/**
 * The answers of the public pages (echo wall, figures), kept for a moment per server: a community's wall
 * opened from a WeChat group is read by hundreds at once, and each reads the same thing. A miss computes
 * once for everyone waiting on it. Staleness is bounded by `ttlMs`; publishing clears it on this server.
 */
export class PublicCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 2_000,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    // A failed computation is not kept.
    value.catch(() => this.entries.delete(key));
    // Oldest first out: Map keeps insertion order.
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  clear() {
    this.entries.clear();
  }
}
