import { Image, Space } from 'antd';

export type PhotoRef = { id: string; url: string; mime: string };

/** Thumbnails that open large; the server decides who may fetch each one. */
export function Photos({ photos, alt, size = 72 }: { photos: PhotoRef[]; alt: string; size?: number }) {
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size={6} data-testid="photos">
        {photos.map((p, i) => (
          <Image
            key={p.id}
            src={p.url}
            alt={`${alt} ${i + 1}`}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 4 }}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
