import type { PhotoRef } from '../../shared/Photos.tsx';

export type StaffMatter = {
  id: string;
  kind: string;
  title: string | null;
  text: string;
  category: string;
  channel: string;
  state: string;
  placeName: string;
  submitterName: string | null;
  submitterPhone: string | null;
  hotlineNo: string | null;
  createdAt: string;
  feedback: { solved: boolean; rating: number } | null;
  photos: PhotoRef[];
};

export type ProblemRow = {
  id: string;
  title: string;
  category: string;
  state: string;
  level: string;
  priority: number;
  placeName: string;
  deadlineAt: string | null;
  deadlineProvisional: boolean;
  voices: number;
  createdAt: string;
};

export type OrderView = {
  id: string;
  role: 'lead' | 'assist';
  state: string;
  partyId: string | null;
  partyName: string | null;
  assigneeName: string | null;
  dispatchedAt: string;
  takenAt: string | null;
  reportedAt: string | null;
  reportText: string | null;
  canWork: boolean;
};

export type ProblemDetail = ProblemRow & {
  urgency: number;
  severity: number;
  reopenCount: number;
  matters: StaffMatter[];
  orders: OrderView[];
  timeline: {
    id: string;
    at: string;
    kind: string;
    visibility: 'public' | 'staff';
    text: string | null;
    actorName: string | null;
    photos: PhotoRef[];
  }[];
  champions: { userId: string; name: string | null }[];
  proposedHandler: {
    partyId: string | null;
    partyName: string | null;
    userId: string | null;
    userName: string | null;
    level: string;
  } | null;
};

export type Page<T> = { items: T[]; total: number };

/** Times are stored in UTC and shown in China's time. */
export function shanghaiTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
