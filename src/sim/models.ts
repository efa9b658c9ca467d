/**
 * Value models of the device simulator: what an air station, a surface-water section, a flue-gas
 * outlet or a wastewater outlet would report at a given time, with believable daily and seasonal
 * patterns and injected anomalies (exceedance episodes, flat lines, zeros, offline spells, data
 * flags M/C/D of HJ 212-2017 Table 8).
 *
 * Pure and deterministic: every random draw is a hash of (seed, site, channel, time slot), a
 * counter-based PRNG, so a value depends only on its inputs and never on call order. The levels are
 * plausible for Huzhou, not measurements; the nominal limits below only shape simulated data and
 * are not the limits the platform judges by (those live in `src/standards/`).
 */
import type { UploadMeasurement } from '../hj212/index.js';
import { CHINA_OFFSET_MS, chinaDayStartOf, DAY_MS, HOUR_MS, MINUTE_MS } from '../standards/china-time.js';
import { parameterInfo } from '../standards/parameters.js';
import type { WaterTargetClass } from '../store/types.js';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------

/** 32-bit FNV-1a hash of a string. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a bijective mix of all input bits. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform draw in [0, 1) that is a pure function of a key hash and two integers. */
function unit(key: number, a: number, b = 0): number {
  const h = mix32(mix32(key ^ mix32(a | 0)) ^ Math.imul(b | 0, 0x9e3779b1) ^ Math.floor(a / 2 ** 32));
  return h / 2 ** 32;
}

/** An approximately standard normal draw (sum of three uniforms, bounded to ±3). */
function normal(key: number, a: number, b = 0): number {
  return (unit(key, a, b * 3 + 1) + unit(key, a, b * 3 + 2) + unit(key, a, b * 3 + 3) - 1.5) * 2;
}

/**
 * A small seeded PRNG (mulberry32) for callers that need a sequence, e.g. to spread devices'
 * start phases. The models themselves use keyed hashes, not this sequence.
 */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// ---------------------------------------------------------------------------------------------
// Time helpers (China local time, UTC+8 without daylight saving; docs/standards/china-time.md §1)
// ---------------------------------------------------------------------------------------------

