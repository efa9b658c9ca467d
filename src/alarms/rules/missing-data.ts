/**
 * Missing data, low transmission and offline devices — docs/standards/alarms.md §3 (practice):
 * "packet gaps; transmission rate below target". Time is judged against arguments (`from`, `to`,
 * `now`), never the clock.
 */
import { MINUTE_MS } from '../../standards/china-time.js';
import type { AlarmThresholdValues } from '../thresholds.js';
import type { Finding, RuleSeries } from '../types.js';
import { at, intervalMs, named, percent, slotted } from './series.js';

/** Thresholds of {@link missingDataRule}. */
export type MissingDataThresholds = Pick<
  AlarmThresholdValues,
  'missingMinConsecutivePoints' | 'transmissionRateMin'
>;

/**
 * Gaps and transmission over `[from, to)`: one `warning` per run of at least
 * `missingMinConsecutivePoints` consecutive slots with no point or a point without a value
 * (`missing-data`), and one `warning` when received / expected < `transmissionRateMin`
 * (`low-transmission`). Flagged points with a value are received, not missing.
 */
export function missingDataRule(
  series: RuleSeries,
  window: { from: Date; to: Date },
  t: MissingDataThresholds,
): Finding[] {
  const step = intervalMs(series);
  const start = Math.ceil(window.from.getTime() / step) * step;
  const end = window.to.getTime();
  if (!(end > start)) return [];
  const present = new Map<number, boolean>();
  for (const { slot, point } of slotted(series)) {
    if (slot >= start && slot < end) present.set(slot, point.value !== null && Number.isFinite(point.value));
  }
  const out: Finding[] = [];
  const base = (f: Finding): Finding => {
    if (series.siteId !== undefined) f.siteId = series.siteId;
    return f;
  };
  const pushGap = (from: number, to: number): void => {
    const n = (to - from) / step;
    if (n < t.missingMinConsecutivePoints) return;
    out.push(
      base({
        rule: 'missing-data',
        severity: 'warning',
        parameter: series.parameter,
        window: { from: new Date(from), to: new Date(to) },
        values: [],
        limit: t.missingMinConsecutivePoints,
        message: {
          zh: `${named(series.parameter).zh} 自 ${at(new Date(from))} 至 ${at(new Date(to))} 缺失 ${n} 个数据`,
          en: `${named(series.parameter).en}: ${n} point${n > 1 ? 's' : ''} missing from ${at(new Date(from))} to ${at(new Date(to))}`,
        },
      }),
    );
  };
  let gapStart: number | null = null;
  let expected = 0;
  let received = 0;
  for (let s = start; s < end; s += step) {
    expected += 1;
    if (present.get(s) === true) {
      received += 1;
      if (gapStart !== null) pushGap(gapStart, s);
      gapStart = null;
    } else {
      gapStart ??= s;
    }
  }
  if (gapStart !== null) pushGap(gapStart, start + expected * step);
  const rate = received / expected;
  if (rate < t.transmissionRateMin) {
    out.push(
      base({
        rule: 'low-transmission',
        severity: 'warning',
        parameter: series.parameter,
        window: { from: new Date(start), to: new Date(start + expected * step) },
        values: [{ at: new Date(start), value: rate, note: `received ${received} of ${expected}` }],
        limit: t.transmissionRateMin,
        message: {
          zh: `${named(series.parameter).zh} 传输率 ${(rate * 100).toFixed(1)}%（${received}/${expected}），低于 ${percent(t.transmissionRateMin)}%`,
          en: `${named(series.parameter).en} transmission rate ${(rate * 100).toFixed(1)}% (${received}/${expected}) is below ${percent(t.transmissionRateMin)}%`,
        },
      }),
    );
  }
  return out;
}

/** Thresholds of {@link offlineRule}. */
export type OfflineThresholds = Pick<
  AlarmThresholdValues,
  'offlineAfterMinutes' | 'offlineCriticalAfterMinutes'
>;

/** Input of {@link offlineRule}. */
export interface OfflineInput {
  siteId?: number;
  /** HJ 212 MN of the device, for the message. */
  mn?: string;
  /** When the last packet arrived (`Device.lastSeenAt`), or null if never. */
  lastSeenAt: Date | null;
  /** The time to judge at (from the caller's clock). */
  now: Date;
  /** When the device was registered: a device never seen is judged from here. */
  since?: Date;
}

/**
 * Device offline: no packet for more than `offlineAfterMinutes` before `now` (`warning`), or more
 * than `offlineCriticalAfterMinutes` (`critical`). A device never seen is judged from `since`, and
 * yields nothing without it. Parameter "device".
 */
export function offlineRule(input: OfflineInput, t: OfflineThresholds): Finding[] {
  const ref = input.lastSeenAt ?? input.since;
  if (ref === undefined) return [];
  const minutes = (input.now.getTime() - ref.getTime()) / MINUTE_MS;
  if (!(minutes > t.offlineAfterMinutes)) return [];
  const severity = minutes > t.offlineCriticalAfterMinutes ? 'critical' : 'warning';
  const who = input.mn ? `${input.mn} ` : '';
  const last = input.lastSeenAt ? at(input.lastSeenAt) : null;
  const finding: Finding = {
    rule: 'device-offline',
    severity,
    parameter: 'device',
    window: { from: ref, to: input.now },
    values: [],
    limit: severity === 'critical' ? t.offlineCriticalAfterMinutes : t.offlineAfterMinutes,
    message: {
      zh: `设备 ${who}已 ${Math.floor(minutes)} 分钟无数据${last ? `（最后一次 ${last}）` : '（从未上线）'}`,
      en: `device ${who}has sent nothing for ${Math.floor(minutes)} min${last ? ` (last packet ${last})` : ' (never seen)'}`,
    },
  };
  if (input.siteId !== undefined) finding.siteId = input.siteId;
  return [finding];
}
