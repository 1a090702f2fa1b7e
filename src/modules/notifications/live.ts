import type { ServerResponse } from 'node:http';
import type { Db } from '../../db/transaction.ts';
import { type InboxRow, inboxAfter, latestSeq, noticesAfter } from './inbox.repo.ts';
import { onNoticesCommitted } from './signal.ts';

type Connection = {
  userId: string;
  res: ServerResponse;
  lastSent: number;
  /** Rows that arrived while the connection was still catching up; sent after, in order. */
  held: InboxRow[] | null;
};

const catchUpLimit = 200;
const perUser = 8;

/**
 * Server-Sent Events for open pages. One query per pulse reads every notice committed since the last one
 * (in this process or another server: the poll finds those) and writes each to its recipient's open
 * connections; the inbox `seq` is the event id a reconnecting browser sends back as `Last-Event-ID`.
 */
export class LiveHub {
  private readonly byUser = new Map<string, Set<Connection>>();
  private lastSeq = 0;
  private pulsing: Promise<void> | null = null;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly pollSeconds: number,
  ) {}

  async start(): Promise<void> {
    // A database still down at start must not keep the server from starting (it reports unready); the
    // first pulse with nobody listening learns where the inbox stands.
    this.lastSeq = await latestSeq(this.db).catch(() => 0);
    this.unsubscribe = onNoticesCommitted(() => void this.pulse());
    if (this.pollSeconds > 0) {
      const poll = setInterval(() => {
        if (this.byUser.size > 0) void this.pulse();
      }, this.pollSeconds * 1000);
      poll.unref();
      this.timers.push(poll);
    }
    // Proxies and WeChat's webview drop a silent connection; a comment every 25 s keeps it open.
    const ping = setInterval(() => this.broadcast(': ping\n\n'), 25_000);
    ping.unref();
    this.timers.push(ping);
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.unsubscribe?.();
    for (const set of this.byUser.values()) for (const c of set) c.res.end();
    this.byUser.clear();
  }

  get connectionCount(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /** Opens a stream for a user; sends what they missed after `lastEventId`, then what comes. */
  async open(userId: string, res: ServerResponse, lastEventId: number | null): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    const conn: Connection = { userId, res, lastSent: lastEventId ?? this.lastSeq, held: [] };
    this.add(conn);
    res.on('close', () => this.remove(conn));
    if (lastEventId !== null) {
      for (const row of await inboxAfter(this.db, userId, lastEventId, catchUpLimit)) this.send(conn, row);
    }
    const held = conn.held ?? [];
    conn.held = null;
    for (const row of held) this.send(conn, row);
  }

  /** Reads what was committed since the last pulse and writes it out. Pulses never overlap. */
  pulse(): Promise<void> {
    if (this.pulsing) {
      this.again = true;
      return this.pulsing;
    }
    this.pulsing = (async () => {
      try {
        do {
          this.again = false;
          // Nobody listening: only remember where the inbox stands, so the first page opened starts there.
          if (this.byUser.size === 0) {
            this.lastSeq = Math.max(this.lastSeq, await latestSeq(this.db));
            break;
          }
          const rows = await noticesAfter(this.db, this.lastSeq, 500);
          for (const row of rows) {
            this.lastSeq = Math.max(this.lastSeq, row.seq);
            for (const conn of this.byUser.get(row.userId) ?? []) {
              if (conn.held) conn.held.push(row);
              else this.send(conn, row);
            }
          }
          if (rows.length === 500) this.again = true;
        } while (this.again);
      } catch {
        // The next pulse tries again; a database hiccup must not close anyone's page.
      } finally {
        this.pulsing = null;
      }
    })();
    return this.pulsing;
  }

  private send(conn: Connection, row: InboxRow) {
    if (row.seq <= conn.lastSent) return;
    conn.lastSent = row.seq;
    conn.res.write(`id: ${row.seq}\nevent: notice\ndata: ${JSON.stringify(row)}\n\n`);
  }

  private add(conn: Connection) {
    const set = this.byUser.get(conn.userId) ?? new Set();
    // A user with many tabs open keeps the newest few; the oldest is closed and reconnects if still wanted.
    if (set.size >= perUser) {
      const oldest = set.values().next().value;
      if (oldest) {
        oldest.res.end();
        set.delete(oldest);
      }
    }
    set.add(conn);
    this.byUser.set(conn.userId, set);
  }

  private remove(conn: Connection) {
    const set = this.byUser.get(conn.userId);
    if (!set) return;
    set.delete(conn);
    if (set.size === 0) this.byUser.delete(conn.userId);
  }

  private broadcast(text: string) {
    for (const set of this.byUser.values()) for (const c of set) c.res.write(text);
  }
}
