import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api.ts';

type PlaceNode = { id: string; name: string; kind: string; hasChildren: boolean };
type Option = { value: string; label: string; kind: string; isLeaf: boolean; children?: Option[] };

const toOption = (p: PlaceNode): Option => ({
  value: p.id,
  label: p.name,
  kind: p.kind,
  isLeaf: !p.hasChildren,
});

/**
 * Drills down the public place tree one level at a time (city → district → street → community → compound);
 * any level can be chosen. `figureKinds` limits the choice to places the figures roll up to.
 */
export function PlaceCascader({
  value,
  onChange,
  placeholder,
  label,
  stopAt,
}: {
  value: string[];
  onChange: (path: string[], kind: string | undefined) => void;
  placeholder: string;
  label: string;
  /** the deepest kind offered */
  stopAt?: 'community';
}) {
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    void api<{ items: PlaceNode[] }>('/api/public/places').then((r) => setOptions(r.items.map(toOption)));
  }, []);
  const childrenOf = async (parent: Option) => {
    const { items } = await api<{ items: PlaceNode[] }>(`/api/public/places?parentId=${parent.value}`);
    const kept = stopAt ? items.filter((p) => p.kind !== 'compound') : items;
    return kept.map((p) => ({ ...toOption(p), isLeaf: p.kind === stopAt || !p.hasChildren }));
  };
  return (
    <Cascader<Option>
      aria-label={label}
      style={{ minWidth: 200 }}
      options={options}
      value={value}
      placeholder={placeholder}
      changeOnSelect
      allowClear
      loadData={async (selected) => {
        const target = selected.at(-1);
        if (!target) return;
        target.children = await childrenOf(target);
        setOptions((o) => [...o]);
      }}
      onChange={(path, selected) => onChange((path ?? []) as string[], selected?.at(-1)?.kind)}
    />
  );
}
