import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvitationCreate } from '../../../modules/staff/staff.schemas.ts';
import { api, showFieldErrors } from '../../api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { problemText } from '../../shared/problem.ts';
import { GrantFields } from './GrantFields.tsx';

type Created = { id: string; link: string; expiresAt: string };

/** Creates an invitation and shows its one-time link, plain text to copy into WeChat or an SMS. */
export function InviteModal({
  open,
  onClose,
  onInvited,
}: {
  open: boolean;
  onClose: () => void;
  onInvited: () => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const { message } = App.useApp();
  const [form] = Form.useForm<InvitationCreate>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<(Created & { name: string }) | null>(null);

  async function submit(values: InvitationCreate) {
    setBusy(true);
    try {
      const answer = await api<Created>('/api/staff/invitations', { body: values });
      setCreated({ ...answer, name: values.name });
      onInvited();
    } catch (error) {
      if (!showFieldErrors(form, error)) message.error(problemText(error));
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setCreated(null);
    form.resetFields();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={t('invite')}
      onCancel={close}
      destroyOnHidden
      footer={
        created ? (
          <Button type="primary" onClick={close}>
            {t('close')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()}>
              {t('submitInvite')}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <>
          <Alert type="success" showIcon title={t('linkReady')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph>
            {t('linkHint', { name: created.name, date: formatDateTime(created.expiresAt, i18n.language) })}
          </Typography.Paragraph>
          <Typography.Paragraph copyable code data-testid="invitation-link">
            {`${window.location.origin}${created.link}`}
          </Typography.Paragraph>
        </>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="name"
            label={t('fields.name')}
            rules={[{ required: true, message: t('required.name') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <GrantFields form={form} />
        </Form>
      )}
    </Modal>
  );
}
