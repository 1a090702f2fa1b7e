import type { Generated } from 'kysely';
import type { EchoTables } from './schema-echo.ts';
import type { ExportsTables } from './schema-exports.ts';
import type { IntakeTables } from './schema-intake.ts';
import type { LadderTables } from './schema-ladder.ts';
import type { MeetingsTables } from './schema-meetings.ts';
import type { NotificationTables } from './schema-notifications.ts';
import type { SearchTables } from './schema-search.ts';
import type { VotesTables } from './schema-votes.ts';

// Table types for Kysely. Times are ISO-8601 UTC strings in both dialects (they sort as text and
// need no driver conversion); booleans are 0/1 integers; money is integer fen; area integer 0.01 m².

export interface AppMetaTable {
  key: string;
  value: string;
  updated_at: string;
}

export type PlaceKind =
  | 'city'
  | 'district'
  | 'street'
  | 'community'
  | 'compound'
  | 'building'
  | 'entrance'
  | 'household';

export interface PlacesTable {
  id: string;
  parent_id: string | null;
  kind: PlaceKind;
  name: string;
  path: string;
  depth: number;
  created_at: string;
}

export interface HouseholdsTable {
  place_id: string;
  room: string;
  area_centi_m2: number;
  household_code: string;
  updated_at: string;
}

export interface GridsTable {
  id: string;
  community_id: string;
  name: string;
  created_at: string;
}

export interface GridBuildingsTable {
  building_id: string;
  grid_id: string;
}

export interface PeopleTable {
  id: string;
  name: string | null;
  phone: string | null;
  created_at: string;
  erased_at: string | null;
}

export interface PartiesTable {
  id: string;
  kind: string;
  name: string;
  place_id: string;
  created_at: string;
}

export interface OwnershipsTable {
  id: string;
  household_id: string;
  person_id: string | null;
  party_id: string | null;
}

export type UserKind = 'staff' | 'resident';
export type UserStatus = 'active' | 'disabled' | 'erased';

export interface UsersTable {
  id: string;
  person_id: string;
  phone: string | null;
  kind: UserKind;
  password_hash: string | null;
  status: UserStatus;
  sms_opt_in: Generated<number>;
  created_at: string;
  password_changed_at: string | null;
}

export interface PartyMembersTable {
  party_id: string;
  user_id: string;
  title: string | null;
}

export interface HouseholdLinksTable {
  id: string;
  user_id: string;
  household_id: string;
  status: 'pending' | 'confirmed' | 'rejected';
  via: 'staff' | 'household_code';
  decided_by: string | null;
  created_at: string;
  decided_at: string | null;
}

export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role: string;
  place_id: string | null;
  grid_id: string | null;
  party_id: string | null;
  sector: string | null;
  granted_by: string | null;
  created_at: string;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  name: string;
  role: string;
  place_id: string | null;
  grid_id: string | null;
  party_id: string | null;
  sector: string | null;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

export interface SmsCodesTable {
  id: string;
  phone: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  attempts: Generated<number>;
}

export interface SignInFailuresTable {
  id: Generated<number>;
  account: string;
  at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: string;
  prev_hash: string;
  hash: string;
}

export interface ProblemsTable {
  id: string;
  community_id: string;
  place_id: string;
  place_path: string;
  category: string;
  title: string;
  state: string;
  level: string;
  urgency: number;
  severity: number;
  priority: number;
  deadline_at: string | null;
  deadline_provisional: Generated<number>;
  reopen_count: Generated<number>;
  first_taken_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  public_summary: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  // The ladder (0007): what the current deadline runs from, and its near-deadline warning.
  deadline_started_at: Generated<string | null>;
  deadline_amount: Generated<number | null>;
  deadline_unit: Generated<string | null>;
  deadline_warn_at: Generated<string | null>;
  deadline_warned_at: Generated<string | null>;
}

export interface MattersTable {
  id: string;
  problem_id: string | null;
  kind: string;
  title: string | null;
  text: string;
  category: string;
  community_id: string;
  place_id: string;
  place_path: string;
  channel: string;
  hotline_no: string | null;
  submitter_user_id: string | null;
  submitter_person_id: string | null;
  recorded_by: string | null;
  hide_name: Generated<number>;
  state: string;
  decline_reason: string | null;
  feedback_solved: number | null;
  rating: number | null;
  feedback_comment: string | null;
  feedback_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrdersTable {
  id: string;
  problem_id: string;
  role: 'lead' | 'assist';
  party_id: string | null;
  assignee_user_id: string | null;
  state: string;
  dispatched_by: string | null;
  dispatched_at: string;
  taken_by: string | null;
  taken_at: string | null;
  reported_at: string | null;
  report_text: string | null;
  transferred_to: string | null;
  note: string | null;
}

export interface ProblemEventsTable {
  id: string;
  problem_id: string;
  at: string;
  actor_id: string | null;
  kind: string;
  visibility: 'public' | 'staff';
  text: string | null;
  data: Generated<string>;
}

export interface ProblemChampionsTable {
  problem_id: string;
  user_id: string;
  since: string;
}

export interface FilesTable {
  id: string;
  mime: string;
  bytes: number;
  created_at: string;
}

export interface AttachmentsTable {
  id: string;
  file_id: string;
  matter_id: string | null;
  event_id: string | null;
  /** The door-to-door answer's or sealed-box round's evidence that claimed the photo (migration 0018). */
  vote_evidence_id: string | null;
  published: Generated<number>;
  created_at: string;
}

export interface DispatchRulesTable {
  id: string;
  community_id: string;
  category: string;
  place_id: string | null;
  party_id: string | null;
  user_id: string | null;
  level: string;
  created_at: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  body: string | null;
  created_at: string;
}

export interface NotificationsTable {
  seq: Generated<number>;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  problem_id: string | null;
  data: string;
  created_at: string;
  read_at: string | null;
}

export interface DB
  extends NotificationTables,
    LadderTables,
    VotesTables,
    MeetingsTables,
    EchoTables,
    SearchTables,
    IntakeTables,
    ExportsTables {
  app_meta: AppMetaTable;
  places: PlacesTable;
  households: HouseholdsTable;
  grids: GridsTable;
  grid_buildings: GridBuildingsTable;
  people: PeopleTable;
  parties: PartiesTable;
  ownerships: OwnershipsTable;
  users: UsersTable;
  party_members: PartyMembersTable;
  household_links: HouseholdLinksTable;
  role_grants: RoleGrantsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  sms_codes: SmsCodesTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
  problems: ProblemsTable;
  matters: MattersTable;
  orders: OrdersTable;
  problem_events: ProblemEventsTable;
  problem_champions: ProblemChampionsTable;
  files: FilesTable;
  attachments: AttachmentsTable;
  dispatch_rules: DispatchRulesTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
}
