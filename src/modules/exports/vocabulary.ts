import type { MatterState, OrderState, ProblemState } from '../../domain/matters/states.ts';
import type { Bilingual, Language } from '../../server/i18n.ts';

// The words a spreadsheet shows for the states of the core loop: those of the workbench's screens, in the
// language of whoever asked for the file. The ledger import reads them back in either language.

export const problemStateNames: Record<ProblemState, Bilingual> = {
  open: { 'zh-CN': '待派单', en: 'Open' },
  dispatched: { 'zh-CN': '已派单', en: 'Dispatched' },
  in_progress: { 'zh-CN': '办理中', en: 'In progress' },
  resolved: { 'zh-CN': '已办理', en: 'Resolved' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
};

export const matterStateNames: Record<MatterState, Bilingual> = {
  submitted: { 'zh-CN': '待受理', en: 'Waiting' },
  accepted: { 'zh-CN': '已受理', en: 'Accepted' },
  declined: { 'zh-CN': '不予受理', en: 'Declined' },
  confirmed: { 'zh-CN': '已确认解决', en: 'Confirmed solved' },
  dissatisfied: { 'zh-CN': '不满意', en: 'Not satisfied' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
};

export const orderStateNames: Record<OrderState, Bilingual> = {
  dispatched: { 'zh-CN': '待接单', en: 'Waiting' },
  taken: { 'zh-CN': '已接单', en: 'Taken' },
  reported: { 'zh-CN': '已反馈', en: 'Reported' },
  transferred: { 'zh-CN': '已转办', en: 'Transferred' },
};

export const orderRoleNames: Record<'lead' | 'assist', Bilingual> = {
  lead: { 'zh-CN': '主办', en: 'Lead' },
  assist: { 'zh-CN': '协办', en: 'Assisting' },
};

export const yesNo = (value: boolean, language: Language) =>
  language === 'en' ? (value ? 'Yes' : 'No') : value ? '是' : '否';

const beijing = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** 2026-11-27 14:05:33: Beijing time to the second, as offices write it and Excel sorts it (text). */
export function beijingTime(iso: string | null): string {
  if (!iso) return '';
  return beijing.format(new Date(iso));
}

/** 20261127-1405, for file names. */
export function fileStamp(at: Date): string {
  return beijingTime(at.toISOString()).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
}
