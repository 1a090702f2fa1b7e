import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentsRoutes } from '../modules/attachments/attachments.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { dispatchRulesRoutes } from '../modules/dispatch-rules/dispatch-rules.routes.ts';
import { echoRoutes } from '../modules/echo/echo.routes.ts';
import { exportsRoutes } from '../modules/exports/exports.routes.ts';
import { ledgerImportRoutes } from '../modules/exports/ledger-import.routes.ts';
import { figuresRoutes } from '../modules/figures/figures.routes.ts';
import { hotlineImportRoutes } from '../modules/hotline-imports/hotline-imports.routes.ts';
import { householdImportRoutes } from '../modules/household-imports/household-imports.routes.ts';
import { ladderRoutes } from '../modules/ladder/ladder.routes.ts';
import { mattersRoutes } from '../modules/matters/matters.routes.ts';
import { meetingFollowThroughRoutes } from '../modules/meetings/follow-through.routes.ts';
import { meetingsRoutes } from '../modules/meetings/meetings.routes.ts';
import { notificationsRoutes } from '../modules/notifications/notifications.routes.ts';
import { partiesRoutes } from '../modules/parties/parties.routes.ts';
import { placesRoutes } from '../modules/places/places.routes.ts';
import { problemListRoutes } from '../modules/problem-list/problem-list.routes.ts';
import { problemsRoutes } from '../modules/problems/problems.routes.ts';
import { reportsRoutes } from '../modules/reports/reports.routes.ts';
import { residentsRoutes } from '../modules/residents/residents.routes.ts';
import { searchRoutes } from '../modules/search/search.routes.ts';
import { staffRoutes } from '../modules/staff/staff.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import { todayRoutes } from '../modules/today/today.routes.ts';
import { votesRoutes } from '../modules/votes/votes.routes.ts';

// Every capability's routes, in one list: a new module is one line here.
export const routeModules: FastifyPluginAsyncZod[] = [
  systemRoutes,
  authRoutes,
  placesRoutes,
  householdImportRoutes,
  residentsRoutes,
  partiesRoutes,
  staffRoutes,
  auditRoutes,
  mattersRoutes,
  problemsRoutes,
  notificationsRoutes,
  ladderRoutes,
  votesRoutes,
  meetingsRoutes,
  meetingFollowThroughRoutes,
  echoRoutes,
  figuresRoutes,
  searchRoutes,
  problemListRoutes,
  attachmentsRoutes,
  hotlineImportRoutes,
  dispatchRulesRoutes,
  reportsRoutes,
  exportsRoutes,
  ledgerImportRoutes,
  todayRoutes,
];
