// The words of consultation meetings 协商议事, shared by the server and the web app.

/**
 * 议事会 · 联席会议 · 听证会. The CPPCC counterpart consultation 对口协商 comes as one more kind with its
 * own report; nothing here assumes the list is closed beyond what a kind is called.
 */
export const meetingKinds = ['council', 'joint', 'hearing'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const meetingStates = ['scheduled', 'in_session', 'concluded', 'cancelled'] as const;
export type MeetingState = (typeof meetingStates)[number];

export const recurrences = ['none', 'monthly', 'quarterly'] as const;
export type Recurrence = (typeof recurrences)[number];

export const replies = ['pending', 'coming', 'not_coming', 'delegate'] as const;
export type Reply = (typeof replies)[number];

export const agendaStates = ['pending', 'decided', 'deferred'] as const;
export type AgendaState = (typeof agendaStates)[number];

export const decisionMethods = ['consensus', 'vote'] as const;
export type DecisionMethod = (typeof decisionMethods)[number];

export const speechKinds = ['speech', 'proposal'] as const;
export type SpeechKind = (typeof speechKinds)[number];

export const actionStatuses = ['open', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

type Names<K extends string> = Record<K, { 'zh-CN': string; en: string }>;

export const meetingKindNames: Names<MeetingKind> = {
  council: { 'zh-CN': '协商议事会', en: 'Consultation meeting' },
  joint: { 'zh-CN': '联席会议', en: 'Joint meeting' },
  hearing: { 'zh-CN': '听证会', en: 'Hearing' },
};

export const meetingStateNames: Names<MeetingState> = {
  scheduled: { 'zh-CN': '已召集', en: 'Scheduled' },
  in_session: { 'zh-CN': '进行中', en: 'In session' },
  concluded: { 'zh-CN': '已结束', en: 'Concluded' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

export const actionStatusNames: Names<ActionStatus> = {
  open: { 'zh-CN': '未开始', en: 'Not started' },
  in_progress: { 'zh-CN': '进行中', en: 'In progress' },
  done: { 'zh-CN': '已完成', en: 'Done' },
};

/** Where a meeting's action items start on the ladder: a joint meeting is its third rung 难事齐上阵. */
export function startLevelOf(kind: MeetingKind): 'community' | 'joint_meeting' {
  return kind === 'joint' ? 'joint_meeting' : 'community';
}

/** The default procedure rules 议事规程 a community starts from, until it writes its own. */
export const defaultProcedureRules = [
  '一、议题确定：议题来源于居民反映的问题清单和各方提出的事项，由召集人会前公布。',
  '二、会前通知：召集人提前通知参会单位和人员，说明时间、地点和议题。',
  '三、充分协商：参会各方围绕议题逐一发言，记录人如实记录发言人、所在单位或界别及发言要点。',
  '四、形成决定：能形成共识的，以共识作出决定；不能形成共识的，由到会人员表决，赞成票超过到会人数一半的通过。',
  '五、暂缓事项：条件不成熟的议题可以暂缓，列入下次会议。',
  '六、落实反馈：决定事项形成实施方案，明确责任单位（人）和完成时限，办理结果向居民公开。',
].join('\n');
