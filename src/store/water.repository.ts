import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { CHINA_OFFSET_MS, DAY_MS } from '../standards/china-time.js';
import type { Database } from './schema.js';

/** Source prefix of readings entered from lab results (`lab:<username>`). */
const LAB_SOURCE_PREFIX = 'lab:';

/** Readings of a site, parameter, interval, origin, China-local day and effective flag, summed. */
export interface ReadingDaySum {
  siteId: number;
  parameter: string;
  interval: string;
  /** `lab` for readings whose source starts with `lab:`, else `device`. */
  origin: 'lab' | 'device';
  /** China-local day number: days since 1970-01-01 in UTC+8. */
  day: number;
  /** The flag in force (a correction's flag, else the reading's). */
  flag: string | null;
  /** Sum of the values in force (corrections applied; readings marked invalid left out). */
  sum: number;
  count: number;
}

export interface ReadingDaySumFilter {
  siteIds: readonly number[];
  parameters: readonly string[];
  /** Intervals to read (the water assessment reads `hour` and `day`). */
  intervals: readonly string[];
  /** Inclusive start of period_start. */
  from: Date;
  /** Exclusive end of period_start. */
  to: Date;
}

/**
 * Surface-water reads: readings summed per China-local day in the database (with the newest
 * correction of each reading applied, as `ReadingRepository.queryEffective` does), so that a year
 * of hourly data for a city's sections comes back as a few thousand rows.
 */
export class WaterRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async daySums(filter: ReadingDaySumFilter): Promise<ReadingDaySum[]> {
    if (filter.siteIds.length === 0 || filter.parameters.length === 0 || filter.intervals.length === 0) {
      return [];
    }
    const value = sql<
      number | null
    >`case when c.id is null then r.value when c.invalid = 1 then null else c.value end`;
    const flag = sql<string | null>`coalesce(c.flag, r.flag)`;
    // A literal, not a bound parameter: PostgreSQL matches GROUP BY expressions textually.
    const origin = sql<string>`case when r.source like ${sql.lit(`${LAB_SOURCE_PREFIX}%`)} then 'lab' else 'device' end`;
    // Integer division in both dialects: both operands are integers (literals, not bound doubles).
    const day = sql<number>`(r.period_start + ${sql.lit(CHINA_OFFSET_MS)}) / ${sql.lit(DAY_MS)}`;
    const rows = await this.db
      .selectFrom('readings as r')
      .leftJoin('corrections as c', (join) =>
        join.onRef('c.reading_id', '=', 'r.id').on('c.id', '=', (eb) =>
          eb
            .selectFrom('corrections as c2')
            .select((e) => e.fn.max('c2.id').as('m'))
            .whereRef('c2.reading_id', '=', 'r.id'),
        ),
      )
      .where('r.site_id', 'in', [...filter.siteIds])
      .where('r.parameter', 'in', [...filter.parameters])
      .where('r.interval', 'in', [...filter.intervals])
      .where('r.period_start', '>=', filter.from.getTime())
      .where('r.period_start', '<', filter.to.getTime())
      .select([
        'r.site_id as site_id',
        'r.parameter as parameter',
        'r.interval as interval',
        origin.as('origin'),
        day.as('day'),
        flag.as('flag'),
        sql<number | null>`sum(${value})`.as('sum'),
        sql<number>`count(${value})`.as('n'),
      ])
      .groupBy(['r.site_id', 'r.parameter', 'r.interval', origin, day, flag])
      .execute();
    return rows
      .filter((r) => Number(r.n) > 0)
      .map((r) => ({
        siteId: r.site_id,
        parameter: r.parameter,
        interval: r.interval,
        origin: r.origin === 'lab' ? 'lab' : 'device',
        day: Number(r.day),
        flag: r.flag,
        sum: Number(r.sum),
        count: Number(r.n),
      }));
  }

  /** Parameters of a site that already have a `day` reading starting at `periodStart`. */
  async existingDayParameters(
    siteId: number,
    periodStart: Date,
    parameters: readonly string[],
  ): Promise<string[]> {
    if (parameters.length === 0) return [];
    const rows = await this.db
      .selectFrom('readings')
      .select('parameter')
      .where('site_id', '=', siteId)
      .where('interval', '=', 'day')
      .where('period_start', '=', periodStart.getTime())
      .where('parameter', 'in', [...parameters])
      .execute();
    return rows.map((r) => r.parameter);
  }
}
