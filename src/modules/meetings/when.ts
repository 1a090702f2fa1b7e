import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { CHINA_TIME_ZONE } from '../../domain/deadlines/civil-day.ts';

/** 2026年3月10日 15:00, in Beijing time: how minutes and notices give a moment. */
export function shanghaiTime(iso: string): string {
  return format(new TZDate(iso, CHINA_TIME_ZONE), 'yyyy年M月d日 HH:mm');
}

export function shanghaiDate(iso: string): string {
  return format(new TZDate(iso, CHINA_TIME_ZONE), 'yyyy年M月d日');
}
