import type SqliteDatabase from 'better-sqlite3';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Page } from './page.js';
import { decodeCursor, encodeCursor, pageSize } from './page.js';
import type { Database, ReadingTable } from './schema.js';
import type { Reading, ReadingInterval, StoredReading } from './types.js';

/** Rows per INSERT statement: 13 columns × 500 stays far below SQLite's and PostgreSQL's bind limits. */
const ROWS_PER_STATEMENT = 500;

export interface InsertResult {
  inserted: number;
  /** Readings whose key (site, parameter, interval, period start) was already stored. */
  duplicates: Reading[];
}

export interface ReadingFilter {
  siteId?: number | undefined;
  /** Row-level scope: only these sites. */
  siteIds?: readonly number[] | undefined;
  parameter?: string | undefined;
  interval?: ReadingInterval | undefined;
  /** Inclusive start of period_start. */
  from?: Date | undefined;
  /** Exclusive end of period_start. */
  to?: Date | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** A reading with its correction applied, as assessments see it. */
export interface EffectiveReading extends StoredReading {
  /** The value as received. */
  originalValue: number | null;
  originalFlag: string | null;
  /** Id of the correction in force, or null. */
  correctionId: number | null;
  /** True when a correction marked the reading invalid. */
  invalid: boolean;
}

/** SQL of the prepared SQLite insert of one reading; a stored key is skipped (`changes` = 0). */
export const SQLITE_INSERT_READING = `insert into readings (site_id, parameter, interval, period_start, value, value_text, min, max, cumulative, flag, source, received_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (site_id, parameter, interval, period_start) do nothing`;

/** The parameters of {@link SQLITE_INSERT_READING} for a reading, in column order. */
export function sqliteReadingParams(r: Reading): (string | number | null)[] {
  return [
    r.siteId,
    r.parameter,
    r.interval,
    r.periodStart.getTime(),
    r.value,
    r.valueText,
    r.min,
    r.max,
    r.cumulative,
    r.flag,
    r.source,
    r.receivedAt.getTime(),
  ];
}

/** One synchronous SQLite transaction over a prepared statement; `changes` tells stored from duplicate. */
function preparedSqliteInsert(sqlite: SqliteDatabase.Database): (rows: readonly Reading[]) => InsertResult {
  const insert = sqlite.prepare(SQLITE_INSERT_READING);
  return sqlite.transaction((rows: readonly Reading[]): InsertResult => {
    let inserted = 0;
    const duplicates: Reading[] = [];
    for (const r of rows) {
      const res = insert.run(...sqliteReadingParams(r));
      if (res.changes === 1) inserted += 1;
      else duplicates.push(r);
    }
    return { inserted, duplicates };
  });
}

function keyOf(r: { siteId: number; parameter: string; interval: string; periodStart: number }): string {
  return `${r.siteId}\u0000${r.parameter}\u0000${r.interval}\u0000${r.periodStart}`;
}

function toRow(r: Reading): Omit<Selectable<ReadingTable>, 'id'> {
  return {
    site_id: r.siteId,
    parameter: r.parameter,
    interval: r.interval,
    period_start: r.periodStart.getTime(),
    value: r.value,
    value_text: r.valueText,
    min: r.min,
    max: r.max,
    cumulative: r.cumulative,
    flag: r.flag,
    source: r.source,
    received_at: r.receivedAt.getTime(),
  };
}

function toReading(r: Selectable<ReadingTable>): StoredReading {
  return {
    id: r.id,
    siteId: r.site_id,
    parameter: r.parameter,
    interval: r.interval as ReadingInterval,
    periodStart: new Date(r.period_start),
    value: r.value,
    valueText: r.value_text,
    min: r.min,
    max: r.max,
    cumulative: r.cumulative,
    flag: r.flag,
    source: r.source,
    receivedAt: new Date(r.received_at),
  };
}

/**
 * Measured values. One row per (site, parameter, interval, period start): a retransmission is a
 * duplicate, never a second row and never an overwrite.
 */
export class ReadingRepository {
  private sqliteInsert: ((rows: readonly Reading[]) => InsertResult) | null = null;

  /**
   * @param sqlite the raw better-sqlite3 handle on SQLite: batches then go through one prepared
   *   statement (about twice the rate of built queries; see `npm run bench -- store`).
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlite: SqliteDatabase.Database | null = null,
  ) {}

  /** Stores a batch in one transaction; already-stored keys are reported as duplicates. */
  async insertBatch(readings: readonly Reading[]): Promise<InsertResult> {
    if (readings.length === 0) return { inserted: 0, duplicates: [] };
    if (this.sqlite !== null) {
      // Prepared on first use: the table exists only after migration.
      this.sqliteInsert ??= preparedSqliteInsert(this.sqlite);
      const fast = this.sqliteInsert;
      // Holding Kysely's one connection keeps any Kysely transaction from being open around ours.
      return this.db.connection().execute(() => Promise.resolve(fast(readings)));
    }
    return this.db.transaction().execute((trx) => this.insertBatchIn(trx, readings));
  }

