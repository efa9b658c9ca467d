/**
 * What HJ 633-2012 and HJ 633-2026 (环境空气质量指数（AQI）技术规定) share: the IAQI piecewise-linear
 * formula with ceiling rounding, the six AQI levels and their colours, and the shape of a version's
 * rule set. The version files (./hj633-2012.ts, ./hj633-2026.ts) hold the tables and texts.
 */
import { roundGbt8170Scaled } from './gb-t-8170.js';
import { ratFromDecimal, toRational } from './rational.js';

/** The HJ 633 versions, named by year of issue. */
export type Hj633Version = '2012' | '2026';

/** The standard's name as printed on reports. */
export type Hj633Name = 'HJ 633-2012' | 'HJ 633-2026';

/**
 * A pollutant input of the AQI, as named in `calcAqi` input and results: `o3` is a 1-hour value
 * (the hourly value in real time, the daily maximum 1-hour value in a daily report) and `o3_8h` an
 * 8-hour sliding mean (the daily maximum 8-hour value in a daily report). CO is in mg/m³, the others
 * in µg/m³.
 */
export type PollutantKey = 'so2' | 'no2' | 'co' | 'o3' | 'o3_8h' | 'pm10' | 'pm25';

/** All pollutant keys, in the order results list them. */
export const POLLUTANT_KEYS: readonly PollutantKey[] = ['so2', 'no2', 'co', 'o3', 'o3_8h', 'pm10', 'pm25'];

/** A breakpoint column of HJ 633-2012 Table 1 / HJ 633-2026 Table 3 (names as in the test vectors). */
export type Hj633Column =
  | 'so2_24h'
  | 'so2_1h'
  | 'no2_24h'
  | 'no2_1h'
  | 'co_24h'
  | 'co_1h'
  | 'o3_1h'
  | 'o3_8h'
  | 'pm10_24h'
  | 'pm25_24h';

/** One row of a breakpoint column: concentration limit (column unit) and its IAQI. */
export type Breakpoint = readonly [concentration: number, iaqi: number];

/** A breakpoint column, ascending, starting at [0, 0]. */
export type BreakpointColumn = readonly Breakpoint[];

/** Decimal places a concentration is rounded to before the IAQI (HJ 633-2026 §4.2.2–4.2.3): CO 1, others 0. */
export function columnDecimals(column: Hj633Column): 0 | 1 {
  return column === 'co_24h' || column === 'co_1h' ? 1 : 0;
}

/** Unit of a column's concentrations. */
export function columnUnit(column: Hj633Column): 'mg/m3' | 'ug/m3' {
  return columnDecimals(column) === 1 ? 'mg/m3' : 'ug/m3';
}

/**
 * HJ 633-2012 §6.1 formula (1) / HJ 633-2026 §4.2.6: IAQI of a concentration given in integer units
 * of the column (µg/m³, or 0.1 mg/m³ for CO when `decimals` is 1), ceiled exactly by integer
 * ceiling division. Segments are closed: a breakpoint gives its own IAQI from either side. Returns
 * null above the top breakpoint, where the table gives no value.
 */
export function iaqiFromScaled(
  column: BreakpointColumn,
  scaledConcentration: bigint,
  decimals: 0 | 1,
): number | null {
  if (scaledConcentration < 0n) throw new RangeError(`concentration ${scaledConcentration} is negative`);
  const unit = 10n ** BigInt(decimals);
  for (let i = 1; i < column.length; i += 1) {
    const lo = column[i - 1];
    const hi = column[i];
    if (lo === undefined || hi === undefined) break;
    const bpLo = BigInt(lo[0]) * unit;
    const bpHi = BigInt(hi[0]) * unit;
    if (scaledConcentration <= bpHi) {
      const num = BigInt(hi[1] - lo[1]) * (scaledConcentration - bpLo);
      const den = bpHi - bpLo;
      return lo[1] + Number((num + den - 1n) / den);
    }
  }
  return null;
}

/**
 * IAQI of a concentration on a column: rounds it per GB/T 8170 to the column's precision (integer
 * µg/m³, CO 0.1 mg/m³; HJ 633-2026 §4.2.2–4.2.3), then HJ 633 formula (1) with ceiling. Returns null
 * above the top breakpoint; throws a RangeError for a negative or non-finite concentration.
 */
export function iaqiOfConcentration(
  column: BreakpointColumn,
  decimals: 0 | 1,
  concentration: number | string,
): number | null {
  const exact = typeof concentration === 'string' ? ratFromDecimal(concentration) : toRational(concentration);
  if (exact.num < 0n) {
    throw new RangeError(`concentration ${concentration} is negative; concentrations must be ≥ 0`);
  }
  return iaqiFromScaled(column, roundGbt8170Scaled(exact, decimals), decimals);
}

/** AQI level (级别) 1–6 of HJ 633-2012 Table 2 / HJ 633-2026 Table 1. */
export type AqiLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** Chinese and English text. */
export interface BilingualText {
  zh: string;
  en: string;
}

