import { ApiError, api } from '../../api.ts';

// A resident's phone inside WeChat loses its connection in a stairwell. What was typed is kept as a draft;
// a form sent without an answer waits in the outbox and goes again, with the same Idempotency-Key, so
// the server stores it once however often it arrives.

const DRAFT_KEY = 'shangliang.matterDraft';
const OUTBOX_KEY = 'shangliang.matterOutbox';

export type MatterBody = {
  kind: string;
  category: string;
  title?: string;
  text: string;
  placeId?: string;
  hideName: boolean;
};
export type Pending = { key: string; body: MatterBody; savedAt: string };

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export const loadDraft = () => read<Partial<MatterBody> | null>(DRAFT_KEY, null);
export const saveDraft = (values: Partial<MatterBody>) =>
  localStorage.setItem(DRAFT_KEY, JSON.stringify(values));
export const clearDraft = () => localStorage.removeItem(DRAFT_KEY);
export const pending = () => read<Pending[]>(OUTBOX_KEY, []);
const savePending = (items: Pending[]) => localStorage.setItem(OUTBOX_KEY, JSON.stringify(items));

/** A random key that works on a plain-HTTP office network too, where crypto.randomUUID is missing. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function enqueue(body: MatterBody): Pending {
  const item = { key: newKey(), body, savedAt: new Date().toISOString() };
  savePending([...pending(), item]);
  return item;
}

export type SendResult = {
  sent: number;
  waiting: number;
  refused: { item: Pending; error: ApiError } | null;
};

/** Sends what waits, oldest first. A lost connection leaves it waiting; a refusal hands it back to the form. */
export async function flush(): Promise<SendResult> {
  let sent = 0;
  for (const item of pending()) {
    try {
      await api('/api/matters', { body: item.body, headers: { 'idempotency-key': item.key } });
      savePending(pending().filter((p) => p.key !== item.key));
      sent++;
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.problem.status >= 400 &&
        error.problem.status < 500 &&
        error.problem.status !== 429
      ) {
        savePending(pending().filter((p) => p.key !== item.key));
        return { sent, waiting: pending().length, refused: { item, error } };
      }
      return { sent, waiting: pending().length, refused: null };
    }
  }
  return { sent, waiting: 0, refused: null };
}
