/**
 * Ambient air assessment as the national standards have it — the pure part of the air service
 * (./air.service.ts reads the store and calls these): real-time and daily AQI (HJ 633-2012 /
 * HJ 633-2026, chosen by the data's date), daily values and their validity (GB 3095 Table 4),
 * monthly and annual evaluation (HJ 663: percentiles, exceedance multiples, comprehensive index,
 * good-day ratio, compliance) and rankings — of a station, a district and the city.
 *
 * Choices (each output repeats the one it depends on):
 * - District and city concentrations are the arithmetic means of their stations' valid values
 *   (hourly values for the hour, daily values for the day), rounded per GB/T 8170, and the AQI is
 *   computed from those means (HJ 663 §4 城市尺度: concentration first, index second). The city is
 *   the national (国控) stations when any station carries `network: "national"`, else every station;
 *   a district is every station in it.
 * - Readings are keyed by the START of their hour (docs/standards/china-time.md §3); outputs give `hourStart`
 *   (UTC) and `label`, the CNEMC hour-ending label in China time (hour start + 1 h).
 * - A value the source withheld but bounded (stored as value null with text `<x`, as the CNEMC import
 *   does for a hidden PM10 below PM2.5) does not count as missing in a real-time AQI when the IAQI
 *   of its bound is below the AQI of the others (it can then neither raise the AQI nor be primary);
 *   otherwise it is missing.
 * - Concentrations above the top breakpoint get IAQI 500 and are listed in `beyondTable`.
 * - Rankings: smallest value first (cleanest), competition ranks (1, 2, 2, 4), no value = no rank.
 *
 * Pure: no I/O, no clock; stations, rows and "now" come in as arguments.
 */
import { BadInputError, NotFoundError } from '../errors.js';
import {
  calcAqi,
  hj633Standard,
  hj633VersionFor,
  type AqiInput,
  type AqiKind,
  type AqiResult,
  type PollutantKey,
} from '../standards/aqi.js';
import type { Hj633Version } from '../standards/hj633-common.js';
import { chinaDate, chinaDayStart, DAY_MS, formatChinaIso, HOUR_MS } from '../standards/china-time.js';
import { roundGbt8170, roundGbt8170ToNumber } from '../standards/gb-t-8170.js';
import { gb3095Limit, GB3095_VALIDITY, type Gb3095Version } from '../standards/gb3095.js';
import {
  comprehensiveIndex,
  dailyCompliance,
  dailyMaxO3EightHour,
  evaluateAnnual,
  exceedanceMultiple,
  goodDayRatio,
  hj663Percentile,
  hj663RulesFor,
  periodLimitsVersion,
  PERIOD_LIMITS_RULE,
  type ComprehensiveIndex,
  type DailyCompliance,
  type DailyValue,
  type EvaluatedStatistic,
  type GoodDayRatio,
  type Hj663Pollutant,
} from '../standards/hj663.js';
import { aqiLevelInfo, columnDecimals, iaqiOfConcentration } from '../standards/hj633-common.js';
import { rational, ratDiv, ratSum, toRational, type Rational } from '../standards/rational.js';
import type { AirDaySum, AirHourRow } from '../store/air.repository.js';
import type { District, Site } from '../store/types.js';
import { rank } from './ranking.js';

/** The six pollutants of an air station and their HJ 212-2017 codes (docs/standards/hj212.md §8). */
export const AIR_PARAMETER_CODES: Readonly<Record<Hj663Pollutant, string>> = {
  so2: 'a21026',
  no2: 'a21004',
  co: 'a21005',
  o3: 'a05024',
  pm10: 'a34002',
  pm25: 'a34004',
};

/** The HJ 212-2017 codes of the six pollutants, as the air queries ask for them. */
export const AIR_CODES: readonly string[] = Object.values(AIR_PARAMETER_CODES);

const AIR_POLLUTANTS: readonly Hj663Pollutant[] = ['so2', 'no2', 'co', 'o3', 'pm10', 'pm25'];

const POLLUTANT_OF_CODE = new Map(
  Object.entries(AIR_PARAMETER_CODES).map(([k, code]) => [code, k as Hj663Pollutant]),
);

/** Decimal places of a concentration (GB/T 8170 rounding of reported values): CO 0.1 mg/m³, others 1 µg/m³. */
const decimalsOf = (p: Hj663Pollutant): 0 | 1 => (p === 'co' ? 1 : 0);

/** The averaging statement every district and city output carries. */
const AIR_AVERAGING_RULE =
  'district/city concentration = arithmetic mean of its stations’ valid values (hourly for an hour, daily for a day), ' +
  'rounded per GB/T 8170; the AQI is computed from that mean. City = national (国控) stations when any, else all stations.';

/** The hour-label statement every hourly output carries. */
const AIR_HOUR_LABEL_RULE =
  'hourStart = start of the averaging hour (UTC); label = CNEMC hour-ending label in China time (hourStart + 1 h)';

/** The day statement every daily output carries (in place of the hour label). */
const AIR_DAY_LABEL_RULE =
  'days are China-local natural days: hours starting 00:00…23:00 (labelled 01:00…24:00)';

/** The order statement every ranking carries. */
const RANKING_ORDER = 'ascending: rank 1 = lowest value (cleanest); ties share a rank; no value = no rank';

export type AirScope = 'station' | 'district' | 'city';

/** Hourly concentrations of one place (µg/m³, CO mg/m³). */
export type Concentrations = Partial<Record<Hj663Pollutant, number>>;

/** One hour of one place: valid values and, for withheld values, their upper bounds. */
export interface HourData {
  values: Concentrations;
  bounds: Concentrations;
}

/** Daily values of one place: 24-h means, daily max 8-h O3 (`o3_8h`) and daily max 1-h O3 (`o3_1h`). */
export interface DayValues {
  so2: number | null;
  no2: number | null;
  co: number | null;
  pm10: number | null;
  pm25: number | null;
  o3_8h: number | null;
  o3_1h: number | null;
}

