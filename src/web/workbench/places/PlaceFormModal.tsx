import { Alert, Form, Input, Modal, message, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlaceView } from '../../../modules/places/places.schemas.ts';
import { ApiError, api, showFieldErrors } from '../../api.ts';

type Values = { kind?: string; name: string };
type Props =
  | { mode: 'create'; parent: PlaceView; kinds: string[]; onClose(): void; onSaved(place: PlaceView): void }
  | { mode: 'rename'; place: PlaceView; onClose(): void; onSaved(place: PlaceView): void };

/** Creates a place under a parent (of a kind the tree allows there), or renames one. */
export function PlaceFormModal(props: Props) {
  const { t } = useTranslation('places');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const creating = props.mode === 'create';

  async function submit(values: Values) {
    setBusy(true);
    setProblem(null);
    try {
      const saved = creating
        ? await api<PlaceView>('/api/places', {
            body: { parentId: props.parent.id, kind: values.kind, name: values.name },
          })
        : await api<PlaceView>(`/api/places/${props.place.id}`, {
            method: 'PATCH',
            body: { name: values.name },
          });
      void message.success(t(creating ? 'form.created' : 'form.renamed'));
      props.onSaved(saved);
    } catch (error) {
      if (!showFieldErrors(form, error))
        setProblem(error instanceof ApiError ? error.problem.title : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={
        creating
          ? t('form.createTitle', { parent: props.parent.name })
          : t('form.renameTitle', { name: props.place.name })
      }
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" title={problem} showIcon style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={creating ? { kind: props.kinds[0], name: '' } : { name: props.place.name }}
      >
        {creating && (
          <Form.Item name="kind" label={t('form.kind')} rules={[{ required: true }]}>
            <Select options={props.kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('form.name')}
          rules={[{ required: true, whitespace: true, message: t('form.nameRequired') }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
