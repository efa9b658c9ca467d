/**
 * The hourly compliance judgement of an emergency-reduction obligation from CEMS data: each complete
 * alert hour's pollutant loads (and flow, for stop-production) against a baseline — by default the
 * median of the same China-local hour over the seven days before the alert — with the evidence kept
 * (docs/response.md §4; practice in docs/standards/heavy-pollution-alert.md §4 [secondary]: "a firm
 * still producing may not emit more than before the alert").
 *
 * Pure: no I/O, no clock. Loads come in per outlet and hour (kg, from ../monitor/source-series.ts).
 */
import { HOUR_MS, utcToChinaLocal } from '../standards/china-time.js';
import type { Measure, ResponsePollutant } from './measures.js';
import { RESPONSE_POLLUTANTS } from './measures.js';

/** Days before the alert whose same hours make the baseline (issue 14: seven). */
export const BASELINE_DAYS = 7;
/**
 * Slack over the allowed load, % of the baseline, for the noise of the CEMS and of production
 * (our named choice TOLERANCE_PCT; no text sets one).
 */
export const TOLERANCE_PCT = 10;
/** A stopped plant's flow and loads stay at most this share of the baseline, % (named choice STOP_RESIDUAL_PCT). */
export const STOP_RESIDUAL_PCT = 10;

/** One outlet's hour: loads per pollutant it measures (kg) and flow (m³/h), null when the CEMS sent nothing usable. */
export interface OutletHour {
  outlet: string;
  /** Start of the hour, UTC ms. */
  hour: number;
  loadsKg: Partial<Record<ResponsePollutant, number | null>>;
  flowM3h: number | null;
}

/** An enterprise's hour: the sum over its gas outlets, or `complete: false` when one of them was silent. */
export interface EnterpriseHour {
  hour: number;
  complete: boolean;
  loadsKg: Partial<Record<ResponsePollutant, number>>;
  flowM3h: number | null;
  /** Outlets without usable data this hour. */
  silent: string[];
}

/**
 * Sums an enterprise's outlets hour by hour over `[from, to)`. An hour is complete only when every
 * outlet sent a usable flow and a load for each pollutant it measures: a silent CEMS makes the hour
 * `no_data`, never compliant (issue 14).
 */
export function enterpriseHours(
  outlets: readonly string[],
  rows: readonly OutletHour[],
  from: number,
  to: number,
): EnterpriseHour[] {
  const by = new Map(rows.map((r) => [`${r.outlet}\u0000${r.hour}`, r]));
  const out: EnterpriseHour[] = [];
  for (let h = Math.floor(from / HOUR_MS) * HOUR_MS; h < to; h += HOUR_MS) {
    const loads: Partial<Record<ResponsePollutant, number>> = {};
    let flow = 0;
    const silent: string[] = [];
    for (const o of outlets) {
      const r = by.get(`${o}\u0000${h}`);
      const measured = r === undefined ? [] : RESPONSE_POLLUTANTS.filter((p) => p in r.loadsKg);
      if (
        r === undefined ||
        r.flowM3h === null ||
        measured.some((p) => r.loadsKg[p] === undefined || r.loadsKg[p] === null)
      ) {
        silent.push(o);
        continue;
      }
      flow += r.flowM3h;
      for (const p of measured) loads[p] = (loads[p] ?? 0) + (r.loadsKg[p] ?? 0);
    }
    out.push({
      hour: h,
      complete: outlets.length > 0 && silent.length === 0,
      loadsKg: loads,
      flowM3h: silent.length === outlets.length ? null : flow,
      silent,
    });
  }
  return out;
}

