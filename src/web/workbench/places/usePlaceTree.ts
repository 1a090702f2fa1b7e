import { useCallback, useEffect, useState } from 'react';
import type { PlaceList, PlaceView } from '../../../modules/places/places.schemas.ts';
import { api } from '../../api.ts';

const ROOTS = '';

/** The place tree as loaded so far: children by parent id ('' for the caller's top places), fetched lazily. */
export function usePlaceTree() {
  const [children, setChildren] = useState<Record<string, PlaceView[]>>({});
  const [failed, setFailed] = useState(false);
  const [expanded, setExpanded] = useState<string[]>([]);

  const load = useCallback(async (parentId: string) => {
    try {
      const query = parentId === ROOTS ? '' : `?parentId=${encodeURIComponent(parentId)}`;
      const { places } = await api<PlaceList>(`/api/places${query}`);
      setChildren((current) => ({ ...current, [parentId]: places }));
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    void load(ROOTS);
  }, [load]);

  /**
   * Loads again what is below a place after a child was added or renamed. A parent the tree never loaded is
   * above the user's top places, so the change shows among those.
   */
  const reload = useCallback(
    async (parentId: string | null) => {
      await load(parentId !== null && children[parentId] ? parentId : ROOTS);
    },
    [load, children],
  );

  /** Opens the tree down to a place chosen elsewhere (a breadcrumb, an address): its visible ancestors. */
  const expandTo = useCallback(
    async (ancestorIds: readonly string[]) => {
      for (const id of ancestorIds) if (!children[id]) await load(id);
      setExpanded((current) => [...new Set([...current, ...ancestorIds])]);
    },
    [children, load],
  );

  return { roots: children[ROOTS], children, failed, load, reload, expanded, setExpanded, expandTo };
}
