import type { FastifyReply } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

type Entry = {
  /** When the answer arrived; undefined while it is being computed. */
  at?: number;
  value: Promise<unknown>;
  /** The next answer, being computed while this one is still served. */
  refreshing?: boolean;
};

/**
 * The answers of the public pages (echo wall, figures), kept for a moment per server: a community's wall
 * opened from a WeChat group is read by hundreds at once, and each reads the same thing. A miss computes
 * once for everyone waiting on it. An answer older than `ttlMs` is still served while one request computes
 * its successor (stale-while-revalidate), so readers never queue behind a slow computation once the first
 * answer exists: an answer is at most `ttlMs` plus one computation old. Publishing clears it on this server.
 */
export class PublicCache {
  private readonly entries = new Map<string, Entry>();
  /** Moves on at every clear, so an answer computed before a publication is not kept after it. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly max = 2_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const hit = this.entries.get(key);
    if (!hit) return this.start(key, compute) as Promise<T>;
    const fresh = hit.at === undefined || this.clock() - hit.at < this.ttlMs;
    if (!fresh && !hit.refreshing) {
      hit.refreshing = true;
      const generation = this.generation;
      const next = compute();
      // The old answer stays until the new one is there; a failed refresh is tried again by the next reader.
      next.then(
        () => {
          if (generation === this.generation) this.keep(key, { at: this.clock(), value: next });
        },
        () => {
          hit.refreshing = false;
        },
      );
    }
    return hit.value as Promise<T>;
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }

  private start(key: string, compute: () => Promise<unknown>) {
    const entry: Entry = { value: compute() };
    this.keep(key, entry);
    entry.value.then(
      () => {
        entry.at = this.clock();
      },
      // A failed computation is not kept.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  private keep(key: string, entry: Entry) {
    this.entries.delete(key);
    this.entries.set(key, entry);
    // Oldest first out: Map keeps insertion order.
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * The route's own response serialiser (the schema's encode, then JSON), for an answer that is cached: it
 * runs once per computed answer rather than once per request, and the cache keeps the text. The schema
 * still lists every field that may leave the server, and stays the route's schema in the OpenAPI document.
 */
export function jsonOf<T>(schema: z.ZodType<T>, url: string): (value: T) => string {
  const serialize = serializerCompiler({ schema, method: 'GET', url, httpStatus: '200' });
  return (value) => serialize(value) as string;
}

/** Browsers and proxies may keep a public answer this long too: a newly published problem shows within it. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=2';

/** Sends a public answer that is already JSON text (see `jsonOf`). */
export function sendPublicJson(reply: FastifyReply, text: string) {
  return reply
    .header('cache-control', PUBLIC_CACHE_CONTROL)
    .type('application/json; charset=utf-8')
    .send(text);
}
