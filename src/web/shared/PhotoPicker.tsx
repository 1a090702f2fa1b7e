import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadPhoto } from '../api.ts';

export const MAX_PHOTOS = 9;

/**
 * Chooses up to nine photos, kept on the device until the form is sent (the server judges their bytes).
 * Controlled by its caller, or by the Form.Item it sits in.
 */
export function PhotoPicker({
  value = [],
  onChange,
  testId,
  id,
}: {
  value?: UploadFile[];
  onChange?(files: UploadFile[]): void;
  testId?: string;
  /** Given by a Form.Item, so its label names the file input. */
  id?: string;
}) {
  const { t } = useTranslation('matters');
  return (
    <Upload
      id={id}
      listType="picture-card"
      accept="image/jpeg,image/png,image/webp"
      multiple
      fileList={value}
      beforeUpload={() => false}
      onChange={({ fileList }) => onChange?.(fileList.slice(0, MAX_PHOTOS))}
      data-testid={testId}
    >
      {value.length < MAX_PHOTOS && (
        <button type="button" style={{ border: 0, background: 'none' }}>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>{t('addPhoto')}</div>
        </button>
      )}
    </Upload>
  );
}

/** Uploads the chosen photos one by one; the ids are what the form then names. */
export async function uploadChosen(files: UploadFile[]): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) if (f.originFileObj) ids.push((await uploadPhoto(f.originFileObj, f.name)).id);
  return ids;
}
