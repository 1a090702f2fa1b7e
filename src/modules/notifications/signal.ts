/**
 * Tells the live-update hub and the deliverer of this process that notices were committed, so they act at
 * once instead of at their next poll. Other servers' notices are found by that poll.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function onNoticesCommitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function noticesCommitted(): void {
  for (const listener of listeners) listener();
}
