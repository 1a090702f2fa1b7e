import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sessionPlugin } from '../modules/auth/session.plugin.ts';
import { LogSmsProvider, type SmsProvider } from '../modules/auth/sms.ts';
import type { App, AppDeps } from './app-types.ts';
import { AppError } from './errors.ts';
import { shedLoad } from './load-shedding.ts';
import { routeModules } from './modules.ts';
import { errorHandler } from './problem.ts';
import { securityHeaders } from './security-headers.ts';
import { StorageHealth } from './storage-health.ts';
import { refuseNulCharacters } from './unstorable-text.ts';

export async function buildApp(
  input: Omit<AppDeps, 'sms'> & { sms?: SmsProvider; logStream?: { write(line: string): void } },
): Promise<App> {
  const { config } = input;
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      // Secrets and personal data never reach the log.
      redact: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      ...(input.logStream ? { stream: input.logStream } : {}),
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: true,
    // A client silent this long mid-request (slowloris) is cut off; long-lived streams (SSE) send
    // heartbeats more often than this.
    connectionTimeout: Math.round(config.REQUEST_TIMEOUT_SECONDS * 1000),
    requestTimeout: Math.round(config.REQUEST_TIMEOUT_SECONDS * 1000),
  }).withTypeProvider<ZodTypeProvider>();

  const { logStream: _, ...given } = input;
  const deps: AppDeps = { ...given, sms: given.sms ?? new LogSmsProvider(app.log) };
  app.decorate('deps', deps);
  app.decorate('storageHealth', new StorageHealth());
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 300) app.storageHealth.writeSucceeded();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  securityHeaders(app);
  shedLoad(app, config.MAX_IN_FLIGHT);
  await app.register(cookie);
  await app.register(rateLimit, {
    // Writes per client address; reads are not limited here. A benchmark raises WRITES_PER_MINUTE.
    max: config.WRITES_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (request) =>
      request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS',
  });
  await app.register(sessionPlugin);
  app.addHook('preValidation', refuseNulCharacters);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Shangliang 商量 API',
        description: 'Grassroots consultation and community governance. Errors are RFC 9457 problem+json.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Every route the app serves, so the authorisation matrix can prove none was left out.
  const routeList: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && route.url.startsWith('/api/')) routeList.push({ method, url: route.url });
    }
  });
  app.decorate('routeList', routeList);
  for (const routes of routeModules) await app.register(routes);

  await registerWeb(app, path.resolve(config.WEB_DIST));

  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && webIndexExists(config.WEB_DIST);
    if (isPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    throw new AppError('route_not_found', {
      params: { method: request.method, url: request.url.split('?')[0] ?? '' },
    });
  });

  return app;
}

function webIndexExists(dist: string) {
  return fs.existsSync(path.join(path.resolve(dist), 'index.html'));
}

async function registerWeb(app: App, dist: string) {
  if (!fs.existsSync(dist)) {
    app.log.warn({ dist }, 'web app not built (npm run build:web); serving the API only');
    fs.mkdirSync(dist, { recursive: true });
  }
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: true,
    index: 'index.html',
    // The build writes brotli and gzip copies: a phone on a slow line gets a quarter of the bytes.
    preCompressed: true,
    setHeaders: (reply, file) => {
      // Assets are named by their content: kept for a year. The page itself is asked for again each time,
      // so a new release reaches every phone.
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
