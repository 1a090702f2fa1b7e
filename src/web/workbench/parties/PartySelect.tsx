import { Select } from 'antd';
import { useEffect, useState } from 'react';
import type { PartySummary } from '../../../modules/parties/parties.schemas.ts';
import { api } from '../../api.ts';

/**
 * Chooses parties by name, searching the server as one types: a street holds more parties than one page,
 * and a dropdown draws only the options in view. Names already chosen stay shown while the search moves on.
 */
export function PartySelect({
  value,
  onChange,
  id,
  'data-testid': testId,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
  'data-testid'?: string;
}) {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<PartySummary[]>([]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let current = true;
    const query = new URLSearchParams({ pageSize: '50' });
    if (search) query.set('name', search);
    api<{ items: PartySummary[] }>(`/api/parties?${query}`)
      .then((page) => {
        if (!current) return;
        setFound(page.items);
        setNames((known) => new Map([...known, ...page.items.map((p) => [p.id, p.name] as const)]));
      })
      .catch(() => current && setFound([]));
    return () => {
      current = false;
    };
  }, [search]);
  const shown = new Set(found.map((p) => p.id));
  const chosen = (value ?? [])
    .filter((v) => !shown.has(v))
    .map((v) => ({ value: v, label: names.get(v) ?? v }));
  return (
    <Select
      id={id}
      data-testid={testId}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      options={[...found.map((p) => ({ value: p.id, label: p.name })), ...chosen]}
    />
  );
}
