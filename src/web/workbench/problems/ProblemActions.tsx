import { Button, Card, Form, Input, Modal, Radio, Space, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { PhotoPicker, uploadChosen } from '../../shared/PhotoPicker.tsx';
import { useRefusal } from '../../shared/problem.ts';
import { PartyChoice, PartySelect } from '../parties/PartySelect.tsx';
import type { OrderView, ProblemDetail } from './types.ts';

export function DispatchForm({
  problem,
  onDone,
}: {
  problem: ProblemDetail;
  onDone(next: ProblemDetail): void;
}) {
  const { t } = useTranslation('problems');
  const [form] = Form.useForm<{ lead?: string; assisting: string[]; note?: string }>();
  const refuse = useRefusal(form);
  const hasLead = problem.orders.some(
    (o) => o.role === 'lead' && (o.state === 'dispatched' || o.state === 'taken'),
  );
  async function submit(v: { lead?: string; assisting: string[]; note?: string }) {
    try {
      // The catalogue may propose a person rather than a party: dispatch to them by name.
      const proposedPerson = problem.proposedHandler?.userId;
      const body = {
        lead: v.lead ? (v.lead === proposedPerson ? { userId: v.lead } : { partyId: v.lead }) : undefined,
        assisting: (v.assisting ?? []).map((partyId) => ({ partyId })),
        note: v.note,
      };
      onDone(await api<ProblemDetail>(`/api/workbench/problems/${problem.id}/dispatch`, { body }));
      form.resetFields();
    } catch (error) {
      refuse(error);
    }
  }
  // The catalogue's proposal is offered by its name, whether a person or a party.
  const proposal = problem.proposedHandler;
  const proposed = proposal?.userId ?? proposal?.partyId;
  const proposedName = proposal?.userName ?? proposal?.partyName;
  const leadExtra = proposed && proposedName ? [{ value: proposed, label: proposedName }] : [];
  return (
    <Card size="small" title={t('dispatch')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          lead: problem.proposedHandler?.partyId ?? problem.proposedHandler?.userId ?? undefined,
          assisting: [],
        }}
      >
        {problem.proposedHandler && (
          <p data-testid="proposed-handler">
            {t('proposed', {
              party: problem.proposedHandler.partyName ?? problem.proposedHandler.userName ?? '',
              level: t(`levels.${problem.proposedHandler.level}`),
            })}
          </p>
        )}
        {!hasLead && (
          <Form.Item name="lead" label={t('lead')} rules={[{ required: true, message: t('lead') }]}>
            <PartyChoice extra={leadExtra} data-testid="dispatch-lead" />
          </Form.Item>
        )}
        <Form.Item name="assisting" label={t('assisting')}>
          <PartySelect />
        </Form.Item>
        <Form.Item name="note" label={t('note')}>
          <Input maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('dispatch')}
        </Button>
      </Form>
    </Card>
  );
}

export function TimelineForm({
  problem,
  onDone,
}: {
  problem: ProblemDetail;
  onDone(next: ProblemDetail): void;
}) {
  const { t } = useTranslation('problems');
  const [form] = Form.useForm<{ text: string; visibility: 'public' | 'staff' }>();
  const refuse = useRefusal(form);
  async function submit(v: { text: string; visibility: 'public' | 'staff' }) {
    try {
      onDone(await api<ProblemDetail>(`/api/workbench/problems/${problem.id}/timeline`, { body: v }));
      form.resetFields();
    } catch (error) {
      refuse(error);
    }
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ visibility: 'staff' }}>
      <Form.Item name="visibility">
        <Radio.Group
          options={[
            { value: 'staff', label: t('internalNote') },
            { value: 'public', label: t('reply') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('text')}
        rules={[{ required: true, whitespace: true, message: t('text') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button htmlType="submit">{t('send')}</Button>
    </Form>
  );
}

/** Take, report or transfer one order, for its handler. */
export function OrderButtons({ order, onDone }: { order: OrderView; onDone(): void }) {
  const { t } = useTranslation('problems');
  const [dialog, setDialog] = useState<'report' | null>(null);
  const [form] = Form.useForm<{ text: string; publicReply?: string }>();
  const refuse = useRefusal(form);
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  async function take() {
    await api(`/api/orders/${order.id}/take`, { method: 'POST' });
    onDone();
  }
  async function report(v: { text: string; publicReply?: string }) {
    try {
      // Photo evidence of the work goes up first; the report names it.
      await api(`/api/orders/${order.id}/report`, { body: { ...v, photoIds: await uploadChosen(photos) } });
      setPhotos([]);
      setDialog(null);
      onDone();
    } catch (error) {
      refuse(error);
    }
  }
  if (!order.canWork) return null;
  return (
    <Space>
      {order.state === 'dispatched' && (
        <Button type="primary" size="small" onClick={() => void take()}>
          {t('take')}
        </Button>
      )}
      {order.state === 'taken' && (
        <Button type="primary" size="small" onClick={() => setDialog('report')}>
          {t('report')}
        </Button>
      )}
      <Modal
        open={dialog === 'report'}
        title={t('report')}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText={t('confirm')}
        cancelText={t('cancel')}
      >
        <Form form={form} layout="vertical" onFinish={report}>
          <Form.Item
            name="text"
            label={t('reportText')}
            rules={[{ required: true, whitespace: true, message: t('reportText') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          {order.role === 'lead' && (
            <Form.Item name="publicReply" label={t('publicReply')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
          <Form.Item label={t('evidence')}>
            <PhotoPicker value={photos} onChange={setPhotos} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