/** The baseline of one China-local hour of the day: medians over the baseline days. */
export interface BaselineHour {
  loadsKg: Partial<Record<ResponsePollutant, number>>;
  flowM3h: number | null;
  /** Days that had a complete hour. */
  days: number;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * The baseline per China-local hour of the day (0–23): the median of the complete hours at that
 * hour in the `days` days before `alertStart` (issue 14's default). Incomplete hours are left out.
 */
export function baselineOf(
  hours: readonly EnterpriseHour[],
  alertStart: number,
  days = BASELINE_DAYS,
): Map<number, BaselineHour> {
  const from = alertStart - days * 24 * HOUR_MS;
  const groups = new Map<number, EnterpriseHour[]>();
  for (const h of hours) {
    if (!h.complete || h.hour < from || h.hour >= alertStart) continue;
    const hod = utcToChinaLocal(new Date(h.hour)).hour;
    groups.set(hod, [...(groups.get(hod) ?? []), h]);
  }
  const out = new Map<number, BaselineHour>();
  for (const [hod, list] of groups) {
    const loads: Partial<Record<ResponsePollutant, number>> = {};
    for (const p of RESPONSE_POLLUTANTS) {
      const m = median(list.flatMap((h) => (h.loadsKg[p] === undefined ? [] : [h.loadsKg[p]])));
      if (m !== null) loads[p] = m;
    }
    out.set(hod, {
      loadsKg: loads,
      flowM3h: median(list.flatMap((h) => (h.flowM3h === null ? [] : [h.flowM3h]))),
      days: list.length,
    });
  }
  return out;
}

export const HOUR_VERDICTS = ['compliant', 'non_compliant', 'no_data'] as const;
export type HourVerdict = (typeof HOUR_VERDICTS)[number];

/** The evidence of one judged hour. */
export interface HourEvidence {
  hour: number;
  verdict: HourVerdict;
  /** Why: `silent:<outlet>`, `no-baseline`, `<pollutant> over <allowed>`, `flow over <allowed>`. */
  reasons: string[];
  actualKg: Partial<Record<ResponsePollutant, number>>;
  baselineKg: Partial<Record<ResponsePollutant, number>>;
  /** The most the measure allowed, kg, per pollutant. */
  allowedKg: Partial<Record<ResponsePollutant, number>>;
  flowM3h: number | null;
  baselineFlowM3h: number | null;
  /** The most flow a stop-production measure allowed, m³/h (null for other measures). */
  allowedFlowM3h: number | null;
  measureKind: Measure['kind'];
}

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/**
 * Judges one complete alert hour against its baseline hour under a measure:
 * - `voluntary`: compliant whenever the CEMS sent the hour (nothing is mandatory);
 * - `no-increase`: each load ≤ baseline × (1 + TOLERANCE_PCT);
 * - `cut`: each load ≤ baseline × (1 − cut) × (1 + TOLERANCE_PCT);
 * - `stop`: flow and each load ≤ STOP_RESIDUAL_PCT of the baseline.
 * A silent outlet or a missing baseline makes the hour `no_data`.
 */
export function judgeHour(h: EnterpriseHour, base: BaselineHour | undefined, measure: Measure): HourEvidence {
  const evidence: HourEvidence = {
    hour: h.hour,
    verdict: 'compliant',
    reasons: [],
    actualKg: Object.fromEntries(Object.entries(h.loadsKg).map(([k, v]) => [k, round(v)])),
    baselineKg:
      base === undefined
        ? {}
        : Object.fromEntries(Object.entries(base.loadsKg).map(([k, v]) => [k, round(v)])),
    allowedKg: {},
    flowM3h: h.flowM3h === null ? null : round(h.flowM3h),
    baselineFlowM3h: base === undefined || base.flowM3h === null ? null : round(base.flowM3h),
    allowedFlowM3h: null,
    measureKind: measure.kind,
  };
  if (!h.complete) {
    return { ...evidence, verdict: 'no_data', reasons: h.silent.map((o) => `silent:${o}`) };
  }
  if (measure.kind === 'voluntary') return evidence;
  if (base === undefined) return { ...evidence, verdict: 'no_data', reasons: ['no-baseline'] };
  const slack = 1 + TOLERANCE_PCT / 100;
  for (const p of RESPONSE_POLLUTANTS) {
    const b = base.loadsKg[p];
    const a = h.loadsKg[p];
    if (b === undefined || a === undefined) continue;
    const allowed =
      measure.kind === 'stop'
        ? (b * STOP_RESIDUAL_PCT) / 100
        : measure.kind === 'cut'
          ? b * (1 - measure.cutPct[p] / 100) * slack
          : b * slack;
    evidence.allowedKg[p] = round(allowed);
    if (a > allowed) evidence.reasons.push(`${p} over ${round(allowed)}`);
  }
  if (measure.kind === 'stop' && base.flowM3h !== null && h.flowM3h !== null) {
    const allowed = (base.flowM3h * STOP_RESIDUAL_PCT) / 100;
    evidence.allowedFlowM3h = round(allowed);
    if (h.flowM3h > allowed) evidence.reasons.push(`flow over ${round(allowed)}`);
  }
  return evidence.reasons.length > 0 ? { ...evidence, verdict: 'non_compliant' } : evidence;
}

export const OBLIGATION_STATUSES = ['pending', 'compliant', 'non_compliant', 'no_data'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** Consecutive silent hours that make an obligation `no_data` (named choice SILENCE_HOURS). */
export const SILENCE_HOURS = 3;
/** Share of judged hours without data that makes an obligation `no_data`, % (named choice SILENT_SHARE_PCT). */
export const SILENT_SHARE_PCT = 10;

/**
 * An obligation's status from its judged hours (named choice CUMULATIVE_LOADS, docs/response.md §4).
 * Each hour keeps its own verdict as evidence; the obligation is judged on the hours so far, so that
 * one noisy CEMS hour neither condemns nor clears a firm:
 * - `pending` before any hour is judged;
 * - `non_compliant` when, summed over the hours with data, a pollutant's load (or, for stop
 *   production, the flow) exceeds what the measures allowed;
 * - else `no_data` when the CEMS was silent for SILENCE_HOURS hours in a row or for more than
 *   SILENT_SHARE_PCT of the hours (a silent CEMS is never compliant);
 * - else `compliant`.
 */
export function obligationStatus(hours: readonly HourEvidence[]): ObligationStatus {
  if (hours.length === 0) return 'pending';
  const actual: Partial<Record<ResponsePollutant | 'flow', number>> = {};
  const allowed: Partial<Record<ResponsePollutant | 'flow', number>> = {};
  let silent = 0;
  let run = 0;
  let longest = 0;
  for (const h of [...hours].sort((a, b) => a.hour - b.hour)) {
    if (h.verdict === 'no_data') {
      silent += 1;
      run += 1;
      longest = Math.max(longest, run);
      continue;
    }
    run = 0;
    for (const p of RESPONSE_POLLUTANTS) {
      const a = h.actualKg[p];
      const w = h.allowedKg[p];
      if (a === undefined || w === undefined) continue;
      actual[p] = (actual[p] ?? 0) + a;
      allowed[p] = (allowed[p] ?? 0) + w;
    }
    if (h.allowedFlowM3h !== null && h.flowM3h !== null) {
      actual.flow = (actual.flow ?? 0) + h.flowM3h;
      allowed.flow = (allowed.flow ?? 0) + h.allowedFlowM3h;
    }
  }
  for (const k of Object.keys(allowed) as (ResponsePollutant | 'flow')[]) {
    if ((actual[k] ?? 0) > (allowed[k] ?? Infinity) + 1e-9) return 'non_compliant';
  }
  if (longest >= SILENCE_HOURS || silent * 100 > hours.length * SILENT_SHARE_PCT) return 'no_data';
  return 'compliant';
}

/** Achieved cut over judged hours with data: Σ(baseline − actual) per pollutant, kg. */
export function achievedCutKg(hours: readonly HourEvidence[]): Partial<Record<ResponsePollutant, number>> {
  const out: Partial<Record<ResponsePollutant, number>> = {};
  for (const h of hours) {
    if (h.verdict === 'no_data') continue;
    for (const p of RESPONSE_POLLUTANTS) {
      const b = h.baselineKg[p];
      const a = h.actualKg[p];
      if (b === undefined || a === undefined) continue;
      out[p] = round((out[p] ?? 0) + (b - a));
    }
  }
  return out;
}
