// Roles are held at a place (scope); a role at a community reaches everything below it, nothing beside it.
export const roles = [
  'building_steward', // 楼道红管家
  'grid_worker', // 网格员 (held at a grid)
  'community_staff', // 社区工作人员
  'community_secretary', // 社区党委书记
  'street_officer', // 街道/镇
  'property_staff', // 物业
  'committee_member', // 业委会成员
  'npc_deputy', // 人大代表
  'cppcc_member', // 政协委员 (with a sector 界别)
  'volunteer', // 志愿者
  'department_liaison', // 职能部门联络员
  'union_officer', // 工会
  'judge', // 评委
  'admin',
] as const;

export type Role = (typeof roles)[number];

export const roleNames: Record<Role, { 'zh-CN': string; en: string }> = {
  building_steward: { 'zh-CN': '楼道红管家', en: 'Building steward' },
  grid_worker: { 'zh-CN': '网格员', en: 'Grid worker' },
  community_staff: { 'zh-CN': '社区工作人员', en: 'Community staff' },
  community_secretary: { 'zh-CN': '社区党委书记', en: 'Community party secretary' },
  street_officer: { 'zh-CN': '街道（镇）干部', en: 'Street/town officer' },
  property_staff: { 'zh-CN': '物业人员', en: 'Property staff' },
  committee_member: { 'zh-CN': '业委会成员', en: 'Owners’ committee member' },
  npc_deputy: { 'zh-CN': '人大代表', en: 'NPC deputy' },
  cppcc_member: { 'zh-CN': '政协委员', en: 'CPPCC member' },
  volunteer: { 'zh-CN': '志愿者', en: 'Volunteer' },
  department_liaison: { 'zh-CN': '职能部门联络员', en: 'Department liaison' },
  union_officer: { 'zh-CN': '工会干部', en: 'Trade-union officer' },
  judge: { 'zh-CN': '评委', en: 'Judge' },
  admin: { 'zh-CN': '系统管理员', en: 'Administrator' },
};

export const partyKinds = [
  'property_company', // 物业公司
  'owners_committee', // 业主委员会
  'police_station', // 派出所
  'co_building_unit', // 共建单位
  'social_organisation', // 社会组织
  'government_department', // 职能部门
  'developer', // 开发商
  'utility', // 水务/供电
  'party_organisation', // 党委/党支部/党小组
] as const;

export type PartyKind = (typeof partyKinds)[number];
