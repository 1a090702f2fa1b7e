import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';

// Every capability's routes, in one list: a new module is one line here.
export const routeModules: FastifyPluginAsyncZod[] = [systemRoutes, authRoutes];
