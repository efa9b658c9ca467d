/**
 * Exceedance (超标): a valid mean above its limit — for flue gas the valid hourly mean converted to
 * the reference O2, for wastewater the valid daily mean (docs/standards/emission-limits.md §7 [unverified]).
 * Means marked invalid, or flagged, are not used (docs/standards/emission-limits.md §6). Exactly at the limit is not an
 * exceedance: the reference says "above the limit", and the comparison is on the full value
 * (GB/T 8170-2008 §4.3 全数值比较法, the default when a standard does not ask for rounding — clause
 * from memory, not in the reference).
 */
import type { AggregateValue } from '../../monitor/source-series.js';
import { ratSub, ratToNumber, toRational } from '../../standards/rational.js';
import type { Finding } from '../types.js';
import { at, named, num } from './series.js';

/** The limit a mean is judged against — an `EmissionLimit` fits. */
export interface ExceedanceLimit {
  /** Upper limit. */
  value: number;
  /** Lower limit of a range (pH 6–9). */
  lowerValue?: number;
  unit: string;
  /** Standard and clause, for the message. */
  standard?: string;
  clause?: string;
}

/** Input of {@link exceedanceRule}. */
export interface ExceedanceInput {
  siteId?: number;
  /** HJ 212-2017 parameter code. */
  parameter: string;
  /** `hour` for flue gas (corrected hourly means), `day` for wastewater (daily means). */
  averaging: 'hour' | 'day';
  /** The means, e.g. from `correctedHourlyMeans` or `dailyMeans` (monitor/source-series.ts). */
  periods: readonly AggregateValue[];
  limit: ExceedanceLimit;
}

function outside(value: number, limit: ExceedanceLimit): boolean {
  return value > limit.value || (limit.lowerValue !== undefined && value < limit.lowerValue);
}

/** How far outside the limit a value lies, exactly on the decimals (0 inside). */
function deviation(value: number, limit: ExceedanceLimit): number {
  if (value > limit.value) return ratToNumber(ratSub(toRational(value), toRational(limit.value)));
  if (limit.lowerValue !== undefined && value < limit.lowerValue) {
    return ratToNumber(ratSub(toRational(limit.lowerValue), toRational(value)));
  }
  return 0;
}

/**
 * One finding per run of consecutive exceeding periods (a valid, non-exceeding, invalid or missing
 * period ends the run). Severity `critical`: an exceedance is a breach the enterprise must report
 * (排污许可管理条例, docs/standards/emission-limits.md §7).
 */
export function exceedanceRule(input: ExceedanceInput): Finding[] {
  const { limit } = input;
  if (!Number.isFinite(limit.value)) throw new RangeError(`limit of ${input.parameter} must be finite`);
  const sorted = [...input.periods].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime());
  const groups: AggregateValue[][] = [];
  let current: AggregateValue[] = [];
  for (const p of sorted) {
    const last = current[current.length - 1];
    const exceeds = p.valid && p.value !== null && outside(p.value, limit);
    if (!exceeds || (last !== undefined && last.periodEnd.getTime() !== p.periodStart.getTime())) {
      if (current.length > 0) groups.push(current);
      current = [];
    }
    if (exceeds) current.push(p);
  }
  if (current.length > 0) groups.push(current);

  const what =
    input.averaging === 'hour' ? { zh: '小时均值', en: 'hourly mean' } : { zh: '日均值', en: 'daily mean' };
  const range = limit.lowerValue !== undefined ? `${limit.lowerValue}–${limit.value}` : `${limit.value}`;
  const by = limit.standard ? ` (${limit.standard}${limit.clause ? ` ${limit.clause}` : ''})` : '';
  return groups.map((group) => {
    const first = group[0];
    const last = group[group.length - 1];
    if (first === undefined || last === undefined) throw new Error('empty exceedance group');
    const values = group.map((p) => ({ at: p.periodStart, value: p.value, flag: p.flag }));
    const worst = group.reduce((m, p) => Math.max(m, p.value === null ? 0 : deviation(p.value, limit)), 0);
    const n = group.length;
    const finding: Finding = {
      rule: 'exceedance',
      severity: 'critical',
      parameter: input.parameter,
      window: { from: first.periodStart, to: last.periodEnd },
      values,
      limit: limit.value,
      message: {
        zh: `${named(input.parameter).zh} 自 ${at(first.periodStart)} 起连续 ${n} 个${what.zh}超出限值 ${range} ${limit.unit}${by}，最大超出 ${num(input.parameter, worst)} ${limit.unit}`,
        en: `${named(input.parameter).en}: ${n} consecutive ${what.en}${n > 1 ? 's' : ''} from ${at(first.periodStart)} outside the limit ${range} ${limit.unit}${by}; largest excess ${num(input.parameter, worst)} ${limit.unit}`,
      },
    };
    if (input.siteId !== undefined) finding.siteId = input.siteId;
    return finding;
  });
}
