import { App, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantInput, StaffMember } from '../../../modules/staff/staff.schemas.ts';
import { api, showFieldErrors } from '../../api.ts';
import { problemText } from '../../shared/problem.ts';
import { GrantFields } from './GrantFields.tsx';

/** Another role for a staff member already in the viewer's scope. */
export function GrantModal({
  member,
  onClose,
  onGranted,
}: {
  member: StaffMember | null;
  onClose: () => void;
  onGranted: () => void;
}) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantInput>();
  const [busy, setBusy] = useState(false);

  async function submit(values: GrantInput) {
    if (!member) return;
    setBusy(true);
    try {
      await api(`/api/staff/${member.userId}/grants`, { body: values });
      message.success(t('granted'));
      form.resetFields();
      onGranted();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(problemText(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={member !== null}
      title={t('grantTo', { name: member?.name ?? '' })}
      okText={t('submitGrant')}
      cancelText={t('cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <GrantFields form={form} />
      </Form>
    </Modal>
  );
}
