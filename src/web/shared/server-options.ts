import { useEffect, useState } from 'react';
import { api } from '../api.ts';

export type Option = { value: string; label: string };

/**
 * The options of a chooser that searches the server as one types (`path` answers a page of items, `name`
 * narrowing it): a street holds more parties and people than one page, and a dropdown draws only the
 * options in view. Names already chosen stay shown while the search moves on; `extra` options come first
 * and are always there. `toOption` is read on each search: pass a function that stays the same.
 */
export function useServerOptions<Item>(
  path: string,
  toOption: (item: Item) => Option,
  chosen: readonly string[],
  extra: readonly Option[] = [],
) {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Option[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let current = true;
    const query = new URLSearchParams({ pageSize: '50' });
    if (search) query.set('name', search);
    api<{ items: Item[] }>(`${path}?${query}`)
      .then((page) => {
        if (!current) return;
        const options = page.items.map(toOption);
        setFound(options);
        setNames((known) => new Map([...known, ...options.map((o) => [o.value, o.label] as const)]));
      })
      .catch(() => current && setFound([]));
    return () => {
      current = false;
    };
  }, [path, toOption, search]);
  const shown = new Set([...extra.map((o) => o.value), ...found.map((o) => o.value)]);
  const kept = chosen.filter((v) => !shown.has(v)).map((v) => ({ value: v, label: names.get(v) ?? v }));
  return {
    options: [...extra, ...found, ...kept],
    showSearch: { filterOption: false, onSearch: setSearch },
  };
}
