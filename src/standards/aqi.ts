/**
 * The air quality index front: picks HJ 633-2012 or HJ 633-2026 by the data's China-local date and
 * computes real-time or daily AQI, level, category, colour, advice, primary and exceeding pollutants.
 * Pure: the caller passes the time of the data; nothing reads the clock.
 */
import { chinaDate } from './china-time.js';
import { roundGbt8170Scaled } from './gb-t-8170.js';
import { HJ633_2012 } from './hj633-2012.js';
import { HJ633_2026 } from './hj633-2026.js';
import {
  aqiLevelInfo,
  columnDecimals,
  columnUnit,
  iaqiFromScaled,
  POLLUTANT_KEYS,
  type AqiLevel,
  type BilingualText,
  type Hj633Column,
  type Hj633Name,
  type Hj633Standard,
  type Hj633Version,
  type MissingDataRule,
  type PollutantKey,
} from './hj633-common.js';

export type {
  AqiLevel,
  BilingualText,
  Hj633Name,
  Hj633Version,
  MissingDataRule,
  PollutantKey,
} from './hj633-common.js';
export { AQI_LEVELS, POLLUTANT_KEYS, aqiLevelInfo } from './hj633-common.js';

/** First China-local day of HJ 633-2026 (its §1 implementation date); earlier data use HJ 633-2012. */
const HJ633_2026_EFFECTIVE_DATE = '2026-03-01';

/**
 * The HJ 633 version for data whose averaging period starts at `periodStart`: HJ 633-2026 from
 * 2026-03-01 00:00 China time, HJ 633-2012 before. Keyed by the period's start, so the hour
 * 23:00–24:00 of 2026-02-28 (published as 2026-03-01 00:00) and the day 2026-02-28 stay 2012
 * (docs/standards/hj633-aqi.md §1).
 */
export function hj633VersionFor(periodStart: Date): Hj633Version {
  if (Number.isNaN(periodStart.getTime())) throw new RangeError('at is an invalid Date');
  return chinaDate(periodStart) >= HJ633_2026_EFFECTIVE_DATE ? '2026' : '2012';
}

/** The rule set of an HJ 633 version. */
export function hj633Standard(version: Hj633Version): Hj633Standard {
  switch (version) {
    case '2012':
      return HJ633_2012;
    case '2026':
      return HJ633_2026;
    default: {
      const impossible: never = version;
      throw new RangeError(`unknown HJ 633 version "${String(impossible)}" (expected "2012" or "2026")`);
    }
  }
}

/**
 * Names CNEMC publishes for primary pollutants (docs/standards/hj633-aqi.md §7); `o3` is 臭氧1小时 and `o3_8h`
 * 臭氧8小时. Ties are published comma-joined.
 */
export const CNEMC_POLLUTANT_NAMES_ZH: Readonly<Record<PollutantKey, string>> = {
  so2: '二氧化硫',
  no2: '二氧化氮',
  co: '一氧化碳',
  o3: '臭氧1小时',
  o3_8h: '臭氧8小时',
  pm10: '颗粒物(PM10)',
  pm25: '细颗粒物(PM2.5)',
};

/** Real-time (hourly) report or daily report (HJ 633-2012 §5 / HJ 633-2026 §4.2). */
export type AqiKind = 'realtime' | 'daily';

/** What {@link calcAqi} does with a concentration above the top of its column (see `AqiInput`). */
export type AboveTable = 'cap' | 'refuse';

/**
 * Input of {@link calcAqi}. Concentrations: CO in mg/m³, the others in µg/m³; they are rounded per
 * GB/T 8170 (integers, CO 0.1 mg/m³) before the IAQI. `null` or absent = missing / invalid.
 *
 * - realtime: the six 1-hour means `so2`, `no2`, `co`, `o3`, `pm10`, `pm25` (PM looked up in the
 *   24-hour PM columns, HJ 633-2026 §4.2.4 and CNEMC practice before 2026). `so2_24h` (24-h mean)
 *   is needed only under HJ 633-2012 when SO2 1-h exceeds 800 µg/m³ (Table 1 note 2).
 * - daily: 24-hour means `so2`, `no2`, `co`, `pm10`, `pm25`; `o3_8h` = daily max 8-h mean; under
 *   HJ 633-2012 also `o3` = daily max 1-h value.
 *
 * Inputs a report does not use (e.g. `o3_8h` in real time, `o3` in a 2026 daily report) are ignored
 * and listed in `unused`.
 */
