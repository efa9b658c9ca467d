/**
 * Migration 0001: districts, sites, devices, readings, corrections, packet log, users.
 * Never edit a migration that has shipped: add the next one.
 */
import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

export function migration0001Core({ id, ref, pk }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('districts')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sites')
        .addColumn('id', id, pk)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull().references('districts.code'))
        .addColumn('longitude', 'double precision')
        .addColumn('latitude', 'double precision')
        .addColumn('parent_id', ref, (c) => c.references('sites.id'))
        .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sites_kind_district')
        .on('sites')
        .columns(['kind', 'district_code'])
        .execute();
      await db.schema.createIndex('sites_parent').on('sites').column('parent_id').execute();

      await db.schema
        .createTable('devices')
        .addColumn('id', id, pk)
        .addColumn('mn', 'text', (c) => c.notNull().unique())
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('protocol', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('allowed_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('last_seen_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('devices_site').on('devices').column('site_id').execute();

      await db.schema
        .createTable('readings')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull())
        .addColumn('parameter', 'text', (c) => c.notNull())
        .addColumn('interval', 'text', (c) => c.notNull())
        .addColumn('period_start', 'bigint', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('value_text', 'text')
        .addColumn('min', 'double precision')
        .addColumn('max', 'double precision')
        .addColumn('cumulative', 'double precision')
        .addColumn('flag', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('readings_key', ['site_id', 'parameter', 'interval', 'period_start'])
        .execute();

      await db.schema
        .createTable('corrections')
        .addColumn('id', id, pk)
        .addColumn('reading_id', ref, (c) => c.notNull().references('readings.id'))
        .addColumn('value', 'double precision')
        .addColumn('flag', 'text')
        .addColumn('invalid', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('corrected_by', 'text', (c) => c.notNull())
        .addColumn('corrected_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('corrections_reading').on('corrections').column('reading_id').execute();

      await db.schema
        .createTable('packet_log')
        .addColumn('id', id, pk)
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('peer', 'text')
        .addColumn('mn', 'text')
        .addColumn('qn', 'text')
        .addColumn('cn', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('reason', 'text')
        .addColumn('raw', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('packet_log_mn_time')
        .on('packet_log')
        .columns(['mn', 'received_at'])
        .execute();
      await db.schema.createIndex('packet_log_time').on('packet_log').column('received_at').execute();

      await db.schema
        .createTable('users')
        .addColumn('id', id, pk)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.references('districts.code'))
        .addColumn('enterprise_site_id', ref, (c) => c.references('sites.id'))
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
