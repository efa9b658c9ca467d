/**
 * GB 3095 环境空气质量标准 — concentration limits and data validity, versioned by China-local date:
 * GB 3095-2012 (with the 2018 amendment) before 2026-03-01; GB 3095-2026 transition limits
 * 2026-03-01 → 2030-12-31; GB 3095-2026 final limits from 2031-01-01 (docs/standards/gb3095-hj663.md §1, §2).
 */
import { chinaDate } from './china-time.js';

/** The limit set in force: GB 3095-2012, or GB 3095-2026 in its transition or final stage. */
export type Gb3095Version = '2012' | '2026-transition' | '2026-final';

/** Pollutants with limits in GB 3095 Table 1 (basic items) and Table 2 (other items). */
export type Gb3095Pollutant = 'so2' | 'no2' | 'co' | 'o3' | 'pm10' | 'pm25' | 'tsp' | 'nox' | 'pb' | 'bap';

/** Averaging time: `max8h` is the daily maximum 8-hour sliding mean (日最大8小时平均). */
export type Gb3095Averaging = 'annual' | 'quarterly' | '24h' | 'max8h' | '1h';

/** Limit grade: I for class-1 zones (nature reserves, parks…), II for class-2 zones (GB 3095 §4.1–4.2). */
export type Gb3095Grade = 1 | 2;

/** One row of a GB 3095 limit table. */
export interface Gb3095Limit {
  pollutant: Gb3095Pollutant;
  averaging: Gb3095Averaging;
  grade1: number;
  grade2: number;
  unit: 'ug/m3' | 'mg/m3';
}

type Row = readonly [Gb3095Pollutant, Gb3095Averaging, number, number];

const rows = (table: readonly Row[]): readonly Gb3095Limit[] =>
  table.map(([pollutant, averaging, grade1, grade2]) => ({
    pollutant,
    averaging,
    grade1,
    grade2,
    unit: pollutant === 'co' ? 'mg/m3' : 'ug/m3',
  }));

/**
 * GB 3095-2012 Tables 1–2 (µg/m³, CO mg/m³). Basic items [text/secondary, docs/standards/gb3095-hj663.md §1]; TSP,
 * NOx, Pb, BaP from secondary sources (docs/standards/gb3095-hj663.md §1) — verify before use.
 */
export const GB3095_2012_LIMITS: readonly Gb3095Limit[] = rows([
  ['so2', 'annual', 20, 60],
  ['so2', '24h', 50, 150],
  ['so2', '1h', 150, 500],
  ['no2', 'annual', 40, 40],
  ['no2', '24h', 80, 80],
  ['no2', '1h', 200, 200],
  ['co', '24h', 4, 4],
  ['co', '1h', 10, 10],
  ['o3', 'max8h', 100, 160],
  ['o3', '1h', 160, 200],
  ['pm10', 'annual', 40, 70],
  ['pm10', '24h', 50, 150],
  ['pm25', 'annual', 15, 35],
  ['pm25', '24h', 35, 75],
  ['tsp', 'annual', 80, 200],
  ['tsp', '24h', 120, 300],
  ['nox', 'annual', 50, 50],
  ['nox', '24h', 100, 100],
  ['nox', '1h', 250, 250],
  ['pb', 'annual', 0.5, 0.5],
  ['pb', 'quarterly', 1, 1],
  ['bap', 'annual', 0.001, 0.001],
  ['bap', '24h', 0.0025, 0.0025],
]);

/**
 * GB 3095-2026 Tables 1–2, transition limits 2026-03-01 → 2030-12-31 [text]: PM10 60 / 120 and PM2.5
 * 30 / 60 (grade II annual / 24-h), NOx 50 / 100. TSP, Pb, BaP: the reference gives one value for
 * 2026 and it is taken to hold in both stages (uncertain).
 */
export const GB3095_2026_TRANSITION_LIMITS: readonly Gb3095Limit[] = rows([
  ['so2', 'annual', 20, 60],
  ['so2', '24h', 50, 150],
  ['so2', '1h', 150, 500],
  ['no2', 'annual', 40, 40],
  ['no2', '24h', 80, 80],
  ['no2', '1h', 200, 200],
  ['co', '24h', 4, 4],
  ['co', '1h', 10, 10],
  ['o3', 'max8h', 100, 160],
  ['o3', '1h', 160, 200],
  ['pm10', 'annual', 40, 60],
  ['pm10', '24h', 50, 120],
  ['pm25', 'annual', 15, 30],
  ['pm25', '24h', 35, 60],
  ['tsp', 'annual', 80, 200],
  ['tsp', '24h', 120, 300],
  ['nox', 'annual', 50, 50],
  ['nox', '24h', 100, 100],
  ['nox', '1h', 250, 250],
  ['pb', 'annual', 0.5, 0.5],
  ['pb', 'quarterly', 1, 1],
  ['bap', 'annual', 0.001, 0.001],
  ['bap', '24h', 0.0025, 0.0025],
]);

