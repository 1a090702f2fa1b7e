import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';

export type Notice = {
  seq: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  problemId: string | null;
  createdAt: string;
  readAt: string | null;
};

type Listener = (notice: Notice) => void;
type Live = {
  unread: number;
  /** Asks the server again, after marking read here or elsewhere. */
  refreshUnread(): Promise<void>;
  subscribe(listener: Listener): () => void;
};

const LiveContext = createContext<Live>({
  unread: 0,
  refreshUnread: async () => {},
  subscribe: () => () => {},
});

/**
 * One live stream per open page while signed in. The browser's EventSource reconnects by itself and sends
 * the last event id back, so the server catches the page up on what it missed.
 */
export function LiveNoticesProvider({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const userId = session?.user.id ?? null;
  const [unread, setUnread] = useState(0);
  const listeners = useRef(new Set<Listener>());

  const refreshUnread = useCallback(async () => {
    if (!userId) return;
    const { unread: count } = await api<{ unread: number }>('/api/notifications/unread-count');
    setUnread(count);
  }, [userId]);

  useEffect(() => {
    if (!userId || typeof EventSource === 'undefined') return;
    void refreshUnread().catch(() => {});
    const source = new EventSource('/api/notifications/stream');
    source.addEventListener('notice', (event) => {
      const notice = JSON.parse((event as MessageEvent<string>).data) as Notice;
      setUnread((n) => n + 1);
      for (const listener of listeners.current) listener(notice);
    });
    // After a reconnect the count may have moved while we were away.
    source.addEventListener('open', () => void refreshUnread().catch(() => {}));
    return () => source.close();
  }, [userId, refreshUnread]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return <LiveContext.Provider value={{ unread, refreshUnread, subscribe }}>{children}</LiveContext.Provider>;
}

export function useLiveNotices(): Live {
  return useContext(LiveContext);
}

/** Calls `onNotice` for every notice that arrives while the component is shown (a list reloads itself). */
export function useNoticeListener(onNotice: Listener) {
  const { subscribe } = useLiveNotices();
  const latest = useRef(onNotice);
  latest.current = onNotice;
  useEffect(() => subscribe((n) => latest.current(n)), [subscribe]);
}
