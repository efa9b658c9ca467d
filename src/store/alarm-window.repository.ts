/**
 * The windows of readings the alarm engine judges: every reading of some sites at some intervals
 * over a period, with the newest correction of each applied (the view assessments use), read in
 * one query without paging. Kept apart from `ReadingRepository` because it returns lean rows in
 * bulk for computation, not pages for people.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { ReadingInterval } from './types.js';

/** One reading as the rules see it. */
export interface WindowReading {
  siteId: number;
  parameter: string;
  interval: ReadingInterval;
  periodStart: Date;
  value: number | null;
  flag: string | null;
  /** When the platform received it (for latency figures). */
  receivedAt: Date;
}

export interface WindowQuery {
  siteIds: readonly number[];
  intervals: readonly ReadingInterval[];
  /** Inclusive start of period_start. */
  from: Date;
  /** Exclusive end of period_start. */
  to: Date;
  /** Only these parameters (all when absent). */
  parameters?: readonly string[];
}

export class AlarmWindowRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Readings of the window, corrections applied (a reading corrected invalid has value null, flag kept). */
  async readings(q: WindowQuery): Promise<WindowReading[]> {
    if (q.siteIds.length === 0 || q.intervals.length === 0) return [];
    let query = this.db
      .selectFrom('readings as r')
      .leftJoin('corrections as c', (join) =>
        join.onRef('c.reading_id', '=', 'r.id').on('c.id', '=', (eb) =>
          eb
            .selectFrom('corrections as c2')
            .select((e) => e.fn.max('c2.id').as('m'))
            .whereRef('c2.reading_id', '=', 'r.id'),
        ),
      )
      .select([
        'r.site_id',
        'r.parameter',
        'r.interval',
        'r.period_start',
        'r.value',
        'r.flag',
        'r.received_at',
        'c.id as c_id',
        'c.value as c_value',
        'c.flag as c_flag',
        'c.invalid as c_invalid',
      ])
      .where('r.site_id', 'in', [...q.siteIds])
      .where('r.interval', 'in', [...q.intervals])
      .where('r.period_start', '>=', q.from.getTime())
      .where('r.period_start', '<', q.to.getTime());
    if (q.parameters !== undefined) {
      query = query.where('r.parameter', 'in', q.parameters.length ? [...q.parameters] : ['']);
    }
    const rows = await query.orderBy('r.period_start').execute();
    return rows.map((r) => {
      const corrected = r.c_id !== null;
      const invalid = corrected && r.c_invalid === 1;
      return {
        siteId: r.site_id,
        parameter: r.parameter,
        interval: r.interval as ReadingInterval,
        periodStart: new Date(r.period_start),
        value: invalid ? null : corrected ? r.c_value : r.value,
        // A reading corrected invalid counts as flagged invalid (D) whatever its own flag said.
        flag: invalid ? 'D' : corrected ? (r.c_flag ?? r.flag) : r.flag,
        receivedAt: new Date(r.received_at),
      };
    });
  }
}