export interface AqiInput {
  kind: AqiKind;
  /** Names the version; otherwise it is chosen by `at` (see {@link hj633VersionFor}). */
  standard?: Hj633Version;
  /** Start of the averaging period (the hour, or any instant of the China-local day). */
  at?: Date;
  so2?: number | null;
  no2?: number | null;
  co?: number | null;
  o3?: number | null;
  o3_8h?: number | null;
  pm10?: number | null;
  pm25?: number | null;
  /** SO2 24-hour mean, µg/m³: only for HJ 633-2012 real-time with SO2 1-h above 800. */
  so2_24h?: number | null;
  /**
   * Pollutants the station's monitoring plan does not include, whose absence does not block the AQI
   * (HJ 633-2026 §5: only if never primary at light pollution or worse in the previous three years —
   * the caller vouches for that).
   */
  notMonitored?: readonly PollutantKey[];
  /** Overrides the version's treatment of missing pollutants (2012: from-available; 2026: §5). */
  missingDataRule?: MissingDataRule;
  /**
   * A concentration above the top breakpoint of its column (other than the notes-2/3 cases), where
   * the standard's table gives no IAQI: `cap` (default) — IAQI 500 and the pollutant listed in
   * `beyondTable`, as CNEMC publishes (docs/standards/hj633-aqi.md §6); `refuse` — a RangeError naming the
   * pollutant, the value and the top breakpoint.
   */
  aboveTable?: AboveTable;
}

/** Result of {@link calcAqi}. With `aqi` null (NA) the level, category, colour and texts are null too. */
export interface AqiResult {
  standard: Hj633Name;
  kind: AqiKind;
  /** AQI, or null = NA (nothing to compute from, or the missing-data rule withholds it). */
  aqi: number | null;
  level: AqiLevel | null;
  /** 类别, e.g. 轻度污染. */
  category: string | null;
  categoryEn: string | null;
  /** `#RRGGBB`. */
  color: string | null;
  /** Primary pollutants (首要污染物): all with the largest IAQI, only when AQI > 50. */
  primary: PollutantKey[];
  /** Individual AQIs of the pollutants used. */
  iaqi: Partial<Record<PollutantKey, number>>;
  /** HJ 633-2012 only: pollutants with IAQI > 100 (超标污染物). */
  exceeding?: PollutantKey[];
  /** Health effects of the level (对健康影响情况). */
  advice: BilingualText | null;
  /** Recommended measures of the level (建议采取的措施). */
  measures: BilingualText | null;
  /** Inputs this report needs that were missing (not counting `notMonitored`). */
  missing: PollutantKey[];
  /** The missing-data rule applied. */
  missingDataRule: MissingDataRule;
  /** Inputs given that this kind of report does not use under this version. */
  unused: PollutantKey[];
  /** Pollutants above the top breakpoint of their column, reported as IAQI 500; empty when none. */
  beyondTable: PollutantKey[];
  /** Table notes applied, e.g. "HJ 633-2026 Table 3 note 2: SO2 1-h > 800 µg/m³ → IAQI 200". */
  specialRules: string[];
}

function columnsFor(std: Hj633Standard, kind: AqiKind): Readonly<Partial<Record<PollutantKey, Hj633Column>>> {
  switch (kind) {
    case 'realtime':
      return std.realtimeColumns;
    case 'daily':
      return std.dailyColumns;
    default: {
      const impossible: never = kind;
      throw new RangeError(`kind must be "realtime" or "daily", got "${String(impossible)}"`);
    }
  }
}

function checkConcentration(key: string, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number') {
    throw new RangeError(`${key} = ${JSON.stringify(value)}: a concentration must be a number`);
  }
  if (!Number.isFinite(value)) throw new RangeError(`${key} = ${value}: a concentration must be finite`);
  if (value < 0) throw new RangeError(`${key} = ${value}: a concentration must not be negative`);
  return value;
}

const unitLabel = (column: Hj633Column): string => (columnUnit(column) === 'mg/m3' ? 'mg/m³' : 'µg/m³');

/**
 * HJ 633-2012 §5–§7 / HJ 633-2026 §4–§5: real-time or daily AQI with level, category, colour,
 * advice, primary pollutants (ties all count, AQI > 50), exceeding pollutants (2012) and the
 * missing-data rule. A concentration above its column gives IAQI 500 and is listed in `beyondTable`
 * (CNEMC practice), or with `aboveTable: 'refuse'` throws. Throws a RangeError naming the value for
 * negative or non-finite concentrations, and when neither `standard` nor `at` is given.
 */
