import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { problemText } from './problem.ts';

/**
 * What a screen shows from one address: read again whenever the address changes (a filter, a page),
 * with its loading state, and the server's refusal or a lost connection said in words instead of an
 * old page kept silently.
 */
export function useFetched<T>(url: string, initial: T) {
  const [data, setData] = useState<T>(initial);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api<T>(url));
      setProblem(null);
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setLoading(false);
    }
  }, [url]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, loading, problem, reload };
}
