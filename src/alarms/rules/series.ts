/**
 * Helpers shared by the series rules: ordering, slotting, runs of consecutive points, evidence.
 */
import { formatChinaIso, MINUTE_MS } from '../../standards/china-time.js';
import { parameterInfo } from '../../standards/parameters.js';
import { classifyFlag, type FlagProtocol, type SeriesPoint } from '../../monitor/source-series.js';
import type { FindingValue, RuleSeries } from '../types.js';

/** Interval of a series in ms; throws for a non-positive or non-integer interval. */
export function intervalMs(series: RuleSeries): number {
  if (!Number.isInteger(series.intervalMinutes) || series.intervalMinutes <= 0) {
    throw new RangeError(`intervalMinutes ${series.intervalMinutes} must be a positive integer`);
  }
  return series.intervalMinutes * MINUTE_MS;
}

/** Points sorted by time, one per slot (the first kept), with their slot start in ms. */
export function slotted(series: RuleSeries): { slot: number; point: SeriesPoint }[] {
  const step = intervalMs(series);
  const seen = new Set<number>();
  const out: { slot: number; point: SeriesPoint }[] = [];
  for (const point of [...series.points].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime())) {
    const t = point.periodStart.getTime();
    if (Number.isNaN(t)) throw new RangeError(`${series.parameter}: a point has an invalid periodStart`);
    const slot = Math.floor(t / step) * step;
    if (seen.has(slot)) continue;
    seen.add(slot);
    out.push({ slot, point });
  }
  return out;
}

/** A usable point: a finite value and a flag that is not invalid (normal or `T`). */
export function usable(
  p: SeriesPoint,
  protocol: FlagProtocol = '2017',
): p is SeriesPoint & { value: number } {
  return p.value !== null && Number.isFinite(p.value) && classifyFlag(p.flag, protocol) !== 'invalid';
}

/**
 * Runs of points that satisfy `member`, each run made of adjacent slots (a missing slot or a
 * non-member point ends it). `continues(run, next)` may also end a run.
 */
export function runs<T extends { slot: number; point: SeriesPoint }>(
  items: readonly T[],
  step: number,
  member: (item: T) => boolean,
  continues: (run: readonly T[], next: T) => boolean = () => true,
): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    const last = current[current.length - 1];
    if (!member(item)) {
      if (current.length > 0) out.push(current);
      current = [];
      continue;
    }
    if (last !== undefined && (item.slot !== last.slot + step || !continues(current, item))) {
      out.push(current);
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Evidence values of points. */
export function evidence(items: readonly { point: SeriesPoint }[]): FindingValue[] {
  return items.map(({ point }) => ({ at: point.periodStart, value: point.value, flag: point.flag }));
}

/** The window `[first slot, last slot + interval)` of a run. */
export function windowOfRun(items: readonly { slot: number }[], step: number): { from: Date; to: Date } {
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) throw new Error('empty run has no window');
  return { from: new Date(first.slot), to: new Date(last.slot + step) };
}

/** An instant as China local time for messages, `2026-03-15 10:00` (minutes: the data's resolution). */
export function at(d: Date): string {
  return formatChinaIso(d).slice(0, 16).replace('T', ' ');
}

/** A parameter's name for messages (registry, src/standards/parameters.ts); the code when unknown. */
export function named(code: string): { zh: string; en: string } {
  const info = parameterInfo(code);
  return info === undefined ? { zh: code, en: code } : { zh: info.zh, en: info.en };
}

/**
 * A value for messages: rounded to the parameter's decimals in the registry (2 when unknown), with
 * no trailing zeros — never a long binary float such as 0.561296980621902.
 */
export function num(code: string, value: number): string {
  const decimals = parameterInfo(code)?.decimals ?? 2;
  return String(Number(value.toFixed(decimals)));
}

/** A share as a percentage for messages, to 0.1 (0.7 → "70", not 70.00000000000001). */
export function percent(share: number): string {
  return String(Math.round(share * 1000) / 10);
}
