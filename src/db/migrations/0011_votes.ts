import type { Kysely } from 'kysely';
import { asciiText, type MigrationDialect } from './columns.ts';

// Household consultations and owners' votes 征求意见 · 业主表决. The electorate is frozen when a question
// is asked. Who took part (vote_participations) and what was chosen (vote_counts) are separate tables: a
// secret ballot only adds to the per-option counters, which carry no voter, no time and no row of their
// own per ballot, so nothing links a participation to a choice. One participation per voter and question
// is the database's rule, not the application's.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('vote_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    // The place asked (building, entrance, compound), or the nearest place holding a chosen list.
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('place_path', asciiText(dialect), (c) => c.notNull())
    .addColumn('asked', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('secret', 'integer', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('electorate_heads', 'integer', (c) => c.notNull())
    .addColumn('electorate_area_centi_m2', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_early', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'text')
    .addColumn('result_digest', 'text')
    .execute();
  await db.schema
    .createIndex('vote_questions_scope')
    .on('vote_questions')
    .columns(['place_path', 'state'])
    .execute();

  await db.schema
    .createTable('vote_voters')
    .addColumn('question_id', 'text', (c) => c.notNull().references('vote_questions.id'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('area_centi_m2', 'bigint', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_voters_pk', ['question_id', 'voter_key'])
    .execute();

  await db.schema
    .createTable('vote_voter_households')
    .addColumn('question_id', 'text', (c) => c.notNull().references('vote_questions.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('area_centi_m2', 'bigint', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_voter_households_pk', ['question_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('vote_voter_households_household')
    .on('vote_voter_households')
    .column('household_id')
    .execute();

  await db.schema
    .createTable('vote_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('vote_questions.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('photo', 'text')
    .execute();

  await db.schema
    .createTable('vote_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('vote_questions.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('evidence_id', 'text', (c) => c.notNull().references('vote_evidence.id'))
    .addColumn('totals', 'text', (c) => c.notNull())
    .addColumn('heads', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vote_participations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('vote_questions.id'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.references('places.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('proxy_name', 'text')
    .addColumn('proxy_authority', 'text')
    .addColumn('evidence_id', 'text', (c) => c.references('vote_evidence.id'))
    .addColumn('round_id', 'text', (c) => c.references('vote_rounds.id'))
    // Open ballots only: a secret ballot's choice is never stored beside the voter.
    .addColumn('choice', 'text')
    .addColumn('changes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('vote_participations_one_voice')
    .on('vote_participations')
    .columns(['question_id', 'voter_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('vote_counts')
    .addColumn('question_id', 'text', (c) => c.notNull().references('vote_questions.id'))
    .addColumn('option_key', 'text', (c) => c.notNull())
    .addColumn('heads', 'integer', (c) => c.notNull())
    .addColumn('area_centi_m2', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_counts_pk', ['question_id', 'option_key'])
    .execute();

  await db.schema
    .createTable('vote_cost_plans')
    .addColumn('question_id', 'text', (c) => c.primaryKey().references('vote_questions.id'))
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('shares', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