/** Hour of the day in China local time, fractional (0 ≤ h < 24). */
function chinaHour(t: number): number {
  return ((((t + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

/** Day of the year in China local time, fractional (0 = 1 January 00:00). */
function chinaDayOfYear(t: number): number {
  const local = new Date(t + CHINA_OFFSET_MS);
  const yearStart = Date.UTC(local.getUTCFullYear(), 0, 1);
  return (local.getTime() - yearStart) / DAY_MS;
}

/** A bump of height 1 centred on `centre` o'clock with a width in hours, wrapping at midnight. */
function bump(hour: number, centre: number, width: number): number {
  let d = Math.abs(hour - centre) % 24;
  if (d > 12) d = 24 - d;
  return Math.exp(-0.5 * (d / width) ** 2);
}

/** +1 on day-of-year `peakDay`, −1 half a year later. */
function seasonal(dayOfYear: number, peakDay: number): number {
  return Math.cos((2 * Math.PI * (dayOfYear - peakDay)) / 365.25);
}

/** Start of the China-local period containing `t`, for minute, hour and day periods. */
export function periodStart(interval: 'min' | 'hour' | 'day', at: Date): Date {
  const t = at.getTime();
  switch (interval) {
    case 'min':
      return new Date(Math.floor(t / MINUTE_MS) * MINUTE_MS);
    case 'hour':
      return new Date(Math.floor(t / HOUR_MS) * HOUR_MS);
    case 'day':
      return chinaDayStartOf(at);
    default:
      throw new Error(`impossible interval ${String(interval satisfies never)}`);
  }
}

/** Length of a minute, hour or day period in ms. */
export const PERIOD_MS = { min: MINUTE_MS, hour: HOUR_MS, day: DAY_MS } as const;

// ---------------------------------------------------------------------------------------------
// Sites and options
// ---------------------------------------------------------------------------------------------

/** What the models need to know about a site. */
export type ModelSite =
  | { readonly kind: 'air_station'; readonly code: string; readonly parameters: readonly string[] }
  | {
      readonly kind: 'water_section';
      readonly code: string;
      readonly parameters: readonly string[];
      readonly targetClass: WaterTargetClass;
      readonly waterType: 'river' | 'lake';
    }
  | {
      readonly kind: 'outlet';
      readonly code: string;
      readonly parameters: readonly string[];
      readonly medium: 'gas' | 'water';
      /** Emission standard, e.g. "GB 13271-2014"; picks the nominal limits and the plant's habits. */
      readonly emissionStandard: string;
      /** Reference O2 in %: converted (`Zs…`) values are sent when present. */
      readonly referenceO2Pct?: number | undefined;
    };

/** HJ 212 system code ST of a site (HJ 212-2017 Table 5): 22 air, 21 surface water, 31 gas, 32 wastewater. */
export function systemCodeOf(site: ModelSite): '21' | '22' | '31' | '32' {
  switch (site.kind) {
    case 'air_station':
      return '22';
    case 'water_section':
      return '21';
    case 'outlet':
      return site.medium === 'gas' ? '31' : '32';
    default:
      throw new Error(`impossible site kind ${String(site satisfies never)}`);
  }
}

/** Data flags the simulator injects (HJ 212-2017 Table 8): maintenance, calibration, fault. */
export type InjectedFlag = 'M' | 'C' | 'D';

/** Rates of injected anomalies. All are fractions in [0, 1]. */
export interface AnomalyRates {
  /** Fraction of hours a limited parameter spends in an exceedance episode (episodes of 1–3 h). */
  readonly exceedance: number;
  /** Fraction of hours a parameter repeats one value (flat line, episodes of 1–4 h). */
  readonly flatLine: number;
  /** Probability that a concentration or flow value is exactly zero. */
  readonly zero: number;
  /** Fraction of hours a device is offline (episodes of 1–3 h): no packets at all. */
  readonly offline: number;
  /** Probability that a value carries each data flag. */
  readonly flags: Readonly<Record<InjectedFlag, number>>;
}

/** Default anomaly rates: rare enough that the data look normal, common enough to be seen in a day. */
const DEFAULT_ANOMALY_RATES: AnomalyRates = {
  exceedance: 0.01,
  flatLine: 0.005,
  zero: 0.002,
  offline: 0.003,
  flags: { M: 0.003, C: 0.002, D: 0.001 },
};

/** No anomalies at all (every value flagged N, devices always online). */
export const NO_ANOMALIES: AnomalyRates = {
  exceedance: 0,
  flatLine: 0,
  zero: 0,
  offline: 0,
  flags: { M: 0, C: 0, D: 0 },
};

/** Options of a site model. */
export interface ModelOptions {
  /** Seed of every draw; the same seed gives the same values. Default 212. */
  readonly seed?: number;
  /** Anomaly rates; fields left out keep their default. */
  readonly anomalies?: Partial<Omit<AnomalyRates, 'flags'>> & {
    readonly flags?: Partial<Record<InjectedFlag, number>>;
  };
}

/** Packet kinds: real-time (2011), minute (2051), hourly (2061), daily (2031). */
export type SampleInterval = 'rt' | 'min' | 'hour' | 'day';

/** An anomaly a sample carries, for logs and tests. */
export interface SampleAnomaly {
  readonly code: string;
  readonly kind: 'exceedance' | 'flat-line' | 'zero' | 'flag';
}

/** What a device reports for one packet. */
export interface SiteSample {
  /** True when the device is offline at that time: it sends nothing. */
  readonly offline: boolean;
  /** Measurements ready for `encodeDataUpload` (empty when offline). */
  readonly measurements: readonly UploadMeasurement[];
  readonly anomalies: readonly SampleAnomaly[];
}

// ---------------------------------------------------------------------------------------------
// Nominal levels and limits
// ---------------------------------------------------------------------------------------------

/**
 * GB 3095-2012 grade II concentration limits used as the exceedance level of simulated air
 * stations: 24-h means (1-h for O3); µg/m³ except CO in mg/m³.
 */
const AIR_EXCEEDANCE_LEVELS: Readonly<Record<string, number>> = {
  a34004: 75,
  a34002: 150,
  a21026: 150,
  a21004: 80,
  a21005: 4,
  a05024: 200,
};

/** Class limits of GB 3838-2002 Table 1 used to place simulated sections (mg/L; DO is a minimum). */
export const GB3838_CLASS_LIMITS_MG_L: Readonly<
  Record<'do' | 'codmn' | 'nh3n' | 'tpRiver' | 'tpLake' | 'tn', Readonly<Record<WaterTargetClass, number>>>
> = {
  do: { I: 7.5, II: 6, III: 5, IV: 3, V: 2 },
  codmn: { I: 2, II: 4, III: 6, IV: 10, V: 15 },
  nh3n: { I: 0.15, II: 0.5, III: 1, IV: 1.5, V: 2 },
  tpRiver: { I: 0.02, II: 0.1, III: 0.2, IV: 0.3, V: 0.4 },
  tpLake: { I: 0.01, II: 0.025, III: 0.05, IV: 0.1, V: 0.2 },
  tn: { I: 0.2, II: 0.5, III: 1, IV: 1.5, V: 2 },
};

/**
 * Nominal outlet limits that shape simulated data (gas mg/m³ at the reference O2; water mg/L, Pb
 * µg/L), by parameter, with overrides per standard (docs/standards/emission-limits.md §4, Zhejiang ultra-low levels for
 * power and cement). Shape only: not the limits the platform judges by.
 */
const NOMINAL_OUTLET_LIMITS: Readonly<Record<string, number>> = {
  a34013: 20,
  a21026: 50,
  a21002: 150,
  a21005: 100,
  a21024: 60,
  a24088: 60,
  a20043: 0.5,
  w01018: 100,
  w21003: 15,
  w21011: 1,
  w21001: 20,
  w20116: 0.5,
  w20121: 0.5,
  w20122: 0.5,
  w20120: 100,
};

const LIMIT_OVERRIDES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'GB 13223-2011': { a34013: 10, a21026: 35, a21002: 50 },
  'GB 4915-2013': { a34013: 10, a21026: 35, a21002: 100 },
  'GB 18485-2014': { a34013: 30, a21026: 100, a21002: 300, a21005: 100, a21024: 60 },
  'GB 9078-1996': { a34013: 100, a21026: 850, a21002: 400 },
  'GB 16297-1996': { a34013: 120, a24088: 120 },
  'DB33/962-2015': { a34013: 15, a24088: 40 },
  'GB 30484-2013': { a34013: 30, a20043: 0.5, w01018: 70, w21003: 8 },
  'DB33/2169-2018': { w01018: 40, w21003: 2, w21001: 12, w21011: 0.3 },
  'GB 18918-2002': { w01018: 50, w21003: 5, w21001: 15, w21011: 0.5 },
  'GB 4287-2012': { w01018: 80, w21003: 10, w21001: 15, w21011: 0.5 },
  'GB 8978-1996': { w01018: 100, w21003: 15, w21011: 0.5 },
  'GB 21900-2008': { w01018: 80, w21003: 15, w20116: 1, w20121: 0.5, w20122: 0.5 },
};

/** Standards of plants that run around the clock (power, incineration, kilns, sewage works). */
const CONTINUOUS_STANDARDS = new Set([
  'GB 13223-2011',
  'GB 18485-2014',
  'GB 4915-2013',
  'GB 9078-1996',
  'DB33/2169-2018',
  'GB 18918-2002',
]);

/** Sewage works: large, steady flows with the town's morning and evening peaks. */
const SEWAGE_WORKS_STANDARDS = new Set(['DB33/2169-2018', 'GB 18918-2002']);

/** Flue-gas temperature (°C) and cross-section (m²) by standard: what the stack looks like. */
const STACKS: Readonly<Record<string, { readonly tempC: number; readonly areaM2: number }>> = {
  'GB 13223-2011': { tempC: 50, areaM2: 12 },
  'GB 13271-2014': { tempC: 120, areaM2: 1.5 },
  'GB 18485-2014': { tempC: 140, areaM2: 4 },
  'GB 4915-2013': { tempC: 110, areaM2: 6 },
  'GB 9078-1996': { tempC: 150, areaM2: 2 },
};
const DEFAULT_STACK = { tempC: 35, areaM2: 0.8 };

/**
 * Decimal places a parameter is written with: the parameter registry's, at air-quality stations its
 * ambient ones (µg/m³ integers); `fallback` for a code the registry does not know.
 */
function decimalsOf(code: string, fallback: number, ambient = false): number {
  const p = parameterInfo(code);
  if (p === undefined) return fallback;
  return (ambient ? p.ambient?.decimals : undefined) ?? p.decimals;
}

/** kg in 1 m³ of water at a concentration of 1 in the code's unit: mg/L 10⁻³, µg/L 10⁻⁶ (registry units). */
function kgPerM3(code: string): number {
  return parameterInfo(code)?.unit === 'µg/L' ? 1e-6 : 1e-3;
}

function round(value: number, decimals: number): string {
  // toFixed never uses exponent form for |value| < 1e21, which the encoder requires.
  return value.toFixed(decimals);
}

// ---------------------------------------------------------------------------------------------
// Channel models
// ---------------------------------------------------------------------------------------------

/** How one parameter behaves. */
interface Channel {
  readonly code: string;
  /** Key of the random draws; channels that move together (PM2.5 and PM10) share it. */
  readonly noiseKey: number;
  /** Key of this channel's own anomalies. */
  readonly anomalyKey: number;
  /** Level above which (or, for `minimum`, below which) a value exceeds; undefined = none. */
  readonly limit: number | undefined;
  readonly minimum: boolean;
  /** Range limit for pH-like parameters: exceed upwards above this. */
  readonly clampNormal: boolean;
  /** May be zeroed by the zero anomaly (concentrations and flows). */
  readonly zeroable: boolean;
  /** Sent with a cumulative `-Cou`: 'mass' for pollutants (kg), 'volume' for flows (m³). */
  readonly cumulative: 'mass' | 'volume' | undefined;
  readonly decimals: number;
  /** The undisturbed value at an instant. */
  readonly base: (t: number) => number;
}

/**
 * The fields a site's channels share before their own shape: the channel's own anomaly key, no
 * minimum-type limit, values held under the limit outside episodes, no cumulative value.
 */
function channelDefaults(
  env: Env,
  code: string,
  noiseKey: number,
  zeroable: boolean,
  defaultDecimals: number,
) {
  return {
    code,
    noiseKey,
    anomalyKey: key(env, `${code}-episode`),
    minimum: false,
    clampNormal: true,
    zeroable,
    cumulative: undefined,
    decimals: decimalsOf(code, defaultDecimals),
  };
}

/** Smooth multiplicative noise: day-level and hour-level lognormal factors, linearly blended. */
function smoothFactor(key: number, t: number, daySigma: number, hourSigma: number): number {
  const d = t / DAY_MS;
  const d0 = Math.floor(d);
  const fd = d - d0;
  const dayN = normal(key, d0, 11) * (1 - fd) + normal(key, d0 + 1, 11) * fd;
  const h = t / HOUR_MS;
  const h0 = Math.floor(h);
  const fh = h - h0;
  const hourN = normal(key, h0, 12) * (1 - fh) + normal(key, h0 + 1, 12) * fh;
  return Math.exp(daySigma * dayN + hourSigma * hourN);
}

/** Sample-level jitter: a normal draw per minute. */
function jitter(key: number, t: number, sigma: number): number {
  return 1 + sigma * normal(key, Math.floor(t / MINUTE_MS), 13);
}

interface Env {
  readonly seed: number;
  readonly siteKey: number;
}

function key(env: Env, name: string): number {
  return mix32(env.siteKey ^ hashString(name) ^ mix32(env.seed));
}

function airChannel(env: Env, code: string): Channel {
  const pm = code === 'a34004' || code === 'a34002';
  const noiseKey = key(env, pm ? 'pm' : code);
  const shapes: Readonly<
    Record<string, { level: number; diurnal: (h: number) => number; season: (d: number) => number }>
  > = {
    // PM: morning and evening peaks (traffic, boundary layer), winter high.
    a34004: {
      level: 26,
      diurnal: (h) => 0.8 + 0.3 * bump(h, 8.5, 1.8) + 0.45 * bump(h, 21, 2.5) - 0.15 * bump(h, 15, 3),
      season: (d) => 1 + 0.4 * seasonal(d, 15),
    },
    a34002: {
      level: 46,
      diurnal: (h) => 0.8 + 0.35 * bump(h, 8.5, 1.8) + 0.4 * bump(h, 20.5, 2.5) - 0.12 * bump(h, 15, 3),
      season: (d) => 1 + 0.35 * seasonal(d, 15),
    },
    a21026: {
      level: 6,
      diurnal: (h) => 0.85 + 0.3 * bump(h, 11, 3),
      season: (d) => 1 + 0.2 * seasonal(d, 15),
    },
    a21004: {
      level: 26,
      diurnal: (h) => 0.75 + 0.45 * bump(h, 8, 1.8) + 0.6 * bump(h, 20.5, 2.5) - 0.25 * bump(h, 14, 3),
      season: (d) => 1 + 0.3 * seasonal(d, 15),
    },
    a21005: {
      level: 0.6,
      diurnal: (h) => 0.85 + 0.2 * bump(h, 8, 2) + 0.25 * bump(h, 20.5, 2.5),
      season: (d) => 1 + 0.25 * seasonal(d, 15),
    },
    // O3: photochemical afternoon peak, low at night and early morning; high May–June.
    a05024: {
      level: 42,
      diurnal: (h) => 0.35 + 1.5 * bump(h, 15, 2.8),
      season: (d) => 1 + 0.35 * seasonal(d, 155),
    },
  };
  const shape = shapes[code];
  const level = shape?.level ?? 10;
  const jitterKey = key(env, code);
  return {
    code,
    noiseKey,
    anomalyKey: key(env, pm ? 'pm-episode' : `${code}-episode`),
    limit: AIR_EXCEEDANCE_LEVELS[code],
    minimum: false,
    clampNormal: false,
    zeroable: true,
    cumulative: undefined,
    decimals: decimalsOf(code, 1, true),
    base: (t) => {
      const h = chinaHour(t);
      const d = chinaDayOfYear(t);
      const diurnal = shape ? shape.diurnal(h) : 1;
      const season = shape ? shape.season(d) : 1;
      return level * diurnal * season * smoothFactor(noiseKey, t, 0.35, 0.15) * jitter(jitterKey, t, 0.04);
    },
  };
}

/** Dissolved-oxygen saturation in mg/L at a water temperature (APHA polynomial, fresh water). */
function doSaturation(tempC: number): number {
  return 14.62 - 0.3898 * tempC + 0.006969 * tempC ** 2 - 0.00005897 * tempC ** 3;
}

function waterSectionChannel(
  env: Env,
  code: string,
  targetClass: WaterTargetClass,
  waterType: 'river' | 'lake',
): Channel {
  const L = GB3838_CLASS_LIMITS_MG_L;
  const noiseKey = key(env, code);
  const lake = waterType === 'lake';
  const temperatureKey = key(env, 'w01010');
  const temperature = (t: number): number =>
    18 -
    10.5 * seasonal(chinaDayOfYear(t), 20) +
    (lake ? 0.4 : 0.8) * (bump(chinaHour(t), 16, 3) - 0.4) +
    0.6 * normal(temperatureKey, Math.floor(t / DAY_MS), 21);
  const flat = (level: number, daySigma: number) => (t: number) =>
    level * smoothFactor(noiseKey, t, daySigma, 0.06) * jitter(noiseKey, t, 0.02);
  const common = channelDefaults(env, code, noiseKey, true, 2);
  switch (code) {
    case 'w01001':
      return {
        ...common,
        limit: 9,
        zeroable: false,
        base: (t) =>
          7.35 + 0.3 * bump(chinaHour(t), 15, 3) + 0.12 * normal(noiseKey, Math.floor(t / HOUR_MS), 22),
      };
    case 'w01009': {
      const minimum = L.do[targetClass];
      return {
        ...common,
        limit: minimum,
        minimum: true,
        base: (t) => {
          const h = chinaHour(t);
          const sat = doSaturation(temperature(t)) * (0.86 + 0.1 * bump(h, 15, 3) - 0.05 * bump(h, 5, 3));
          return Math.max(sat * smoothFactor(noiseKey, t, 0.05, 0.03), minimum * 1.15);
        },
      };
    }
    case 'w01019':
      return { ...common, limit: L.codmn[targetClass], base: flat(0.62 * L.codmn[targetClass], 0.12) };
    case 'w21003':
      return { ...common, limit: L.nh3n[targetClass], base: flat(0.55 * L.nh3n[targetClass], 0.2) };
    case 'w21011': {
      const limit = (lake ? L.tpLake : L.tpRiver)[targetClass];
      return { ...common, limit, base: flat(0.6 * limit, 0.15) };
    }
    case 'w21001':
      // Rivers of the Taihu plain carry 1.5–2.5 mg/L TN whatever their class (TN judges lakes only).
      return lake
        ? { ...common, limit: L.tn[targetClass], base: flat(0.8 * L.tn[targetClass], 0.1) }
        : { ...common, limit: undefined, base: flat(1.9, 0.12) };
    case 'w01010':
      return { ...common, limit: undefined, zeroable: false, base: temperature };
    default:
      return { ...common, limit: undefined, base: flat(1, 0.1) };
  }
}

/** Operating load of a plant: around the clock, or day shifts with a quiet night. */
function loadFactor(continuous: boolean, t: number, noiseKey: number): number {
  const h = chinaHour(t);
  const base = continuous ? 0.92 + 0.08 * bump(h, 14, 5) : 0.25 + 0.75 * (h >= 7.5 && h < 18.5 ? 1 : 0);
  return base * smoothFactor(noiseKey, t, 0.05, 0.03);
}

function gasOutletChannel(
  env: Env,
  code: string,
  standard: string,
  referenceO2Pct: number | undefined,
  parameters: readonly string[],
): Channel {
  const noiseKey = key(env, code);
  const loadKey = key(env, 'load');
  const continuous = CONTINUOUS_STANDARDS.has(standard);
  const stack = STACKS[standard] ?? DEFAULT_STACK;
  const combustion = parameters.includes('a21026') || parameters.includes('a21002');
  const load = (t: number): number => loadFactor(continuous, t, loadKey);
  const o2Key = key(env, 'a19001');
  const tempKey = key(env, 'a01012');
  const velocityKey = key(env, 'a01011');
  const humidityKey = key(env, 'a01014');
  const oxygen = (t: number): number => {
    const level = referenceO2Pct !== undefined ? referenceO2Pct + 1.2 : combustion ? 13 : 20.3;
    const spread = level > 20 ? 0.15 : 0.6;
    const v = level + spread * normal(o2Key, Math.floor(t / (10 * MINUTE_MS)), 31);
    return Math.min(Math.max(v, 2), 20.9);
  };
  const temperature = (t: number): number =>
    stack.tempC * (0.9 + 0.1 * load(t)) + 2 * normal(tempKey, Math.floor(t / (10 * MINUTE_MS)), 32);
  const velocity = (t: number): number => 12 * (0.55 + 0.45 * load(t)) * jitter(velocityKey, t, 0.03);
  const humidity = (t: number): number =>
    (stack.tempC < 60 ? 12 : 7) + 0.8 * normal(humidityKey, Math.floor(t / HOUR_MS), 33);
  /** Standard-state dry flow in m³/s (HJ 212-2017 Table B.2 unit of a00000): v × A × 273/(273 + T) × (1 − Xsw). */
  const flow = (t: number): number =>
    velocity(t) * stack.areaM2 * (273 / (273 + temperature(t))) * (1 - humidity(t) / 100);
  const limit = LIMIT_OVERRIDES[standard]?.[code] ?? NOMINAL_OUTLET_LIMITS[code];
  const common = channelDefaults(env, code, noiseKey, false, 3);
  switch (code) {
    case 'a19001':
      return { ...common, limit: undefined, base: oxygen };
    case 'a01012':
      return { ...common, limit: undefined, base: temperature };
    case 'a01013':
      return {
        ...common,
        limit: undefined,
        base: (t) => 0.25 + 0.05 * load(t) + 0.04 * normal(noiseKey, Math.floor(t / MINUTE_MS), 34),
      };
    case 'a01011':
      return { ...common, limit: undefined, zeroable: true, base: velocity };
    case 'a01014':
      return { ...common, limit: undefined, base: humidity };
    case 'a00000':
      return { ...common, limit: undefined, zeroable: true, cumulative: 'volume', base: flow };
    default: {
      // A pollutant: the converted concentration sits at 25–60 % of the limit, more at high load.
      const nominal = limit ?? 5;
      return {
        ...common,
        limit,
        zeroable: true,
        cumulative: 'mass',
        decimals: decimalsOf(code, nominal >= 1 ? 2 : 4),
        base: (t) =>
          nominal *
          0.4 *
          (0.8 + 0.2 * load(t)) *
          smoothFactor(noiseKey, t, 0.25, 0.12) *
          jitter(noiseKey, t, 0.03),
      };
    }
  }
}

function waterOutletChannel(env: Env, code: string, standard: string): Channel {
  const noiseKey = key(env, code);
  const loadKey = key(env, 'load');
  const sewage = SEWAGE_WORKS_STANDARDS.has(standard);
  const continuous = CONTINUOUS_STANDARDS.has(standard);
  const limit = LIMIT_OVERRIDES[standard]?.[code] ?? NOMINAL_OUTLET_LIMITS[code];
  const common = channelDefaults(env, code, noiseKey, true, 3);
  switch (code) {
    case 'w01001':
      return {
        ...common,
        limit: 9,
        zeroable: false,
        base: (t) => 7.3 + 0.25 * normal(noiseKey, Math.floor(t / (10 * MINUTE_MS)), 41),
      };
    case 'w00000': {
      // L/s (HJ 212-2017 Table B.1): a sewage works of ~30,000 m³/d, or a factory of ~700 m³/d.
      const level = sewage ? 350 : 8;
      return {
        ...common,
        limit: undefined,
        cumulative: 'volume',
        base: (t) => {
          const h = chinaHour(t);
          const shape = sewage
            ? 0.8 + 0.25 * bump(h, 10, 2.5) + 0.2 * bump(h, 20.5, 2.5)
            : loadFactor(continuous, t, loadKey);
          return level * shape * smoothFactor(noiseKey, t, 0.08, 0.05) * jitter(noiseKey, t, 0.03);
        },
      };
    }
    default: {
      const fraction: Readonly<Record<string, number>> = {
        w01018: 0.45,
        w21003: 0.3,
        w21011: 0.4,
        w21001: 0.55,
      };
      const nominal = limit ?? 1;
      return {
        ...common,
        limit,
        cumulative: 'mass',
        base: (t) =>
          nominal * (fraction[code] ?? 0.2) * smoothFactor(noiseKey, t, 0.2, 0.1) * jitter(noiseKey, t, 0.03),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The site model
// ---------------------------------------------------------------------------------------------

/** Salts that keep the draws of different decisions apart. */
const SALT = { episodeStart: 101, episodeLength: 102, episodeLevel: 103, zero: 104, flag: 105 } as const;

/**
 * The slot at which an episode covering slot `s` started, or undefined. Episodes start with
 * probability rate / mean length per slot and last 1…maxLength slots, so about `rate` of all slots
 * lie in one.
 */
function episodeStartAt(keyHash: number, s: number, rate: number, maxLength: number): number | undefined {
  if (rate <= 0) return undefined;
  const pStart = rate / ((1 + maxLength) / 2);
  for (let back = 0; back < maxLength; back++) {
    const s0 = s - back;
    if (unit(keyHash, s0, SALT.episodeStart) < pStart) {
      const length = 1 + Math.floor(unit(keyHash, s0, SALT.episodeLength) * maxLength);
      if (back < length) return s0;
    }
  }
  return undefined;
}

/** Kinds of anomaly a single value can be in. */
interface PointState {
  value: number;
  exceedance: boolean;
  flat: boolean;
}

/** How many points inside a period its Min/Avg/Max are computed from. */
const POINTS: Readonly<Record<'min' | 'hour' | 'day', number>> = { min: 4, hour: 12, day: 24 };

/** A site's value model: {@link SiteModel.sample} gives the measurements of one packet. */
export class SiteModel {
  readonly site: ModelSite;
  readonly rates: AnomalyRates;
  private readonly channels: readonly Channel[];
  private readonly deviceKey: number;
  private readonly referenceO2Pct: number | undefined;

  constructor(site: ModelSite, options: ModelOptions = {}) {
    this.site = site;
    const a = options.anomalies ?? {};
    this.rates = {
      exceedance: a.exceedance ?? DEFAULT_ANOMALY_RATES.exceedance,
      flatLine: a.flatLine ?? DEFAULT_ANOMALY_RATES.flatLine,
      zero: a.zero ?? DEFAULT_ANOMALY_RATES.zero,
      offline: a.offline ?? DEFAULT_ANOMALY_RATES.offline,
      flags: { ...DEFAULT_ANOMALY_RATES.flags, ...a.flags },
    };
    for (const [name, rate] of Object.entries({ ...this.rates, ...this.rates.flags })) {
      if (typeof rate === 'number' && !(rate >= 0 && rate <= 1)) {
        throw new RangeError(`anomaly rate ${name}=${rate} must lie in [0, 1]`);
      }
    }
    const env: Env = { seed: options.seed ?? 212, siteKey: hashString(site.code) };
    this.deviceKey = key(env, 'device');
    this.referenceO2Pct = site.kind === 'outlet' && site.medium === 'gas' ? site.referenceO2Pct : undefined;
    this.channels = site.parameters.map((code) => {
      switch (site.kind) {
        case 'air_station':
          return airChannel(env, code);
        case 'water_section':
          return waterSectionChannel(env, code, site.targetClass, site.waterType);
        case 'outlet':
          return site.medium === 'gas'
            ? gasOutletChannel(env, code, site.emissionStandard, site.referenceO2Pct, site.parameters)
            : waterOutletChannel(env, code, site.emissionStandard);
        default:
          throw new Error(`impossible site kind ${String(site satisfies never)}`);
      }
    });
  }

  /** True when the device is offline at `at` (an offline episode of 1–3 h). */
  isOffline(at: Date): boolean {
    return (
      episodeStartAt(this.deviceKey, Math.floor(at.getTime() / HOUR_MS), this.rates.offline, 3) !== undefined
    );
  }

  /** A channel's value at an instant with the time-based anomalies (exceedance, flat line) applied. */
  private point(ch: Channel, t: number): PointState {
    const hour = Math.floor(t / HOUR_MS);
    const flatStart = episodeStartAt(ch.anomalyKey ^ 0x5f1a7, hour, this.rates.flatLine, 4);
    // A flat line repeats the value the instrument showed when it stuck.
    const at = flatStart === undefined ? t : flatStart * HOUR_MS;
    let value = ch.base(at);
    let exceedance = false;
    if (ch.limit !== undefined) {
      const start = episodeStartAt(ch.anomalyKey, Math.floor(at / HOUR_MS), this.rates.exceedance, 3);
      if (start !== undefined) {
        exceedance = true;
        const severity = 1.15 + 0.85 * unit(ch.anomalyKey, start, SALT.episodeLevel);
        value = ch.minimum ? Math.min(value, ch.limit / severity) : Math.max(value, ch.limit * severity);
      } else if (ch.clampNormal) {
        // Outside episodes the value stays on the right side of the limit.
        value = ch.minimum ? Math.max(value, ch.limit * 1.05) : Math.min(value, ch.limit * 0.95);
      }
    }
    return { value: Math.max(value, 0), exceedance, flat: flatStart !== undefined };
  }

  /** The undisturbed value of a parameter at an instant (no anomalies); for tests and charts. */
  baseValue(code: string, at: Date): number {
    const ch = this.channels.find((c) => c.code === code);
    if (ch === undefined) throw new RangeError(`site ${this.site.code} has no parameter ${code}`);
    return ch.base(at.getTime());
  }

  /** Converted (Zs) value of a gas concentration at a measured O2 (docs/standards/emission-limits.md §1). */
  private converted(value: number, o2: number): number | undefined {
    const ref = this.referenceO2Pct;
    if (ref === undefined) return undefined;
    return (value * (21 - ref)) / (21 - Math.min(o2, 20));
  }

  /**
   * The measurements of one packet. For `rt` the values at `at` (`-Rtd`); for `min`, `hour` and
   * `day` the period starting at `at` (`-Min`, `-Avg`, `-Max`, and `-Cou` for outlet pollutants and
   * flows). Gas outlets with a reference O2 also send converted values (`-ZsRtd`/`-ZsAvg`…) — the
   * model places the converted value against the limit and derives the measured one from O2.
   */
  sample(interval: SampleInterval, at: Date): SiteSample {
    if (this.isOffline(at)) return { offline: true, measurements: [], anomalies: [] };
    const t0 = at.getTime();
    const times =
      interval === 'rt'
        ? [t0]
        : Array.from(
            { length: POINTS[interval] },
            (_, i) => t0 + ((i + 0.5) * PERIOD_MS[interval]) / POINTS[interval],
          );
    const o2Channel = this.channels.find((c) => c.code === 'a19001');
    const o2At = (t: number): number => (o2Channel ? o2Channel.base(t) : (this.referenceO2Pct ?? 0) + 1.2);
    const flowChannel = this.channels.find((c) => c.code === 'a00000' || c.code === 'w00000');
    const anomalies: SampleAnomaly[] = [];
    const measurements: UploadMeasurement[] = [];
    const sampleKey = Math.floor(t0 / 1000);
    const intervalSalt = ['rt', 'min', 'hour', 'day'].indexOf(interval);

    for (const ch of this.channels) {
      const points = times.map((t) => this.point(ch, t));
      // Zs: the model's value is the converted one; the measured value follows from O2.
      const zsOf = (p: PointState, t: number): { measured: number; zs: number | undefined } => {
        if (ch.cumulative !== 'mass' || this.referenceO2Pct === undefined)
          return { measured: p.value, zs: undefined };
        const o2 = o2At(t);
        const factor = this.converted(1, o2) ?? 1;
        return { measured: p.value / factor, zs: p.value };
      };
      const pairs = points.map((p, i) => zsOf(p, times[i] ?? t0));
      let measured = pairs.map((p) => p.measured);
      let zs = pairs.map((p) => p.zs);
      if (ch.zeroable && unit(ch.anomalyKey, sampleKey, SALT.zero + intervalSalt * 16) < this.rates.zero) {
        measured = measured.map(() => 0);
        zs = zs.map((z) => (z === undefined ? undefined : 0));
        anomalies.push({ code: ch.code, kind: 'zero' });
      }
      if (points.some((p) => p.exceedance)) anomalies.push({ code: ch.code, kind: 'exceedance' });
      if (points.some((p) => p.flat)) anomalies.push({ code: ch.code, kind: 'flat-line' });

      const flag = this.flagFor(ch, sampleKey, intervalSalt);
      if (flag !== 'N') anomalies.push({ code: ch.code, kind: 'flag' });
      const fmt = (v: number): string => round(v, ch.decimals);
      const values: Record<string, string> = {};
      if (interval === 'rt') {
        values.Rtd = fmt(measured[0] ?? 0);
        const z = zs[0];
        if (z !== undefined) values.ZsRtd = fmt(z);
      } else {
        const stats = (xs: readonly number[]): { min: number; avg: number; max: number } => ({
          min: Math.min(...xs),
          avg: xs.reduce((s, x) => s + x, 0) / xs.length,
          max: Math.max(...xs),
        });
        const m = stats(measured);
        values.Min = fmt(m.min);
        values.Avg = fmt(m.avg);
        values.Max = fmt(m.max);
        const zsValues = zs.filter((z): z is number => z !== undefined);
        if (zsValues.length === zs.length && zsValues.length > 0) {
          const z = stats(zsValues);
          values.ZsMin = fmt(z.min);
          values.ZsAvg = fmt(z.avg);
          values.ZsMax = fmt(z.max);
        }
        const cou = this.cumulative(ch, flowChannel, measured, times, PERIOD_MS[interval]);
        if (cou !== undefined) values.Cou = cou;
      }
      measurements.push({ code: ch.code, values, flag });
    }
    return { offline: false, measurements, anomalies };
  }

  /** A data flag: N, or now and then M, C or D at their configured rates. */
  private flagFor(ch: Channel, sampleKey: number, intervalSalt: number): 'N' | InjectedFlag {
    const u = unit(ch.anomalyKey, sampleKey, SALT.flag + intervalSalt * 16);
    const { M, C, D } = this.rates.flags;
    if (u < M) return 'M';
    if (u < M + C) return 'C';
    if (u < M + C + D) return 'D';
    return 'N';
  }

  /**
   * `-Cou` over a period: flow volume in m³, or pollutant mass in kg (HJ 212-2017 Appendix D):
   * gas C[mg/m³] × Q[m³/s] × s × 10⁻⁶; water C[mg/L] × Q[L/s] × s × 10⁻⁶ (µg/L codes: × 10⁻⁹).
   */
  private cumulative(
    ch: Channel,
    flowChannel: Channel | undefined,
    measured: readonly number[],
    times: readonly number[],
    periodMs: number,
  ): string | undefined {
    if (ch.cumulative === undefined || flowChannel === undefined) return undefined;
    const gas = this.site.kind === 'outlet' && this.site.medium === 'gas';
    const slice = periodMs / measured.length;
    let total = 0;
    measured.forEach((c, i) => {
      const q = ch.cumulative === 'volume' ? c : flowChannel.base(times[i] ?? 0);
      const volumeM3 = gas ? (q * slice) / 1000 : (q * slice) / 1000 / 1000;
      if (ch.cumulative === 'volume') total += volumeM3;
      else total += gas ? c * volumeM3 * 1e-6 : c * volumeM3 * kgPerM3(ch.code);
    });
    return round(total, ch.cumulative === 'volume' ? 1 : 4);
  }
}
