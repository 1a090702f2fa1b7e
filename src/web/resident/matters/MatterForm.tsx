import { Alert, Button, Form, Input, Radio, Select, Switch, type UploadFile } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categories, categoryNames, matterKinds } from '../../../domain/matters/vocabulary.ts';
import { api, showFieldErrors } from '../../api.ts';
import { MAX_PHOTOS, PhotoPicker } from '../../shared/PhotoPicker.tsx';
import { usePreferences } from '../../shell/preferences.tsx';
import { AlreadyReported } from './AlreadyReported.tsx';
import {
  clearDraft,
  enqueue,
  flush,
  loadDraft,
  type MatterBody,
  pending,
  type StoredPhoto,
  saveDraft,
} from './outbox.ts';

const toUploadFile = (photo: StoredPhoto, i: number): UploadFile => ({
  uid: `kept-${i}-${photo.name}`,
  name: photo.name,
  status: 'done',
  originFileObj: new File([photo.blob], photo.name, { type: photo.blob.type }) as UploadFile['originFileObj'],
});

type FilingPlace = { id: string; name: string; kind: string; label: string };

export function MatterForm({ onSent }: { onSent(): void }) {
  const { t } = useTranslation('matters');
  const { language } = usePreferences();
  const [form] = Form.useForm<MatterBody>();
  const [places, setPlaces] = useState<FilingPlace[]>([]);
  const [status, setStatus] = useState<{ type: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [waiting, setWaiting] = useState(pending().length);
  const [busy, setBusy] = useState(false);
  const [photos, setPhotos] = useState<UploadFile[]>([]);

  useEffect(() => {
    void api<FilingPlace[]>('/api/matters/places').then(setPlaces, () => setPlaces([]));
  }, []);

  const send = useCallback(async () => {
    setBusy(true);
    const result = await flush();
    setBusy(false);
    setWaiting(result.waiting);
    if (result.refused) {
      // The server said no: the typed form comes back with the errors beside its fields.
      form.setFieldsValue(result.refused.item.body);
      setPhotos(result.refused.photos.map(toUploadFile));
      const photoError = result.refused.error.problem.errors?.find((e) => e.field.startsWith('photo'));
      if (photoError) setStatus({ type: 'error', text: photoError.message });
      else if (!showFieldErrors(form, result.refused.error))
        setStatus({ type: 'error', text: result.refused.error.problem.title });
      return;
    }
    if (result.sent > 0) {
      setStatus({ type: 'success', text: t('submitted') });
      onSent();
    }
    if (result.waiting > 0) setStatus({ type: 'warning', text: t('savedOffline') });
  }, [form, onSent, t]);

  useEffect(() => {
    // Whatever waited from last time goes as soon as the phone is online again.
    if (pending().length > 0) void send();
    const online = () => void send();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [send]);

  async function submit(values: MatterBody) {
    const chosen = photos.flatMap((f) =>
      f.originFileObj ? [{ name: f.name, blob: f.originFileObj as Blob }] : [],
    );
    await enqueue({ ...values, hideName: Boolean(values.hideName) }, chosen);
    setPhotos([]);
    clearDraft();
    form.resetFields();
    form.setFieldsValue({ kind: 'problem', hideName: false, placeId: places[0]?.id });
    await send();
  }

  function joined() {
    clearDraft();
    form.resetFields();
    form.setFieldsValue({ kind: 'problem', hideName: false, placeId: places[0]?.id });
    setStatus({ type: 'success', text: t('problemList:meTooDone') });
    onSent();
  }

  if (places.length === 0) return <Alert type="info" title={t('noLink')} showIcon />;

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ kind: 'problem', hideName: false, placeId: places[0]?.id, ...loadDraft() }}
      onValuesChange={(_, all) => saveDraft(all)}
      requiredMark={false}
    >
      {status && <Alert type={status.type} title={status.text} showIcon style={{ marginBottom: 12 }} />}
      {waiting > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('waiting', { count: waiting })}
          action={
            <Button size="small" onClick={() => void send()} loading={busy}>
              {t('sendNow')}
            </Button>
          }
        />
      )}
      <Form.Item name="kind" label={t('kind')}>
        {/* Two by two: four in a row cut 意见建议 short on a phone, and more so in large text. */}
        <Radio.Group
          style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}
          // Rows tall enough for a thumb.
          options={matterKinds.map((k) => ({ value: k, label: t(`kinds.${k}`), style: { paddingBlock: 8 } }))}
        />
      </Form.Item>
      <Form.Item
        name="category"
        label={t('category')}
        rules={[{ required: true, message: t('categoryRequired') }]}
      >
        <Select
          placeholder={t('categoryPlaceholder')}
          options={categories.map((c) => ({ value: c, label: categoryNames[c][language] }))}
          size="large"
        />
      </Form.Item>
      <Form.Item name="placeId" label={t('place')}>
        <Select options={places.map((p) => ({ value: p.id, label: p.label }))} size="large" />
      </Form.Item>
      <Form.Item name="title" label={t('title')}>
        <Input maxLength={60} size="large" />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('text')}
        rules={[{ required: true, whitespace: true, message: t('textRequired') }]}
      >
        <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('textPlaceholder')} />
      </Form.Item>
      <AlreadyReported form={form} onJoined={joined} />
      <Form.Item label={t('photos', { max: MAX_PHOTOS })}>
        <PhotoPicker value={photos} onChange={setPhotos} testId="matter-photos" />
      </Form.Item>
      <Form.Item name="hideName" label={t('hideName')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('submit')}
      </Button>
    </Form>
  );
}