/** An AQI result as outputs show it. */
export interface AqiView {
  standard: AqiResult['standard'];
  kind: AqiKind;
  aqi: number | null;
  level: number | null;
  category: string | null;
  categoryEn: string | null;
  color: string | null;
  primary: PollutantKey[];
  iaqi: AqiResult['iaqi'];
  exceeding?: PollutantKey[];
  missing: PollutantKey[];
  missingDataRule: AqiResult['missingDataRule'];
  beyondTable: PollutantKey[];
  notes: string[];
}

/** A station, a district or the city: the stations whose values it averages. */
export interface AirUnit {
  scope: AirScope;
  code: string;
  name: string;
  stations: Site[];
}

/** Every station, the districts that have stations, and the city. */
export interface AirUnits {
  stations: Site[];
  districts: AirUnit[];
  city: AirUnit;
}

/** One place's real-time AQI. */
export interface RealtimeEntry {
  scope: AirScope;
  code: string;
  name: string;
  districtCode: string | null;
  /** Stations with a value at that hour (1 for a station). */
  stationCount: number;
  /** Codes of the stations the place's value is computed from (the city: see `airUnits`). */
  stationCodes: string[];
  hourStart: string | null;
  label: string | null;
  /** Hours between the end of that hour and now; null without data. */
  ageHours: number | null;
  concentrations: Concentrations;
  result: AqiView | null;
}

export interface LatestAir {
  now: string;
  hourLabelRule: string;
  averagingRule: string;
  stations: RealtimeEntry[];
  districts: RealtimeEntry[];
  city: RealtimeEntry;
}

export interface SeriesPoint {
  /** Hourly: start of the hour (UTC ISO); daily: the China-local date. */
  at: string;
  /** Hourly: the CNEMC hour-ending label; daily: the date. */
  label: string;
  stationCount: number;
  concentrations: Concentrations | DayValues;
  result: AqiView | null;
}

export interface AirSeries {
  scope: AirScope;
  code: string;
  name: string;
  kind: 'hourly' | 'daily';
  hourLabelRule: string;
  averagingRule: string;
  /** HJ 663 rule set(s) behind the daily values (daily series). */
  rules: string[];
  points: SeriesPoint[];
}

export type EvaluationPeriod =
  { kind: 'month'; year: number; month: number } | { kind: 'year'; year: number };

/** One pollutant of a period evaluation. */
export interface PollutantEvaluation {
  pollutant: Hj663Pollutant;
  /** The daily statistic evaluated: 24-h mean, or daily max 8-h for O3. */
  dailyStatistic: '24h-mean' | 'max8h';
  rule: string;
  limitsVersion: Gb3095Version;
  limitsRule: string;
  validity: { valid: boolean; validDays: number; minDays: number; shortMonths: number[]; rule: string };
  statistics: EvaluatedStatistic[];
  compliant: boolean | null;
  daily: Omit<DailyCompliance, 'exceedingDates'> & { exceedingDays: number };
}

export interface UnitEvaluation {
  scope: AirScope;
  code: string;
  name: string;
  stationCount: number;
  pollutants: PollutantEvaluation[];
  comprehensiveIndex: ComprehensiveIndex | null;
  /** Why the comprehensive index is missing, when it is. */
  comprehensiveIndexNote?: string;
  goodDays: GoodDayRatio;
  /** Days by AQI level 1–6 (index 0 = level 1). */
  daysByLevel: number[];
  compliant: boolean | null;
}

export interface AirEvaluation {
  period: string;
  from: string;
  to: string;
  /** HJ 633 version(s) of the daily AQIs; HJ 663 rule set(s); GB 3095 limit set. */
  standards: { aqi: string[]; hj663: string[]; gb3095: Gb3095Version; limitsRule: string };
  averagingRule: string;
  note?: string;
  units: UnitEvaluation[];
}

export type RankingMetric = 'aqi' | 'pm25' | 'ci';
export type RankingPeriod = { kind: 'latest' } | { kind: 'day'; date: string } | EvaluationPeriod;

export interface RankingEntry {
  rank: number | null;
  code: string;
  name: string;
  value: number | null;
}

export interface AirRanking {
  scope: 'station' | 'district';
  by: RankingMetric;
  period: string;
  order: string;
  standards: string[];
  items: RankingEntry[];
}

/** Hourly data of stations by site id and hour start (ms). */
export type StationHours = Map<number, Map<number, HourData>>;
/** Daily values of stations by site id and China-local date. */
export type StationDays = Map<number, Map<string, DayValues>>;
/** The hours of one unit (station values, or the means of its stations) by hour start. */
type UnitHours = Map<number, { data: HourData; count: number }>;
/** The days of one unit by China-local date. */
type UnitDays = Map<string, { data: DayValues; count: number }>;

// ---------------------------------------------------------------------------------------------
// Means (GB/T 8170)

const meanExact = (values: readonly Rational[]): Rational =>
  ratDiv(ratSum(values), rational(BigInt(values.length)));

/** Exact mean of decimal values, rounded per GB/T 8170 to the pollutant's precision. */
function meanRounded(values: readonly number[], p: Hj663Pollutant): number {
  return roundGbt8170ToNumber(meanExact(values.map((v) => toRational(v))), decimalsOf(p));
}

/**
 * The mean of `hours` values from their SQL sum. The float sum is rounded to 6 decimals first, which
 * recovers the exact decimal sum for inputs with up to 6 decimals (a day's error is ~1e-12).
 */
export function meanOfSum(sum: number, hours: number, p: Hj663Pollutant): number {
  const exactSum = roundGbt8170(sum, 6);
  return roundGbt8170ToNumber(ratDiv(exactSum, rational(BigInt(hours))), decimalsOf(p));
}

// ---------------------------------------------------------------------------------------------
// Places

