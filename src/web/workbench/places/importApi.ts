import type {
  ImportPreviewView,
  ImportResultView,
  StreamLine,
} from '../../../modules/household-imports/household-imports.schemas.ts';
import { ApiError, type Problem } from '../../api.ts';
import { i18n } from '../../i18n/index.ts';

// Uploads go as multipart/form-data, which api() (JSON only) does not send; the commit's reply is a stream
// of NDJSON progress lines. Both carry the session's CSRF token as api() does.

function headers(csrfToken: string, accept?: string): Record<string, string> {
  return { 'accept-language': i18n.language, 'x-csrf-token': csrfToken, ...(accept ? { accept } : {}) };
}

function formOf(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

async function problemOf(response: Response): Promise<ApiError> {
  const problem = (await response.json().catch(() => null)) as Problem | null;
  return new ApiError(
    problem ?? { title: i18n.t('errors.unknown'), status: response.status, code: 'unknown' },
  );
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    const response = await fetch(url, { ...init, method: 'POST', credentials: 'same-origin' });
    if (!response.ok) throw await problemOf(response);
    return response;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError({ title: i18n.t('errors.network'), status: 0, code: 'network' });
  }
}

/** Posts a sheet and reads the JSON answer. */
export async function postSheet<T>(url: string, file: File, csrfToken: string): Promise<T> {
  const response = await send(url, { headers: headers(csrfToken), body: formOf(file) });
  return (await response.json()) as T;
}

/** Posts a sheet asking for NDJSON progress; calls onProgress per line and resolves with the result line. */
export async function postSheetWithProgress<R>(
  url: string,
  file: File,
  csrfToken: string,
  onProgress: (done: number, total: number) => void,
): Promise<R> {
  const response = await send(url, {
    headers: headers(csrfToken, 'application/x-ndjson'),
    body: formOf(file),
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffered += value ?? '';
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as StreamLine<R>;
      if (line.type === 'progress') onProgress(line.done, line.total);
      else if (line.type === 'result') return line.result;
      else throw new ApiError(line.problem);
    }
    if (done) throw new ApiError({ title: i18n.t('errors.network'), status: 0, code: 'network' });
  }
}

export function previewImport(placeId: string, file: File, csrfToken: string): Promise<ImportPreviewView> {
  return postSheet(`/api/household-imports/preview?placeId=${encodeURIComponent(placeId)}`, file, csrfToken);
}

/** Commits the previewed file, calling onProgress as batches are written; resolves with the result. */
export function commitImport(
  placeId: string,
  file: File,
  hash: string,
  csrfToken: string,
  onProgress: (done: number, total: number) => void,
): Promise<ImportResultView> {
  return postSheetWithProgress(
    `/api/household-imports?placeId=${encodeURIComponent(placeId)}&hash=${hash}`,
    file,
    csrfToken,
    onProgress,
  );
}
