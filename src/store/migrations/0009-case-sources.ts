/**
 * Migration 0009: what a case opened by hand records about where it came from (issue 23) — the
 * place of the problem as the inspector or the caller described it (`location`), and who reported
 * it (`reporter`: a complainant's name or contact, or the superior office that assigned it). The
 * hotline ticket or document number stays in `external_ref` (0004). Both columns are nullable: cases
 * opened from alarms, and every case opened before this migration, have neither.
 * Never edit a migration that has shipped: add the next one.
 */
import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

export function migration0009CaseSources(_ctx: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('cases').addColumn('location', 'text').execute();
      await db.schema.alterTable('cases').addColumn('reporter', 'text').execute();
    },
  };
}
