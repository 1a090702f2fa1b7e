import { WarningOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { FormProblem } from './fields.tsx';
import { useSubmit } from './useSubmit.ts';

/** PIPL art. 47: erasure, confirmed with the password, saying plainly what goes and what stays. */
export function DeleteAccount() {
  const { t } = useTranslation('resident');
  const { message } = App.useApp();
  const { refresh } = useSession();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ password: string }>();
  const { busy, problem, submit } = useSubmit(form, async (values) => {
    await api('/api/residents/me/erase', { body: values });
    setOpen(false);
    message.success(t('erase.done'));
    await refresh();
  });

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.2em' }}>{t('erase.title')}</h2>}>
      <Typography.Paragraph>
        <WarningOutlined aria-hidden /> {t('erase.intro')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('erase.stays')}</Typography.Paragraph>
      <Button danger size="large" block onClick={() => setOpen(true)}>
        {t('erase.open')}
      </Button>
      <Modal open={open} title={t('erase.confirmTitle')} onCancel={() => setOpen(false)} footer={null}>
        <Form form={form} name="erase-account" layout="vertical" onFinish={submit} requiredMark={false}>
          <Typography.Paragraph strong>{t('erase.confirmText')}</Typography.Paragraph>
          <FormProblem problem={problem} />
          <Form.Item
            name="password"
            label={t('erase.password')}
            rules={[{ required: true, message: t('erase.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Flex gap={8} justify="flex-end" wrap>
            <Button size="large" onClick={() => setOpen(false)}>
              {t('erase.cancel')}
            </Button>
            <Button danger type="primary" htmlType="submit" size="large" loading={busy}>
              {t('erase.submit')}
            </Button>
          </Flex>
        </Form>
      </Modal>
    </Card>
  );
}
