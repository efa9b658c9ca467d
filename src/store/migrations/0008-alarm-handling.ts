/**
 * Migration 0008: an alarm's condition (is the problem still there?) separate from its handling
 * (has a person dealt with it?), docs/standards/alarms.md §1. Adds to `alarms`:
 *
 * - `condition` active | cleared, and `cleared_at` (data time the condition ended);
 * - `handling` unhandled | acknowledged | handled, with the disposition of a handled alarm
 *   (`explained`, `data_quality_confirmed`, `case_opened` with `disposition_case_id`, `dismissed`,
 *   `auto_resolved`), its reason or comment, who handled it and when;
 * - a pending explanation of the enterprise (`explanation_*`);
 *
 * and the table `alarm_attachments`: evidence files of an enterprise's explanation (metadata; the bytes
 * are kept by SHA-256 in the same evidence store as case attachments, migration 0004).
 *
 * The old `state` column stays, kept equal to the handling (unhandled → open, acknowledged →
 * acknowledged, handled → closed) so that readers of the old shape keep working; `open_key` is now
 * set while the condition is active.
 *
 * Existing rows: an open or acknowledged alarm keeps its condition active and its handling. A closed
 * one has its condition cleared (at the time it was last seen clear, else its evidence end or its
 * closing). Closed by a person → handled, `dismissed`, with the person's reason. Closed by the
 * platform → a critical alarm or an exceedance goes back to `unhandled` (nothing a person must see
 * closes itself; it was closed without anyone looking); any other becomes handled, `auto_resolved`
 * with the reason "auto-closed before migration 0008".
 * Never edit a migration that has shipped: add the next one.
 */
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

/** The reason written on alarms that the platform closed before this migration. */
export const AUTO_CLOSED_BEFORE_0008 = 'auto-closed before migration 0008';

export function migration0008AlarmHandling({ id, pk, ref }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const columns: [string, 'text' | 'bigint' | 'integer', string | null][] = [
        ['condition', 'text', 'active'],
        ['cleared_at', 'bigint', null],
        ['handling', 'text', 'unhandled'],
        ['disposition', 'text', null],
        ['disposition_case_id', ref, null],
        ['disposition_reason', 'text', null],
        ['handled_at', 'bigint', null],
        ['handled_by', 'text', null],
        ['explanation_text', 'text', null],
        ['explanation_by', 'text', null],
        ['explanation_at', 'bigint', null],
      ];
      for (const [name, type, fallback] of columns) {
        await db.schema
          .alterTable('alarms')
          .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
          .execute();
      }

      await sql`update alarms set handling = 'acknowledged' where state = 'acknowledged'`.execute(db);
      await sql`update alarms set condition = 'cleared',
          cleared_at = coalesce(cleared_since, closed_at),
          handling = 'handled', disposition = 'dismissed', disposition_reason = close_reason,
          handled_at = closed_at, handled_by = closed_by
        where state = 'closed' and closed_by is not null`.execute(db);
      await sql`update alarms set condition = 'cleared',
          cleared_at = coalesce(cleared_since, window_to),
          handling = 'unhandled', state = 'open'
        where state = 'closed' and closed_by is null
          and (severity = 'critical' or rule = 'exceedance')`.execute(db);
      await sql`update alarms set condition = 'cleared',
          cleared_at = coalesce(cleared_since, window_to),
          handling = 'handled', disposition = 'auto_resolved',
          disposition_reason = ${AUTO_CLOSED_BEFORE_0008}, handled_at = closed_at
        where state = 'closed' and closed_by is null`.execute(db);

      await db.schema
        .createTable('alarm_attachments')
        .addColumn('id', id, pk)
        .addColumn('alarm_id', ref, (c) => c.notNull().references('alarms.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('storage', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('alarm_attachments_alarm')
        .on('alarm_attachments')
        .columns(['alarm_id', 'id'])
        .execute();

      await db.schema
        .createIndex('alarms_handling_opened')
        .on('alarms')
        .columns(['handling', 'opened_at'])
        .execute();
    },
  };
}