/**
 * The units of stations and districts: a district per district code that has stations (named from
 * `districts`, else by its code), and the city: the stations the master data says count for the city
 * AQI (`cityAqi`, the city package's `city_aqi` column) when any station says so either way, else its
 * national stations when any, else every station.
 */
export function airUnits(
  stations: Site[],
  districts: readonly District[],
  city: { code: string; name: string },
): AirUnits {
  const declared = stations.some((s) => typeof s.attributes.cityAqi === 'boolean');
  const national = stations.filter((s) => s.attributes.network === 'national');
  const counted = declared ? stations.filter((s) => s.attributes.cityAqi === true) : national;
  const names = new Map(districts.map((d) => [d.code, d.name]));
  const codes = [...new Set(stations.map((s) => s.districtCode))].sort();
  return {
    stations,
    districts: codes.map((code) => ({
      scope: 'district',
      code,
      name: names.get(code) ?? code,
      stations: stations.filter((s) => s.districtCode === code),
    })),
    city: { scope: 'city', ...city, stations: counted.length > 0 ? counted : stations },
  };
}

const stationUnit = (s: Site): AirUnit => ({ scope: 'station', code: s.code, name: s.name, stations: [s] });

/** The unit a scope and code name; throws NotFoundError when there is none. */
export function unitOf(all: AirUnits, scope: AirScope, code: string | undefined): AirUnit {
  switch (scope) {
    case 'city':
      return all.city;
    case 'district': {
      const d = all.districts.find((u) => u.code === code);
      if (d === undefined) throw new NotFoundError(`air stations of district ${code ?? '(none)'}`);
      return d;
    }
    case 'station': {
      const s = all.stations.find((u) => u.code === code);
      if (s === undefined) throw new NotFoundError(`air station ${code ?? '(none)'}`);
      return stationUnit(s);
    }
    default: {
      const impossible: never = scope;
      throw new BadInputError(`unknown scope ${String(impossible)}`);
    }
  }
}

/** Every station or every district as units. */
export function scopeUnits(all: AirUnits, scope: 'station' | 'district'): AirUnit[] {
  return scope === 'district' ? all.districts : all.stations.map(stationUnit);
}

/** The units an evaluation covers: the one named (or the city), else every unit of the scope. */
export function evaluationUnits(all: AirUnits, scope: AirScope, code: string | undefined): AirUnit[] {
  return code !== undefined || scope === 'city' ? [unitOf(all, scope, code)] : scopeUnits(all, scope);
}

/** The stations of units, each once. */
export function stationsOf(units: readonly AirUnit[]): Site[] {
  return [...new Map(units.flatMap((u) => u.stations).map((s) => [s.id, s])).values()];
}

function notMonitoredOf(site: Site): PollutantKey[] {
  const raw = site.attributes.notMonitored;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (k): k is PollutantKey => typeof k === 'string' && AIR_POLLUTANTS.includes(k as Hj663Pollutant),
  );
}

// ---------------------------------------------------------------------------------------------
// AQI

function view(r: AqiResult): AqiView {
  return {
    standard: r.standard,
    kind: r.kind,
    aqi: r.aqi,
    level: r.level,
    category: r.category,
    categoryEn: r.categoryEn,
    color: r.color,
    primary: r.primary,
    iaqi: r.iaqi,
    ...(r.exceeding === undefined ? {} : { exceeding: r.exceeding }),
    missing: r.missing,
    missingDataRule: r.missingDataRule,
    beyondTable: r.beyondTable,
    notes: r.specialRules,
  };
}

/**
 * Real-time AQI of one hour (HJ 633 real-time report, CNEMC practice: 1-h values, PM on the 24-h
 * columns). `so2Day` gives the 24-h SO2 mean HJ 633-2012 Table 1 note 2 needs above 800 µg/m³;
 * without one SO2 is counted missing. Returns null when the hour has no value at all.
 */
export function realtimeAqi(
  hour: HourData,
  hourStart: Date,
  notMonitored: readonly PollutantKey[],
  so2Day: () => number | null,
): AqiResult | null {
  const { values, bounds } = hour;
  if (Object.keys(values).length === 0) return null;
  const version = hj633VersionFor(hourStart);
  const input: AqiInput = {
    kind: 'realtime',
    at: hourStart,
    so2: values.so2 ?? null,
    no2: values.no2 ?? null,
    co: values.co ?? null,
    o3: values.o3 ?? null,
    pm10: values.pm10 ?? null,
    pm25: values.pm25 ?? null,
    notMonitored,
    aboveTable: 'cap',
  };
  const notes: string[] = [];
  if (version === '2012' && values.so2 !== undefined && values.so2 > 800) {
    const day = so2Day();
    if (day === null) {
      input.so2 = null;
      notes.push(
        'SO2 1-h > 800 µg/m³ and no valid 24-h mean (HJ 633-2012 Table 1 note 2): SO2 counted missing',
      );
    } else input.so2_24h = day;
  }
  const bounded = (Object.keys(bounds) as Hj663Pollutant[]).filter((k) => input[k] === null);
  let result = calcAqi({ ...input, notMonitored: [...notMonitored, ...bounded] });
  if (bounded.length > 0) {
    const columns = hj633Standard(version);
    const top = Math.max(-1, ...Object.values(result.iaqi));
    const below = bounded.every((k) => {
      const column = columns.realtimeColumns[k];
      const bound = bounds[k];
      if (column === undefined || bound === undefined) return true;
      const iaqi = iaqiOfConcentration(columns.columns[column], columnDecimals(column), bound) ?? 500;
      return iaqi < top;
    });
    if (below) {
      notes.push(
        `${bounded.join(', ')} withheld below ${bounded.map((k) => bounds[k]).join(', ')}: its IAQI cannot reach the AQI, not counted missing`,
      );
    } else {
      result = calcAqi(input);
    }
  }
  result.specialRules.push(...notes);
  return result;
}

