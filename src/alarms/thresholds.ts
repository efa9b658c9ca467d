/**
 * Alarm thresholds: one typed configuration with defaults, each carrying where it comes from, and
 * overrides per industry and per site ({@link resolveThresholds}).
 *
 * Almost none of these is set by a statute: docs/standards/alarms.md §3 says the anomaly heuristics are
 * practice and every threshold must be configurable per sector. Defaults quote the reference where
 * it gives a number and say "engineering default" where nothing official exists.
 */

/** An instrument's plausible range. A value below `min` or at/above `max` is out of range. */
export interface InstrumentRange {
  min?: number;
  max?: number;
}

/** The threshold values the rules read. */
export interface AlarmThresholdValues {
  /** Constant value: consecutive equal minute values that make a finding. */
  constantMinPointsMinute: number;
  /** Constant value: consecutive equal hourly (or longer) values that make a finding. */
  constantMinPointsHour: number;
  /** Constant value: largest difference from the run's first value still counted as "the same". */
  constantTolerance: number;
  /** Running: flue-gas flow (a00000) above this, m³/s. */
  runningGasFlowMinM3s: number;
  /** Running: wastewater flow (w00000) above this, L/s. */
  runningWaterFlowMinLs: number;
  /** Running: flue-gas temperature (a01012) above this, °C. */
  runningFlueTempMinC: number;
  /** Zero/negative: values at or below this while running. */
  zeroValueMax: number;
  /** Zero/negative: consecutive points that make a finding. */
  zeroMinPoints: number;
  /** Out of range: plausible range per HJ 212 parameter code (set the analyser spans per site). */
  instrumentRanges: Readonly<Record<string, InstrumentRange>>;
  /** Sudden step: |change| / |previous| at or above this (0.5 = 50 %). */
  stepMinRelativeChange: number;
  /** Sudden step: previous values below this (in the parameter's unit) are not judged. */
  stepMinBase: number;
  /** Sudden step: a flow change in the same direction of at least this share explains a step. */
  stepFlowExplainsRelativeChange: number;
  /** Missing data: consecutive missing slots that make a finding. */
  missingMinConsecutivePoints: number;
  /** Low transmission: received / expected below this over the window. */
  transmissionRateMin: number;
  /** Offline: minutes without a packet before a warning. */
  offlineAfterMinutes: number;
  /** Offline: minutes without a packet before the finding is critical. */
  offlineCriticalAfterMinutes: number;
  /** Flag abuse: the flags counted as maintenance/calibration marks. */
  flagAbuseFlags: readonly string[];
  /** Flag abuse: share of points with those flags above which a finding is made. */
  flagAbuseMaxShare: number;
  /** Flag abuse: a mark episode longer than this many minutes is "long". */
  flagAbuseLongEpisodeMinutes: number;
  /** Flag abuse: this many long episodes in the window make a finding (recurrence). */
  flagAbuseMinLongEpisodes: number;
  /** AQI: above this a warning. */
  aqiWarningAbove: number;
  /** AQI: above this critical. */
  aqiCriticalAbove: number;
  /** Neighbour spike: neighbours with a value needed to judge. */
  spikeMinNeighbours: number;
  /** Neighbour spike: value above neighbours' median × this. */
  spikeRatio: number;
  /** Neighbour spike: and above the median by more than this, per parameter code (µg/m³). */
  spikeMinDifference: Readonly<Record<string, number>>;
}

/** A threshold with the note of where it comes from. */
export interface Threshold<T> {
  value: T;
  source: string;
}

/** The full configuration: every threshold with its source. */
export type AlarmThresholdConfig = { [K in keyof AlarmThresholdValues]: Threshold<AlarmThresholdValues[K]> };

const ENGINEERING = 'engineering default (no standard sets it)';

