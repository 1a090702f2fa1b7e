// The words of the core loop, shared by the server and the web app.

export const matterKinds = ['micro_wish', 'problem', 'suggestion', 'complaint'] as const;
export type MatterKind = (typeof matterKinds)[number];

export const categories = [
  'employment',
  'social_security',
  'housing',
  'elderly_children',
  'old_compound_renovation',
  'environment',
  'property_service',
  'fire_safety',
  'pets',
  'health',
  'traffic_parking',
  'other',
] as const;
export type Category = (typeof categories)[number];

export const channels = ['online', 'wechat', 'phone', 'visit', 'meeting', 'hotline_12345'] as const;
export type Channel = (typeof channels)[number];

/** The ladder 小事小区办 · 大事社区帮 · 难事齐上阵 · beyond that the street or town. */
export const levels = ['compound', 'community', 'joint_meeting', 'street'] as const;
export type Level = (typeof levels)[number];

type Names<K extends string> = Record<K, { 'zh-CN': string; en: string }>;

export const matterKindNames: Names<MatterKind> = {
  micro_wish: { 'zh-CN': '微心愿', en: 'Micro-wish' },
  problem: { 'zh-CN': '难题', en: 'Problem' },
  suggestion: { 'zh-CN': '意见建议', en: 'Suggestion' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
};

export const categoryNames: Names<Category> = {
  employment: { 'zh-CN': '就业创业', en: 'Employment' },
  social_security: { 'zh-CN': '社会保障', en: 'Social security' },
  housing: { 'zh-CN': '住房保障', en: 'Housing' },
  elderly_children: { 'zh-CN': '一老一小', en: 'Elderly and children' },
  old_compound_renovation: { 'zh-CN': '老旧小区改造', en: 'Old-compound renovation' },
  environment: { 'zh-CN': '环境整治', en: 'Environment' },
  property_service: { 'zh-CN': '物业服务', en: 'Property service' },
  fire_safety: { 'zh-CN': '消防安全', en: 'Fire and public safety' },
  pets: { 'zh-CN': '养犬', en: 'Pets' },
  health: { 'zh-CN': '医疗卫生', en: 'Health' },
  traffic_parking: { 'zh-CN': '交通停车', en: 'Traffic and parking' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const channelNames: Names<Channel> = {
  online: { 'zh-CN': '线上', en: 'Online' },
  wechat: { 'zh-CN': '微信群', en: 'WeChat group' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  visit: { 'zh-CN': '入户走访', en: 'Door-to-door visit' },
  meeting: { 'zh-CN': '会议', en: 'Meeting' },
  hotline_12345: { 'zh-CN': '12345 热线', en: '12345 hotline' },
};

export const levelNames: Names<Level> = {
  compound: { 'zh-CN': '小区', en: 'Compound' },
  community: { 'zh-CN': '社区', en: 'Community' },
  joint_meeting: { 'zh-CN': '联席会议', en: 'Joint meeting' },
  street: { 'zh-CN': '街道（镇）', en: 'Street/town' },
};