/** Daily AQI from daily values (HJ 633 daily report; under HJ 633-2012 also the daily max 1-h O3). */
export function dailyAqi(date: string, d: DayValues): AqiResult | null {
  return dailyAqiUnder(date, d, hj633VersionFor(chinaDayStart(date)));
}

/**
 * Daily AQI of a date judged under a named HJ 633 version, whatever was in force that day: the
 * version's breakpoints, its daily columns (the daily max 1-h O3 only under 2012) and its
 * missing-data rule. The comparability series re-judges days with it (docs/indicators.md §3).
 */
export function dailyAqiUnder(date: string, d: DayValues, version: Hj633Version): AqiResult | null {
  const at = chinaDayStart(date);
  const present = Object.values(d).some((v) => v !== null);
  if (!present) return null;
  return calcAqi({
    kind: 'daily',
    standard: version,
    at,
    so2: d.so2,
    no2: d.no2,
    co: d.co,
    pm10: d.pm10,
    pm25: d.pm25,
    o3_8h: d.o3_8h,
    ...(version === '2012' ? { o3: d.o3_1h } : {}),
    aboveTable: 'cap',
  });
}

// ---------------------------------------------------------------------------------------------
// Hours

/** `<38` → 38: a withheld value known to be below a bound. */
function boundOf(text: string | null): number | null {
  const m = text === null ? null : /^<\s*(\d+(?:\.\d+)?)$/.exec(text.trim());
  return m?.[1] === undefined ? null : Number(m[1]);
}

/** Stations' hourly rows (any order) as hour data by site and hour start; other parameters are ignored. */
export function hoursByStation(rows: readonly AirHourRow[]): StationHours {
  const out: StationHours = new Map();
  for (const r of rows) {
    const p = POLLUTANT_OF_CODE.get(r.parameter);
    if (p === undefined) continue;
    let bySite = out.get(r.siteId);
    if (bySite === undefined) out.set(r.siteId, (bySite = new Map<number, HourData>()));
    let hour = bySite.get(r.periodStart);
    if (hour === undefined) bySite.set(r.periodStart, (hour = { values: {}, bounds: {} }));
    if (r.value !== null) hour.values[p] = r.value;
    else {
      const bound = boundOf(r.valueText);
      if (bound !== null) hour.bounds[p] = bound;
    }
  }
  return out;
}

/** Means of station hours (pollutant by pollutant over the stations that have it). */
function averageHours(hours: readonly HourData[]): { data: HourData; count: number } {
  const values: Concentrations = {};
  for (const p of AIR_POLLUTANTS) {
    const vs = hours.flatMap((h) => (h.values[p] === undefined ? [] : [h.values[p]]));
    if (vs.length > 0) values[p] = meanRounded(vs, p);
  }
  return {
    data: { values, bounds: {} },
    count: hours.filter((h) => Object.keys(h.values).length > 0).length,
  };
}

/** The hour series of a unit (station values, or the means of its stations) by hour start. */
function unitHours(unit: AirUnit, byStation: StationHours): UnitHours {
  if (unit.scope === 'station') {
    const only = byStation.get(unit.stations[0]?.id ?? -1) ?? new Map<number, HourData>();
    return new Map([...only].map(([t, h]) => [t, { data: h, count: 1 }]));
  }
  const times = new Set<number>();
  for (const s of unit.stations) for (const t of byStation.get(s.id)?.keys() ?? []) times.add(t);
  const out: UnitHours = new Map();
  for (const t of [...times].sort((a, b) => a - b)) {
    out.set(
      t,
      averageHours(
        unit.stations.flatMap((s) => {
          const h = byStation.get(s.id)?.get(t);
          return h === undefined ? [] : [h];
        }),
      ),
    );
  }
  return out;
}

function realtimeOf(unit: AirUnit, hours: UnitHours, t: number) {
  const entry = hours.get(t);
  if (entry === undefined) return { entry: undefined, result: null };
  const notMonitored =
    unit.scope === 'station' && unit.stations[0] !== undefined ? notMonitoredOf(unit.stations[0]) : [];
  const so2Day = (): number | null => {
    const vs: number[] = [];
    for (let i = 0; i < 24; i += 1) {
      const v = hours.get(t - i * HOUR_MS)?.data.values.so2;
      if (v !== undefined) vs.push(v);
    }
    return vs.length >= GB3095_VALIDITY.dailyMeanMinHours ? meanRounded(vs, 'so2') : null;
  };
  return { entry, result: realtimeAqi(entry.data, new Date(t), notMonitored, so2Day) };
}

function realtimeEntry(unit: AirUnit, hours: UnitHours, t: number | undefined, now: Date): RealtimeEntry {
  const { entry, result } = t === undefined ? { entry: undefined, result: null } : realtimeOf(unit, hours, t);
  const station = unit.scope === 'station' ? unit.stations[0] : undefined;
  return {
    scope: unit.scope,
    code: unit.code,
    name: unit.name,
    districtCode: station?.districtCode ?? null,
    stationCount: entry?.count ?? 0,
    stationCodes: unit.stations.map((s) => s.code),
    hourStart: t === undefined || entry === undefined ? null : new Date(t).toISOString(),
    label: t === undefined || entry === undefined ? null : formatChinaIso(new Date(t + HOUR_MS)),
    ageHours:
      t === undefined || entry === undefined ? null : Math.floor((now.getTime() - t - HOUR_MS) / HOUR_MS),
    concentrations: entry?.data.values ?? {},
    result: result === null ? null : view(result),
  };
}

/**
 * The hours to read for the latest AQI, given each station's newest hour start (ms): from 23 h
 * before the oldest of them (at most 7 days before the newest) to the end of the newest — enough for
 * each station's latest hour and its SO2 24-h mean. Null when no station has an hour.
 */
