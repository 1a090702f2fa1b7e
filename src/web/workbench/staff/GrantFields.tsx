import { Form, type FormInstance, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, roleNames, roles } from '../../../modules/access/roles.ts';
import type { PartyPage } from '../../../modules/parties/parties.schemas.ts';
import { kindList, roleHeldAt, roleParty, sectorRoles } from '../../../modules/staff/role-places.ts';
import type { GridOption } from '../../../modules/staff/staff.schemas.ts';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { PlacePicker } from '../../shared/PlacePicker.tsx';

function language(current: string): 'zh-CN' | 'en' {
  return current === 'en' ? 'en' : 'zh-CN';
}

function GridSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const [grids, setGrids] = useState<GridOption[]>([]);
  useEffect(() => {
    api<GridOption[]>('/api/staff/grid-options')
      .then(setGrids)
      .catch(() => setGrids([]));
  }, []);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={grids.map((g) => ({ value: g.id, label: `${g.communityName} · ${g.name}` }))}
    />
  );
}

function PartySelect({
  id,
  value,
  onChange,
  kind,
  placeholder,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  kind?: string;
  placeholder: string;
}) {
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    const params = new URLSearchParams({ pageSize: '20', name: search });
    if (kind) params.set('kind', kind);
    let current = true;
    api<PartyPage>(`/api/parties?${params}`)
      .then(
        (page) =>
          current &&
          setOptions(page.items.map((p) => ({ value: p.id, label: `${p.name}（${p.placeName}）` }))),
      )
      .catch(() => current && setOptions([]));
    return () => {
      current = false;
    };
  }, [search, kind]);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear
      placeholder={placeholder}
      options={options}
      showSearch={{ onSearch: setSearch, filterOption: false }}
    />
  );
}

/**
 * The fields of a role grant, shared by the invitation and the grant forms: the role decides whether it is
 * held at a place or a grid, whether it needs a party, and whether it has a sector 界别.
 */
export function GrantFields({ form }: { form: FormInstance }) {
  const { t, i18n } = useTranslation('staff');
  const { session } = useSession();
  const role = Form.useWatch('role', form) as Role | undefined;
  const isAdmin = session?.user.grants.some((g) => g.role === 'admin') ?? false;
  const heldAt = role ? roleHeldAt[role] : undefined;
  const partyKind = role ? roleParty[role] : undefined;
  const lang = language(i18n.language);

  return (
    <>
      <Form.Item
        name="role"
        label={t('fields.role')}
        rules={[{ required: true, message: t('required.role') }]}
      >
        <Select
          // A new role asks for a different place, party and sector: what was chosen for the last one goes.
          onChange={() =>
            form.setFieldsValue({
              placeId: undefined,
              gridId: undefined,
              partyId: undefined,
              sector: undefined,
            })
          }
          options={roles
            .filter((r) => r !== 'admin' || isAdmin)
            .map((r) => ({ value: r, label: roleNames[r][lang] }))}
        />
      </Form.Item>
      {heldAt === 'grid' && (
        <Form.Item
          name="gridId"
          label={t('fields.grid')}
          rules={[{ required: true, message: t('required.grid') }]}
        >
          <GridSelect />
        </Form.Item>
      )}
      {heldAt && heldAt !== 'grid' && (
        <Form.Item
          name="placeId"
          label={`${t('fields.place')}（${kindList(heldAt)[lang]}）`}
          rules={[{ required: true, message: t('required.place') }]}
        >
          <PlacePicker source="/api/staff/place-options" placeholder={t('fields.placePlaceholder')} />
        </Form.Item>
      )}
      {role && (
        <Form.Item
          name="partyId"
          label={partyKind ? t('fields.party') : t('fields.partyOptional')}
          rules={partyKind ? [{ required: true, message: t('required.party') }] : []}
        >
          <PartySelect kind={partyKind} placeholder={t('fields.partySearch')} />
        </Form.Item>
      )}
      {role && sectorRoles.includes(role) && (
        <Form.Item
          name="sector"
          label={`${t('fields.sector')}（${t('fields.sectorHint')}）`}
          rules={[{ required: true, message: t('required.sector') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
      )}
    </>
  );
}