/** One AQI level: its range, category and colour (HJ 633-2012 Table 2 + Annex A; HJ 633-2026 Table 1 + Annex A). */
export interface AqiLevelInfo {
  level: AqiLevel;
  /** Lowest and highest AQI of the level (the top level is open: `max` is Infinity). */
  min: number;
  max: number;
  /** 级别, e.g. 一级. */
  levelZh: string;
  /** 类别, e.g. 轻度污染. */
  category: string;
  categoryEn: string;
  /** Colour as `#RRGGBB` (Annex A RGB). */
  color: string;
  colorZh: string;
  colorEn: string;
}

/**
 * HJ 633-2012 Table 2 / HJ 633-2026 Table 1 with the colours of Annex A (same in both versions).
 * HJ 633-2026 writes level 1 as 1–50; an AQI of 0 (all concentrations 0) is put in level 1 here.
 */
export const AQI_LEVELS: readonly AqiLevelInfo[] = [
  {
    level: 1,
    min: 0,
    max: 50,
    levelZh: '一级',
    category: '优',
    categoryEn: 'Excellent',
    color: '#00E400',
    colorZh: '绿色',
    colorEn: 'green',
  },
  {
    level: 2,
    min: 51,
    max: 100,
    levelZh: '二级',
    category: '良',
    categoryEn: 'Good',
    color: '#FFFF00',
    colorZh: '黄色',
    colorEn: 'yellow',
  },
  {
    level: 3,
    min: 101,
    max: 150,
    levelZh: '三级',
    category: '轻度污染',
    categoryEn: 'Lightly polluted',
    color: '#FF7E00',
    colorZh: '橙色',
    colorEn: 'orange',
  },
  {
    level: 4,
    min: 151,
    max: 200,
    levelZh: '四级',
    category: '中度污染',
    categoryEn: 'Moderately polluted',
    color: '#FF0000',
    colorZh: '红色',
    colorEn: 'red',
  },
  {
    level: 5,
    min: 201,
    max: 300,
    levelZh: '五级',
    category: '重度污染',
    categoryEn: 'Heavily polluted',
    color: '#99004C',
    colorZh: '紫色',
    colorEn: 'purple',
  },
  {
    level: 6,
    min: 301,
    max: Infinity,
    levelZh: '六级',
    category: '严重污染',
    categoryEn: 'Severely polluted',
    color: '#7E0023',
    colorZh: '褐红色',
    colorEn: 'maroon',
  },
];

/** HJ 633 Table 2 (2012) / Table 1 (2026): the level of an AQI (a non-negative integer). */
export function aqiLevelInfo(aqi: number): AqiLevelInfo {
  if (!Number.isInteger(aqi) || aqi < 0) {
    throw new RangeError(`AQI ${aqi} is not a non-negative integer`);
  }
  const info = AQI_LEVELS.find((l) => aqi <= l.max);
  if (info === undefined) throw new RangeError(`AQI ${aqi} has no level`);
  return info;
}

/** Health effects (对健康影响情况) and recommended measures (建议采取的措施) of one level. */
export interface LevelAdvice {
  effects: BilingualText;
  measures: BilingualText;
}

/**
 * How a missing or invalid pollutant affects the AQI:
 * - `na-unless-above-100` — HJ 633-2026 §5: compute from the others; publish only if that AQI > 100,
 *   otherwise AQI, level, category and primary pollutant are NA (null).
 * - `from-available` — compute from the pollutants present and publish it (HJ 633-2012 has no rule;
 *   CNEMC published pre-2026 AQIs this way, e.g. station 1159A on 2017-07-07 16:00 with SO2, NO2
 *   and PM2.5 missing and AQI 20).
 */
export type MissingDataRule = 'na-unless-above-100' | 'from-available';

/** A version's rule set: everything that differs between HJ 633-2012 and HJ 633-2026. */
export interface Hj633Standard {
  version: Hj633Version;
  name: Hj633Name;
  /** Breakpoint columns of the version's IAQI table. */
  columns: Readonly<Record<Hj633Column, BreakpointColumn>>;
  /** Real-time report inputs and the column each is looked up in. */
  realtimeColumns: Readonly<Partial<Record<PollutantKey, Hj633Column>>>;
  /** Daily report inputs and the column each is looked up in. */
  dailyColumns: Readonly<Partial<Record<PollutantKey, Hj633Column>>>;
  /** Table note (2): SO2 1-h above 800 µg/m³. */
  so2OneHourAbove800: 'iaqi-from-24h-mean' | 'iaqi-200';
  /** Table note (3): O3 8-h above 800 µg/m³. */
  o3EightHourAbove800: 'iaqi-from-1h-value' | 'iaqi-300';
  /** Whether the version defines exceeding pollutants (超标污染物, IAQI > 100). */
  hasExceedingPollutants: boolean;
  /** Default treatment of a missing pollutant. */
  missingDataRule: MissingDataRule;
  /** Health effects and measures, by level. */
  advice: Readonly<Record<AqiLevel, LevelAdvice>>;
}
