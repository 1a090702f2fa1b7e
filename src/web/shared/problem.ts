import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, showFieldErrors } from '../api.ts';
import { i18n } from '../i18n/index.ts';

/** What to tell the user about a refused request that no form field can show. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('errors.unknown');
  return error.problem.errors?.[0]?.message ?? error.problem.title;
}

/**
 * What a form does with a refusal: field errors beside their fields, anything else (a 409 because someone
 * else acted first, a 403) as a message — never silently dropped.
 */
export function useRefusal(form: FormInstance) {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      if (!showFieldErrors(form, error)) void message.error(problemText(error));
    },
    [form, message],
  );
}
