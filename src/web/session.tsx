import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api, setCsrfToken } from './api.ts';

export type SessionGrant = {
  role: string;
  placeId: string | null;
  placeName: string | null;
  gridId: string | null;
  gridName: string | null;
  partyId: string | null;
  sector: string | null;
};
export type SessionView = {
  user: {
    id: string;
    name: string | null;
    phone: string | null;
    kind: 'staff' | 'resident';
    grants: SessionGrant[];
    householdIds: string[];
  };
  csrfToken: string;
};

type SessionState = {
  session: SessionView | null;
  loading: boolean;
  /** Call with the answer of a sign-in, or with nothing to ask the server again. */
  refresh(next?: SessionView): Promise<void>;
  signOut(): Promise<void>;
};

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async (next?: SessionView) => {
    if (next) {
      setCsrfToken(next.csrfToken);
      setSession(next);
      return;
    }
    try {
      const current = await api<SessionView>('/api/auth/session');
      setCsrfToken(current.csrfToken);
      setSession(current);
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status !== 401) throw error;
      setCsrfToken(null);
      setSession(null);
    } finally {
      setLoading(false);
    }
  }, []);

  const signOut = useCallback(async () => {
    await api('/api/auth/sign-out', { method: 'POST' }).catch(() => {});
    setCsrfToken(null);
    setSession(null);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <SessionContext.Provider value={{ session, loading, refresh, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
