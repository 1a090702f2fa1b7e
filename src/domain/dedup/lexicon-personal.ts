import type { ProblemKind } from './kinds.ts';

// Requests of one person or household: one problem per person, even when neighbours ask the
// same (test/data/README-dedup.md, "Personal requests").
export const PERSONAL_KINDS: readonly ProblemKind[] = [
  {
    id: 'social_insurance',
    label: '社保养老金',
    scope: 'personal',
    when: ['社保|养老保险|养老金|退休金|灵活就业|医疗保险|资格认证|刷脸认证|参保|缴费年限'],
    also: '办理|认证|交|缴|停发|手机|刷脸',
  },
  {
    id: 'medical_insurance',
    label: '医保报销',
    scope: 'personal',
    when: ['医保|异地就医|报销|医疗救助|大病'],
    also: '备案|住院|材料|办理',
  },
  {
    id: 'public_housing',
    label: '公租房申请',
    scope: 'personal',
    when: ['公租房|廉租房|保障房|租房补贴|住房补贴|人才公寓'],
    also: '申请|条件|户口|租房',
  },
  {
    id: 'welfare',
    label: '低保救助',
    scope: 'personal',
    when: ['低保|救助|困难补助|特困|残疾人补贴|残疾证|高龄补贴|临时救助|困难家庭'],
    also: '申请|办理|条件',
  },
  {
    id: 'residence',
    label: '户籍入学',
    scope: 'personal',
    when: ['户口|落户|居住证|入学|学位|转学|迁户'],
    also: '办理|材料|孩子',
  },
  {
    id: 'job_seeking',
    label: '个人求职',
    scope: 'personal',
    when: [
      '找工作|找份工作|找一份|求职|再就业|就业|失业|没工作|公益性岗位|就业岗位|见习岗位|打零工|零工',
      '找个|想找|找点 + 活|工作|事做|事干',
    ],
    also: '推荐|帮忙|毕业|下岗|失业|岁|渠道',
  },
];
