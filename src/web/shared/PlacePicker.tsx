import { TreeSelect, type TreeSelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api.ts';

type PlaceOption = { id: string; name: string; kind: string; hasChildren: boolean };
/** GET /api/places answers { places } with child counts rather than an array of options. */
type PlaceList = { places: { id: string; name: string; kind: string; childCount: number }[] };

function optionsOf(payload: PlaceOption[] | PlaceList): PlaceOption[] {
  if (Array.isArray(payload)) return payload;
  return payload.places.map((p) => ({ id: p.id, name: p.name, kind: p.kind, hasChildren: p.childCount > 0 }));
}
type Node = { id: string; pId: string | null; value: string; title: string; isLeaf: boolean };

function nodes(options: PlaceOption[], parentId: string | null): Node[] {
  return options.map((o) => ({
    id: o.id,
    pId: parentId,
    value: o.id,
    title: o.name,
    isLeaf: !o.hasChildren,
  }));
}

/**
 * Chooses a place one level at a time from a place-options endpoint (its roots are where the viewer holds the
 * role that the form needs). Works as a Form.Item control: value, onChange and id.
 */
export function PlacePicker({
  source,
  value,
  onChange,
  id,
  placeholder,
}: {
  source: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  placeholder?: string;
}) {
  const [tree, setTree] = useState<Node[]>([]);

  useEffect(() => {
    let current = true;
    api<PlaceOption[] | PlaceList>(source)
      .then((roots) => current && setTree(nodes(optionsOf(roots), null)))
      .catch(() => current && setTree([]));
    return () => {
      current = false;
    };
  }, [source]);

  const loadChildren: TreeSelectProps['loadData'] = async (node) => {
    const parentId = String(node.value ?? '');
    if (tree.some((n) => n.pId === parentId)) return;
    const children = await api<PlaceOption[] | PlaceList>(
      `${source}?parentId=${encodeURIComponent(parentId)}`,
    );
    setTree((all) => [...all, ...nodes(optionsOf(children), parentId)]);
  };

  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeDataSimpleMode
      treeData={tree}
      loadData={loadChildren}
      placeholder={placeholder}
      allowClear
      showSearch={false}
      style={{ width: '100%' }}
    />
  );
}
