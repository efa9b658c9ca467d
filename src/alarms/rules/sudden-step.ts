/**
 * Sudden step without a matching change in flow — docs/standards/alarms.md §3 (practice): "fall of more
 * than X % with no load change; concentration falling while load or flow rises". A step between two
 * adjacent usable points is explained only by a flow change in the same direction of at least
 * `stepFlowExplainsRelativeChange`; without a usable flow at both slots the step is not judged.
 */
import { classifyFlag, type SeriesPoint } from '../../monitor/source-series.js';
import type { AlarmThresholdValues } from '../thresholds.js';
import type { Finding, RuleSeries } from '../types.js';
import { at, intervalMs, named, num, slotted, usable } from './series.js';

/** Thresholds the rule reads. */
export type SuddenStepThresholds = Pick<
  AlarmThresholdValues,
  'stepMinRelativeChange' | 'stepMinBase' | 'stepFlowExplainsRelativeChange'
>;

/**
 * One `warning` per unexplained step: `|v₂ − v₁| / |v₁| ≥ stepMinRelativeChange` with
 * `|v₁| ≥ stepMinBase`, between adjacent slots, while flow (same interval) changed by less than
 * `stepFlowExplainsRelativeChange` or in the opposite direction.
 */
export function suddenStepRule(
  series: RuleSeries,
  flow: readonly SeriesPoint[],
  t: SuddenStepThresholds,
): Finding[] {
  const step = intervalMs(series);
  const flows = new Map<number, number>();
  for (const p of flow) {
    if (p.value === null || !Number.isFinite(p.value) || classifyFlag(p.flag) !== 'normal') continue;
    const slot = Math.floor(p.periodStart.getTime() / step) * step;
    if (!flows.has(slot)) flows.set(slot, p.value);
  }
  const items = slotted(series);
  const out: Finding[] = [];
  for (let i = 1; i < items.length; i += 1) {
    const a = items[i - 1];
    const b = items[i];
    if (a === undefined || b === undefined || b.slot !== a.slot + step) continue;
    if (!usable(a.point) || !usable(b.point)) continue;
    const v1 = a.point.value;
    const v2 = b.point.value;
    if (Math.abs(v1) < t.stepMinBase || v1 === 0) continue;
    const rel = (v2 - v1) / Math.abs(v1);
    if (Math.abs(rel) < t.stepMinRelativeChange) continue;
    const q1 = flows.get(a.slot);
    const q2 = flows.get(b.slot);
    if (q1 === undefined || q2 === undefined || q1 <= 0) continue;
    const flowRel = (q2 - q1) / q1;
    const explained =
      Math.sign(flowRel) === Math.sign(rel) && Math.abs(flowRel) >= t.stepFlowExplainsRelativeChange;
    if (explained) continue;
    const pct = Math.round(rel * 100);
    const flowPct = Math.round(flowRel * 100);
    const finding: Finding = {
      rule: 'sudden-step',
      severity: 'warning',
      parameter: series.parameter,
      window: { from: new Date(a.slot), to: new Date(b.slot + step) },
      values: [
        { at: a.point.periodStart, value: v1, flag: a.point.flag },
        { at: b.point.periodStart, value: v2, flag: b.point.flag },
        { at: new Date(a.slot), value: q1, note: 'flow' },
        { at: new Date(b.slot), value: q2, note: 'flow' },
      ],
      limit: t.stepMinRelativeChange,
      message: {
        zh: `${named(series.parameter).zh} 在 ${at(new Date(b.slot))} 突变 ${pct}%（${num(series.parameter, v1)} → ${num(series.parameter, v2)}），同期流量变化 ${flowPct}%，不相匹配`,
        en: `${named(series.parameter).en} stepped ${pct}% (${num(series.parameter, v1)} → ${num(series.parameter, v2)}) at ${at(new Date(b.slot))} while flow changed ${flowPct}%: no matching change`,
      },
    };
    if (series.siteId !== undefined) finding.siteId = series.siteId;
    out.push(finding);
  }
  return out;
}
