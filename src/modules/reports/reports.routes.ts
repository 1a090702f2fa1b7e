import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pickLanguage } from '../../server/i18n.ts';
import { transact } from '../../server/transaction.ts';
import { monthlyReportDocx } from './report-docx.ts';
import { reportTitle } from './report-words.ts';
import { MonthlyQuery, MonthlyReport, ReportPlaces } from './reports.schemas.ts';
import { monthlyReport, reportPlaces } from './reports.service.ts';

const tags = ['reports'];

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { deps } = app;

  app.get(
    '/api/workbench/reports/places',
    {
      schema: {
        tags,
        summary: 'The streets and communities the caller may write a monthly report of',
        response: { 200: ReportPlaces },
      },
    },
    async (request) => transact(deps, request.actor, (tx) => reportPlaces(tx)),
  );

  app.get(
    '/api/workbench/reports/monthly',
    {
      schema: {
        tags,
        summary: '月报: a community’s or street’s month — figures, three rates, overdue, problem list, cases',
        querystring: MonthlyQuery,
        response: { 200: MonthlyReport },
      },
    },
    async (request) => {
      const language = pickLanguage(request.headers['accept-language']);
      return transact(deps, request.actor, (tx) => monthlyReport(tx, request.query, language));
    },
  );

  app.get(
    '/api/workbench/reports/monthly.docx',
    {
      schema: {
        tags,
        summary: '月报 as a Word document in the layout of Chinese office documents (GB/T 9704), with charts',
        querystring: MonthlyQuery,
      },
    },
    async (request, reply) => {
      // Read in one transaction, drawn after it: charts take a moment and hold no database connection.
      const report = await transact(deps, request.actor, (tx) => monthlyReport(tx, request.query, 'zh-CN'));
      const file = await monthlyReportDocx(report);
      const name = `${reportTitle(report)}.docx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'content-disposition',
          `attachment; filename="monthly-report-${report.month}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
};