  /** As `insertBatch`, inside a transaction the caller holds (to commit readings with other rows). */
  async insertBatchIn(trx: Transaction<Database>, readings: readonly Reading[]): Promise<InsertResult> {
    const stored = new Set<string>();
    for (let i = 0; i < readings.length; i += ROWS_PER_STATEMENT) {
      const chunk = readings.slice(i, i + ROWS_PER_STATEMENT);
      const rows = await trx
        .insertInto('readings')
        .values(chunk.map(toRow))
        .onConflict((oc) => oc.columns(['site_id', 'parameter', 'interval', 'period_start']).doNothing())
        .returning(['site_id', 'parameter', 'interval', 'period_start'])
        .execute();
      for (const r of rows) {
        stored.add(
          keyOf({
            siteId: r.site_id,
            parameter: r.parameter,
            interval: r.interval,
            periodStart: r.period_start,
          }),
        );
      }
    }
    const duplicates: Reading[] = [];
    const seen = new Set<string>();
    for (const r of readings) {
      const k = keyOf({ ...r, periodStart: r.periodStart.getTime() });
      // The first reading with a new key was stored; any later one with the same key is a duplicate.
      if (stored.has(k) && !seen.has(k)) seen.add(k);
      else duplicates.push(r);
    }
    return { inserted: stored.size, duplicates };
  }

  private filtered(filter: ReadingFilter) {
    let q = this.db.selectFrom('readings as r');
    if (filter.siteId !== undefined) q = q.where('r.site_id', '=', filter.siteId);
    if (filter.siteIds !== undefined)
      q = q.where('r.site_id', 'in', filter.siteIds.length ? [...filter.siteIds] : [-1]);
    if (filter.parameter !== undefined) q = q.where('r.parameter', '=', filter.parameter);
    if (filter.interval !== undefined) q = q.where('r.interval', '=', filter.interval);
    if (filter.from !== undefined) q = q.where('r.period_start', '>=', filter.from.getTime());
    if (filter.to !== undefined) q = q.where('r.period_start', '<', filter.to.getTime());
    if (filter.cursor !== undefined) {
      const [t, id] = decodeCursor(filter.cursor, 2).map(Number) as [number, number];
      q = q.where((eb) =>
        eb.or([eb('r.period_start', '>', t), eb.and([eb('r.period_start', '=', t), eb('r.id', '>', id)])]),
      );
    }
    return q;
  }

  /** Readings as received, oldest first, in pages. */
  async query(filter: ReadingFilter): Promise<Page<StoredReading>> {
    const limit = pageSize(filter.limit);
    const rows = await this.filtered(filter)
      .selectAll('r')
      .orderBy('r.period_start')
      .orderBy('r.id')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map(toReading);
    const last = items[items.length - 1];
    return {
      items,
      total: null,
      nextCursor: rows.length > limit && last ? encodeCursor([last.periodStart.getTime(), last.id]) : null,
    };
  }

  /** Readings with the latest correction of each applied (the view assessments use), oldest first. */
  async queryEffective(filter: ReadingFilter): Promise<Page<EffectiveReading>> {
    const limit = pageSize(filter.limit);
    const rows = await this.filtered(filter)
      .leftJoin('corrections as c', (join) =>
        join.onRef('c.reading_id', '=', 'r.id').on('c.id', '=', (eb) =>
          eb
            .selectFrom('corrections as c2')
            .select((e) => e.fn.max('c2.id').as('m'))
            .whereRef('c2.reading_id', '=', 'r.id'),
        ),
      )
      .selectAll('r')
      .select(['c.id as c_id', 'c.value as c_value', 'c.flag as c_flag', 'c.invalid as c_invalid'])
      .orderBy('r.period_start')
      .orderBy('r.id')
      .limit(limit + 1)
      .execute();
    const items = rows.slice(0, limit).map((row): EffectiveReading => {
      const base = toReading(row);
      if (row.c_id === null) {
        return {
          ...base,
          originalValue: base.value,
          originalFlag: base.flag,
          correctionId: null,
          invalid: false,
        };
      }
      const invalid = row.c_invalid === 1;
      return {
        ...base,
        value: invalid ? null : row.c_value,
        flag: row.c_flag ?? base.flag,
        originalValue: base.value,
        originalFlag: base.flag,
        correctionId: row.c_id,
        invalid,
      };
    });
    const last = items[items.length - 1];
    return {
      items,
      total: null,
      nextCursor: rows.length > limit && last ? encodeCursor([last.periodStart.getTime(), last.id]) : null,
    };
  }

  async getById(id: number): Promise<StoredReading | null> {
    const r = await this.db.selectFrom('readings').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toReading(r) : null;
  }

  /** The newest reading of each parameter of a site at an interval. */
  async latest(siteId: number, interval: ReadingInterval): Promise<StoredReading[]> {
    const rows = await this.db
      .selectFrom('readings as r')
      .selectAll('r')
      .where('r.site_id', '=', siteId)
      .where('r.interval', '=', interval)
      .where('r.period_start', '=', (eb) =>
        eb
          .selectFrom('readings as r2')
          .select((e) => e.fn.max('r2.period_start').as('m'))
          .whereRef('r2.site_id', '=', 'r.site_id')
          .whereRef('r2.parameter', '=', 'r.parameter')
          .whereRef('r2.interval', '=', 'r.interval'),
      )
      .orderBy('r.parameter')
      .execute();
    return rows.map(toReading);
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('readings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
