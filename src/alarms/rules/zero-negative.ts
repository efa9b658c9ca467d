/**
 * Zero or negative while running — docs/standards/alarms.md §3 (practice, [unverified]). Running is
 * judged per slot from the flow or the flue-gas temperature: above its threshold at that slot.
 * Slots without a usable indicator are not judged (running unknown).
 */
import { classifyFlag, type OutletMedium, type SeriesPoint } from '../../monitor/source-series.js';
import type { AlarmThresholdValues } from '../thresholds.js';
import type { Finding, RuleSeries } from '../types.js';
import { at, evidence, intervalMs, named, runs, slotted, usable, windowOfRun } from './series.js';

/** Thresholds the rule reads. */
export type ZeroNegativeThresholds = Pick<
  AlarmThresholdValues,
  'runningGasFlowMinM3s' | 'runningWaterFlowMinLs' | 'runningFlueTempMinC' | 'zeroValueMax' | 'zeroMinPoints'
>;

/** What tells whether the source is running, at the same interval as the series. */
export interface RunningIndicators {
  medium: OutletMedium;
  /** Flow: gas a00000 in m³/s, water w00000 in L/s (HJ 212-2017 units, docs/standards/hj212.md §8). */
  flow?: readonly SeriesPoint[];
  /** Flue-gas temperature a01012, °C (gas only). */
  temperature?: readonly SeriesPoint[];
}

function indexBySlot(points: readonly SeriesPoint[] | undefined, step: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of points ?? []) {
    if (p.value === null || !Number.isFinite(p.value) || classifyFlag(p.flag) !== 'normal') continue;
    const slot = Math.floor(p.periodStart.getTime() / step) * step;
    if (!out.has(slot)) out.set(slot, p.value);
  }
  return out;
}

/**
 * One `warning` per run of at least `zeroMinPoints` consecutive usable values ≤ `zeroValueMax` at
 * slots where the source is running: flow above `runningGasFlowMinM3s` / `runningWaterFlowMinLs`, or
 * (gas) flue temperature above `runningFlueTempMinC`.
 */
export function zeroNegativeRule(
  series: RuleSeries,
  running: RunningIndicators,
  t: ZeroNegativeThresholds,
): Finding[] {
  const step = intervalMs(series);
  const flows = indexBySlot(running.flow, step);
  const temps = indexBySlot(running.medium === 'gas' ? running.temperature : undefined, step);
  const flowMin = running.medium === 'gas' ? t.runningGasFlowMinM3s : t.runningWaterFlowMinLs;
  const isRunning = (slot: number): boolean => {
    const q = flows.get(slot);
    const temp = temps.get(slot);
    return (q !== undefined && q > flowMin) || (temp !== undefined && temp > t.runningFlueTempMinC);
  };
  const found = runs(
    slotted(series),
    step,
    (item) => usable(item.point) && item.point.value <= t.zeroValueMax && isRunning(item.slot),
  ).filter((run) => run.length >= t.zeroMinPoints);
  return found.map((run) => {
    const window = windowOfRun(run, step);
    const values = evidence(run);
    for (const item of run) {
      const q = flows.get(item.slot);
      if (q !== undefined) values.push({ at: new Date(item.slot), value: q, note: 'flow' });
      const temp = temps.get(item.slot);
      if (temp !== undefined) values.push({ at: new Date(item.slot), value: temp, note: 'flue temperature' });
    }
    const finding: Finding = {
      rule: 'zero-negative',
      severity: 'warning',
      parameter: series.parameter,
      window,
      values,
      limit: t.zeroValueMax,
      message: {
        zh: `${named(series.parameter).zh} 自 ${at(window.from)} 起 ${run.length} 个数据为零或负值，而设施在运行（流量或烟温高于阈值）`,
        en: `${named(series.parameter).en} was zero or negative for ${run.length} point${run.length > 1 ? 's' : ''} from ${at(window.from)} while the source was running (flow or flue temperature above threshold)`,
      },
    };
    if (series.siteId !== undefined) finding.siteId = series.siteId;
    return finding;
  });
}
