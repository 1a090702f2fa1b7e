import { ApiError, api, uploadPhoto } from '../../api.ts';
import { forgetPhotos, keepPhotos, photosOf, type StoredPhoto } from './photo-store.ts';

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
  photoIds?: string[];
};
/**
 * A form waiting to go. Its photos wait in IndexedDB until uploaded; their ids are then kept here, so a
 * resend names the same photos and the server's Idempotency-Key replay sees the same request.
 */
export type Pending = { key: string; body: MatterBody; savedAt: string; photoCount?: number };

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

export type { StoredPhoto };

export async function enqueue(body: MatterBody, photos: StoredPhoto[] = []): Promise<Pending> {
  const item = { key: newKey(), body, savedAt: new Date().toISOString(), photoCount: photos.length };
  await keepPhotos(item.key, photos);
  savePending([...pending(), item]);
  return item;
}

const update = (item: Pending) => savePending(pending().map((p) => (p.key === item.key ? item : p)));

/** Uploads the photos of a waiting form once, remembering their ids for every later attempt. */
async function withPhotos(item: Pending): Promise<MatterBody> {
  if (!item.photoCount || item.body.photoIds) return item.body;
  const photos = await photosOf(item.key);
  const ids: string[] = [];
  for (const photo of photos) ids.push((await uploadPhoto(photo.blob, photo.name)).id);
  const body = { ...item.body, photoIds: ids };
  update({ ...item, body });
  return body;
}

export type SendResult = {
  sent: number;
  waiting: number;
  refused: { item: Pending; error: ApiError; photos: StoredPhoto[] } | null;
};

/** Sends what waits, oldest first. A lost connection leaves it waiting; a refusal hands it back to the form. */
export async function flush(): Promise<SendResult> {
  let sent = 0;
  for (const item of pending()) {
    try {
      const body = await withPhotos(item);
      await api('/api/matters', { body, headers: { 'idempotency-key': item.key } });
      savePending(pending().filter((p) => p.key !== item.key));
      await forgetPhotos(item.key);
      sent++;
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.problem.status >= 400 &&
        error.problem.status < 500 &&
        error.problem.status !== 429
      ) {
        // The form gets back what was typed and the photos chosen, to correct and send again.
        const photos = await photosOf(item.key);
        savePending(pending().filter((p) => p.key !== item.key));
        await forgetPhotos(item.key);
        return { sent, waiting: pending().length, refused: { item, error, photos } };
      }
      return { sent, waiting: pending().length, refused: null };
    }
  }
  return { sent, waiting: 0, refused: null };
}
