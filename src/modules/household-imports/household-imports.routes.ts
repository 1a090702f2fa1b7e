import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const householdImportRoutes: FastifyPluginAsyncZod = async () => {};
