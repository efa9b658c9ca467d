/**
 * Bureau settings: alarm threshold overrides per industry and per site (`alarm_settings`, current
 * values only; the audit log holds their history) and named settings kept as append-only versions
 * (`bureau_settings`, the newest version of a name in force). Decisions and validation belong to
 * `src/settings/alarm-settings.service.ts`; this class only stores them. Every method takes an
 * optional transaction so that the service commits a change with its audit entry.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { BadInputError } from '../errors.js';
import type { BureauSettingTable, Database } from './schema.js';

/** Where threshold overrides apply: an industry (GB/T 4754 code) or a site (its id, as text). */
export type ThresholdOverrideScope = 'industry' | 'site';

/** The threshold overrides of one industry or site. */
export interface ThresholdOverrideRow {
  scope: ThresholdOverrideScope;
  /** The industry code, or the site id as a decimal string. */
  key: string;
  /** Threshold name → value (`AlarmThresholdOverrides`, checked by the service). */
  overrides: Record<string, unknown>;
  updatedBy: string;
  updatedAt: Date;
}

/** One version of a named setting. */
export interface SettingVersion {
  id: number;
  name: string;
  /** The value as it was stored (parsed JSON). */
  value: unknown;
  changedBy: string;
  changedAt: Date;
}

type Db = Kysely<Database> | Transaction<Database>;

function toVersion(r: Selectable<BureauSettingTable>): SettingVersion {
  return {
    id: r.id,
    name: r.name,
    value: JSON.parse(r.value) as unknown,
    changedBy: r.changed_by,
    changedAt: new Date(r.changed_at),
  };
}

export class SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Threshold overrides of every industry and site, by scope then key. */
  async thresholdOverrides(trx?: Transaction<Database>): Promise<ThresholdOverrideRow[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('alarm_settings')
      .selectAll()
      .orderBy('scope')
      .orderBy('scope_key')
      .execute();
    return rows.map((r) => ({
      scope: r.scope as ThresholdOverrideScope,
      key: r.scope_key,
      overrides: JSON.parse(r.overrides) as Record<string, unknown>,
      updatedBy: r.updated_by,
      updatedAt: new Date(r.updated_at),
    }));
  }

  /** The threshold overrides of one industry or site, or null when it has none. */
  async thresholdOverride(
    scope: ThresholdOverrideScope,
    key: string,
    trx?: Transaction<Database>,
  ): Promise<ThresholdOverrideRow | null> {
    const r = await (trx ?? this.db)
      .selectFrom('alarm_settings')
      .selectAll()
      .where('scope', '=', scope)
      .where('scope_key', '=', key)
      .executeTakeFirst();
    if (r === undefined) return null;
    return {
      scope,
      key,
      overrides: JSON.parse(r.overrides) as Record<string, unknown>,
      updatedBy: r.updated_by,
      updatedAt: new Date(r.updated_at),
    };
  }

  /** Sets (replaces) the overrides of an industry or a site; an empty object removes them. */
  async putThresholdOverride(row: ThresholdOverrideRow, trx?: Transaction<Database>): Promise<void> {
    if (row.scope !== 'industry' && row.scope !== 'site') {
      throw new BadInputError(`scope: "${String(row.scope)}" is neither industry nor site`);
    }
    if (row.key === '') throw new BadInputError('key: empty');
    const db: Db = trx ?? this.db;
    if (Object.keys(row.overrides).length === 0) {
      await db
        .deleteFrom('alarm_settings')
        .where('scope', '=', row.scope)
        .where('scope_key', '=', row.key)
        .execute();
      return;
    }
    const values = {
      overrides: JSON.stringify(row.overrides),
      updated_by: row.updatedBy,
      updated_at: row.updatedAt.getTime(),
    };
    await db
      .insertInto('alarm_settings')
      .values({ scope: row.scope, scope_key: row.key, ...values })
      .onConflict((oc) => oc.columns(['scope', 'scope_key']).doUpdateSet(values))
      .execute();
  }

  /** The version of a named setting in force (the newest), or null when it was never set. */
  async current(name: string, trx?: Transaction<Database>): Promise<SettingVersion | null> {
    const r = await (trx ?? this.db)
      .selectFrom('bureau_settings')
      .selectAll()
      .where('name', '=', name)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r === undefined ? null : toVersion(r);
  }

  /** The versions of a named setting, newest first, at most `limit`. */
  async history(name: string, limit: number, trx?: Transaction<Database>): Promise<SettingVersion[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('bureau_settings')
      .selectAll()
      .where('name', '=', name)
      .orderBy('id', 'desc')
      .limit(Math.max(1, Math.min(1000, Math.floor(limit))))
      .execute();
    return rows.map(toVersion);
  }

  /** Appends a version of a named setting: from now on it is the one in force. */
  async append(version: Omit<SettingVersion, 'id'>, trx?: Transaction<Database>): Promise<SettingVersion> {
    if (version.name === '') throw new BadInputError('name: empty');
    if (version.value === undefined) throw new BadInputError(`${version.name}: no value`);
    const row = await (trx ?? this.db)
      .insertInto('bureau_settings')
      .values({
        name: version.name,
        value: JSON.stringify(version.value),
        changed_by: version.changedBy,
        changed_at: version.changedAt.getTime(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toVersion(row);
  }
}
