/**
 * Shared types of the alarm rules: a rule is a pure function over a window of readings that returns
 * findings, each with the evidence an inspector needs (values, window, limit, bilingual message).
 * The alarm lifecycle (open, acknowledge, close) lives elsewhere; findings carry no state.
 */
import type { BilingualText } from '../standards/aqi.js';
import type { SeriesPoint } from '../monitor/source-series.js';

export type { BilingualText } from '../standards/aqi.js';
export type { SeriesPoint } from '../monitor/source-series.js';

/** The rules, one file each under `rules/`. */
export const RULE_IDS = [
  'exceedance',
  'constant-value',
  'zero-negative',
  'out-of-range',
  'sudden-step',
  'missing-data',
  'low-transmission',
  'device-offline',
  'flag-abuse',
  'aqi-high',
  'neighbour-spike',
  'water-class',
  'energy-budget',
  'waste-storage',
  'waste-manifest',
  'waste-balance',
  'waste-declaration',
  'response-measures',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * The two kinds of alarm a supervisor works through separately (docs/standards/alarms.md §8): `exceedance`
 * — the environment or an emission is out of bounds — and `data_quality` — the monitoring data
 * cannot be trusted. The one grouping of {@link RULE_IDS}; the API mirrors it (alarm.schemas.ts).
 */
export const ALARM_KINDS = ['exceedance', 'data_quality'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** The kind of each rule. */
export const RULE_KIND: Readonly<Record<RuleId, AlarmKind>> = {
  exceedance: 'exceedance',
  'aqi-high': 'exceedance',
  'water-class': 'exceedance',
  'energy-budget': 'exceedance',
  'neighbour-spike': 'exceedance',
  'waste-storage': 'exceedance',
  'waste-manifest': 'exceedance',
  'waste-balance': 'exceedance',
  'waste-declaration': 'exceedance',
  'response-measures': 'exceedance',
  'constant-value': 'data_quality',
  'zero-negative': 'data_quality',
  'out-of-range': 'data_quality',
  'sudden-step': 'data_quality',
  'missing-data': 'data_quality',
  'low-transmission': 'data_quality',
  'device-offline': 'data_quality',
  'flag-abuse': 'data_quality',
};

/** The rules of a kind. */
export function rulesOfKind(kind: AlarmKind): RuleId[] {
  return RULE_IDS.filter((r) => RULE_KIND[r] === kind);
}

/** How urgent a finding is. */
export type Severity = 'info' | 'warning' | 'critical';

/** One value cited as evidence. */
export interface FindingValue {
  /** Period start of the value. */
  at: Date;
  value: number | null;
  flag?: string | null;
  /** Another site's value (neighbour comparison). */
  siteId?: number;
  /** What the value is when it is not the finding's parameter (e.g. "flow a00000"). */
  note?: string;
}

/** The result of a rule: what was found, where, when, on which values, against which limit. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  siteId?: number;
  /** HJ 212-2017 parameter code, or a pseudo-parameter: "AQI", "device", "water-class". */
  parameter: string;
  /** The period the evidence covers: `from` inclusive, `to` exclusive. */
  window: { from: Date; to: Date };
  values: FindingValue[];
  /** The limit or threshold crossed, in the values' unit. */
  limit?: number;
  message: BilingualText;
}

/** A window of one parameter's readings at a fixed interval. */
export interface RuleSeries {
  siteId?: number;
  /** HJ 212-2017 parameter code. */
  parameter: string;
  /** Interval of the points in minutes (1–30 for minute data, 60 hourly, 1440 daily). */
  intervalMinutes: number;
  points: readonly SeriesPoint[];
}
