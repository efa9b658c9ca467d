/**
 * The air service: reads the stations' hourly readings in the corrected view (the air repository)
 * and hands them to the pure assessment of ./air-assessment.ts — real-time and daily AQI, series,
 * monthly and annual evaluation and rankings of a station, a district and the city — and offers the
 * AQI calculator of ./air-calc.ts. The choices the outputs depend on are listed in air-assessment.ts.
 *
 * The clock is injected: "latest" means the newest complete hour at `clock.now()`, and the defaults
 * of a series end at the newest complete hour or day.
 */
import type { Clock } from '../clock.js';
import { BadInputError } from '../errors.js';
import { DAY_MS, HOUR_MS, chinaDate, chinaDayStart } from '../standards/china-time.js';
import type { AirRepository } from '../store/air.repository.js';
import type { District, Site } from '../store/types.js';
import {
  AIR_CODES,
  AIR_PARAMETER_CODES,
  comparabilityOf,
  parsePeriod,
  airUnits,
  dailySeriesOf,
  dayRanking,
  daysByStation,
  evaluationOf,
  evaluationUnits,
  hourlySeriesOf,
  HOURLY_SERIES_LEAD_MS,
  hoursByStation,
  latestAirOf,
  latestHoursWindow,
  latestRanking,
  periodDates,
  periodRanking,
  rankingRequest,
  scopeUnits,
  stationsOf,
  unitOf,
  type AirComparability,
  type AirEvaluation,
  type AirRanking,
  type AirScope,
  type AirSeries,
  type AirUnit,
  type AirUnits,
  type EvaluationPeriod,
  type LatestAir,
  type RankingMetric,
  type RankingPeriod,
  type StationDays,
} from './air-assessment.js';
import { runAqiCalc, type AqiCalcOptions, type AqiCalcOutput } from './air-calc.js';

/** What the service reads. */
export interface AirServiceDeps {
  air: Pick<AirRepository, 'hours' | 'daySums' | 'latestHours' | 'airStations'>;
  districts: { list(): Promise<District[]> };
  clock: Clock;
  /** Name and code of the city as a whole (default 全市 / "city"). */
  city?: { code: string; name: string };
}

/** A series' window: instants [from, to); for a daily series, China-local midnights. */
export interface SeriesWindow {
  from: Date;
  to: Date;
}

export class AirService {
  private readonly city: { code: string; name: string };

  constructor(private readonly deps: AirServiceDeps) {
    this.city = deps.city ?? { code: 'city', name: '全市' };
  }

  /** The city, its districts with stations, and every station. */
  async units(): Promise<AirUnits> {
    const [stations, districts] = await Promise.all([
      this.deps.air.airStations(),
      this.deps.districts.list(),
    ]);
    return airUnits(stations, districts, this.city);
  }

  /** The unit a scope and code name; throws NotFoundError when there is none. */
  async unit(scope: AirScope, code: string | undefined): Promise<AirUnit> {
    return unitOf(await this.units(), scope, code);
  }

  /** Daily values of stations for China-local dates [from, to] (see `daysByStation`). */
  private async stationDays(stations: readonly Site[], from: string, to: string): Promise<StationDays> {
    const range = {
      siteIds: stations.map((s) => s.id),
      from: chinaDayStart(from),
      to: new Date(chinaDayStart(to).getTime() + DAY_MS),
    };
    const [sums, o3Hours] = await Promise.all([
      this.deps.air.daySums({ ...range, parameters: AIR_CODES }),
      this.deps.air.hours({ ...range, parameters: [AIR_PARAMETER_CODES.o3] }),
    ]);
    return daysByStation(sums, o3Hours);
  }

  /**
   * Real-time AQI of every station (its newest complete hour), of every district and of the city
   * (the newest hour among their stations, from the stations that have it).
   */
  async latest(): Promise<LatestAir> {
    const now = this.deps.clock.now();
    const units = await this.units();
    const latest = await this.deps.air.latestHours(
      units.stations.map((s) => s.id),
      AIR_CODES,
      new Date(now.getTime() - HOUR_MS),
    );
    const window = latestHoursWindow(latest);
    const rows =
      window === null
        ? []
        : await this.deps.air.hours({
            siteIds: units.stations.map((s) => s.id),
            parameters: AIR_CODES,
            ...window,
          });
    return latestAirOf(units, latest, hoursByStation(rows), now);
  }

