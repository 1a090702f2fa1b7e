import { useCallback, useEffect, useState } from 'react';
import type { PlaceDetail } from '../../../modules/places/places.schemas.ts';
import { ApiError, api } from '../../api.ts';

/** One place with its breadcrumb and what the user may do there; `reload` after a change. */
export function usePlaceDetail(id: string) {
  const [detail, setDetail] = useState<PlaceDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setDetail(await api<PlaceDetail>(`/api/places/${encodeURIComponent(id)}`));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.problem.title : String(e));
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { detail, error, reload };
}
