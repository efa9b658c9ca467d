/**
 * Air station: a PM2.5 or O3 spike against neighbouring stations — one station far above the
 * median of its neighbours in the same hour points at a local source or an instrument problem.
 * No standard sets the thresholds (engineering defaults, thresholds.ts).
 */
import { MINUTE_MS } from '../../standards/china-time.js';
import type { AlarmThresholdValues } from '../thresholds.js';
import type { Finding, FindingValue } from '../types.js';
import { at, named, num } from './series.js';

/** Thresholds the rule reads. */
export type NeighbourSpikeThresholds = Pick<
  AlarmThresholdValues,
  'spikeMinNeighbours' | 'spikeRatio' | 'spikeMinDifference'
>;

/** Input of {@link neighbourSpikeRule}: one hour, this station and its neighbours. */
export interface NeighbourSpikeInput {
  siteId?: number;
  /** HJ 212 code: a34004 PM2.5 or a05024 O3 (any code with a `spikeMinDifference` works). */
  parameter: string;
  periodStart: Date;
  /** Interval of the values, minutes (60 for hourly means). */
  intervalMinutes?: number;
  value: number | null;
  neighbours: readonly { siteId: number; value: number | null }[];
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? NaN;
  return s.length % 2 === 1 ? hi : ((s[mid - 1] ?? NaN) + hi) / 2;
}

/**
 * A `warning` when at least `spikeMinNeighbours` neighbours have a value and this station's value
 * is above both `median × spikeRatio` and `median + spikeMinDifference[parameter]`. Throws when the
 * parameter has no `spikeMinDifference`.
 */
export function neighbourSpikeRule(input: NeighbourSpikeInput, t: NeighbourSpikeThresholds): Finding[] {
  const minDiff = t.spikeMinDifference[input.parameter];
  if (minDiff === undefined) {
    throw new RangeError(`no spikeMinDifference for ${input.parameter}; set one in the thresholds`);
  }
  const v = input.value;
  if (v === null || !Number.isFinite(v)) return [];
  const others = input.neighbours.filter(
    (n): n is { siteId: number; value: number } => n.value !== null && Number.isFinite(n.value),
  );
  if (others.length < t.spikeMinNeighbours) return [];
  const m = median(others.map((n) => n.value));
  if (!(v > m * t.spikeRatio && v - m > minDiff)) return [];
  const values: FindingValue[] = [{ at: input.periodStart, value: v }];
  for (const n of others)
    values.push({ at: input.periodStart, value: n.value, siteId: n.siteId, note: 'neighbour' });
  const minutes = input.intervalMinutes ?? 60;
  const finding: Finding = {
    rule: 'neighbour-spike',
    severity: 'warning',
    parameter: input.parameter,
    window: { from: input.periodStart, to: new Date(input.periodStart.getTime() + minutes * MINUTE_MS) },
    values,
    limit: Math.max(m * t.spikeRatio, m + minDiff),
    message: {
      zh: `${at(input.periodStart)} ${named(input.parameter).zh} 为 ${num(input.parameter, v)}，周边 ${others.length} 个站点中位数 ${num(input.parameter, m)}，明显偏高`,
      en: `${named(input.parameter).en} ${num(input.parameter, v)} at ${at(input.periodStart)} against a median of ${num(input.parameter, m)} at ${others.length} neighbouring stations`,
    },
  };
  if (input.siteId !== undefined) finding.siteId = input.siteId;
  return [finding];
}
