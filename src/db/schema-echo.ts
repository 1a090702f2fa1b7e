// Table types of the echo wall and the figures (migrations 0009_echo_figures, 0019_figures_by_month).

export interface FigureKeysTable {
  entity_type: 'matter' | 'problem';
  entity_id: string;
  dims: string;
}

export interface RollupMattersTable {
  community_path: string;
  category: string;
  channel: string;
  day: string;
  state: string;
  feedback: number;
  rating: number;
  n: number;
}

export interface RollupProblemsTable {
  community_path: string;
  category: string;
  channel: string;
  day: string;
  state: string;
  level: string;
  response: string;
  resolution: string;
  reopened: number;
  n: number;
  reopens: number;
}

/** The coarse tier: per street × month, without category and channel. */
export interface RollupMattersMonthTable {
  street_path: string;
  month: string;
  state: string;
  feedback: number;
  rating: number;
  n: number;
}

export interface RollupProblemsMonthTable {
  street_path: string;
  month: string;
  state: string;
  level: string;
  response: string;
  resolution: string;
  reopened: number;
  n: number;
  reopens: number;
}

export interface FigureDurationsTable {
  place_path: string;
  metric: string;
  n: number;
  median_seconds: number | null;
  p90_seconds: number | null;
  computed_at: string;
}

export interface EchoTables {
  figure_keys: FigureKeysTable;
  rollup_matters: RollupMattersTable;
  rollup_problems: RollupProblemsTable;
  rollup_matters_month: RollupMattersMonthTable;
  rollup_problems_month: RollupProblemsMonthTable;
  figure_durations: FigureDurationsTable;
}
