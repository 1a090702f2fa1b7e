// Table types of the ladder: deadline rules, holiday notices, whistles and their summons.

export interface DeadlineRulesTable {
  id: string;
  community_id: string;
  level: string;
  category: string | null;
  amount: number;
  unit: string;
  warn_minutes: number;
  created_at: string;
  updated_at: string;
}

export interface HolidayNoticesTable {
  year: number;
  source: string;
  notice: string;
  loaded_by: string | null;
  loaded_at: string;
}

export interface WhistlesTable {
  id: string;
  problem_id: string;
  blown_by: string | null;
  blown_at: string;
  arrive_by: string;
  note: string | null;
}

export interface WhistleSummonsTable {
  id: string;
  whistle_id: string;
  party_id: string;
  order_id: string;
  reported_in_at: string | null;
  reported_in_by: string | null;
}

export interface LadderTables {
  deadline_rules: DeadlineRulesTable;
  holiday_notices: HolidayNoticesTable;
  whistles: WhistlesTable;
  whistle_summons: WhistleSummonsTable;
}
