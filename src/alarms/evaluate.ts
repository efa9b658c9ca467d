/**
 * What the rules say about one site, given a window of its readings: the pure half of the alarm
 * engine. For each (parameter, rule) judged it returns the findings and `judgedTo`, the end of the
 * latest data the rule could judge — a condition not found up to there has cleared. No I/O, no
 * clock: `now` is an argument, and only complete periods (ending at or before `now`) are judged.
 *
 * Which rules run where:
 * - outlets: exceedance against the limits in force (hourly means for `hour` limits — O2-corrected
 *   at the limit's reference O2 for flue gas — and daily means for `day` limits), constant value,
 *   zero/negative while running, out of range, sudden fall, missing data, flag abuse;
 * - air stations: AQI above threshold and neighbour spikes on hourly values, and out of range,
 *   missing data, flag abuse (no constant value: see `evaluateAir`);
 * - water sections: class worse than target on daily means, and the data-quality rules (constant
 *   value except water temperature).
 *
 * Hourly values: computed from minute data (HJ 212 2051) where the hour has any (validity rules of
 * monitor/source-series.ts), otherwise the device's own hourly value (2061; `<code>-Zs` when it sent
 * the corrected one). Daily values: means of the hourly ones (dailyMeans).
 */
import {
  classifyFlag,
  correctedHourlyMeans,
  dailyMeans,
  hourlyMeans,
  MINUTE_INTERVALS,
  type AggregateValue,
  type OutletMedium,
  type SeriesPoint,
} from '../monitor/source-series.js';
import { chinaDate, chinaDayStart } from '../standards/china-time.js';
import { correctToReferenceO2 } from '../standards/emission/index.js';
import type { OutletLimit } from '../store/limit.repository.js';
import type { WindowReading } from '../store/alarm-window.repository.js';
import type { SiteKind } from '../store/types.js';
import type { AlarmThresholdValues } from './thresholds.js';
import type { Finding, RuleSeries } from './types.js';
import { aqiHighRule } from './rules/aqi-high.js';
import { constantValueRule } from './rules/constant-value.js';
import { exceedanceRule } from './rules/exceedance.js';
import { flagAbuseRule } from './rules/flag-abuse.js';
import { missingDataRule } from './rules/missing-data.js';
import { neighbourSpikeRule } from './rules/neighbour-spike.js';
import { outOfRangeRule } from './rules/out-of-range.js';
import { suddenStepRule } from './rules/sudden-step.js';
import { waterClassRule } from './rules/water-class.js';
import { zeroNegativeRule } from './rules/zero-negative.js';
import type { LimitedClass } from '../standards/gb3838-2002.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** What the evaluation needs to know about a site. */
export interface EvalSite {
  id: number;
  kind: SiteKind;
  attributes: Record<string, unknown>;
}

/** The verdict of one rule on one parameter of one site. */
export interface Judgement {
  siteId: number;
  /** HJ 212 code or pseudo-parameter (`AQI`, `water-class`, `data`, `device`). */
  parameter: string;
  rule: Finding['rule'];
  /** Findings with `siteId` set, oldest evidence first. */
  findings: (Finding & { siteId: number })[];
  /** End of the latest data judged; null when there was nothing to judge. */
  judgedTo: Date | null;
}

export interface EvaluateSiteInput {
  site: EvalSite;
  /** The site's readings in the window (any intervals; `min` and `hour` are used). */
  readings: readonly WindowReading[];
  /** Limits in force for the site (outlets). */
  limits?: readonly OutletLimit[];
  thresholds: AlarmThresholdValues;
  now: Date;
  /** Start of the window; nothing before it is judged. */
  from: Date;
  /** Air stations: neighbouring stations' readings (hourly values are taken from them). */
  neighbours?: readonly { siteId: number; readings: readonly WindowReading[] }[];
}

