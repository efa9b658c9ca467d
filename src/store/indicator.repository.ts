/**
 * Indicator targets and entered statistics (`indicator_entries`, migration 0013): append-only rows;
 * the newest row of an indicator, year, scope and code is the one in force, the older ones stay on
 * record. Decisions (which indicators exist, who may enter what) belong to
 * src/indicators/indicator.service.ts; this class only stores.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, IndicatorEntryTable } from './schema.js';

/** A target (the annual goal) or a value (an entered statistic). */
export type IndicatorEntryKind = 'target' | 'value';

/** One stored entry. */
export interface IndicatorEntry {
  id: number;
  kind: IndicatorEntryKind;
  key: string;
  year: number;
  scope: 'city' | 'district';
  /** The district code, or the city code. */
  code: string;
  value: number;
  note: string | null;
  enteredBy: string;
  enteredAt: Date;
}

function toEntry(r: Selectable<IndicatorEntryTable>): IndicatorEntry {
  return {
    id: Number(r.id),
    kind: r.kind as IndicatorEntryKind,
    key: r.indicator_key,
    year: Number(r.year),
    scope: r.scope as IndicatorEntry['scope'],
    code: r.code,
    value: Number(r.value),
    note: r.note,
    enteredBy: r.entered_by,
    enteredAt: new Date(Number(r.entered_at)),
  };
}

export class IndicatorRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends an entry; from now on it is the one in force for its key, year, scope and code. */
  async append(e: Omit<IndicatorEntry, 'id'>, trx?: Transaction<Database>): Promise<IndicatorEntry> {
    const row = await (trx ?? this.db)
      .insertInto('indicator_entries')
      .values({
        kind: e.kind,
        indicator_key: e.key,
        year: e.year,
        scope: e.scope,
        code: e.code,
        value: e.value,
        note: e.note,
        entered_by: e.enteredBy,
        entered_at: e.enteredAt.getTime(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEntry(row);
  }

  /**
   * The entries in force of a year and kind (the newest per key, scope and code), optionally of one
   * scope; ordered by key, scope, code.
   */
  async inForce(
    year: number,
    kind: IndicatorEntryKind,
    scope?: 'city' | 'district',
  ): Promise<IndicatorEntry[]> {
    let q = this.db
      .selectFrom('indicator_entries')
      .selectAll()
      .where('year', '=', year)
      .where('kind', '=', kind);
    if (scope !== undefined) q = q.where('scope', '=', scope);
    const rows = await q.orderBy('id', 'asc').execute();
    const newest = new Map<string, IndicatorEntry>();
    for (const r of rows) {
      const e = toEntry(r);
      newest.set(`${e.key}|${e.scope}|${e.code}`, e);
    }
    return [...newest.values()].sort(
      (a, b) => a.key.localeCompare(b.key) || a.scope.localeCompare(b.scope) || a.code.localeCompare(b.code),
    );
  }

  /** Every entry of a key and year, oldest first (the record behind a figure). */
  async history(key: string, year: number): Promise<IndicatorEntry[]> {
    const rows = await this.db
      .selectFrom('indicator_entries')
      .selectAll()
      .where('indicator_key', '=', key)
      .where('year', '=', year)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toEntry);
  }
}