export function calcAqi(input: AqiInput): AqiResult {
  const version = input.standard ?? (input.at !== undefined ? hj633VersionFor(input.at) : undefined);
  if (version === undefined) {
    throw new RangeError('give either standard ("2012" | "2026") or at (the start of the averaging period)');
  }
  const std = hj633Standard(version);
  const columns = columnsFor(std, input.kind);
  const aboveTable = input.aboveTable ?? 'cap';
  // Checked up front, so a caller still passing the old 'throw' hears of it at once.
  if (aboveTable !== 'cap' && aboveTable !== 'refuse') {
    throw new RangeError(`aboveTable must be "cap" or "refuse", got "${String(aboveTable)}"`);
  }
  const notMonitored = new Set(input.notMonitored ?? []);
  const so2Day = checkConcentration('so2_24h', input.so2_24h);

  const iaqi: Partial<Record<PollutantKey, number>> = {};
  const missing: PollutantKey[] = [];
  const unused: PollutantKey[] = [];
  const beyondTable: PollutantKey[] = [];
  const specialRules: string[] = [];
  const table = std.version === '2012' ? 'Table 1' : 'Table 3';

  const lookUp = (key: PollutantKey, column: Hj633Column, value: number): number => {
    const decimals = columnDecimals(column);
    const found = iaqiFromScaled(std.columns[column], roundGbt8170Scaled(value, decimals), decimals);
    if (found !== null) return found;
    switch (aboveTable) {
      case 'cap':
        beyondTable.push(key);
        return 500;
      case 'refuse': {
        const top = std.columns[column].at(-1)?.[0];
        const unit = unitLabel(column);
        throw new RangeError(
          `${key} = ${value} ${unit} is above the top breakpoint ${top} ${unit} of ${std.name} ${table} ` +
            `(${column}), where the table gives no IAQI: refused in strict mode (the default reports ` +
            'IAQI 500, as CNEMC publishes)',
        );
      }
      default: {
        const impossible: never = aboveTable;
        throw new RangeError(`aboveTable must be "cap" or "refuse", got "${String(impossible)}"`);
      }
    }
  };

  const values = new Map<PollutantKey, number>();
  for (const key of POLLUTANT_KEYS) {
    const value = checkConcentration(key, input[key]);
    const column = columns[key];
    if (column === undefined) {
      if (value !== null) unused.push(key);
    } else if (value === null) {
      if (!notMonitored.has(key)) missing.push(key);
    } else {
      values.set(key, value);
    }
  }

  for (const [key, value] of values) {
    const column = columns[key];
    if (column === undefined) continue;
    const rounded = roundGbt8170Scaled(value, columnDecimals(column));
    if (column === 'so2_1h' && rounded > 800n) {
      switch (std.so2OneHourAbove800) {
        case 'iaqi-200':
          iaqi.so2 = 200;
          specialRules.push(`${std.name} ${table} note 2: SO2 1-h ${value} > 800 µg/m³ → IAQI 200`);
          break;
        case 'iaqi-from-24h-mean':
          if (so2Day === null) {
            throw new RangeError(
              `so2 = ${value} µg/m³ is above 800, where ${std.name} ${table} note 2 takes the SO2 IAQI ` +
                'from the 24-hour mean: give so2_24h',
            );
          }
          iaqi.so2 = lookUp('so2', 'so2_24h', so2Day);
          specialRules.push(
            `${std.name} ${table} note 2: SO2 1-h ${value} > 800 µg/m³ → IAQI from the 24-h mean ${so2Day}`,
          );
          break;
        default: {
          const impossible: never = std.so2OneHourAbove800;
          throw new RangeError(`unknown SO2 rule ${String(impossible)}`);
        }
      }
    } else if (column === 'o3_8h' && rounded > 800n) {
      switch (std.o3EightHourAbove800) {
        case 'iaqi-300':
          iaqi.o3_8h = 300;
          specialRules.push(`${std.name} ${table} note 3: O3 8-h ${value} > 800 µg/m³ → IAQI 300`);
          break;
        case 'iaqi-from-1h-value':
          // The O3 IAQI is then the 1-h one, which the daily 2012 report already carries as `o3`.
          if (!values.has('o3')) {
            throw new RangeError(
              `o3_8h = ${value} µg/m³ is above 800, where ${std.name} ${table} note 3 takes the O3 IAQI ` +
                'from the 1-hour value: give o3 (daily max 1-h)',
            );
          }
          specialRules.push(
            `${std.name} ${table} note 3: O3 8-h ${value} > 800 µg/m³ → O3 IAQI from the 1-h value`,
          );
          break;
        default: {
          const impossible: never = std.o3EightHourAbove800;
          throw new RangeError(`unknown O3 rule ${String(impossible)}`);
        }
      }
    } else {
      iaqi[key] = lookUp(key, column, value);
    }
  }

  const present = POLLUTANT_KEYS.filter((k) => iaqi[k] !== undefined);
  const highest = present.reduce<number | null>((m, k) => Math.max(m ?? 0, iaqi[k] ?? 0), null);
  const missingDataRule = input.missingDataRule ?? std.missingDataRule;
  let aqi = highest;
  if (aqi !== null && missing.length > 0) {
    switch (missingDataRule) {
      case 'na-unless-above-100':
        if (aqi <= 100) aqi = null;
        break;
      case 'from-available':
        break;
      default: {
        const impossible: never = missingDataRule;
        throw new RangeError(
          `missingDataRule must be "na-unless-above-100" or "from-available", got "${String(impossible)}"`,
        );
      }
    }
  }

  const info = aqi === null ? null : aqiLevelInfo(aqi);
  const advice = info === null ? null : std.advice[info.level];
  const result: AqiResult = {
    standard: std.name,
    kind: input.kind,
    aqi,
    level: info?.level ?? null,
    category: info?.category ?? null,
    categoryEn: info?.categoryEn ?? null,
    color: info?.color ?? null,
    primary: aqi !== null && aqi > 50 ? present.filter((k) => iaqi[k] === aqi) : [],
    iaqi,
    advice: advice?.effects ?? null,
    measures: advice?.measures ?? null,
    missing,
    missingDataRule,
    unused,
    beyondTable,
    specialRules,
  };
  if (std.hasExceedingPollutants) result.exceeding = present.filter((k) => (iaqi[k] ?? 0) > 100);
  return result;
}
