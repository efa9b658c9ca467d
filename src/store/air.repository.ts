/**
 * Queries for the ambient-air assessment (src/monitor/air.service.ts): station hourly values in the
 * corrected view (the newest correction of a reading applied, as `ReadingRepository.queryEffective`
 * does) and per-day sums counted in SQL, so that a year of a city's stations is never shipped to
 * JavaScript hour by hour. Dialect-neutral: the same SQL runs on SQLite and PostgreSQL.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { CHINA_OFFSET_MS, DAY_MS } from '../standards/china-time.js';
import type { Database } from './schema.js';
import type { Site } from './types.js';
import { toSite } from './site.repository.js';

/**
 * Data flags whose values count for air evaluation: `N` normal, `T` above the measuring range (a
 * lower bound, still evidence), none at all. Every other HJ 212-2017 flag (F, M, S, D, C, B…)
 * makes the hour invalid (see monitor/source-series.ts `classifyFlag`, same classes).
 */
export const AIR_VALID_FLAGS: readonly string[] = ['N', 'T', ''];

/** What to read: hourly readings of these sites and parameters with period start in [from, to). */
export interface AirHourFilter {
  siteIds: readonly number[];
  parameters: readonly string[];
  from: Date;
  to: Date;
}

/** One hourly value in the corrected view. */
export interface AirHourRow {
  siteId: number;
  parameter: string;
  /** Start of the hour, ms since the epoch (UTC). */
  periodStart: number;
  /** The effective value; null when missing, marked invalid, or flagged invalid. */
  value: number | null;
  /** The stored text of a value the source withheld, e.g. `<38` (below 38); null otherwise. */
  valueText: string | null;
}

/** Valid hours of one site, parameter and China-local day, counted and summed in SQL. */
export interface AirDaySum {
  siteId: number;
  parameter: string;
  /** China-local date, `YYYY-MM-DD`. */
  date: string;
  /** Valid hourly values. */
  hours: number;
  /** Their sum (binary floating point; the service recovers the exact decimal). */
  sum: number;
  /** Their largest value (for the daily max 1-hour value). */
  max: number | null;
}

const dateOfDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export class AirRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The corrected view of the hourly readings a filter selects, as a derived table `e`. */
  private effective(filter: AirHourFilter): RawBuilder<unknown> {
    const ids = filter.siteIds.length > 0 ? filter.siteIds : [-1];
    const params = filter.parameters.length > 0 ? filter.parameters : [''];
    return sql`(
      select r.site_id as site_id, r.parameter as parameter, r.period_start as period_start,
        case when c.id is null then r.value when c.invalid = 1 then null else c.value end as value,
        case when c.id is null then r.value_text else null end as value_text,
        coalesce(c.flag, r.flag) as flag
      from readings r
      left join corrections c on c.reading_id = r.id
        and c.id = (select max(c2.id) from corrections c2 where c2.reading_id = r.id)
      where r.interval = 'hour'
        and r.site_id in (${sql.join(ids)})
        and r.parameter in (${sql.join(params)})
        and r.period_start >= ${filter.from.getTime()}
        and r.period_start < ${filter.to.getTime()}
    ) e`;
  }

  private validFlag(): RawBuilder<unknown> {
    return sql`(e.flag is null or e.flag in (${sql.join(AIR_VALID_FLAGS)}))`;
  }

  /** Hourly values, oldest first; invalid-flagged values come back as null. */
  async hours(filter: AirHourFilter): Promise<AirHourRow[]> {
    const result = await sql<{
      site_id: number;
      parameter: string;
      period_start: number | string;
      value: number | null;
      value_text: string | null;
    }>`
      select e.site_id, e.parameter, e.period_start,
        case when ${this.validFlag()} then e.value else null end as value,
        e.value_text
      from ${this.effective(filter)}
      order by e.period_start, e.site_id, e.parameter`.execute(this.db);
    return result.rows.map((r) => ({
      siteId: Number(r.site_id),
      parameter: r.parameter,
      periodStart: Number(r.period_start),
      value: r.value === null ? null : Number(r.value),
      valueText: r.value_text,
    }));
  }

  /** Per China-local day: the count, sum and maximum of valid hourly values. */
  async daySums(filter: AirHourFilter): Promise<AirDaySum[]> {
    const result = await sql<{
      site_id: number;
      parameter: string;
      day: number | string;
      hours: number | string;
      total: number | string | null;
      top: number | string | null;
    }>`
      select e.site_id, e.parameter, (e.period_start + ${sql.lit(CHINA_OFFSET_MS)}) / ${sql.lit(DAY_MS)} as day,
        count(e.value) as hours, sum(e.value) as total, max(e.value) as top
      from ${this.effective(filter)}
      where e.value is not null and ${this.validFlag()}
      group by e.site_id, e.parameter, (e.period_start + ${sql.lit(CHINA_OFFSET_MS)}) / ${sql.lit(DAY_MS)}
      order by day`.execute(this.db);
    return result.rows.map((r) => ({
      siteId: Number(r.site_id),
      parameter: r.parameter,
      date: dateOfDayNumber(Number(r.day)),
      hours: Number(r.hours),
      sum: Number(r.total ?? 0),
      max: r.top === null ? null : Number(r.top),
    }));
  }

  /**
   * The newest hour not after `notAfter` with any of these parameters, per site (ms since the
   * epoch). One scalar subquery per parameter, each a seek on the readings key index, so the cost
   * does not grow with the history.
   */
  async latestHours(
    siteIds: readonly number[],
    parameters: readonly string[],
    notAfter: Date,
  ): Promise<Map<number, number>> {
    if (siteIds.length === 0 || parameters.length === 0) return new Map();
    const columns = parameters.map(
      (p, i) => sql`(select max(r.period_start) from readings r where r.site_id = s.id
        and r.parameter = ${p} and r.interval = 'hour' and r.period_start <= ${notAfter.getTime()}) as ${sql.id(`m${i}`)}`,
    );
    const result = await sql<Record<string, number | string | null>>`
      select s.id as id, ${sql.join(columns)} from sites s
      where s.id in (${sql.join(siteIds)})`.execute(this.db);
    const out = new Map<number, number>();
    for (const row of result.rows) {
      const times = parameters.flatMap((_, i) => {
        const v = row[`m${i}`];
        return v === null || v === undefined ? [] : [Number(v)];
      });
      if (times.length > 0) out.set(Number(row.id), Math.max(...times));
    }
    return out;
  }

  /** Every air station, by code (no paging: a province has a few thousand). */
  async airStations(): Promise<Site[]> {
    const rows = await this.db
      .selectFrom('sites')
      .selectAll()
      .where('kind', '=', 'air_station')
      .orderBy('code')
      .execute();
    return rows.map(toSite);
  }

  /** Replaces a site's attributes (JSON object); used by the CNEMC import to record `notMonitored`. */
  async setSiteAttributes(siteId: number, attributes: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('sites')
      .set({ attributes: JSON.stringify(attributes) })
      .where('id', '=', siteId)
      .execute();
  }
}
