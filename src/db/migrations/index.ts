import type { Kysely, Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_people_places.ts';
import * as m0005 from './0005_matters.ts';
import * as m0006 from './0006_notifications.ts';
import * as m0007 from './0007_ladder.ts';
import * as m0008 from './0008_channels.ts';
import * as m0009 from './0009_echo_figures.ts';
import * as m0010 from './0010_meetings.ts';
import * as m0011 from './0011_votes.ts';
import * as m0012 from './0012_intake.ts';
import * as m0013 from './0013_search.ts';
import * as m0014 from './0014_exports.ts';
import * as m0017 from './0017_search_compact.ts';
import * as m0018 from './0018_vote_evidence_photos.ts';
import * as m0019 from './0019_figures_by_month.ts';
import * as m0020 from './0020_figures_read_in_order.ts';
import * as m0021 from './0021_queue_in_order.ts';
import type { MigrationDialect } from './columns.ts';

type Step = { up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> };

// Forward only: a released migration is never edited or removed; a change is a new file.
const steps: Record<string, Step> = {
  '0001_foundation': m0001,
  '0002_people_places': m0002,
  '0005_matters': m0005,
  '0006_notifications': m0006,
  '0007_ladder': m0007,
  '0008_channels': m0008,
  '0009_echo_figures': m0009,
  '0010_meetings': m0010,
  '0011_votes': m0011,
  '0012_intake': m0012,
  '0013_search': m0013,
  '0014_exports': m0014,
  '0017_search_compact': m0017,
  '0018_vote_evidence_photos': m0018,
  '0019_figures_by_month': m0019,
  '0020_figures_read_in_order': m0020,
  '0021_queue_in_order': m0021,
};

export function migrationProvider(dialect: MigrationDialect): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, step] of Object.entries(steps)) out[name] = { up: (db) => step.up(db, dialect) };
      return out;
    },
  };
}

// The Migrator runs steps in name order, whatever order they are listed in.
export const latestMigration = Object.keys(steps).sort().at(-1)!;
