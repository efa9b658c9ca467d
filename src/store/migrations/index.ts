/**
 * Versioned schema migrations, one file each, run once in name order by Kysely's migrator.
 * To change the schema, add the next file and one line to `MIGRATIONS` below.
 */
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../db.js';
import { migration0001Core } from './0001-core.js';
import { migration0002AuthAudit } from './0002-auth-audit.js';
import { migration0003AlarmsLimits } from './0003-alarms-limits.js';
import { migration0004Cases } from './0004-cases.js';
import { migration0005Water } from './0005-water.js';
import { migration0006Settings } from './0006-settings.js';
import { migration0007MasterData } from './0007-master-data.js';
import { migration0008AlarmHandling } from './0008-alarm-handling.js';
import { migration0009CaseSources } from './0009-case-sources.js';
import { migration0010Carbon } from './0010-carbon.js';
import { migration0011Waste } from './0011-waste.js';
import { migration0012Response } from './0012-response.js';
import { migration0013IndicatorsReports } from './0013-indicators-reports.js';
import type { MigrationContext } from './context.js';
import { migrationContext } from './context.js';

const MIGRATIONS: Record<string, (ctx: MigrationContext) => Migration> = {
  '0001_core': migration0001Core,
  '0002_auth_audit': migration0002AuthAudit,
  '0003_alarms_limits': migration0003AlarmsLimits,
  '0004_cases': migration0004Cases,
  '0005_water': migration0005Water,
  '0006_settings': migration0006Settings,
  '0007_master_data': migration0007MasterData,
  '0008_alarm_handling': migration0008AlarmHandling,
  '0009_case_sources': migration0009CaseSources,
  '0010_carbon': migration0010Carbon,
  '0011_waste': migration0011Waste,
  '0012_response': migration0012Response,
  '0013_indicators_reports': migration0013IndicatorsReports,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const ctx = migrationContext(this.dialect);
    return Promise.resolve(
      Object.fromEntries(Object.entries(MIGRATIONS).map(([name, make]) => [name, make(ctx)])),
    );
  }
}

/** Brings the database to the newest schema; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Which migrations the database has run, against the ones this code knows. */
export interface MigrationStatus {
  applied: string[];
  /** Known to this code, not yet run: `qingshan migrate` (or a start) runs them. */
  pending: string[];
  /** Run on the database but unknown to this code: the database is newer than the code. */
  unknown: string[];
}

/** Reads Kysely's migration table (absent on a new database: nothing applied). */
export async function migrationStatus(db: Kysely<unknown>): Promise<MigrationStatus> {
  let applied: string[] = [];
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    applied = rows.rows.map((r) => r.name);
  } catch {
    // No migration table yet: a new, empty database.
  }
  const known = Object.keys(MIGRATIONS);
  return {
    applied,
    pending: known.filter((n) => !applied.includes(n)),
    unknown: applied.filter((n) => !known.includes(n)),
  };
}

/** A database whose schema was written by a newer Qingshan than this one. */
export class SchemaTooNewError extends Error {
  constructor(readonly unknown: readonly string[]) {
    super(
      `the database schema is newer than this Qingshan: it has run migration(s) ${unknown.join(', ')} ` +
        'that this version does not know; run the newer version, or restore a backup taken before the upgrade (docs/operations.md §10)',
    );
    this.name = 'SchemaTooNewError';
  }
}
