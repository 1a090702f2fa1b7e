import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pickLanguage } from '../../server/i18n.ts';
import { transact } from '../../server/transaction.ts';
import { ExportWorker } from './export-worker.ts';
import { ExportIdParams, ExportJobList, ExportJobView, ExportRequest } from './exports.schemas.ts';
import {
  contentDisposition,
  downloadable,
  jobView,
  myJobs,
  ownJob,
  requestExport,
} from './exports.service.ts';

const tags = ['exports'];
const mime = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export const exportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;
  const db = deps.database.db;
  // This server's runner of export jobs; where EXPORT_WORKER is off, another server's runs them.
  const worker = deps.config.EXPORT_WORKER === 'on' ? new ExportWorker(deps, app.log) : null;
  app.addHook('onReady', async () => worker?.start());
  app.addHook('preClose', async () => worker?.stop());

  app.post(
    '/api/workbench/exports',
    {
      schema: {
        tags,
        summary:
          'Export a workbench list (matters, problems, orders, figures) as XLSX or CSV, filtered by the ' +
          "list's own query and with the privacy of the screen. Runs in the background: poll the job.",
        body: ExportRequest,
        response: { 202: ExportJobView },
      },
    },
    async (request, reply) => {
      const language = pickLanguage(request.headers['accept-language']);
      const id = await transact(deps, request.actor, (tx) => requestExport(tx, request.body, language));
      worker?.wake();
      const job = await ownJob(db, request.actor, id);
      return reply.status(202).send(jobView(job, language, new Date()));
    },
  );

  app.get(
    '/api/workbench/exports',
    {
      schema: { tags, summary: 'My exports of the last day, newest first', response: { 200: ExportJobList } },
    },
    async (request) => {
      const language = pickLanguage(request.headers['accept-language']);
      const now = new Date();
      return { items: (await myJobs(db, request.actor, now)).map((j) => jobView(j, language, now)) };
    },
  );

  app.get(
    '/api/workbench/exports/:id',
    {
      schema: {
        tags,
        summary: 'One of my exports: its progress (rows done of rows expected), then its download link',
        params: ExportIdParams,
        response: { 200: ExportJobView },
      },
    },
    async (request) =>
      jobView(
        await ownJob(db, request.actor, request.params.id),
        pickLanguage(request.headers['accept-language']),
        new Date(),
      ),
  );

  app.get(
    '/api/workbench/exports/:id/file',
    {
      schema: {
        tags,
        summary:
          'The exported file, for the account that asked only, until EXPORT_LINK_MINUTES after it was ' +
          'finished (410 after)',
        params: ExportIdParams,
      },
    },
    async (request, reply) => {
      const { job, file } = await downloadable(db, deps.config, request.actor, request.params.id, new Date());
      if (job.bytes !== null) reply.header('content-length', job.bytes);
      return reply
        .header('content-type', mime[job.format === 'csv' ? 'csv' : 'xlsx'])
        .header('content-disposition', contentDisposition(job))
        .header('cache-control', 'private, no-store')
        .send(fs.createReadStream(file));
    },
  );
};
