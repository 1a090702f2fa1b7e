// Table types of consultation meetings 协商议事 (migration 0010_meetings).

export interface ProcedureTemplatesTable {
  place_id: string;
  text: string;
  updated_by: string | null;
  updated_at: string;
}

export interface MeetingsTable {
  id: string;
  kind: string;
  title: string;
  place_id: string;
  place_path: string;
  convener_user_id: string | null;
  convener_party_id: string | null;
  starts_at: string;
  ends_at: string;
  venue: string;
  recurrence: string;
  previous_id: string | null;
  procedure_rules: string;
  state: string;
  recorder_user_id: string | null;
  reminded_at: string | null;
  summary: string | null;
  public_summary: string | null;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingInvitationsTable {
  id: string;
  meeting_id: string;
  party_id: string | null;
  user_id: string | null;
  via_role: string | null;
  reply: string;
  delegate_name: string | null;
  replied_at: string | null;
  created_at: string;
}

export interface MeetingAgendaItemsTable {
  id: string;
  meeting_id: string;
  position: number;
  problem_id: string | null;
  topic: string;
  carried_from_id: string | null;
  state: string;
  method: string | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  present: number | null;
  adopted: number | null;
  decision: string | null;
  decided_at: string | null;
}

export interface MeetingAttendeesTable {
  id: string;
  meeting_id: string;
  user_id: string | null;
  name: string;
  party_id: string | null;
  capacity: string | null;
  created_at: string;
}

export interface MeetingSpeechesTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  kind: string;
  speaker_name: string;
  party_id: string | null;
  capacity: string | null;
  text: string;
  recorded_by: string | null;
  at: string;
}

export interface ActionItemsTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string;
  problem_id: string | null;
  title: string;
  party_id: string | null;
  user_id: string | null;
  due_on: string;
  due_at: string;
  status: string;
  evidence: string | null;
  level: string;
  reminded_at: string | null;
  climbed_at: string | null;
  done_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CostPlansTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string;
  title: string;
  total_fen: number;
  plan: string;
  created_at: string;
}

export interface CostSharesTable {
  id: string;
  plan_id: string;
  position: number;
  party_id: string | null;
  household_id: string | null;
  label: string;
  amount_fen: number;
  cash_fen: number;
  in_kind_fen: number;
  in_kind: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
}

export interface MeetingsTables {
  procedure_templates: ProcedureTemplatesTable;
  meetings: MeetingsTable;
  meeting_invitations: MeetingInvitationsTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_attendees: MeetingAttendeesTable;
  meeting_speeches: MeetingSpeechesTable;
  action_items: ActionItemsTable;
  cost_plans: CostPlansTable;
  cost_shares: CostSharesTable;
}
