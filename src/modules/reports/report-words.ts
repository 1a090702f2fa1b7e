import { RESPONSE_HOURS } from '../../domain/figures/definitions.ts';
import { monthTitle } from '../../domain/reports/month.ts';
import { NOTABLE_LIMIT } from '../../domain/reports/notable.ts';

// The words the printable page and the .docx share: the title and the definitions a reader checks the
// figures against (docs/figures.md says the same at more length). Pure: the web app imports it.

type Language = 'zh-CN' | 'en';

export function reportTitle(r: { place: { name: string }; month: string }, language: Language = 'zh-CN') {
  return language === 'en'
    ? `${r.place.name}: residents' matters and problems, monthly report for ${r.month}`
    : `${r.place.name}${monthTitle(r.month)}群众诉求办理情况月报`;
}

export const reportDefinitions: Record<Language, string[]> = {
  'zh-CN': [
    '统计范围：本月（北京时间）收集的事项和由其受理形成的问题；问题状态、“三率”和逾期情况按报告生成时的记录计算。',
    `响应率＝受理后${RESPONSE_HOURS}小时内首次接单的问题÷受理已满${RESPONSE_HOURS}小时的问题。`,
    '解决率＝居民确认已解决的事项÷有反馈的事项；满意率＝评价为4—5星的事项÷有评价的事项；未反馈即办结的事项两项均不计入。重办指居民不满意后问题重新办理。',
    '已解决指已办理或已办结的问题；在办指已派单或办理中的问题；待派单指已受理、尚未派单的问题。',
    '逾期问题：截至报告生成时仍未解决、且已超过所在层级办理时限的问题，含以往月份受理的问题；第一部分中的“逾期”仅计本月受理的问题。',
    `典型案例：本月经协商议事会议决定、逐级上报、街道吹哨或在回音壁公开的问题，按经历环节多少、轻重缓急先后排列，最多${NOTABLE_LIMIT}个。`,
    '本报告不含居民姓名、电话和门牌号；承办人为个人的只写姓氏。',
  ],
  en: [
    'Scope: the matters collected in the month (Beijing time) and the problems made of them; states, the three rates and what is overdue are read when the report is made.',
    `Response rate = problems whose first order was taken within ${RESPONSE_HOURS} hours of acceptance ÷ problems accepted at least ${RESPONSE_HOURS} hours ago.`,
    'Resolution rate = matters whose submitter confirmed the problem solved ÷ matters with feedback; satisfaction rate = ratings of 4–5 ÷ ratings; matters closed without feedback count in neither. Reopens (重办) follow a dissatisfied resident.',
    'Solved: resolved or closed; in progress: dispatched or being handled; to dispatch: accepted, not yet dispatched.',
    'Overdue problems: unsolved and past the deadline of their level when the report is made, including those received in earlier months; the "overdue" figure of part one counts only this month’s problems.',
    `Notable cases: problems decided at a consultation meeting, escalated, whistled for, or published on the echo wall in the month, those with more of these steps and more urgent first, at most ${NOTABLE_LIMIT}.`,
    'The report holds no resident’s name, phone or door number; a handler who is a person is named by family name only.',
  ],
};