export function latestHoursWindow(latest: ReadonlyMap<number, number>): { from: Date; to: Date } | null {
  if (latest.size === 0) return null;
  const newest = Math.max(...latest.values());
  const oldest = Math.min(...latest.values());
  return {
    from: new Date(Math.max(oldest, newest - 7 * DAY_MS) - 23 * HOUR_MS),
    to: new Date(newest + HOUR_MS),
  };
}

/**
 * Real-time AQI of every station (its newest hour in `latest`), of every district and of the city
 * (the newest hour among their stations, from the stations that have it).
 */
export function latestAirOf(
  units: AirUnits,
  latest: ReadonlyMap<number, number>,
  byStation: StationHours,
  now: Date,
): LatestAir {
  const entryOf = (unit: AirUnit): RealtimeEntry => {
    const times = unit.stations.flatMap((s) => {
      const t = latest.get(s.id);
      return t === undefined ? [] : [t];
    });
    const t = times.length === 0 ? undefined : Math.max(...times);
    return realtimeEntry(unit, unitHours(unit, byStation), t, now);
  };
  return {
    now: now.toISOString(),
    hourLabelRule: AIR_HOUR_LABEL_RULE,
    averagingRule: AIR_AVERAGING_RULE,
    stations: units.stations.map((s) => entryOf(stationUnit(s))),
    districts: units.districts.map(entryOf),
    city: entryOf(units.city),
  };
}

/** Hours an hourly series reads before its first hour (the SO2 24-h mean of HJ 633-2012 note 2). */
export const HOURLY_SERIES_LEAD_MS = 23 * HOUR_MS;

/** Hourly AQI of a unit for the hours from `from` on in `byStation` (read from `from` − 23 h). */
export function hourlySeriesOf(unit: AirUnit, byStation: StationHours, from: Date): AirSeries {
  const hours = unitHours(unit, byStation);
  const points: SeriesPoint[] = [];
  for (const t of hours.keys()) {
    if (t < from.getTime()) continue;
    const { entry, result } = realtimeOf(unit, hours, t);
    points.push({
      at: new Date(t).toISOString(),
      label: formatChinaIso(new Date(t + HOUR_MS)),
      stationCount: entry?.count ?? 0,
      concentrations: entry?.data.values ?? {},
      result: result === null ? null : view(result),
    });
  }
  return {
    scope: unit.scope,
    code: unit.code,
    name: unit.name,
    kind: 'hourly',
    hourLabelRule: AIR_HOUR_LABEL_RULE,
    averagingRule: AIR_AVERAGING_RULE,
    rules: [],
    points,
  };
}

// ---------------------------------------------------------------------------------------------
// Days

const DAY_KEYS: readonly (keyof DayValues)[] = ['so2', 'no2', 'co', 'pm10', 'pm25', 'o3_8h', 'o3_1h'];
const EMPTY_DAY: DayValues = {
  so2: null,
  no2: null,
  co: null,
  pm10: null,
  pm25: null,
  o3_8h: null,
  o3_1h: null,
};

/**
 * Daily values of stations from their per-day sums and their hourly O3: 24-h means valid with
 * ≥ 20 hours (GB 3095 Table 4), daily max 8-h O3 per HJ 663 (17 windows, ≥ 14 valid unless above
 * the limit), and the daily max 1-h O3 from days with ≥ 20 valid O3 hours (our choice: GB 3095 sets
 * no rule).
 */
export function daysByStation(sums: readonly AirDaySum[], o3Hours: readonly AirHourRow[]): StationDays {
  const out: StationDays = new Map();
  const dayOf = (siteId: number, date: string): DayValues => {
    let bySite = out.get(siteId);
    if (bySite === undefined) out.set(siteId, (bySite = new Map<string, DayValues>()));
    let d = bySite.get(date);
    if (d === undefined) bySite.set(date, (d = { ...EMPTY_DAY }));
    return d;
  };
  for (const s of sums) {
    const p = POLLUTANT_OF_CODE.get(s.parameter);
    if (p === undefined) continue;
    const enough = s.hours >= hj663RulesFor(s.date).dailyMinHours;
    const d = dayOf(s.siteId, s.date);
    if (p === 'o3') d.o3_1h = enough ? s.max : null;
    else d[p] = enough ? meanOfSum(s.sum, s.hours, p) : null;
  }
  const o3ByDay = new Map<string, { hourStart: Date; value: number }[]>();
  for (const r of o3Hours) {
    if (r.value === null) continue;
    const key = `${r.siteId}|${chinaDate(new Date(r.periodStart))}`;
    let list = o3ByDay.get(key);
    if (list === undefined) o3ByDay.set(key, (list = []));
    list.push({ hourStart: new Date(r.periodStart), value: r.value });
  }
  for (const [key, hours] of o3ByDay) {
    const [site, date] = key.split('|') as [string, string];
    const limit = gb3095Limit('o3', 'max8h', 2, periodLimitsVersion(date));
    dayOf(Number(site), date).o3_8h = dailyMaxO3EightHour(date, hours, limit).value;
  }
  return out;
}

function averageDays(days: readonly DayValues[]): { data: DayValues; count: number } {
  const data: DayValues = { ...EMPTY_DAY };
  for (const k of DAY_KEYS) {
    const vs = days.flatMap((d) => (d[k] === null ? [] : [d[k]]));
    const p: Hj663Pollutant = k === 'o3_8h' || k === 'o3_1h' ? 'o3' : k;
    data[k] = vs.length > 0 ? meanRounded(vs, p) : null;
  }
  return { data, count: days.filter((d) => DAY_KEYS.some((k) => d[k] !== null)).length };
}

function unitDays(unit: AirUnit, byStation: StationDays, dates: readonly string[]): UnitDays {
  if (unit.scope === 'station') {
    const own = byStation.get(unit.stations[0]?.id ?? -1);
    return new Map(
      dates.map((date) => {
        const d = own?.get(date);
        return [date, d === undefined ? { data: EMPTY_DAY, count: 0 } : { data: d, count: 1 }];
      }),
    );
  }
  return new Map(
    dates.map((date) => [
      date,
      averageDays(
        unit.stations.flatMap((s) => {
          const d = byStation.get(s.id)?.get(date);
          return d === undefined ? [] : [d];
        }),
      ),
    ]),
  );
}

