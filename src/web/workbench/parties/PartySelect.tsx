import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useEffect, useState } from 'react';
import type { PartySummary } from '../../../modules/parties/parties.schemas.ts';
import { api } from '../../api.ts';

type Option = { value: string; label: string };

/**
 * The options of a party chooser, searching the server as one types: a street holds more parties than one
 * page, and a dropdown draws only the options in view. Names already chosen stay shown while the search
 * moves on.
 */
function usePartyOptions(chosen: readonly string[], extra: readonly Option[] = []) {
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
  const shown = new Set([...extra.map((o) => o.value), ...found.map((p) => p.id)]);
  const kept = chosen.filter((v) => !shown.has(v)).map((v) => ({ value: v, label: names.get(v) ?? v }));
  return {
    options: [...extra, ...found.map((p) => ({ value: p.id, label: p.name })), ...kept],
    showSearch: { filterOption: false, onSearch: setSearch },
  };
}

/** Chooses several parties by name (a whistle's summons). */
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
  const { options, showSearch } = usePartyOptions(value ?? []);
  return (
    <Select
      id={id}
      data-testid={testId}
      mode="multiple"
      showSearch={showSearch}
      value={value}
      onChange={onChange}
      options={options}
    />
  );
}

/**
 * Chooses one party by name: a list's filter (with `label`, clearable) or a form's field. `extra` options
 * come first and are always there (a handler proposed by name, a known party's name).
 */
export function PartyChoice({
  value,
  onChange,
  label,
  extra,
  id,
  style,
  'data-testid': testId,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  label?: string;
  extra?: readonly Option[];
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const { options, showSearch } = usePartyOptions(value ? [value] : [], extra);
  return (
    <Select
      id={id}
      aria-label={label}
      placeholder={label}
      allowClear={label !== undefined}
      style={style}
      data-testid={testId}
      showSearch={showSearch}
      value={value}
      onChange={onChange}
      options={options}
    />
  );
}
