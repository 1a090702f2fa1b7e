import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { LinkStatus } from '../../modules/residents/residents.schemas.ts';

// Icon and words together, dark text on a light ground: a status never rests on colour alone.
const statusLook = {
  pending: { icon: <ClockCircleOutlined />, color: '#874d00', background: '#fff7e6', border: '#ffd591' },
  confirmed: { icon: <CheckCircleOutlined />, color: '#135200', background: '#f6ffed', border: '#b7eb8f' },
  rejected: { icon: <CloseCircleOutlined />, color: '#a8071a', background: '#fff1f0', border: '#ffa39e' },
} as const;

export function StatusTag({ status, label }: { status: LinkStatus; label: string }) {
  const look = statusLook[status];
  return (
    <Tag
      icon={look.icon}
      style={{ color: look.color, background: look.background, borderColor: look.border, fontSize: '0.9em' }}
    >
      {label}
    </Tag>
  );
}