  /**
   * Where a series ends when the request names no end: hourly — the start of the current hour (the
   * hours before it are complete); daily — an instant of yesterday, China time (the newest complete day).
   */
  seriesEnd(kind: 'hourly' | 'daily'): Date {
    const now = this.deps.clock.now().getTime();
    return kind === 'hourly' ? new Date(Math.floor(now / HOUR_MS) * HOUR_MS) : new Date(now - DAY_MS);
  }

  /**
   * The hourly or daily series of the place a scope and code name over a window: hourly, the hours
   * starting in [from, to); daily, the China-local dates from `from` to the day before `to`.
   * Throws NotFoundError for an unknown place.
   */
  async series(
    scope: AirScope,
    code: string | undefined,
    kind: 'hourly' | 'daily',
    window: SeriesWindow,
  ): Promise<AirSeries> {
    const unit = await this.unit(scope, code);
    return kind === 'hourly'
      ? this.hourlySeries(unit, window.from, window.to)
      : this.dailySeries(unit, chinaDate(window.from), chinaDate(new Date(window.to.getTime() - DAY_MS)));
  }

  /** Hourly AQI of a unit for hours starting in [from, to). */
  async hourlySeries(unit: AirUnit, from: Date, to: Date): Promise<AirSeries> {
    const rows = await this.deps.air.hours({
      siteIds: unit.stations.map((s) => s.id),
      parameters: AIR_CODES,
      from: new Date(from.getTime() - HOURLY_SERIES_LEAD_MS),
      to,
    });
    return hourlySeriesOf(unit, hoursByStation(rows), from);
  }

  /** Daily values and AQI of a unit for China-local dates [from, to]. */
  async dailySeries(unit: AirUnit, from: string, to: string): Promise<AirSeries> {
    return dailySeriesOf(unit, await this.stationDays(unit.stations, from, to), from, to);
  }

  /** Monthly or annual evaluation of the units of a scope (every station, every district, or the city). */
  async evaluate(period: EvaluationPeriod, scope: AirScope, code?: string): Promise<AirEvaluation> {
    const units = evaluationUnits(await this.units(), scope, code);
    const { from, to } = periodDates(period);
    return evaluationOf(period, units, await this.stationDays(stationsOf(units), from, to));
  }

  /**
   * Stations or districts ranked by real-time AQI or PM2.5 (period `latest`), daily AQI or PM2.5
   * (a day), or period PM2.5 mean or comprehensive index (month, year); smallest first (cleanest).
   * Throws BadInputError for a metric the period has no value of.
   */
  async rankings(
    scope: 'station' | 'district',
    by: RankingMetric,
    period: RankingPeriod,
  ): Promise<AirRanking> {
    const request = rankingRequest(by, period);
    switch (request.kind) {
      case 'latest':
        return latestRanking(await this.latest(), scope, request.by);
      case 'day': {
        const units = scopeUnits(await this.units(), scope);
        const byStation = await this.stationDays(stationsOf(units), request.date, request.date);
        return dayRanking(units, byStation, request.date, scope, request.by);
      }
      case 'period':
        return periodRanking(await this.evaluate(request.period, scope), scope, request.by);
      default: {
        const impossible: never = request;
        throw new RangeError(`unknown ranking ${JSON.stringify(impossible)}`);
      }
    }
  }

  /**
   * Months `from`–`to` (`YYYY-MM`) of a station, district or the city: the official day counts (the
   * HJ 633 version in force each day) beside the same days re-judged under the other version, and the
   * comparable series (every day under HJ 633-2026). BadInputError for a malformed or reversed range.
   */
  async comparability(
    from: string,
    to: string,
    scope: AirScope,
    code: string | undefined,
  ): Promise<AirComparability> {
    const first = periodDates(parsePeriod('month', from)).from;
    const last = periodDates(parsePeriod('month', to)).to;
    if (first > last) throw new BadInputError(`to: ${to} is before from ${from}`);
    const unit = await this.unit(scope, code);
    return comparabilityOf(unit, await this.stationDays(unit.stations, first, last), from, to);
  }

  /**
   * The AQI calculator (./air-calc.ts) on loosely typed input; when neither `standard` nor `at` is
   * given, the version in force at `clock.now()`. Throws AqiCalcError (400) naming the bad field.
   */
  calcAqi(input: Record<string, unknown>, options: AqiCalcOptions = {}): AqiCalcOutput {
    return runAqiCalc(input, this.deps.clock.now(), options);
  }
}
