import type { FormInstance } from 'antd';
import { i18n } from './i18n/index.ts';

/** An RFC 9457 problem from the server, with its field-level errors already in the user's language. */
export type Problem = {
  title: string;
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
};

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { 'accept-language': i18n.language, ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ title: i18n.t('errors.network'), status: 0, code: 'network' });
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (payload as Problem | null) ?? {
      title: i18n.t('errors.unknown'),
      status: response.status,
      code: 'unknown',
    };
    throw new ApiError(problem);
  }
  return payload as T;
}

/**
 * Puts the server's field errors beside the fields of an Ant Design form; what was typed stays.
 * Returns false when the error names no field, so the caller shows it as a whole.
 */
export function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return false;
  // "options.2.label" is the third row of a Form.List: antd names list rows by number, not by string.
  const path = (field: string) =>
    field
      .split('.')
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const onForm = error.problem.errors.filter((e) => registered.has(path(e.field).join('.')));
  form.setFields(onForm.map((e) => ({ name: path(e.field), errors: [e.message] })));
  // An error about a field this form does not show must not vanish: the caller shows it as a message.
  return onForm.length === error.problem.errors.length;
}

/** A photo as POST /api/attachments answers: the id a form names it by, and where to see it. */
export type UploadedPhoto = { id: string; url: string; mime: string; bytes: number };

/** Uploads one photo as multipart/form-data, with the session's CSRF token as api() sends it. */
export async function uploadPhoto(photo: Blob, fileName: string): Promise<UploadedPhoto> {
  const form = new FormData();
  form.append('photo', photo, fileName);
  const headers: Record<string, string> = { 'accept-language': i18n.language };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch('/api/attachments', {
      method: 'POST',
      headers,
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ title: i18n.t('errors.network'), status: 0, code: 'network' });
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok)
    throw new ApiError(
      (payload as Problem | null) ?? {
        title: i18n.t('errors.unknown'),
        status: response.status,
        code: 'unknown',
      },
    );
  return payload as UploadedPhoto;
}
