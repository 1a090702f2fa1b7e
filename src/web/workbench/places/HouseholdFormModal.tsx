import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Modal, message, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdView, OwnerInput } from '../../../modules/places/households.schemas.ts';
import type { PlaceList, PlaceView } from '../../../modules/places/places.schemas.ts';
import { ApiError, api, showFieldErrors } from '../../api.ts';

type Values = {
  parentId: string;
  room: string;
  area: string;
  keep: string[];
  newOwners: { name: string; phone?: string }[];
  developerId?: string;
};

const FORM_FIELDS = new Set(['parentId', 'room', 'area']);
const AREA = /^\d{1,5}(\.\d{1,2})?$/;
const MOBILE = /^1[3-9]\d{9}$/;

type Props = {
  /** The building or entrance the table shows. */
  place: PlaceView;
  household: HouseholdView | null;
  developers: { id: string; name: string }[];
  onClose(): void;
  onSaved(): void;
};

/** Adds a household with its owners, or edits one: owners on record are kept or removed, new ones added. */
export function HouseholdFormModal({ place, household, developers, onClose, onSaved }: Props) {
  const { t } = useTranslation('places');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [parents, setParents] = useState<PlaceView[]>([place]);
  const people = household?.owners.filter((o) => o.personId) ?? [];
  const heldBy = household?.owners.find((o) => o.partyId)?.partyId ?? undefined;

  // A building takes households directly or in its entrances.
  useEffect(() => {
    if (household || place.kind !== 'building') return;
    void api<PlaceList>(`/api/places?parentId=${place.id}`).then((r) => setParents([place, ...r.places]));
  }, [household, place]);

  async function submit(values: Values) {
    setBusy(true);
    setProblems([]);
    const owners: OwnerInput[] = [
      ...(values.keep ?? []).map((personId) => ({ personId })),
      ...(values.newOwners ?? []).map((o) => ({ name: o.name, phone: o.phone?.trim() || null })),
      ...(values.developerId ? [{ partyId: values.developerId }] : []),
    ];
    try {
      if (household)
        await api(`/api/households/${household.id}`, {
          method: 'PATCH',
          body: { room: values.room, area: values.area, owners },
        });
      else
        await api('/api/households', {
          body: { parentId: values.parentId, room: values.room, area: values.area, owners },
        });
      void message.success(t('householdForm.saved'));
      onSaved();
    } catch (error) {
      showFieldErrors(form, error);
      // Errors about owners (owners.0.personId) have no field of their own in this form: list them above it.
      const other =
        error instanceof ApiError
          ? (error.problem.errors ?? []).filter((e) => !FORM_FIELDS.has(e.field))
          : [];
      if (error instanceof ApiError && (!error.problem.errors?.length || other.length > 0))
        setProblems([error.problem.title, ...other.map((e) => e.message)]);
      else if (!(error instanceof ApiError)) setProblems([String(error)]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={household ? t('householdForm.editTitle', { room: household.room }) : t('householdForm.addTitle')}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={problems[0]}
          description={problems.slice(1).join('；')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          parentId: place.id,
          room: household?.room ?? '',
          area: household?.area ?? '',
          keep: people.map((o) => o.personId!),
          newOwners: [],
          developerId: heldBy,
        }}
      >
        {!household && (
          <Form.Item
            name="parentId"
            label={t('householdForm.parent')}
            rules={[{ required: true, message: t('householdForm.parentRequired') }]}
          >
            <Select options={parents.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        )}
        <Form.Item
          name="room"
          label={t('householdForm.room')}
          rules={[{ required: true, whitespace: true, message: t('householdForm.roomRequired') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="area"
          label={t('householdForm.area')}
          extra={t('householdForm.areaHelp')}
          rules={[{ required: true, pattern: AREA, message: t('householdForm.areaInvalid') }]}
        >
          <Input inputMode="decimal" maxLength={8} />
        </Form.Item>
        {people.length > 0 && (
          <Form.Item name="keep" label={t('householdForm.currentOwners')}>
            <Checkbox.Group
              options={people.map((o) => ({ value: o.personId!, label: `${o.name ?? ''} ${o.phone ?? ''}` }))}
            />
          </Form.Item>
        )}
        <Typography.Text strong>{t('householdForm.newOwners')}</Typography.Text>
        <Form.List name="newOwners">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('householdForm.ownerName')}
                    rules={[
                      { required: true, whitespace: true, message: t('householdForm.ownerNameRequired') },
                    ]}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'phone']}
                    label={t('householdForm.ownerPhone')}
                    rules={[{ pattern: MOBILE, message: t('householdForm.phoneInvalid') }]}
                  >
                    <Input inputMode="tel" maxLength={11} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('householdForm.remove')}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '' })}>
                  {t('householdForm.addOwner')}
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        {developers.length > 0 && (
          <Form.Item name="developerId" label={t('householdForm.developer')}>
            <Select
              allowClear
              placeholder={t('householdForm.none')}
              options={developers.map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
