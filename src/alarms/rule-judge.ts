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
 *   missing data, flag abuse (no constant value: see `judgeAir`);
 * - water sections: class worse than target on daily means, and the data-quality rules (constant
 *   value except water temperature).
 *
 * Hourly values (monitor/site-readings.ts): computed from minute data (HJ 212 2051) where the hour
 * has any (validity rules of monitor/source-series.ts), otherwise the device's own hourly value
 * (2061; `<code>-Zs` when it sent the corrected one). Daily values: means of the hourly ones
 * (dailyMeans).
 */
import { hourlyValues, minuteIntervalOf, SiteReadings } from '../monitor/site-readings.js';
import {
  dailyMeans,
  NOT_CONCENTRATIONS,
  type AggregateValue,
  type OutletMedium,
  type SeriesPoint,
} from '../monitor/source-series.js';
import { chinaDate, chinaDayStart, DAY_MS, HOUR_MS, MINUTE_MS } from '../standards/china-time.js';
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
import { AIR_PARAMETER_CODES } from '../monitor/air-assessment.js';

/** What the judge needs to know about a site. */
export interface JudgedSite {
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

export interface JudgeSiteInput {
  site: JudgedSite;
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

/** Air pollutants of the AQI by their HJ 212-2017 codes (the air assessment's one table). */
const AQI_CODES = AIR_PARAMETER_CODES;

const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;

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
function ruleSeries(
  data: SiteReadings,
  siteId: number,
  parameter: string,
  completeBefore: number,
): RuleSeries {
  const minutes = data.points('min', parameter).filter((p) => p.periodStart.getTime() < completeBefore);
  if (minutes.length > 0) {
    return { siteId, parameter, intervalMinutes: minuteIntervalOf(minutes), points: minutes };
  }
  const hours = data
    .points('hour', parameter)
    .filter((p) => p.periodStart.getTime() + HOUR_MS <= completeBefore);
  return { siteId, parameter, intervalMinutes: 60, points: hours };
}

function pointsAt(series: RuleSeries, data: SiteReadings, parameter: string): SeriesPoint[] {
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
  data: SiteReadings,
  site: JudgedSite,
  input: JudgeSiteInput,
  options: { zeroAndStep: boolean; medium?: OutletMedium; constant: (parameter: string) => boolean },
): void {
  const t = input.thresholds;
  const now = input.now.getTime();
  const completeHour = floorTo(now, HOUR_MS);
  for (const parameter of data.parameters) {
    const series = ruleSeries(data, site.id, parameter, now);
    if (series.points.length === 0) continue;
    const step = series.intervalMinutes * MINUTE_MS;
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
function missingData(c: Collector, data: SiteReadings, site: JudgedSite, input: JudgeSiteInput): void {
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

function judgeOutlet(c: Collector, data: SiteReadings, input: JudgeSiteInput): void {
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

function airHourly(data: SiteReadings, now: number, from: Date): Map<string, Map<number, number | null>> {
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

function judgeAir(c: Collector, data: SiteReadings, input: JudgeSiteInput): void {
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
    hourly: airHourly(new SiteReadings(n.readings), now, input.from),
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

function judgeWaterSection(c: Collector, data: SiteReadings, input: JudgeSiteInput): void {
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
export function judgeSite(input: JudgeSiteInput): Judgement[] {
  const c = new Collector(input.site.id);
  const data = new SiteReadings(input.readings);
  switch (input.site.kind) {
    case 'outlet':
      judgeOutlet(c, data, input);
      break;
    case 'air_station':
      judgeAir(c, data, input);
      break;
    case 'water_section':
      judgeWaterSection(c, data, input);
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
