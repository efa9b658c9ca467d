/**
 * Migration 0004: closed-loop cases (issue 9) — cases with their cached current state, the
 * append-only case events the state is folded from, evidence attachments (metadata, and the bytes
 * themselves when the store keeps evidence in the database), and notifications.
 * Never edit a migration that has shipped: add the next one.
 */
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

export function migration0004Cases({ dialect, id, ref, pk }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('cases')
        .addColumn('id', id, pk)
        .addColumn('source', 'text', (c) => c.notNull())
        // No foreign key: alarms live in their own migration and a case outlives any alarm row.
        .addColumn('alarm_id', ref)
        .addColumn('external_ref', 'text')
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_site_id', ref, (c) => c.references('sites.id'))
        .addColumn('subject_name', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull().references('districts.code'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        // The columns below are a cache of the fold of the case's events (src/cases/case-fold.ts).
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addColumn('responsible_type', 'text')
        .addColumn('responsible_code', 'text')
        .addColumn('responsible_name', 'text')
        .addColumn('responsible_site_id', ref)
        .addColumn('deadline', 'bigint')
        .addColumn('escalation', 'text', (c) => c.notNull())
        .addColumn('assigned_at', 'bigint')
        .addColumn('rectified_at', 'bigint')
        .addColumn('rectified_on_time', 'integer')
        .addColumn('first_closed_at', 'bigint')
        .addColumn('closed_at', 'bigint')
        .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cases_district').on('cases').columns(['district_code', 'id']).execute();
      await db.schema
        .createIndex('cases_state_deadline')
        .on('cases')
        .columns(['state', 'deadline'])
        .execute();
      await db.schema
        .createIndex('cases_responsible_site')
        .on('cases')
        .columns(['responsible_site_id', 'id'])
        .execute();
      await db.schema.createIndex('cases_alarm').on('cases').column('alarm_id').execute();
      await db.schema.createIndex('cases_created').on('cases').column('created_at').execute();

      await db.schema
        .createTable('case_events')
        .addColumn('id', id, pk)
        .addColumn('case_id', ref, (c) => c.notNull().references('cases.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
        // Two writers that read the same last event both try the same seq: one of them loses.
        .addUniqueConstraint('case_events_seq', ['case_id', 'seq'])
        .execute();

      await db.schema
        .createTable('case_attachments')
        .addColumn('id', id, pk)
        .addColumn('case_id', ref, (c) => c.notNull().references('cases.id'))
        .addColumn('event_id', ref, (c) => c.references('case_events.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('storage', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('case_attachments_case')
        .on('case_attachments')
        .columns(['case_id', 'id'])
        .execute();

      // Content-addressed evidence bytes for stores that keep evidence in the database.
      await db.schema
        .createTable('attachment_blobs')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('content', dialect === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('notifications')
        .addColumn('id', id, pk)
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('case_id', ref, (c) => c.references('cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('message_zh', 'text', (c) => c.notNull())
        .addColumn('message_en', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notifications_audience')
        .on('notifications')
        .columns(['audience', 'id'])
        .execute();

      // Case events are the record: the database refuses to change or delete one.
      switch (dialect) {
        case 'sqlite':
          await sql`create trigger case_events_no_update before update on case_events
            begin select raise(abort, 'case_events is append-only'); end`.execute(db);
          await sql`create trigger case_events_no_delete before delete on case_events
            begin select raise(abort, 'case_events is append-only'); end`.execute(db);
          break;
        case 'postgres':
          await sql`create function case_events_append_only() returns trigger language plpgsql as
            'begin raise exception ''case_events is append-only''; end'`.execute(db);
          await sql`create trigger case_events_no_change before update or delete on case_events
            for each row execute function case_events_append_only()`.execute(db);
          break;
        default:
          throw new Error(`unknown dialect ${String(dialect)}`);
      }
    },
  };
}
