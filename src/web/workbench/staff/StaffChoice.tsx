import { Select } from 'antd';
import type { StaffMember } from '../../../modules/staff/staff.schemas.ts';
import { type Option, useServerOptions } from '../../shared/server-options.ts';

const personOption = (m: StaffMember): Option => ({ value: m.userId, label: m.name ?? m.userId });

/** Chooses one member of staff by name, searching the server as one types (a street has more than a page). */
export function StaffChoice({
  value,
  onChange,
  extra,
  id,
  'data-testid': testId,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  extra?: readonly Option[];
  id?: string;
  'data-testid'?: string;
}) {
  const { options, showSearch } = useServerOptions('/api/staff', personOption, value ? [value] : [], extra);
  return (
    <Select
      id={id}
      data-testid={testId}
      showSearch={showSearch}
      value={value}
      onChange={onChange}
      options={options}
    />
  );
}