/** The defaults. */
export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholdConfig = {
  constantMinPointsMinute: {
    value: 60,
    source: 'docs/standards/alarms.md §3: "≥ 60 minute values" (practice, [unverified])',
  },
  constantMinPointsHour: {
    value: 6,
    source: 'docs/standards/alarms.md §3: "≥ 6 hourly values" (practice, [unverified])',
  },
  constantTolerance: { value: 0, source: `${ENGINEERING}: exactly equal values` },
  runningGasFlowMinM3s: { value: 0.1, source: ENGINEERING },
  runningWaterFlowMinLs: { value: 0.1, source: ENGINEERING },
  runningFlueTempMinC: { value: 50, source: `${ENGINEERING}: flue gas well above ambient` },
  zeroValueMax: { value: 0, source: 'docs/standards/alarms.md §3: "zero / negative while running"' },
  zeroMinPoints: { value: 1, source: ENGINEERING },
  instrumentRanges: {
    value: {
      a19001: { min: 0, max: 19 },
      a01014: { min: 0, max: 100 },
      w01001: { min: 0, max: 14 },
    },
    source:
      'O2 (a19001) ≥ 19 %: docs/standards/alarms.md §3 "O2 ≥ 19–21 %"; humidity 0–100 %, pH 0–14: physical bounds; ' +
      'analyser spans are per installation — set them per site',
  },
  stepMinRelativeChange: {
    value: 0.5,
    source: `${ENGINEERING}; docs/standards/alarms.md §3 names "fall of more than X % with no load change" without X`,
  },
  stepMinBase: { value: 1, source: `${ENGINEERING}: ignore steps off a near-zero base` },
  stepFlowExplainsRelativeChange: { value: 0.1, source: ENGINEERING },
  missingMinConsecutivePoints: { value: 1, source: ENGINEERING },
  transmissionRateMin: { value: 0.9, source: ENGINEERING },
  offlineAfterMinutes: { value: 60, source: ENGINEERING },
  offlineCriticalAfterMinutes: { value: 1440, source: ENGINEERING },
  flagAbuseFlags: {
    value: ['M', 'C'],
    source: 'HJ 212-2017 Table 8 flags M, C (docs/standards/hj212.md §5, docs/standards/alarms.md §3)',
  },
  flagAbuseMaxShare: { value: 0.1, source: ENGINEERING },
  flagAbuseLongEpisodeMinutes: {
    value: 15,
    source: 'docs/standards/alarms.md §3: "marks longer than 15 min that recur" (practice, [unverified])',
  },
  flagAbuseMinLongEpisodes: { value: 2, source: 'docs/standards/alarms.md §3: "recur" = at least twice' },
  aqiWarningAbove: {
    value: 100,
    source:
      'HJ 633: AQI > 100 is level III 轻度污染 and worse (the choice of level is an engineering default)',
  },
  aqiCriticalAbove: {
    value: 200,
    source: 'HJ 633: AQI > 200 is level V 重度污染 and worse (the choice of level is an engineering default)',
  },
  spikeMinNeighbours: { value: 2, source: ENGINEERING },
  spikeRatio: { value: 2, source: ENGINEERING },
  spikeMinDifference: {
    value: { a34004: 35, a05024: 60 },
    source: `${ENGINEERING}: PM2.5 (a34004) 35 µg/m³, O3 (a05024) 60 µg/m³`,
  },
};

/** Overrides: any threshold values; record-valued thresholds merge key by key. */
export type AlarmThresholdOverrides = Partial<AlarmThresholdValues>;

/** Where a resolved threshold came from. */
export type ThresholdOrigin = 'default' | 'industry' | 'site';

/** Thresholds after overrides: the values, and per threshold its origin and source note. */
export interface ResolvedThresholds {
  values: AlarmThresholdValues;
  origins: { [K in keyof AlarmThresholdValues]: { origin: ThresholdOrigin; source: string } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The GB/T 4754 industry code whose overrides apply to a judged site: its enterprise's (an outlet's
 * parent, `enterprise`), or its own when it has no parent; null when none is recorded.
 */
export function industryCodeOf(
  site: { parentId: number | null; attributes: Record<string, unknown> },
  enterprise: { attributes: Record<string, unknown> } | null | undefined,
): string | null {
  const code = (site.parentId === null ? site : enterprise)?.attributes.industryCode;
  return typeof code === 'string' ? code : null;
}

/**
 * Resolves thresholds: defaults, then the industry's overrides, then the site's (site wins). A
 * record-valued threshold (`instrumentRanges`, `spikeMinDifference`) merges key by key; any other
 * value is replaced. Overridden thresholds are noted as such in `origins`. Throws for an override
 * naming an unknown threshold or giving a number that is not finite.
 */
export function resolveThresholds(
  defaults: AlarmThresholdConfig = DEFAULT_ALARM_THRESHOLDS,
  industryOverrides: AlarmThresholdOverrides = {},
  siteOverrides: AlarmThresholdOverrides = {},
): ResolvedThresholds {
  const values: Record<string, unknown> = {};
  const origins: Record<string, { origin: ThresholdOrigin; source: string }> = {};
  for (const [key, t] of Object.entries(defaults) as [string, Threshold<unknown>][]) {
    values[key] = t.value;
    origins[key] = { origin: 'default', source: t.source };
  }
  const layers: [ThresholdOrigin, AlarmThresholdOverrides][] = [
    ['industry', industryOverrides],
    ['site', siteOverrides],
  ];
  for (const [origin, overrides] of layers) {
    for (const [key, v] of Object.entries(overrides) as [string, unknown][]) {
      if (v === undefined) continue;
      if (!(key in defaults)) throw new RangeError(`unknown alarm threshold "${key}" in ${origin} overrides`);
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new RangeError(`alarm threshold ${key} = ${v} in ${origin} overrides must be finite`);
      }
      const current = values[key];
      values[key] = isRecord(current) && isRecord(v) ? { ...current, ...v } : v;
      origins[key] = { origin, source: `${origin} override` };
    }
  }
  // The keys are exactly those of `defaults`, which is an AlarmThresholdConfig.
  return {
    values: values as unknown as AlarmThresholdValues,
    origins: origins as ResolvedThresholds['origins'],
  };
}

/** The default values, without notes. */
export function defaultThresholdValues(): AlarmThresholdValues {
  return resolveThresholds().values;
}
