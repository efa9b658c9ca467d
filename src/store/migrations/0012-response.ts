/**
 * Heavy-pollution weather response (issue 14, docs/response.md): versioned rule tables and measure
 * templates, enterprise performance grades and their own reduction lists (append-only histories),
 * alerts with their append-only history, obligations and the evidence of each judged hour, and the
 * AQI forecasts that drive the alert level.
 */

import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

/** Tables whose rows are the record: the database refuses to change or delete one. */
const APPEND_ONLY = [
  'response_rule_versions',
  'enterprise_grades',
  'enterprise_response_plans',
  'response_alert_events',
  'response_obligation_hours',
] as const;

export function migration0012Response({ id, ref, pk, appendOnly }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('response_rule_versions')
        .addColumn('id', id, pk)
        // 'alert-rules' or 'templates'.
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('response_rule_versions_kind')
        .on('response_rule_versions')
        .columns(['kind', 'valid_from', 'id'])
        .execute();

      await db.schema
        .createTable('enterprise_grades')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('grade', 'text', (c) => c.notNull())
        .addColumn('industry', 'text', (c) => c.notNull())
        .addColumn('graded_on', 'text', (c) => c.notNull())
        .addColumn('review_due', 'text')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('protected_basis', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('enterprise_grades_site')
        .on('enterprise_grades')
        .columns(['site_id', 'id'])
        .execute();

      await db.schema
        .createTable('enterprise_response_plans')
        .addColumn('id', id, pk)
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('cut_pct', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('enterprise_response_plans_site')
        .on('enterprise_response_plans')
        .columns(['site_id', 'level', 'id'])
        .execute();

      await db.schema
        .createTable('response_alerts')
        .addColumn('id', id, pk)
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint')
        .addColumn('lifted_at', 'bigint')
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('rules_version', 'text', (c) => c.notNull())
        .addColumn('judged_to', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('response_alerts_state')
        .on('response_alerts')
        .columns(['state', 'id'])
        .execute();

      await db.schema
        .createTable('response_alert_events')
        .addColumn('id', id, pk)
        .addColumn('alert_id', ref, (c) => c.notNull().references('response_alerts.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('response_alert_events_alert')
        .on('response_alert_events')
        .columns(['alert_id', 'id'])
        .execute();

      await db.schema
        .createTable('response_obligations')
        .addColumn('id', id, pk)
        .addColumn('alert_id', ref, (c) => c.notNull().references('response_alerts.id'))
        .addColumn('site_id', ref, (c) => c.notNull().references('sites.id'))
        .addColumn('grade', 'text', (c) => c.notNull())
        .addColumn('industry', 'text', (c) => c.notNull())
        .addColumn('protected_basis', 'text')
        // JSON: the measure in force now, the baseline (kg/day) and the expected cut (kg/day).
        .addColumn('measure', 'text', (c) => c.notNull())
        .addColumn('baseline', 'text', (c) => c.notNull())
        .addColumn('expected_cut', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('alarm_id', ref)
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('response_obligations_alert_site', ['alert_id', 'site_id'])
        .execute();

      await db.schema
        .createTable('response_obligation_hours')
        .addColumn('id', id, pk)
        .addColumn('obligation_id', ref, (c) => c.notNull().references('response_obligations.id'))
        .addColumn('hour', 'bigint', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('judged_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('response_obligation_hours_hour', ['obligation_id', 'hour'])
        .execute();

      await db.schema
        .createTable('response_forecasts')
        .addColumn('id', id, pk)
        .addColumn('region_code', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('aqi', 'integer', (c) => c.notNull())
        .addColumn('primary_pollutant', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('response_forecasts_region')
        .on('response_forecasts')
        .columns(['region_code', 'date', 'id'])
        .execute();

      for (const table of APPEND_ONLY) await appendOnly(db, table);
    },
  };
}
