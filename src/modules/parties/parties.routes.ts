import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const partiesRoutes: FastifyPluginAsyncZod = async () => {};
