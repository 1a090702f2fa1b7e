import { ApiError } from '../api.ts';
import { i18n } from '../i18n/index.ts';

/** What to tell the user about a refused request that no form field can show. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('errors.unknown');
  return error.problem.errors?.[0]?.message ?? error.problem.title;
}
