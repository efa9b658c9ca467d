/**
 * The readings of one site split by parameter and interval, and the hourly values computed from
 * them: from minute data (HJ 212 2051) where the hour has any — with the validity rules of
 * source-series.ts — otherwise the device's own hourly value (2061; `<code>-Zs` when it sent the
 * value corrected to the outlet's reference O2). Shared by the alarm rules (../alarms/rule-judge.ts)
 * and the outlet compliance report (outlet-compliance.ts).
 *
 * Pure: no I/O, no clock.
 */
import { HOUR_MS, MINUTE_MS } from '../standards/china-time.js';
import { correctToReferenceO2 } from '../standards/emission/index.js';
import type { WindowReading } from '../store/alarm-window.repository.js';
import {
  classifyFlag,
  correctedHourlyMeans,
  hourlyMeans,
  MINUTE_INTERVALS,
  type AggregateValue,
  type OutletMedium,
  type SeriesPoint,
} from './source-series.js';

const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;

/** Readings of one site split by parameter and interval, oldest first. */
export class SiteReadings {
  private readonly byKey = new Map<string, SeriesPoint[]>();
  readonly parameters = new Set<string>();

  constructor(readings: readonly WindowReading[]) {
    for (const r of readings) {
      const key = `${r.interval}\u0000${r.parameter}`;
      const list = this.byKey.get(key);
      const p: SeriesPoint = { periodStart: r.periodStart, value: r.value, flag: r.flag };
      if (list) list.push(p);
      else this.byKey.set(key, [p]);
      if (!r.parameter.includes('-')) this.parameters.add(r.parameter);
    }
    for (const list of this.byKey.values())
      list.sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime());
  }

  /** The points of one parameter at one interval, oldest first (empty when none). */
  points(interval: 'min' | 'hour', parameter: string): SeriesPoint[] {
    return this.byKey.get(`${interval}\u0000${parameter}`) ?? [];
  }

  /** Whether the site has any reading at an interval. */
  has(interval: 'min' | 'hour'): boolean {
    for (const key of this.byKey.keys()) if (key.startsWith(`${interval}\u0000`)) return true;
    return false;
  }
}

/** The minute interval of a series: the smallest step between points, as an HJ 212 MinInterval. */
export function minuteIntervalOf(points: readonly SeriesPoint[]): number {
  let step = Infinity;
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1];
    const b = points[i];
    if (a === undefined || b === undefined) continue;
    const d = (b.periodStart.getTime() - a.periodStart.getTime()) / MINUTE_MS;
    if (d > 0 && d < step) step = d;
  }
  if (!Number.isFinite(step)) return 1;
  const fit = [...MINUTE_INTERVALS].filter((m) => m < 60 && m <= step && step % m === 0);
  return fit[fit.length - 1] ?? 1;
}

/** A device hourly reading as an aggregate: valid when it has a value and a usable flag. */
function deviceHour(p: SeriesPoint): AggregateValue {
  const usable = p.value !== null && Number.isFinite(p.value) && classifyFlag(p.flag) !== 'invalid';
  return {
    periodStart: p.periodStart,
    periodEnd: new Date(p.periodStart.getTime() + HOUR_MS),
    value: p.value,
    valid: usable,
    flag: p.flag ?? 'N',
    invalidReason: usable ? null : p.value === null ? 'no-data' : 'flag',
  };
}

export interface HourlyOptions {
  medium: OutletMedium;
  /** Correct flue gas to this reference O2 (%), when set. */
  referenceO2Pct?: number | null;
  /** The outlet's own reference O2: a device's `-Zs` value is at this one. */
  deviceReferenceO2Pct?: number | null;
  completeBefore: number;
}

/**
 * Hourly values of a parameter over complete hours: computed from minute data where the hour has
 * any, else the device's hourly value (corrected to `referenceO2Pct` when asked).
 */
export function hourlyValues(data: SiteReadings, parameter: string, o: HourlyOptions): AggregateValue[] {
  const out = new Map<number, AggregateValue>();
  const minutes = data.points('min', parameter);
  const ref = o.referenceO2Pct ?? null;
  if (minutes.length > 0) {
    const intervalMinutes = minuteIntervalOf(minutes);
    const computed =
      o.medium === 'gas' && ref !== null
        ? correctedHourlyMeans(minutes, data.points('min', 'a19001'), {
            intervalMinutes,
            referenceO2Pct: ref,
          })
        : hourlyMeans(minutes, {
            intervalMinutes,
            medium: o.medium,
            ...(o.medium === 'water' ? { flow: data.points('min', 'w00000') } : {}),
          });
    for (const h of computed) out.set(h.periodStart.getTime(), h);
  }
  const hours = data.points('hour', parameter);
  const zs = new Map(data.points('hour', `${parameter}-Zs`).map((p) => [p.periodStart.getTime(), p]));
  const o2 = new Map(data.points('hour', 'a19001').map((p) => [p.periodStart.getTime(), p]));
  for (const p of hours) {
    const t = floorTo(p.periodStart.getTime(), HOUR_MS);
    if (out.has(t)) continue;
    if (ref === null) {
      out.set(t, deviceHour(p));
      continue;
    }
    const z = zs.get(t);
    if (z !== undefined && o.deviceReferenceO2Pct === ref) {
      out.set(t, deviceHour(z));
      continue;
    }
    // Correct the measured hourly value with the hour's O2 (docs/standards/emission-limits.md §1).
    const m = deviceHour(p);
    const oh = o2.get(t);
    const o2Value = oh !== undefined && classifyFlag(oh.flag) === 'normal' ? oh.value : null;
    const c = m.value === null || o2Value === null ? null : correctToReferenceO2(m.value, o2Value, ref);
    out.set(
      t,
      c?.ok === true
        ? { ...m, value: c.value }
        : { ...m, value: null, valid: false, invalidReason: m.valid ? 'too-few-valid' : m.invalidReason },
    );
  }
  return [...out.values()]
    .filter((h) => h.periodEnd.getTime() <= o.completeBefore)
    .sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime());
}
