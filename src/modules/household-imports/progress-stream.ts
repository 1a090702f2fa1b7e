import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../server/errors.ts';
import { pickLanguage } from '../../server/i18n.ts';
import { problemOf } from '../../server/problem.ts';
import type { ImportStreamLine, StreamLine } from './household-imports.schemas.ts';

export const NDJSON = 'application/x-ndjson';

export function wantsProgress(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes(NDJSON);
}

const line = <R>(value: StreamLine<R>) => `${JSON.stringify(value)}\n`;

/**
 * Runs a long job and streams its progress as NDJSON lines. On SQLite the one connection is held by the
 * job's transaction, so progress cannot be polled from the database while it runs; it travels in the
 * response instead. A refusal before the first progress line (permission, a bad row) is an ordinary
 * problem+json reply with its status; anything later ends the stream with an error line.
 */
export async function streamProgress<T, R = Extract<ImportStreamLine, { type: 'result' }>['result']>(
  request: FastifyRequest,
  reply: FastifyReply,
  run: (report: (done: number, total: number) => Promise<void>) => Promise<T>,
  toResult: (value: T) => R,
) {
  const stream = new PassThrough();
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const job = run(async (done, total) => {
    markStarted();
    stream.write(line<R>({ type: 'progress', done, total }));
    // Let the socket send the line before the next batch: better-sqlite3 never yields on its own.
    await new Promise<void>((resolve) => setImmediate(resolve));
  });
  await Promise.race([started, job]);
  job.then(
    (value) => stream.end(line<R>({ type: 'result', result: toResult(value) })),
    (error: unknown) => {
      if (!(error instanceof AppError)) request.log.error({ err: error }, 'import failed');
      const appError = error instanceof AppError ? error : new AppError('internal');
      const problem = problemOf(appError, pickLanguage(request.headers['accept-language']), request.url);
      stream.end(line<R>({ type: 'error', problem }));
    },
  );
  return reply.type(`${NDJSON}; charset=utf-8`).send(stream);
}
