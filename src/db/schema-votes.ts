// Tables of household consultations and owners' votes (migration 0011_votes).
// bigint columns come back as strings from PostgreSQL: wrap them in Number().

export interface VoteQuestionsTable {
  id: string;
  community_id: string;
  place_id: string;
  place_path: string;
  /** JSON: { kind: 'place' } or { kind: 'households' } — how the households were chosen. */
  asked: string;
  title: string;
  body: string;
  /** JSON array of { key, label }. */
  options: string;
  /** JSON VoteRule. */
  rule: string;
  secret: number;
  opens_at: string;
  closes_at: string;
  state: 'open' | 'closed';
  electorate_heads: number;
  electorate_area_centi_m2: number | string;
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  closed_early: number;
  result: string | null;
  result_digest: string | null;
}

export interface VoteVotersTable {
  question_id: string;
  voter_key: string;
  area_centi_m2: number | string;
  label: string;
}

export interface VoteVoterHouseholdsTable {
  question_id: string;
  household_id: string;
  voter_key: string;
  area_centi_m2: number | string;
  label: string;
}

export interface VoteEvidenceTable {
  id: string;
  question_id: string;
  note: string;
  /**
   * Frozen: the data URL 0011 stored inline, kept for the rows written before 0018 (no data lost). Nothing
   * writes it any more; evidence photos are attachments that name the evidence (attachments.vote_evidence_id).
   */
  photo: string | null;
}

export interface VoteRoundsTable {
  id: string;
  question_id: string;
  recorded_by: string;
  evidence_id: string;
  totals: string;
  heads: number;
  recorded_at: string;
}

export type VoteChannel = 'online' | 'visit' | 'proxy' | 'sealed_box';

export interface VoteParticipationsTable {
  id: string;
  question_id: string;
  voter_key: string;
  household_id: string | null;
  channel: VoteChannel;
  user_id: string | null;
  recorded_by: string | null;
  proxy_name: string | null;
  proxy_authority: string | null;
  evidence_id: string | null;
  round_id: string | null;
  choice: string | null;
  changes: number;
  cast_at: string;
  updated_at: string;
}

export interface VoteCountsTable {
  question_id: string;
  option_key: string;
  heads: number;
  area_centi_m2: number | string;
}

export interface VoteCostPlansTable {
  question_id: string;
  total_fen: number | string;
  rule: 'equal' | 'floorArea';
  shares: string;
  created_by: string;
  created_at: string;
}

export interface VotesTables {
  vote_questions: VoteQuestionsTable;
  vote_voters: VoteVotersTable;
  vote_voter_households: VoteVoterHouseholdsTable;
  vote_evidence: VoteEvidenceTable;
  vote_rounds: VoteRoundsTable;
  vote_participations: VoteParticipationsTable;
  vote_counts: VoteCountsTable;
  vote_cost_plans: VoteCostPlansTable;
}
