import { Select } from 'antd';
import type { CSSProperties } from 'react';
import type { PartySummary } from '../../../modules/parties/parties.schemas.ts';
import { type Option, useServerOptions } from '../../shared/server-options.ts';

const partyOption = (p: PartySummary): Option => ({ value: p.id, label: p.name });

function usePartyOptions(chosen: readonly string[], extra: readonly Option[] = []) {
  return useServerOptions('/api/parties', partyOption, chosen, extra);
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