/** China-local dates from `from` to `to` inclusive (`YYYY-MM-DD`). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Daily values and AQI of a unit for China-local dates [from, to]. */
export function dailySeriesOf(unit: AirUnit, byStation: StationDays, from: string, to: string): AirSeries {
  const dates = datesBetween(from, to);
  const days = unitDays(unit, byStation, dates);
  const points = dates.map((date): SeriesPoint => {
    const d = days.get(date) ?? { data: EMPTY_DAY, count: 0 };
    const result = dailyAqi(date, d.data);
    return {
      at: date,
      label: date,
      stationCount: d.count,
      concentrations: d.data,
      result: result === null ? null : view(result),
    };
  });
  return {
    scope: unit.scope,
    code: unit.code,
    name: unit.name,
    kind: 'daily',
    hourLabelRule: AIR_DAY_LABEL_RULE,
    averagingRule: AIR_AVERAGING_RULE,
    rules: [...new Set(dates.map((d) => hj663RulesFor(d).id))],
    points,
  };
}

// ---------------------------------------------------------------------------------------------
// Periods and evaluation

function periodName(p: EvaluationPeriod): string {
  return p.kind === 'year' ? String(p.year) : `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** First and last China-local date of a period. */
export function periodDates(p: EvaluationPeriod): { from: string; to: string } {
  const y = String(p.year).padStart(4, '0');
  if (p.kind === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  const mm = String(p.month).padStart(2, '0');
  const last = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** Parses `2026-03` (month) or `2026` (year); throws BadInputError naming `value`. */
export function parsePeriod(kind: 'month' | 'year', value: string): EvaluationPeriod {
  if (kind === 'year') {
    if (!/^\d{4}$/.test(value)) throw new BadInputError(`value: "${value}" is not a year such as 2026`);
    return { kind, year: Number(value) };
  }
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  const month = Number(m?.[2]);
  if (m === null || month < 1 || month > 12) {
    throw new BadInputError(`value: "${value}" is not a month such as 2026-03`);
  }
  return { kind, year: Number(m[1]), month };
}

/**
 * HJ 663 evaluation of one pollutant over a month: the rule set's statistics (period mean and
 * percentile) compared with the GB 3095 annual / 24-h / 8-h limits (GB 3095 sets no monthly limit;
 * the comparison is for reference, as ranking practice does); validity per GB 3095 Table 4 (monthly
 * mean: ≥ 27 daily values, February ≥ 25).
 */
export function evaluateMonth(
  pollutant: Hj663Pollutant,
  year: number,
  month: number,
  daily: readonly DailyValue[],
): Omit<PollutantEvaluation, 'daily' | 'dailyStatistic'> {
  const { to } = periodDates({ kind: 'month', year, month });
  const rules = hj663RulesFor(to);
  const limitsVersion = periodLimitsVersion(to);
  const values = daily.flatMap((d) => (d.value === null ? [] : [d.value]));
  const minDays = month === 2 ? GB3095_VALIDITY.februaryMinDays : GB3095_VALIDITY.monthlyMinDays;
  const valid = values.length >= minDays;
  const statistics = rules.annualStatistics[pollutant].map((s): EvaluatedStatistic => {
    const limit = gb3095Limit(pollutant, s.compareWith, 2, limitsVersion);
    let value: number | null = null;
    if (values.length > 0) {
      value =
        s.statistic === 'annual-mean'
          ? meanRounded(values, pollutant)
          : roundGbt8170ToNumber(hj663Percentile(values, s.p ?? 50), decimalsOf(pollutant));
    }
    return {
      statistic: s.statistic,
      ...(s.p === undefined ? {} : { p: s.p }),
      value,
      compareWith: s.compareWith,
      limit,
      compliant: value === null || !valid ? null : value <= limit,
      exceedanceMultiple: value === null ? null : exceedanceMultiple(value, limit, rules.multipleDecimals),
    };
  });
  const judged = statistics.map((s) => s.compliant);
  return {
    pollutant,
    rule: rules.id,
    limitsVersion,
    limitsRule: `${PERIOD_LIMITS_RULE}; monthly statistics compared with the annual (mean), 24-h or 8-h (percentile) limits for reference`,
    validity: {
      valid,
      validDays: values.length,
      minDays,
      shortMonths: valid ? [] : [month],
      rule: 'GB 3095 Table 4: monthly mean needs ≥ 27 daily values (February ≥ 25)',
    },
    statistics,
    compliant: judged.includes(null) ? null : judged.every(Boolean),
  };
}

function evaluateUnit(unit: AirUnit, period: EvaluationPeriod, days: UnitDays): UnitEvaluation {
  const { to } = periodDates(period);
  const dailyOf = (p: Hj663Pollutant): DailyValue[] =>
    [...days].map(([date, d]) => ({ date, value: p === 'o3' ? d.data.o3_8h : d.data[p] }));
  const pollutants = AIR_POLLUTANTS.map((p): PollutantEvaluation => {
    const daily = dailyOf(p);
    const base =
      period.kind === 'year'
        ? (() => {
            const a = evaluateAnnual(p, period.year, daily);
            return {
              pollutant: p,
              rule: a.rule,
              limitsVersion: a.limitsVersion,
              limitsRule: a.limitsRule,
              validity: {
                ...a.validity,
                minDays: GB3095_VALIDITY.annualMinDays,
                rule: 'GB 3095 Table 4: annual mean needs ≥ 324 daily values, ≥ 27 each month (February ≥ 25)',
              },
              statistics: a.statistics,
              compliant: a.compliant,
            };
          })()
        : evaluateMonth(p, period.year, period.month, daily);
    const { exceedingDates, ...compliance } = dailyCompliance(p, daily);
    return {
      ...base,
      dailyStatistic: p === 'o3' ? 'max8h' : '24h-mean',
      daily: { ...compliance, exceedingDays: exceedingDates.length },
    };
  });
  const stat = (p: Hj663Pollutant, s: 'annual-mean' | 'percentile') =>
    pollutants.find((e) => e.pollutant === p)?.statistics.find((x) => x.statistic === s)?.value ?? null;
  const ciInput = {
    so2: stat('so2', 'annual-mean'),
    no2: stat('no2', 'annual-mean'),
    pm10: stat('pm10', 'annual-mean'),
    pm25: stat('pm25', 'annual-mean'),
    co: stat('co', 'percentile'),
    o3: stat('o3', 'percentile'),
  };
  const missing = Object.entries(ciInput).flatMap(([k, v]) => (v === null ? [k] : []));
  const results = [...days].map(([date, d]) => dailyAqi(date, d.data));
  const aqis = results.map((r) => r?.aqi ?? null);
  const daysByLevel = [0, 0, 0, 0, 0, 0];
  for (const r of results) {
    if (r !== null && r.level !== null) daysByLevel[r.level - 1] = (daysByLevel[r.level - 1] ?? 0) + 1;
  }
  const judged = pollutants.map((e) => e.compliant);
  return {
    scope: unit.scope,
    code: unit.code,
    name: unit.name,
    stationCount: unit.stations.length,
    pollutants,
    comprehensiveIndex:
      missing.length === 0
        ? comprehensiveIndex(
            {
              so2: ciInput.so2 ?? 0,
              no2: ciInput.no2 ?? 0,
              pm10: ciInput.pm10 ?? 0,
              pm25: ciInput.pm25 ?? 0,
              co: ciInput.co ?? 0,
              o3: ciInput.o3 ?? 0,
            },
            to,
          )
        : null,
    ...(missing.length > 0
      ? { comprehensiveIndexNote: `no valid daily value of ${missing.join(', ')} in the period` }
      : {}),
    goodDays: goodDayRatio(aqis),
    daysByLevel,
    compliant: judged.includes(null) ? null : judged.every(Boolean),
  };
}

/** Monthly or annual evaluation of units from their stations' daily values over the period. */
export function evaluationOf(
  period: EvaluationPeriod,
  units: readonly AirUnit[],
  byStation: StationDays,
): AirEvaluation {
  const { from, to } = periodDates(period);
  const dates = datesBetween(from, to);
  return {
    period: periodName(period),
    from,
    to,
    standards: {
      aqi: [...new Set(dates.map((d) => hj633Standard(hj633VersionFor(chinaDayStart(d))).name))],
      hj663: [...new Set([hj663RulesFor(to).id])],
      gb3095: periodLimitsVersion(to),
      limitsRule: PERIOD_LIMITS_RULE,
    },
    averagingRule: AIR_AVERAGING_RULE,
    ...(period.kind === 'month'
      ? {
          note: 'GB 3095 sets no monthly limits: monthly compliance compares with the annual, 24-h and 8-h limits for reference',
        }
      : {}),
    units: units.map((u) => evaluateUnit(u, period, unitDays(u, byStation, dates))),
  };
}

// ---------------------------------------------------------------------------------------------
// Rankings

/** A ranking asked for: the period and a metric it has values of. */
export type RankingRequest =
  | { kind: 'latest'; by: 'aqi' | 'pm25' }
  | { kind: 'day'; date: string; by: 'aqi' | 'pm25' }
  | { kind: 'period'; period: EvaluationPeriod; by: 'pm25' | 'ci' };

/**
 * Pairs a metric with a period; throws BadInputError for a metric the period has no value of: the
 * comprehensive index needs a month or a year, the AQI an hour or a day.
 */
export function rankingRequest(by: RankingMetric, period: RankingPeriod): RankingRequest {
  switch (period.kind) {
    case 'latest':
    case 'day':
      if (by === 'ci') throw new BadInputError('by=ci needs a month or a year (period=month|year)');
      return period.kind === 'latest' ? { kind: 'latest', by } : { kind: 'day', date: period.date, by };
    case 'month':
    case 'year':
      if (by === 'aqi') {
        throw new BadInputError(
          'by=aqi ranks an hour or a day (period=latest|day); for a month or year use by=ci or by=pm25',
        );
      }
      return { kind: 'period', period, by };
    default: {
      const impossible: never = period;
      throw new BadInputError(`unknown period ${JSON.stringify(impossible)}`);
    }
  }
}

/** Competition ranks, smallest value first (cleanest); no value = no rank, listed last. */
function ranked(entries: readonly Omit<RankingEntry, 'rank'>[]): RankingEntry[] {
  return rank(entries, { value: (e) => e.value, direction: 'ascending', ties: 'competition' }).map(
    ({ item, rank: r }) => ({ ...item, rank: r }),
  );
}

/** Stations or districts ranked by real-time AQI or PM2.5 of their newest hour. */
export function latestRanking(
  latest: LatestAir,
  scope: 'station' | 'district',
  by: 'aqi' | 'pm25',
): AirRanking {
  const list = scope === 'station' ? latest.stations : latest.districts;
  return {
    scope,
    by,
    order: RANKING_ORDER,
    period: 'latest',
    standards: [...new Set(list.flatMap((e) => (e.result === null ? [] : [e.result.standard])))],
    items: ranked(
      list.map((e) => ({
        code: e.code,
        name: e.name,
        value: by === 'aqi' ? (e.result?.aqi ?? null) : (e.concentrations.pm25 ?? null),
      })),
    ),
  };
}

/** Units ranked by daily AQI or daily PM2.5 of one China-local date. */
export function dayRanking(
  units: readonly AirUnit[],
  byStation: StationDays,
  date: string,
  scope: 'station' | 'district',
  by: 'aqi' | 'pm25',
): AirRanking {
  const items = units.map((u) => {
    const d = unitDays(u, byStation, [date]).get(date)?.data ?? EMPTY_DAY;
    return { code: u.code, name: u.name, value: by === 'aqi' ? (dailyAqi(date, d)?.aqi ?? null) : d.pm25 };
  });
  return {
    scope,
    by,
    order: RANKING_ORDER,
    period: date,
    standards: [hj633Standard(hj633VersionFor(chinaDayStart(date))).name, hj663RulesFor(date).id],
    items: ranked(items),
  };
}

/** Units of an evaluation ranked by PM2.5 period mean or comprehensive index. */
export function periodRanking(
  evaluation: AirEvaluation,
  scope: 'station' | 'district',
  by: 'pm25' | 'ci',
): AirRanking {
  return {
    scope,
    by,
    order: RANKING_ORDER,
    period: evaluation.period,
    standards: [
      ...evaluation.standards.aqi,
      ...evaluation.standards.hj663,
      `GB 3095 (${evaluation.standards.gb3095})`,
    ],
    items: ranked(
      evaluation.units.map((u) => ({
        code: u.code,
        name: u.name,
        value:
          by === 'ci'
            ? (u.comprehensiveIndex?.value ?? null)
            : (u.pollutants
                .find((p) => p.pollutant === 'pm25')
                ?.statistics.find((s) => s.statistic === 'annual-mean')?.value ?? null),
      })),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparability across the 2026-03-01 switch

/** The standard the comparable series judges every day by: the one in force now (HJ 633-2026). */
export const COMPARABLE_AQI_VERSION: Hj633Version = '2026';

/** Day counts of a month under one HJ 633 version. */
export interface DayCounts {
  standard: string;
  goodDays: number;
  validDays: number;
  /** Good / valid days × 100 (HJ 663 good-day ratio, 1 decimal); null with no valid day. */
  ratioPercent: number | null;
  /** Days with daily AQI > 150 (moderate pollution or worse). */
  daysAbove150: number;
  /** Days with daily AQI > 200 (heavy pollution or worse). */
  daysAbove200: number;
  /** Days by AQI level 1–6 (index 0 = level 1). */
  daysByLevel: number[];
}

/** One month: the official figures beside the same days re-judged under the other standard. */
export interface ComparableMonth {
  month: string;
  /** Days of the month with a daily value. */
  days: number;
  /** Under the standard in force on the month's days (a month never straddles the switch). */
  official: DayCounts;
  /** The same days under the other version. */
  rejudged: DayCounts;
  /** The same days under `COMPARABLE_AQI_VERSION`: official from 2026-03, rejudged before. */
  comparable: DayCounts;
}

export interface AirComparability {
  scope: AirScope;
  code: string;
  name: string;
  from: string;
  to: string;
  comparableStandard: string;
  switchDate: string;
  averagingRule: string;
  months: ComparableMonth[];
}

/** Days of daily AQIs counted under one version. */
export function dayCountsOf(version: Hj633Version, aqis: readonly (number | null)[]): DayCounts {
  const ratio = goodDayRatio(aqis);
  const daysByLevel = [0, 0, 0, 0, 0, 0];
  let daysAbove150 = 0;
  let daysAbove200 = 0;
  for (const aqi of aqis) {
    if (aqi === null) continue;
    const { level } = aqiLevelInfo(aqi);
    daysByLevel[level - 1] = (daysByLevel[level - 1] ?? 0) + 1;
    if (aqi > 150) daysAbove150 += 1;
    if (aqi > 200) daysAbove200 += 1;
  }
  return { standard: hj633Standard(version).name, ...ratio, daysAbove150, daysAbove200, daysByLevel };
}

const otherVersion = (v: Hj633Version): Hj633Version => (v === '2012' ? '2026' : '2012');

/**
 * Each China-local month from `from` to `to` (`YYYY-MM`) of a unit: the days judged under the HJ 633
 * version in force (official), under the other version (re-judged), and under the comparable one.
 * Daily values are the same in all three (GB 3095 Table 4 validity); only the AQI tables and rules differ.
 */
export function comparabilityOf(
  unit: AirUnit,
  byStation: StationDays,
  from: string,
  to: string,
): AirComparability {
  const first = periodDates(parsePeriod('month', from)).from;
  const last = periodDates(parsePeriod('month', to)).to;
  const days = unitDays(unit, byStation, datesBetween(first, last));
  const byMonth = new Map<string, { date: string; data: DayValues }[]>();
  for (const [date, d] of days) {
    const list = byMonth.get(date.slice(0, 7)) ?? [];
    list.push({ date, data: d.data });
    byMonth.set(date.slice(0, 7), list);
  }
  const months = [...byMonth].map(([month, list]): ComparableMonth => {
    const official = hj633VersionFor(chinaDayStart(`${month}-01`));
    const counts = (v: Hj633Version) =>
      dayCountsOf(
        v,
        list.map((d) => dailyAqiUnder(d.date, d.data, v)?.aqi ?? null),
      );
    const officialCounts = counts(official);
    const rejudged = counts(otherVersion(official));
    return {
      month,
      days: list.filter((d) => Object.values(d.data).some((v) => v !== null)).length,
      official: officialCounts,
      rejudged,
      comparable: official === COMPARABLE_AQI_VERSION ? officialCounts : rejudged,
    };
  });
  return {
    scope: unit.scope,
    code: unit.code,
    name: unit.name,
    from,
    to,
    comparableStandard: hj633Standard(COMPARABLE_AQI_VERSION).name,
    switchDate: HJ633_SWITCH_DATE,
    averagingRule: AIR_AVERAGING_RULE,
    months,
  };
}

/** The first China-local day of HJ 633-2026 (docs/standards/hj633-aqi.md §1). */
export const HJ633_SWITCH_DATE = '2026-03-01';
