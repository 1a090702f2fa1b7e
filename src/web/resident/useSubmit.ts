import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, showFieldErrors } from '../api.ts';

/**
 * Runs a form's action: field errors from the server go beside their fields (what was typed stays), any
 * other refusal becomes one message for the whole form.
 */
export function useSubmit<T>(form: FormInstance<T>, action: (values: T) => Promise<void>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function submit(values: T) {
    setBusy(true);
    setProblem(null);
    try {
      await action(values);
    } catch (error) {
      if (!showFieldErrors(form, error))
        setProblem(error instanceof ApiError ? error.problem.title : t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  }
  return { busy, problem, submit };
}
