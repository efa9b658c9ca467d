/**
 * Out of range — docs/standards/alarms.md §3 (practice): above the analyser span, below the detection
 * limit, O2 ≥ 19–21 %. A point flagged `T` (above the measuring range, HJ 212-2017 Table 8) is out of
 * range whatever the configured range. Invalid-flagged points are not judged.
 */
import { classifyFlag } from '../../monitor/source-series.js';
import type { AlarmThresholdValues, InstrumentRange } from '../thresholds.js';
import type { Finding, RuleSeries } from '../types.js';
import { at, evidence, intervalMs, named, runs, slotted, usable, windowOfRun } from './series.js';

/** Thresholds the rule reads. */
export type OutOfRangeThresholds = Pick<AlarmThresholdValues, 'instrumentRanges'>;

function outside(value: number, range: InstrumentRange | undefined): boolean {
  if (range === undefined) return false;
  return (range.min !== undefined && value < range.min) || (range.max !== undefined && value >= range.max);
}

/**
 * One `warning` per run of consecutive points flagged `T` or outside the parameter's range in
 * `instrumentRanges` (below `min`, or at/above `max` — a reading at the top of the span is saturated).
 */
export function outOfRangeRule(series: RuleSeries, t: OutOfRangeThresholds): Finding[] {
  const step = intervalMs(series);
  const range = t.instrumentRanges[series.parameter];
  const found = runs(
    slotted(series),
    step,
    (item) =>
      usable(item.point) &&
      (classifyFlag(item.point.flag) === 'over-range' || outside(item.point.value, range)),
  );
  const span = range ? `[${range.min ?? '−∞'}, ${range.max ?? '∞'})` : '—';
  return found.map((run) => {
    const window = windowOfRun(run, step);
    const finding: Finding = {
      rule: 'out-of-range',
      severity: 'warning',
      parameter: series.parameter,
      window,
      values: evidence(run),
      message: {
        zh: `${named(series.parameter).zh} 自 ${at(window.from)} 起 ${run.length} 个数据超出量程或合理范围 ${span}（含T标记）`,
        en: `${named(series.parameter).en}: ${run.length} point${run.length > 1 ? 's' : ''} from ${at(window.from)} outside the range ${span} or flagged T`,
      },
    };
    if (range?.max !== undefined) finding.limit = range.max;
    if (series.siteId !== undefined) finding.siteId = series.siteId;
    return finding;
  });
}
