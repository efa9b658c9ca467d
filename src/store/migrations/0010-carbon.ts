/**
 * Migration 0010: carbon and energy accounts (issue 13, docs/carbon.md) — the factor library (seeded
 * with the rows shipped in src/standards/carbon-factors.ts as they stood when this migration ran;
 * later factors are new rows), enterprise energy accounts by month (each correction a new version
 * with who and why; the newest version is in force), annual energy budgets (each issue or revision
 * a new version) and budget transfers. All four tables are append-only.
 * Never edit a migration that has shipped: add the next one.
 */

import type { Kysely, Migration } from 'kysely';
import { CARBON_FACTOR_LIBRARY } from '../../standards/carbon-factors.js';
import type { MigrationContext } from './context.js';

const APPEND_ONLY = ['carbon_factors', 'energy_accounts', 'energy_budgets', 'energy_budget_transfers'];

export function migration0010Carbon({ id, ref, pk, appendOnly }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('carbon_factors')
        .addColumn('id', id, pk)
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('family', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('source_doc', 'text', (c) => c.notNull())
        .addColumn('clause', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text')
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('carbon_factors_key')
        .on('carbon_factors')
        .columns(['key', 'family'])
        .execute();

      await db.schema
        .createTable('energy_accounts')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('quantities', 'text', (c) => c.notNull())
        .addColumn('value_added', 'text')
        .addColumn('output_value', 'text')
        .addColumn('sector', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        // Two writers that read the same newest version both try the next: one of them loses.
        .addUniqueConstraint('energy_accounts_version', ['site_id', 'month', 'version'])
        .execute();
      await db.schema
        .createIndex('energy_accounts_month')
        .on('energy_accounts')
        .columns(['month', 'site_id'])
        .execute();

      await db.schema
        .createTable('energy_budgets')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('budget_tce', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('energy_budgets_year')
        .on('energy_budgets')
        .columns(['year', 'site_id'])
        .execute();

      await db.schema
        .createTable('energy_budget_transfers')
        .addColumn('id', id, pk)
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('from_site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('to_site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('amount_tce', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('energy_budget_transfers_year')
        .on('energy_budget_transfers')
        .column('year')
        .execute();

      for (const table of APPEND_ONLY) await appendOnly(db, table);

      // The shipped library, recorded as the migration's own rows (created_at 0: before any account).
      await db
        .insertInto('carbon_factors' as never)
        .values(
          CARBON_FACTOR_LIBRARY.map((f) => ({
            key: f.key,
            family: f.family,
            region: f.region,
            value: f.value,
            unit: f.unit,
            source_doc: f.sourceDoc,
            clause: f.clause,
            valid_from: f.validFrom,
            valid_to: f.validTo,
            tag: f.tag,
            created_by: 'migration 0010',
            created_at: 0,
          })),
        )
        .execute();
    },
  };
}