/**
 * GB 3095-2026 Tables 1–2, final limits from 2031-01-01 [text]: SO2 grade II 20 / 50 / 150, NO2
 * 30 / 50, PM10 20 / 50 and 50 / 100, PM2.5 10 / 25 and 25 / 50, NOx 40 / 70.
 */
export const GB3095_2026_FINAL_LIMITS: readonly Gb3095Limit[] = rows([
  ['so2', 'annual', 20, 20],
  ['so2', '24h', 50, 50],
  ['so2', '1h', 150, 150],
  ['no2', 'annual', 30, 30],
  ['no2', '24h', 50, 50],
  ['no2', '1h', 200, 200],
  ['co', '24h', 4, 4],
  ['co', '1h', 10, 10],
  ['o3', 'max8h', 100, 160],
  ['o3', '1h', 160, 200],
  ['pm10', 'annual', 20, 50],
  ['pm10', '24h', 50, 100],
  ['pm25', 'annual', 10, 25],
  ['pm25', '24h', 25, 50],
  ['tsp', 'annual', 80, 200],
  ['tsp', '24h', 120, 300],
  ['nox', 'annual', 40, 40],
  ['nox', '24h', 70, 70],
  ['nox', '1h', 250, 250],
  ['pb', 'annual', 0.5, 0.5],
  ['pb', 'quarterly', 1, 1],
  ['bap', 'annual', 0.001, 0.001],
  ['bap', '24h', 0.0025, 0.0025],
]);

/** First China-local day of GB 3095-2026 (transition limits). */
const GB3095_2026_EFFECTIVE_DATE = '2026-03-01';
/** First China-local day of the GB 3095-2026 final limits. */
const GB3095_2026_FINAL_DATE = '2031-01-01';

/** The GB 3095 limit set in force on a China-local date (`YYYY-MM-DD`, or an instant in that day). */
export function gb3095VersionFor(date: string | Date): Gb3095Version {
  const day = typeof date === 'string' ? date : chinaDate(date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`expected a date as YYYY-MM-DD, got "${day}"`);
  if (day < GB3095_2026_EFFECTIVE_DATE) return '2012';
  return day < GB3095_2026_FINAL_DATE ? '2026-transition' : '2026-final';
}

/** The limit table of a GB 3095 version. */
function gb3095Limits(version: Gb3095Version): readonly Gb3095Limit[] {
  switch (version) {
    case '2012':
      return GB3095_2012_LIMITS;
    case '2026-transition':
      return GB3095_2026_TRANSITION_LIMITS;
    case '2026-final':
      return GB3095_2026_FINAL_LIMITS;
    default: {
      const impossible: never = version;
      throw new RangeError(`unknown GB 3095 version "${String(impossible)}"`);
    }
  }
}

/**
 * GB 3095 Table 1/2: the concentration limit (µg/m³, CO mg/m³) of a pollutant, averaging time and
 * grade under a version; throws a RangeError when the standard sets none.
 */
export function gb3095Limit(
  pollutant: Gb3095Pollutant,
  averaging: Gb3095Averaging,
  grade: Gb3095Grade,
  version: Gb3095Version,
): number {
  const row = gb3095Limits(version).find((r) => r.pollutant === pollutant && r.averaging === averaging);
  if (row === undefined) {
    throw new RangeError(`GB 3095 (${version}) sets no ${averaging} limit for ${pollutant}`);
  }
  return grade === 1 ? row.grade1 : row.grade2;
}

/** GB 3095-2012 Table 4 = GB 3095-2026 Table 4: minimum data for a valid statistic (basic gaseous and PM items). */
export const GB3095_VALIDITY = {
  /** Hourly means per natural day for a 24-h mean (SO2, NO2, CO, PM10, PM2.5, NOx). */
  dailyMeanMinHours: 20,
  /** Hourly means within each 8 hours for an O3 8-h mean. */
  eightHourMinHours: 6,
  /** Sampling minutes per hour for a 1-h mean. */
  hourlyMinMinutes: 45,
  /** Daily means per year for an annual mean (SO2, NO2, PM10, PM2.5, NOx). */
  annualMinDays: 324,
  /** Daily means per month for an annual mean, except February. */
  monthlyMinDays: 27,
  /** Daily means in February for an annual mean. */
  februaryMinDays: 25,
} as const;
