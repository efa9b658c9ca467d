/**
 * Migration 0006: bureau settings that are not master data — today the list of alarm rules that
 * open cases by themselves. Each change appends a version (name, JSON value, who, when); the newest
 * version of a name is in force, so every earlier value stays on record. A name without a version
 * means the built-in default. (Threshold overrides per industry and site keep their table from
 * migration 0003; their history is the audit log.)
 * Never edit a migration that has shipped: add the next one.
 */
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

export function migration0006Settings({ dialect, id, pk }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('bureau_settings')
        .addColumn('id', id, pk)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('bureau_settings_name')
        .on('bureau_settings')
        .columns(['name', 'id'])
        .execute();

      // Versions are appended, never changed: append-only in the database too.
      switch (dialect) {
        case 'sqlite':
          await sql`create trigger bureau_settings_no_update before update on bureau_settings
            begin select raise(abort, 'bureau_settings is append-only'); end`.execute(db);
          await sql`create trigger bureau_settings_no_delete before delete on bureau_settings
            begin select raise(abort, 'bureau_settings is append-only'); end`.execute(db);
          break;
        case 'postgres':
          await sql`create function bureau_settings_append_only() returns trigger language plpgsql as
            'begin raise exception ''bureau_settings is append-only''; end'`.execute(db);
          await sql`create trigger bureau_settings_no_change before update or delete on bureau_settings
            for each row execute function bureau_settings_append_only()`.execute(db);
          break;
        default:
          throw new Error(`unknown dialect ${String(dialect)}`);
      }
    },
  };
}
