/**
 * Migration 0013: indicator targets and entered statistics (`indicator_entries`), and stored reports
 * (`reports`). Both are records: an entry is corrected by appending a newer one (the newest of an
 * indicator, year, scope and code is in force), and a generated report is never changed — triggers
 * refuse updates and deletes. Report bytes live where evidence bytes live (attachment.repository.ts:
 * files beside the SQLite database or the `attachment_blobs` table), by SHA-256.
 * Never edit a migration that has shipped: add the next one.
 */

import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

export function migration0013IndicatorsReports({ id, pk, appendOnly }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('indicator_entries')
        .addColumn('id', id, pk)
        // 'target' (an annual target) or 'value' (an entered statistic)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('indicator_key', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        // 'city' or 'district'; code: the district code, or the city code
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('entered_by', 'text', (c) => c.notNull())
        .addColumn('entered_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('indicator_entries_key')
        .on('indicator_entries')
        .columns(['year', 'kind', 'indicator_key', 'scope', 'code', 'id'])
        .execute();
      await appendOnly(db, 'indicator_entries');

      await db.schema
        .createTable('reports')
        .addColumn('id', id, pk)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        // the enterprise of an enterprise-monthly report (its site code), else null
        .addColumn('enterprise_code', 'text')
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('storage', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_kind_period').on('reports').columns(['kind', 'period']).execute();
      await appendOnly(db, 'reports');
    },
  };
}
