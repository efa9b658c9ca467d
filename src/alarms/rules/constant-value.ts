/**
 * Constant value (恒值): the same value for N consecutive points — docs/standards/alarms.md §3 (practice,
 * [unverified]): "e.g. ≥ 6 hourly or ≥ 60 minute values". A missing slot or an invalid-flagged
 * point ends a run: marked data are the flag-abuse rule's business.
 */
import type { AlarmThresholdValues } from '../thresholds.js';
import type { Finding, RuleSeries } from '../types.js';
import { at, evidence, intervalMs, named, num, runs, slotted, usable, windowOfRun } from './series.js';

/** Thresholds the rule reads. */
export type ConstantValueThresholds = Pick<
  AlarmThresholdValues,
  'constantMinPointsMinute' | 'constantMinPointsHour' | 'constantTolerance'
>;

/**
 * One `warning` per run of at least N consecutive usable points within `constantTolerance` of the
 * run's first value; N is `constantMinPointsHour` for intervals of 60 minutes or more, else
 * `constantMinPointsMinute`.
 */
export function constantValueRule(series: RuleSeries, t: ConstantValueThresholds): Finding[] {
  const step = intervalMs(series);
  const minPoints = series.intervalMinutes >= 60 ? t.constantMinPointsHour : t.constantMinPointsMinute;
  const found = runs(
    slotted(series),
    step,
    (item) => usable(item.point),
    (run, next) => {
      const first = run[0]?.point.value;
      return (
        first !== undefined &&
        first !== null &&
        Math.abs((next.point.value ?? NaN) - first) <= t.constantTolerance
      );
    },
  ).filter((run) => run.length >= minPoints);
  return found.map((run) => {
    const window = windowOfRun(run, step);
    const value = run[0]?.point.value;
    const shown = typeof value === 'number' ? num(series.parameter, value) : String(value);
    const finding: Finding = {
      rule: 'constant-value',
      severity: 'warning',
      parameter: series.parameter,
      window,
      values: evidence(run),
      limit: minPoints,
      message: {
        zh: `${named(series.parameter).zh} 自 ${at(window.from)} 起连续 ${run.length} 个数据恒为 ${shown}（阈值 ${minPoints} 个）`,
        en: `${named(series.parameter).en} stayed at ${shown} for ${run.length} consecutive points from ${at(window.from)} (threshold ${minPoints})`,
      },
    };
    if (series.siteId !== undefined) finding.siteId = series.siteId;
    return finding;
  });
}
