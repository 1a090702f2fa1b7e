// The photos of a form waiting in the outbox, kept in IndexedDB (localStorage holds text only, and too
// little of it): a phone that loses its connection, or is switched off, still has them when it sends.
// Where IndexedDB is missing (some in-app browsers in private mode) they are kept for this page only.

export type StoredPhoto = { name: string; blob: Blob };

const DB_NAME = 'shangliang';
const STORE = 'outboxPhotos';
const memory = new Map<string, StoredPhoto[]>();

function open(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
  });
}

async function run<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T | undefined> {
  const db = await open();
  if (!db) return undefined;
  return new Promise((resolve, reject) => {
    const request = work(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function keepPhotos(key: string, photos: StoredPhoto[]) {
  memory.set(key, photos);
  if (photos.length === 0) return;
  try {
    await run('readwrite', (store) => store.put(photos, key));
  } catch {
    // Kept in memory: they still go if the page stays open.
  }
}

export async function photosOf(key: string): Promise<StoredPhoto[]> {
  try {
    const stored = await run<StoredPhoto[]>('readonly', (store) => store.get(key));
    if (stored) return stored;
  } catch {
    // fall back to what this page holds
  }
  return memory.get(key) ?? [];
}

export async function forgetPhotos(key: string) {
  memory.delete(key);
  try {
    await run('readwrite', (store) => store.delete(key));
  } catch {
    // nothing kept
  }
}
