import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../server/app-types.ts';
import { deliverDue } from './deliver.ts';
import { sendDigests } from './digest.ts';
import { remindNearDeadlines } from './reminders.ts';
import { onNoticesCommitted } from './signal.ts';

/**
 * The work notices need after commit: sending queued deliveries (right after a commit of this process, and
 * every NOTIFY_POLL_SECONDS for retries and for other servers' commits) and the daily digests. A failing
 * channel is logged and retried; it never reaches a request.
 */
export function startNotificationWork(deps: AppDeps, log: FastifyBaseLogger): () => void {
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          // A full batch means more may be due at once.
          if ((await deliverDue(deps)) === 20) again = true;
        } while (again);
      } catch (error) {
        log.error({ err: error }, 'notification delivery failed');
      } finally {
        running = null;
      }
    })();
  };
  const unsubscribe = onNoticesCommitted(() => setImmediate(run));
  const timers: NodeJS.Timeout[] = [];
  const seconds = deps.config.NOTIFY_POLL_SECONDS;
  if (seconds > 0) {
    const poll = setInterval(run, seconds * 1000);
    poll.unref();
    timers.push(poll);
    // Clock-driven notices: the daily digests and the reminders of near deadlines, once a minute at most.
    const digests = setInterval(
      () =>
        void sendDigests(deps)
          .then(() => remindNearDeadlines(deps))
          .catch((error) => log.error({ err: error }, 'digest or reminder failed')),
      Math.max(seconds, 60) * 1000,
    );
    digests.unref();
    timers.push(digests);
  }
  return () => {
    unsubscribe();
    for (const t of timers) clearInterval(t);
  };
}