/** Air pollutants of the AQI (HJ 212-2017 codes, docs/standards/hj212.md §8). */
const AQI_CODES = {
  so2: 'a21026',
  no2: 'a21004',
  co: 'a21005',
  o3: 'a05024',
  pm10: 'a34002',
  pm25: 'a34004',
} as const;

/** Parameters that are conditions or flows, not concentrations: no zero/step judgement. */
export const NOT_CONCENTRATIONS: ReadonlySet<string> = new Set([
  'a00000',
  'w00000',
  'a01011',
  'a01012',
  'a01013',
  'a01014',
  'a19001',
  'w01001',
  'w01010',
]);

const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;

/** Readings of one site split by parameter and interval, oldest first. */
class SiteData {
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

  points(interval: 'min' | 'hour', parameter: string): SeriesPoint[] {
    return this.byKey.get(`${interval}\u0000${parameter}`) ?? [];
  }

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
    const d = (b.periodStart.getTime() - a.periodStart.getTime()) / 60_000;
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
function hourlyValues(data: SiteData, parameter: string, o: HourlyOptions): AggregateValue[] {
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

/**
 * Hourly values of one parameter from readings (minute data where an hour has any, else the
 * device's hourly value), over hours ending at or before `options.completeBefore` (ms).
 */
export function hourlyValuesOf(
  readings: readonly WindowReading[],
  parameter: string,
  options: HourlyOptions,
): AggregateValue[] {
  return hourlyValues(new SiteData(readings), parameter, options);
}

/** Complete days only. */
function completeDays<T extends AggregateValue>(days: readonly T[], now: number): T[] {
  return days.filter((d) => d.periodEnd.getTime() <= now);
}

function latestValidEnd(periods: readonly AggregateValue[]): Date | null {
  let end: Date | null = null;
  for (const p of periods) if (p.valid && (end === null || p.periodEnd > end)) end = p.periodEnd;
  return end;
}

function latestEnd(points: readonly SeriesPoint[], stepMs: number): Date | null {
  const last = points[points.length - 1];
  return last === undefined ? null : new Date(floorTo(last.periodStart.getTime(), stepMs) + stepMs);
}

function maxDate(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

class Collector {
  private readonly out = new Map<string, Judgement>();
  constructor(private readonly siteId: number) {}

  add(parameter: string, rule: Finding['rule'], findings: readonly Finding[], judgedTo: Date | null): void {
    const key = `${parameter}\u0000${rule}`;
    const j = this.out.get(key) ?? { siteId: this.siteId, parameter, rule, findings: [], judgedTo: null };
    for (const f of findings) j.findings.push({ ...f, parameter, siteId: this.siteId });
    j.judgedTo = maxDate(j.judgedTo, judgedTo);
    this.out.set(key, j);
  }

  result(): Judgement[] {
    return [...this.out.values()].map((j) => ({
      ...j,
      findings: j.findings.sort((a, b) => a.window.to.getTime() - b.window.to.getTime()),
    }));
  }
}

/** The series a data-quality rule reads: minute data where there is any, else hourly values. */
function ruleSeries(data: SiteData, siteId: number, parameter: string, completeBefore: number): RuleSeries {
  const minutes = data.points('min', parameter).filter((p) => p.periodStart.getTime() < completeBefore);
  if (minutes.length > 0) {
    return { siteId, parameter, intervalMinutes: minuteIntervalOf(minutes), points: minutes };
  }
  const hours = data
    .points('hour', parameter)
    .filter((p) => p.periodStart.getTime() + HOUR_MS <= completeBefore);
  return { siteId, parameter, intervalMinutes: 60, points: hours };
}

function pointsAt(series: RuleSeries, data: SiteData, parameter: string): SeriesPoint[] {
  return data.points(series.intervalMinutes < 60 ? 'min' : 'hour', parameter);
}

/** China-local days overlapping [from, to), as [start, end) instants. */
function chinaDays(from: Date, to: Date): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  for (let start = chinaDayStart(chinaDate(from)); start < to; start = new Date(start.getTime() + DAY_MS)) {
    out.push({ start, end: new Date(start.getTime() + DAY_MS) });
  }
  return out;
}

function dataQuality(
  c: Collector,
  data: SiteData,
  site: EvalSite,
  input: EvaluateSiteInput,
  options: { zeroAndStep: boolean; medium?: OutletMedium; constant: (parameter: string) => boolean },
): void {
  const t = input.thresholds;
  const now = input.now.getTime();
  const completeHour = floorTo(now, HOUR_MS);
  for (const parameter of data.parameters) {
    const series = ruleSeries(data, site.id, parameter, now);
    if (series.points.length === 0) continue;
    const step = series.intervalMinutes * 60_000;
    const judgedTo = latestEnd(series.points, step);
    if (options.constant(parameter))
      c.add(parameter, 'constant-value', constantValueRule(series, t), judgedTo);
    c.add(parameter, 'out-of-range', outOfRangeRule(series, t), judgedTo);
    if (options.zeroAndStep && options.medium !== undefined && !NOT_CONCENTRATIONS.has(parameter)) {
      const flowCode = options.medium === 'gas' ? 'a00000' : 'w00000';
      const flow = pointsAt(series, data, flowCode);
      const running = {
        medium: options.medium,
        flow,
        temperature: pointsAt(series, data, 'a01012'),
      };
      c.add(parameter, 'zero-negative', zeroNegativeRule(series, running, t), judgedTo);
      // Falls only (docs/standards/alarms.md §3: "fall of more than X % with no load change"): a rise that
      // matters is an exceedance, judged by its own rule.
      const falls = suddenStepRule(series, flow, t).filter((f) => {
        const [a, b] = f.values;
        const before = a?.value ?? null;
        const after = b?.value ?? null;
        return before !== null && after !== null && after < before;
      });
      c.add(parameter, 'sudden-step', falls, judgedTo);
    }
    // Flag abuse over complete China days of hourly values.
    const hours = data.points('hour', parameter);
    for (const day of chinaDays(input.from, new Date(completeHour))) {
      if (day.end.getTime() > now || day.start < input.from) continue;
      const points = hours.filter((p) => p.periodStart >= day.start && p.periodStart < day.end);
      if (points.length === 0) continue;
      c.add(
        parameter,
        'flag-abuse',
        flagAbuseRule({ siteId: site.id, parameter, intervalMinutes: 60, points }, t),
        day.end,
      );
    }
  }
  missingData(c, data, site, input);
}

/**
 * Missing data of the site as a whole (pseudo-parameter `data`): an hour is present when any
 * parameter has a reading in it. Judged from the site's first reading in the window, on hourly
 * readings when the site sends them, else on minute data over the minute window only. Gaps in each
 * China day; the transmission rate of complete days only.
 */
function missingData(c: Collector, data: SiteData, site: EvalSite, input: EvaluateSiteInput): void {
  const useHours = data.has('hour');
  const present = new Set<number>();
  for (const r of input.readings) {
    const counted = r.interval === 'min' || (useHours && r.interval === 'hour');
    if (!counted) continue;
    if (r.value === null) continue;
    present.add(floorTo(r.periodStart.getTime(), HOUR_MS));
  }
  if (present.size === 0) return;
  const first = Math.min(...present);
  const end = floorTo(input.now.getTime(), HOUR_MS);
  const start = Math.max(first, input.from.getTime());
  if (!(end > start)) return;
  const points: SeriesPoint[] = [...present].map((t) => ({ periodStart: new Date(t), value: 1, flag: null }));
  const series: RuleSeries = { siteId: site.id, parameter: 'data', intervalMinutes: 60, points };
  for (const day of chinaDays(new Date(start), new Date(end))) {
    const from = new Date(Math.max(day.start.getTime(), start));
    const to = new Date(Math.min(day.end.getTime(), end));
    if (!(to > from)) continue;
    const complete = day.end.getTime() <= end && from.getTime() === day.start.getTime();
    const findings = missingDataRule(series, { from, to }, input.thresholds);
    c.add(
      'data',
      'missing-data',
      findings.filter((f) => f.rule === 'missing-data'),
      to,
    );
    if (complete)
      c.add(
        'data',
        'low-transmission',
        findings.filter((f) => f.rule === 'low-transmission'),
        to,
      );
  }
}

function evaluateOutlet(c: Collector, data: SiteData, input: EvaluateSiteInput): void {
  const { site } = input;
  const medium: OutletMedium = site.attributes.medium === 'water' ? 'water' : 'gas';
  const ownRef = typeof site.attributes.referenceO2Pct === 'number' ? site.attributes.referenceO2Pct : null;
  const now = input.now.getTime();
  for (const limit of input.limits ?? []) {
    if (!data.parameters.has(limit.parameter)) continue;
    const ref = medium === 'gas' ? (limit.referenceO2Pct ?? ownRef) : null;
    const hours = hourlyValues(data, limit.parameter, {
      medium,
      referenceO2Pct: ref,
      deviceReferenceO2Pct: ownRef,
      completeBefore: now,
    }).filter((h) => h.periodStart >= input.from);
    const periods =
      limit.averaging === 'hour'
        ? hours
        : completeDays(
            dailyMeans(hours, {
              medium,
              ...(medium === 'water'
                ? {
                    flowHours: hourlyValues(data, 'w00000', { medium, completeBefore: now }),
                  }
                : {}),
            }),
            now,
          ).filter((d) => d.periodStart >= input.from);
    const limitSpec = {
      value: limit.value,
      unit: limit.unit,
      standard: limit.standard,
      ...(limit.lowerValue !== null ? { lowerValue: limit.lowerValue } : {}),
      ...(limit.clause ? { clause: limit.clause } : {}),
    };
    const findings = exceedanceRule({
      siteId: site.id,
      parameter: limit.parameter,
      averaging: limit.averaging,
      periods,
      limit: limitSpec,
    });
    c.add(limit.parameter, 'exceedance', findings, latestValidEnd(periods));
  }
  dataQuality(c, data, site, input, { zeroAndStep: true, medium, constant: () => true });
}

function airHourly(data: SiteData, now: number, from: Date): Map<string, Map<number, number | null>> {
  const out = new Map<string, Map<number, number | null>>();
  for (const code of Object.values(AQI_CODES)) {
    const hours = hourlyValues(data, code, { medium: 'gas', completeBefore: now });
    const m = new Map<number, number | null>();
    for (const h of hours)
      if (h.periodStart >= from) m.set(h.periodStart.getTime(), h.valid ? h.value : null);
    out.set(code, m);
  }
  return out;
}

function evaluateAir(c: Collector, data: SiteData, input: EvaluateSiteInput): void {
  const { site, thresholds: t } = input;
  const now = input.now.getTime();
  const own = airHourly(data, now, input.from);
  const hoursWithData = new Set<number>();
  for (const m of own.values()) for (const [h, v] of m) if (v !== null) hoursWithData.add(h);
  const sorted = [...hoursWithData].sort((a, b) => a - b);
  const aqiFindings: Finding[] = [];
  for (const h of sorted) {
    const v = (code: string): number | null => own.get(code)?.get(h) ?? null;
    aqiFindings.push(
      ...aqiHighRule(
        {
          siteId: site.id,
          periodStart: new Date(h),
          so2: v(AQI_CODES.so2),
          no2: v(AQI_CODES.no2),
          co: v(AQI_CODES.co),
          o3: v(AQI_CODES.o3),
          pm10: v(AQI_CODES.pm10),
          pm25: v(AQI_CODES.pm25),
        },
        t,
      ),
    );
  }
  const last = sorted[sorted.length - 1];
  c.add('AQI', 'aqi-high', aqiFindings, last === undefined ? null : new Date(last + HOUR_MS));

  const neighbours = (input.neighbours ?? []).map((n) => ({
    siteId: n.siteId,
    hourly: airHourly(new SiteData(n.readings), now, input.from),
  }));
  for (const code of Object.keys(t.spikeMinDifference)) {
    const mine = own.get(code);
    if (mine === undefined) continue;
    const findings: Finding[] = [];
    let judged: number | null = null;
    for (const [h, value] of [...mine].sort((a, b) => a[0] - b[0])) {
      if (value === null) continue;
      judged = h + HOUR_MS;
      findings.push(
        ...neighbourSpikeRule(
          {
            siteId: site.id,
            parameter: code,
            periodStart: new Date(h),
            value,
            neighbours: neighbours.map((n) => ({
              siteId: n.siteId,
              value: n.hourly.get(code)?.get(h) ?? null,
            })),
          },
          t,
        ),
      );
    }
    c.add(code, 'neighbour-spike', findings, judged === null ? null : new Date(judged));
  }
  // No constant-value rule on ambient air: hourly means of low concentrations published as whole
  // µg/m³ (SO2 at 5–10) repeat for hours in clean air; the reference's heuristic is for CEMS.
  dataQuality(c, data, site, input, { zeroAndStep: false, constant: () => false });
}

const TARGETS: readonly string[] = ['I', 'II', 'III', 'IV', 'V'];

function evaluateWaterSection(c: Collector, data: SiteData, input: EvaluateSiteInput): void {
  const { site } = input;
  const now = input.now.getTime();
  const target = site.attributes.targetClass;
  const waterType = site.attributes.waterType === 'lake' ? 'lake' : 'river';
  if (typeof target === 'string' && TARGETS.includes(target)) {
    const byDay = new Map<number, Record<string, number | null>>();
    for (const code of data.parameters) {
      const hours = hourlyValues(data, code, { medium: 'water', completeBefore: now });
      for (const d of completeDays(dailyMeans(hours, { medium: 'water' }), now)) {
        if (d.periodStart < input.from || !d.valid) continue;
        const values = byDay.get(d.periodStart.getTime()) ?? {};
        values[code] = d.value;
        byDay.set(d.periodStart.getTime(), values);
      }
    }
    const findings: Finding[] = [];
    let judged: number | null = null;
    for (const [day, values] of [...byDay].sort((a, b) => a[0] - b[0])) {
      judged = day + DAY_MS;
      findings.push(
        ...waterClassRule({
          siteId: site.id,
          periodStart: new Date(day),
          periodEnd: new Date(day + DAY_MS),
          waterType,
          targetClass: target as LimitedClass,
          values,
        }),
      );
    }
    // One key per section: the worst item changes from day to day; it stays in the evidence.
    c.add('water-class', 'water-class', findings, judged === null ? null : new Date(judged));
  }
  // Water temperature (w01010) changes slowly at a 0.1 °C resolution: equal hours are expected.
  dataQuality(c, data, site, input, { zeroAndStep: false, constant: (p) => p !== 'w01010' });
}

/** Every judgement of the rules on one site over the window. */
export function evaluateSite(input: EvaluateSiteInput): Judgement[] {
  const c = new Collector(input.site.id);
  const data = new SiteData(input.readings);
  switch (input.site.kind) {
    case 'outlet':
      evaluateOutlet(c, data, input);
      break;
    case 'air_station':
      evaluateAir(c, data, input);
      break;
    case 'water_section':
      evaluateWaterSection(c, data, input);
      break;
    case 'micro_sensor':
      dataQuality(c, data, input.site, input, { zeroAndStep: false, constant: () => true });
      break;
    case 'enterprise':
      break;
    default: {
      const impossible: never = input.site.kind;
      throw new Error(`unknown site kind ${String(impossible)}`);
    }
  }
  return c.result();
}
