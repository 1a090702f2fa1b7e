import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { partyKinds } from '../../../modules/access/roles.ts';
import type { PartyCreate, PartyDetail } from '../../../modules/parties/parties.schemas.ts';
import { api, showFieldErrors } from '../../api.ts';
import { PlacePicker } from '../../shared/PlacePicker.tsx';
import { problemText } from '../../shared/problem.ts';

export function PartyCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (party: PartyDetail) => void;
}) {
  const { t } = useTranslation('parties');
  const { message } = App.useApp();
  const [form] = Form.useForm<PartyCreate>();
  const [busy, setBusy] = useState(false);

  async function submit(values: PartyCreate) {
    setBusy(true);
    try {
      const party = await api<PartyDetail>('/api/parties', { body: values });
      message.success(t('created', { name: party.name }));
      form.resetFields();
      onCreated(party);
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(problemText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('create')}
      okText={t('create')}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="kind"
          label={t('fields.kind')}
          rules={[{ required: true, message: t('required.kind') }]}
        >
          <Select options={partyKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[{ required: true, message: t('required.name') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="placeId"
          label={t('fields.place')}
          rules={[{ required: true, message: t('required.place') }]}
        >
          <PlacePicker source="/api/parties/place-options" placeholder={t('fields.placePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
