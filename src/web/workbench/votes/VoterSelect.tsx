import { Select } from 'antd';
import { useEffect, useState } from 'react';
import type { VoterRow } from '../../../modules/votes/votes.schemas.ts';
import { api } from '../../api.ts';

/** Chooses households of a question by their label, searching the server as one types. */
export function VoterSelect({
  questionId,
  status,
  multiple,
  value,
  onChange,
  id,
}: {
  questionId: string;
  status: 'all' | 'pending';
  multiple?: boolean;
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  id?: string;
}) {
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<VoterRow[]>([]);
  useEffect(() => {
    let current = true;
    const query = new URLSearchParams({ status, pageSize: '200' });
    if (search) query.set('label', search);
    api<{ items: VoterRow[] }>(`/api/workbench/votes/${questionId}/voters?${query}`)
      .then((page) => current && setRows(page.items))
      .catch(() => current && setRows([]));
    return () => {
      current = false;
    };
  }, [questionId, status, search]);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      options={rows.map((r) => ({ value: r.householdIds[0]!, label: r.label, area: r.areaCentiM2 }))}
    />
  );
}
