/**
 * Migration 0011: hazardous waste and zero-waste statistics (issue 22) — the waste roles of
 * enterprise sites, the hazardous-waste directory catalogue, storage facilities, the append-only
 * ledger, electronic transfer manifests with their items and append-only events, annual plans,
 * declarations, and monthly zero-waste statistics. Never edit a migration that has shipped: add the next one.
 */

import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

/** Tables whose rows are the record: the database refuses to change or delete one. */
const APPEND_ONLY = ['waste_ledger', 'waste_manifest_events'] as const;

export function migration0011Waste({ id, ref, pk, appendOnly }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('waste_parties')
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('permit_no', 'text')
        .addColumn('vehicles', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('licence_codes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('licence_methods', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('annual_capacity_kg', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('waste_parties_pk', ['site_id', 'role'])
        .execute();

      await db.schema
        .createTable('waste_catalogue')
        .addColumn('edition', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('hazards', 'text', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('waste_catalogue_pk', ['edition', 'code'])
        .execute();

      await db.schema
        .createTable('waste_facilities')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('capacity_kg', 'bigint', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addUniqueConstraint('waste_facilities_code', ['site_id', 'code'])
        .execute();

      await db.schema
        .createTable('waste_manifests')
        .addColumn('id', id, pk)
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('consignor_site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('carrier_site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('receiver_site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        // The columns below are a cache of the manifest's events.
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addColumn('vehicle', 'text')
        .addColumn('picked_up_at', 'bigint')
        .addColumn('receipt_due_at', 'bigint')
        .addColumn('received_at', 'bigint')
        .addColumn('disposed_at', 'bigint')
        .addColumn('method', 'text')
        .addColumn('discrepancies', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      for (const col of ['consignor_site_id', 'carrier_site_id', 'receiver_site_id'] as const) {
        await db.schema
          .createIndex(`waste_manifests_${col.replace('_site_id', '')}`)
          .on('waste_manifests')
          .columns([col, 'id'])
          .execute();
      }
      await db.schema
        .createIndex('waste_manifests_state_due')
        .on('waste_manifests')
        .columns(['state', 'receipt_due_at'])
        .execute();

      await db.schema
        .createTable('waste_manifest_items')
        .addColumn('id', id, pk)
        .addColumn('manifest_id', ref, (c) => c.notNull().references('waste_manifests.id'))
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('form', 'text', (c) => c.notNull())
        .addColumn('hazard', 'text', (c) => c.notNull())
        .addColumn('packaging', 'text', (c) => c.notNull())
        .addColumn('quantity_kg', 'bigint', (c) => c.notNull())
        .addColumn('facility_id', ref, (c) => c.references('waste_facilities.id'))
        // Filled in at receipt (also in the receipt event's data).
        .addColumn('received_kg', 'bigint')
        .addColumn('received_code', 'text')
        .addUniqueConstraint('waste_manifest_items_line', ['manifest_id', 'line'])
        .execute();

      await db.schema
        .createTable('waste_manifest_events')
        .addColumn('id', id, pk)
        .addColumn('manifest_id', ref, (c) => c.notNull().references('waste_manifests.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
        .addUniqueConstraint('waste_manifest_events_seq', ['manifest_id', 'seq'])
        .execute();

      await db.schema
        .createTable('waste_ledger')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('quantity_kg', 'bigint', (c) => c.notNull())
        .addColumn('facility_id', ref, (c) => c.references('waste_facilities.id'))
        .addColumn('batch', 'text', (c) => c.notNull())
        .addColumn('container', 'text', (c) => c.notNull())
        .addColumn('handler', 'text', (c) => c.notNull())
        .addColumn('manifest_id', ref, (c) => c.references('waste_manifests.id'))
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('waste_ledger_site_at')
        .on('waste_ledger')
        .columns(['site_id', 'at'])
        .execute();

      await db.schema
        .createTable('waste_plans')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('planned_kg', 'bigint', (c) => c.notNull())
        .addColumn('filed_at', 'bigint', (c) => c.notNull())
        .addColumn('filed_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('waste_plans_site_year')
        .on('waste_plans')
        .columns(['site_id', 'year'])
        .execute();

      await db.schema
        .createTable('waste_declarations')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('filed_at', 'bigint', (c) => c.notNull())
        .addColumn('filed_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('waste_declarations_key', ['site_id', 'kind', 'period'])
        .execute();

      await db.schema
        .createTable('waste_stats')
        .addColumn('id', id, pk)
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('target', 'double precision')
        .addColumn('entered_at', 'bigint', (c) => c.notNull())
        .addColumn('entered_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('waste_stats_key')
        .on('waste_stats')
        .columns(['scope', 'key', 'month'])
        .execute();

      for (const table of APPEND_ONLY) await appendOnly(db, table);
    },
  };
}
