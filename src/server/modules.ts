import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentsRoutes } from '../modules/attachments/attachments.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { dispatchRulesRoutes } from '../modules/dispatch-rules/dispatch-rules.routes.ts';
import { hotlineImportRoutes } from '../modules/hotline-imports/hotline-imports.routes.ts';
import { householdImportRoutes } from '../modules/household-imports/household-imports.routes.ts';
import { mattersRoutes } from '../modules/matters/matters.routes.ts';
import { partiesRoutes } from '../modules/parties/parties.routes.ts';
import { placesRoutes } from '../modules/places/places.routes.ts';
import { problemsRoutes } from '../modules/problems/problems.routes.ts';
import { residentsRoutes } from '../modules/residents/residents.routes.ts';
import { staffRoutes } from '../modules/staff/staff.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';

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
  attachmentsRoutes,
  hotlineImportRoutes,
  dispatchRulesRoutes,
];
