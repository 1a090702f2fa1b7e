import type { FastifyRequest } from 'fastify';
import type { App } from './app-types.ts';
import { AppError } from './errors.ts';

// Under overload the server answers at once with 503 and Retry-After instead of letting requests queue
// until clients time out: a bound on requests in flight (waiting for the database included) bounds how
// long any accepted request waits, about MAX_IN_FLIGHT ÷ throughput. The load balancer's probes pass.

/** Seconds a shed client waits before trying again: soon, the overload is usually a burst. */
export const SHED_RETRY_AFTER_SECONDS = 1;
const PROBES = new Set(['/healthz', '/readyz']);

// The routes that hold a page's live stream open; the header alone would let any request skip the bound.
const LIVE_STREAMS = new Set(['/api/notifications/stream']);
const isLiveStream = (request: FastifyRequest) =>
  LIVE_STREAMS.has(request.routeOptions.url ?? '') &&
  (request.headers.accept ?? '').includes('text/event-stream');

export function shedLoad(app: App, maxInFlight: number) {
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    // A live stream (Server-Sent Events) is held open for as long as its page: it is not work in flight.
    if (PROBES.has(request.url) || isLiveStream(request)) return;
    if (inFlight >= maxInFlight) {
      reply.header('retry-after', String(SHED_RETRY_AFTER_SECONDS));
      throw new AppError('overloaded');
    }
    inFlight++;
    // The response's 'close' comes once in every case (answered, failed, client gone), where Fastify's
    // onResponse and onRequestAbort hooks left some requests counted for good.
    reply.raw.once('close', () => inFlight--);
  });
}
