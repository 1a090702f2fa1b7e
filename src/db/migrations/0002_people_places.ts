import { type Kysely, sql } from 'kysely';
import { asciiText, type MigrationDialect, serialKey } from './columns.ts';

// People, places, parties, accounts, sessions and the audit log.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  // The place tree 区划: city → district → street → community → compound → building → entrance → household.
  // `path` is the chain of ids from the root, '/a/b/c/', so "everything below a place" is one range scan.
  await db.schema
    .createTable('places')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('places.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', asciiText(dialect), (c) => c.notNull().unique())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('places_parent_name')
    .on('places')
    .columns(['parent_id', 'name'])
    .unique()
    .execute();

  // A household 户 is a place of kind 'household' with what the register says about it.
  await db.schema
    .createTable('households')
    .addColumn('place_id', 'text', (c) => c.primaryKey().references('places.id'))
    .addColumn('room', 'text', (c) => c.notNull())
    // Registered exclusive floor area in 0.01 m², exact (Civil Code art. 278 counts area).
    .addColumn('area_centi_m2', 'integer', (c) => c.notNull())
    // Printed on a notice so a resident can link their account without a visit.
    .addColumn('household_code', 'text', (c) => c.notNull().unique())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A grid 网格 groups buildings of one community; a building belongs to one grid.
  await db.schema
    .createTable('grids')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('community_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('grids_community_name')
    .on('grids')
    .columns(['community_id', 'name'])
    .unique()
    .execute();
  await db.schema
    .createTable('grid_buildings')
    .addColumn('building_id', 'text', (c) => c.primaryKey().references('places.id'))
    .addColumn('grid_id', 'text', (c) => c.notNull().references('grids.id'))
    .execute();
  await db.schema.createIndex('grid_buildings_grid').on('grid_buildings').column('grid_id').execute();

  // People known to the community: owners on the register and account holders. Personal fields are
  // nulled on erasure; the row stays so that what they did still adds up.
  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema.createIndex('people_phone').on('people').column('phone').execute();

  // Parties 单位 that take part: property companies, owners' committees, police stations, …
  await db.schema
    .createTable('parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('parties_place_name')
    .on('parties')
    .columns(['place_id', 'name'])
    .unique()
    .execute();

  // Who owns a household: a person, or a party (the developer's unsold units).
  await db.schema
    .createTable('ownerships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.place_id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addCheckConstraint('ownerships_one_owner', sql`(person_id is null) <> (party_id is null)`)
    .execute();
  await db.schema.createIndex('ownerships_household').on('ownerships').column('household_id').execute();
  await db.schema.createIndex('ownerships_person').on('ownerships').column('person_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('phone', 'text', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sms_opt_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text')
    .execute();

  await db.schema
    .createTable('party_members')
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text')
    .addPrimaryKeyConstraint('party_members_pk', ['party_id', 'user_id'])
    .execute();

  // A resident's link to their household: asked for, then confirmed by staff or by the household code.
  await db.schema
    .createTable('household_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.place_id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('household_links_user_household')
    .on('household_links')
    .columns(['user_id', 'household_id'])
    .unique()
    .execute();

  // A role is held at a place (or, for a grid worker, a grid); it reaches everything below, nothing beside.
  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    .addColumn('grid_id', 'text', (c) => c.references('grids.id'))
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    // CPPCC sector 界别 (economy, 工商联, agriculture …)
    .addColumn('sector', 'text')
    .addColumn('granted_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_grants_user').on('role_grants').column('user_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    .addColumn('grid_id', 'text', (c) => c.references('grids.id'))
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('sector', 'text')
    .addColumn('invited_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text', (c) => c.references('users.id'))
    .execute();

  // Sessions are stored by the SHA-256 of their token: a leaked table holds no usable token.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('sms_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('sms_codes_phone').on('sms_codes').columns(['phone', 'created_at']).execute();

  // Failed sign-ins, counted per account over the last minute for rate limiting and lockout.
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('id', serialKey(dialect), (c) =>
      dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_failures_account')
    .on('sign_in_failures')
    .columns(['account', 'at'])
    .execute();

  // The append-only, hash-chained audit log (see src/modules/audit).
  await db.schema
    .createTable('audit_log')
    // Assigned by the appender under the chain lock: the hash covers it, so a renumbering is caught.
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('audit_log_entity')
    .on('audit_log')
    .columns(['entity_type', 'entity_id', 'seq'])
    .execute();
}
