import { Alert, Form, Input, Modal, Segmented, Select, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  categories,
  categoryNames,
  channelNames,
  channels,
  matterKinds,
} from '../../../domain/matters/vocabulary.ts';
import { ApiError, api, showFieldErrors } from '../../api.ts';
import { MAX_PHOTOS, PhotoPicker, uploadChosen } from '../../shared/PhotoPicker.tsx';
import { PlacePicker } from '../../shared/PlacePicker.tsx';
import { usePreferences } from '../../shell/preferences.tsx';

type IntakeValues = {
  channel: string;
  hotlineNo?: string;
  placeId?: string;
  kind: string;
  category?: string;
  title?: string;
  text?: string;
  submitterName?: string;
  submitterPhone?: string;
};

const offline = channels.filter((c) => c !== 'online');
const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Staff record a matter raised by phone, in a WeChat group, on a visit, at a meeting or through 12345. */
export function IntakeModal({ open, onClose }: { open: boolean; onClose(recorded: boolean): void }) {
  const { t } = useTranslation('intake');
  const { t: tm } = useTranslation('matters');
  const { language } = usePreferences();
  const [form] = Form.useForm<IntakeValues>();
  const channel = Form.useWatch('channel', form);
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per form: pressing OK again after a lost answer records the matter once.
  const [key, setKey] = useState(newKey);

  async function submit(v: IntakeValues) {
    setBusy(true);
    setProblem(null);
    try {
      const photoIds = await uploadChosen(photos);
      await api('/api/matters/intake', {
        body: {
          ...v,
          hideName: false,
          hotlineNo: v.channel === 'hotline_12345' ? v.hotlineNo : undefined,
          photoIds,
        },
        headers: { 'idempotency-key': key },
      });
      form.resetFields();
      setPhotos([]);
      setKey(newKey());
      onClose(true);
    } catch (error) {
      if (!showFieldErrors(form, error))
        setProblem(error instanceof ApiError ? error.problem.title : String(error));
      else if (error instanceof ApiError && error.problem.errors?.some((e) => e.field.startsWith('photo')))
        setProblem(error.problem.errors.map((e) => e.message).join('；'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('record.title')}
      okText={t('record.save')}
      cancelText={t('catalogue.cancel')}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      width={640}
    >
      {problem && <Alert type="error" title={problem} showIcon style={{ marginBottom: 12 }} />}
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ channel: 'phone', kind: 'problem' }}
      >
        <Form.Item name="channel" label={t('record.channel')}>
          <Select options={offline.map((c) => ({ value: c, label: channelNames[c][language] }))} />
        </Form.Item>
        {channel === 'hotline_12345' && (
          <Form.Item
            name="hotlineNo"
            label={t('record.hotlineNo')}
            rules={[{ required: true, message: t('record.hotlineNo') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
        )}
        <Form.Item
          name="placeId"
          label={t('record.place')}
          rules={[{ required: true, message: t('record.place') }]}
        >
          <PlacePicker source="/api/places" />
        </Form.Item>
        <Form.Item name="kind" label={tm('kind')}>
          <Segmented options={matterKinds.map((k) => ({ value: k, label: tm(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="category"
          label={tm('category')}
          rules={[{ required: true, message: tm('categoryRequired') }]}
        >
          <Select options={categories.map((c) => ({ value: c, label: categoryNames[c][language] }))} />
        </Form.Item>
        <Form.Item name="title" label={tm('title')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="text"
          label={tm('text')}
          rules={[{ required: true, whitespace: true, message: tm('textRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="submitterName" label={t('record.submitterName')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="submitterPhone" label={t('record.submitterPhone')}>
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item label={tm('photos', { max: MAX_PHOTOS })}>
          <PhotoPicker value={photos} onChange={setPhotos} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
