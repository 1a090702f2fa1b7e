import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  type ErrorCode,
  type FieldError,
  isFieldMessageKey,
  problemTitle,
  translateField,
} from './errors.ts';
import { type Language, pickLanguage } from './i18n.ts';
import { storageFault } from './storage-health.ts';

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

type ValidationItem = {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
};

/** The field path of a validation item, with the part of the request it came from (body, query, params). */
function fieldPath(item: ValidationItem, context: string | undefined): string {
  const path = item.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const prefix = context && context !== 'body' ? `${context}.` : '';
  return `${prefix}${path}`;
}

function zodMessage(item: ValidationItem, language: Language): string {
  if (item.message && isFieldMessageKey(item.message))
    return translateField({ field: '', message: item.message }, language);
  const issue = { code: item.keyword, path: [], message: item.message ?? '', ...(item.params ?? {}) };
  const map = zodLocales[language].localeError as (
    issue: unknown,
  ) => string | { message: string } | undefined;
  const localized = map(issue);
  if (typeof localized === 'string') return localized;
  return localized?.message ?? item.message ?? item.keyword;
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
};

export function problemOf(error: AppError, language: Language, instance?: string): Problem {
  const problem: Problem = {
    type: `https://shangliang.org/problems/${error.code}`,
    title: problemTitle(error.code, language, error.params),
    status: error.status,
    code: error.code,
    instance,
    ...error.extra,
  };
  if (error.fields.length > 0) {
    problem.errors = error.fields.map((f: FieldError) => ({
      field: f.field,
      message: translateField(f, language),
    }));
  }
  return problem;
}

/** Turns anything thrown into an RFC 9457 problem document; unknown errors become 500 with a log line. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const language = pickLanguage(request.headers['accept-language']);
  let appError: AppError;
  let localizedFields: { field: string; message: string }[] | undefined;

  if (error instanceof AppError) {
    appError = error;
  } else if (hasZodFastifySchemaValidationErrors(error)) {
    appError = new AppError('validation_failed');
    const context = (error as FastifyError & { validationContext?: string }).validationContext;
    localizedFields = (error.validation as unknown as ValidationItem[]).map((item) => ({
      field: fieldPath(item, context),
      message: zodMessage(item, language),
    }));
  } else if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    appError = new AppError('malformed_body');
  } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    appError = new AppError('body_too_large');
  } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    appError = new AppError('unsupported_media_type');
  } else if (error.statusCode === 429) {
    appError = new AppError('rate_limited');
  } else if (error instanceof SyntaxError && error.statusCode === 400) {
    appError = new AppError('malformed_body');
  } else if (storageFault(error)) {
    const fault = storageFault(error) ?? 'unreachable';
    request.server.storageHealth.report(fault);
    request.log.error({ err: error, fault }, 'storage fault');
    appError = new AppError(fault === 'full' ? 'storage_full' : 'unavailable');
  } else if (error.statusCode === 403 || error.statusCode === 404) {
    // A path the static file server refuses (too long, outside its root) is simply not there.
    appError = new AppError('route_not_found');
  } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    appError = new AppError('malformed_body');
  } else {
    request.log.error({ err: error }, 'unhandled error');
    appError = new AppError('internal');
  }

  const problem = problemOf(appError, language, request.url);
  if (localizedFields) problem.errors = localizedFields;
  if ((appError.code === 'rate_limited' || appError.code === 'overloaded') && !reply.hasHeader('retry-after'))
    reply.header('retry-after', '60');
  if (appError.code === 'storage_full' || appError.code === 'unavailable') reply.header('retry-after', '30');
  return reply.status(appError.status).type('application/problem+json; charset=utf-8').send(problem);
}
