/**
 * Migration 0003: per-outlet emission limits, alarms with their append-only event history, and
 * alarm threshold overrides per industry and per site.
 * Never edit a migration that has shipped: add the next one.
 */
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

export function migration0003AlarmsLimits({ dialect, id, ref, pk }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Limits are appended, never edited: the newest row in force for (site, parameter,
      // averaging) on a day wins, so every earlier value stays on record.
      await db.schema
        .createTable('limits')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('parameter', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('lower_value', 'double precision')
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('averaging', 'text', (c) => c.notNull())
        .addColumn('reference_o2', 'double precision')
        .addColumn('standard', 'text', (c) => c.notNull())
        .addColumn('clause', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('valid_from', 'text')
        .addColumn('valid_to', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('limits_site').on('limits').columns(['site_id', 'parameter']).execute();

      await db.schema
        .createTable('alarms')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('parameter', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        // "site|parameter|rule" while the alarm is not closed, null once closed: the unique index
        // makes "one open alarm per (site, parameter, rule)" a property of the database.
        .addColumn('open_key', 'text', (c) => c.unique())
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('window_from', 'bigint', (c) => c.notNull())
        .addColumn('window_to', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('limit_value', 'double precision')
        .addColumn('message_zh', 'text', (c) => c.notNull())
        .addColumn('message_en', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('cleared_since', 'bigint')
        .addColumn('acknowledged_at', 'bigint')
        .addColumn('acknowledged_by', 'text')
        .addColumn('closed_at', 'bigint')
        .addColumn('closed_by', 'text')
        .addColumn('close_reason', 'text')
        .execute();
      await db.schema
        .createIndex('alarms_state_seen')
        .on('alarms')
        .columns(['state', 'last_seen_at'])
        .execute();
      await db.schema
        .createIndex('alarms_key')
        .on('alarms')
        .columns(['site_id', 'parameter', 'rule', 'window_to'])
        .execute();
      await db.schema.createIndex('alarms_opened').on('alarms').column('opened_at').execute();

      await db.schema
        .createTable('alarm_events')
        .addColumn('id', id, pk)
        .addColumn('alarm_id', ref, (c) => c.notNull().references('alarms.id'))
        .addColumn('site_id', ref, (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('comment', 'text')
        .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema
        .createIndex('alarm_events_alarm')
        .on('alarm_events')
        .columns(['alarm_id', 'id'])
        .execute();

      await db.schema
        .createTable('alarm_settings')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('scope_key', 'text', (c) => c.notNull())
        .addColumn('overrides', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('alarm_settings_pk', ['scope', 'scope_key'])
        .execute();

      // The event history is append-only in the database too.
      switch (dialect) {
        case 'sqlite':
          await sql`create trigger alarm_events_no_update before update on alarm_events
            begin select raise(abort, 'alarm_events is append-only'); end`.execute(db);
          await sql`create trigger alarm_events_no_delete before delete on alarm_events
            begin select raise(abort, 'alarm_events is append-only'); end`.execute(db);
          break;
        case 'postgres':
          await sql`create function alarm_events_append_only() returns trigger language plpgsql as
            'begin raise exception ''alarm_events is append-only''; end'`.execute(db);
          await sql`create trigger alarm_events_no_change before update or delete on alarm_events
            for each row execute function alarm_events_append_only()`.execute(db);
          break;
        default:
          throw new Error(`unknown dialect ${String(dialect)}`);
      }
    },
  };
}
