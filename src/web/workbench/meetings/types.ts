import type { z } from 'zod';
import type {
  InviteeOptions,
  MeetingDetail,
  MeetingRow,
} from '../../../modules/meetings/meetings.schemas.ts';

export type Meeting = z.infer<typeof MeetingDetail>;
export type MeetingListRow = z.infer<typeof MeetingRow>;
export type Options = z.infer<typeof InviteeOptions>;
export type AgendaItem = Meeting['agenda'][number];

/** 1234567 fen → 12,345.67 */
export function yuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
