/**
 * An outlet's compliance report per China-local day and for the month: hours received and valid,
 * hours exceeding the hourly limits (per parameter), days exceeding the daily limits, pollutant
 * loads, and transmission and validity rates — all from source-series.ts and site-readings.ts.
 *
 * An hour is valid when every limited parameter the outlet reports has a valid hourly value (every
 * reported pollutant when none is limited). Pure: readings and limits come in as arguments; the
 * source service passes the device's hourly values (2061), and minute data passed in are rolled up.
 */
import { chinaDate, chinaMonthRange, DAY_MS, HOUR_MS } from '../standards/china-time.js';
import type { WindowReading } from '../store/alarm-window.repository.js';
import type { OutletLimit } from '../store/limit.repository.js';
import { hourlyValues, SiteReadings } from './site-readings.js';
import {
  dailyLoads,
  dailyMeans,
  hourlyLoads,
  NOT_CONCENTRATIONS,
  outletTransmission,
  type AggregateValue,
  type OutletMedium,
  type SeriesPoint,
} from './source-series.js';

export interface ComplianceRates {
  /** 传输率: received / expected hourly values, all parameters pooled. */
  transmissionRate: number;
  /** 有效率: valid / received; null when nothing was received. */
  validityRate: number | null;
  /** 有效传输率 = 有效率 × 传输率. */
  effectiveTransmissionRate: number;
}

export interface ComplianceDay extends ComplianceRates {
  date: string;
  /** Hours of the day with any hourly value. */
  hoursReceived: number;
  hoursValid: number;
  /** Hours with at least one hourly-limit exceedance. */
  hoursExceeding: number;
  exceedingHoursByParameter: Record<string, number>;
  /** Parameters whose valid daily mean exceeded a daily limit. */
  dailyExceedances: string[];
  /** Pollutant loads of the day, kg (measured concentration × flow). */
  loadsKg: Record<string, number>;
}

export interface ComplianceSummary {
  month: string;
  days: ComplianceDay[];
  total: Omit<ComplianceDay, 'date' | 'dailyExceedances'> & { daysWithDailyExceedance: number };
}

export interface ComplianceInput {
  /** `YYYY-MM`, China-local. */
  month: string;
  medium: OutletMedium;
  referenceO2Pct: number | null;
  readings: readonly WindowReading[];
  limits: readonly OutletLimit[];
  /** Hours ending after this are not counted (the month so far). */
  now: Date;
}

function ratesOf(expected: number, received: number, valid: number): ComplianceRates {
  return {
    transmissionRate: expected === 0 ? 0 : received / expected,
    validityRate: received === 0 ? null : valid / received,
    effectiveTransmissionRate: expected === 0 ? 0 : valid / expected,
  };
}

/**
 * The compliance report of one outlet for one China-local month (up to the last complete hour before
 * `now`). Throws a RangeError for a malformed month.
 */
export function outletCompliance(input: ComplianceInput): ComplianceSummary {
  const { from, to } = chinaMonthRange(input.month);
  const end = Math.min(to.getTime(), Math.floor(input.now.getTime() / HOUR_MS) * HOUR_MS);
  const readings = input.readings.filter((r) => r.periodStart >= from && r.periodStart.getTime() < end);
  const parameters = [...new Set(readings.map((r) => r.parameter).filter((p) => !p.includes('-')))].sort();
  const pollutants = parameters.filter((p) => !NOT_CONCENTRATIONS.has(p));
  // Limited parameters the outlet reports (a limit on Hg means nothing for a stack without an Hg analyser).
  const limited = [...new Set(input.limits.map((l) => l.parameter))].filter((p) => parameters.includes(p));
  const judged = limited.length > 0 ? limited : pollutants;
  const data = new SiteReadings(readings);
  const hourly = new Map<string, AggregateValue[]>();
  const valuesFor = (parameter: string, ref: number | null): AggregateValue[] => {
    const key = `${parameter}@${ref ?? ''}`;
    let v = hourly.get(key);
    if (v === undefined) {
      v = hourlyValues(data, parameter, {
        medium: input.medium,
        referenceO2Pct: input.medium === 'gas' ? ref : null,
        deviceReferenceO2Pct: input.referenceO2Pct,
        completeBefore: end,
      });
      hourly.set(key, v);
    }
    return v;
  };

  // Exceeding hours and days.
  const exceedHours = new Map<number, Set<string>>();
  const exceedDays = new Map<string, Set<string>>();
  for (const limit of input.limits) {
    const ref = limit.referenceO2Pct ?? input.referenceO2Pct;
    const hours = valuesFor(limit.parameter, ref);
    const over = (v: number): boolean =>
      v > limit.value || (limit.lowerValue !== null && v < limit.lowerValue);
    if (limit.averaging === 'hour') {
      for (const h of hours) {
        if (!h.valid || h.value === null || !over(h.value)) continue;
        const set = exceedHours.get(h.periodStart.getTime()) ?? new Set<string>();
        set.add(limit.parameter);
        exceedHours.set(h.periodStart.getTime(), set);
      }
    } else {
      for (const d of dailyMeans(hours, { medium: input.medium })) {
        if (!d.valid || d.value === null || !over(d.value) || d.periodEnd.getTime() > end) continue;
        const set = exceedDays.get(d.date) ?? new Set<string>();
        set.add(limit.parameter);
        exceedDays.set(d.date, set);
      }
    }
  }
  const validHours = new Map<number, number>();
  const receivedHours = new Set<number>();
  for (const r of readings) receivedHours.add(Math.floor(r.periodStart.getTime() / HOUR_MS) * HOUR_MS);
  for (const p of judged) {
    const limit = input.limits.find((l) => l.parameter === p);
    for (const h of valuesFor(p, limit?.referenceO2Pct ?? input.referenceO2Pct)) {
      if (h.valid)
        validHours.set(h.periodStart.getTime(), (validHours.get(h.periodStart.getTime()) ?? 0) + 1);
    }
  }

  // Loads per pollutant: measured hourly values × flow.
  const flowCode = input.medium === 'gas' ? 'a00000' : 'w00000';
  const asPoints = (values: readonly AggregateValue[]): SeriesPoint[] =>
    values.map((v) => ({
      periodStart: v.periodStart,
      value: v.valid ? v.value : null,
      flag: v.valid ? 'N' : v.flag,
    }));
  const flow = asPoints(valuesFor(flowCode, null));
  const loads = new Map<string, Map<string, number>>();
  for (const p of pollutants) {
    const hours = hourlyLoads(asPoints(valuesFor(p, null)), flow, {
      medium: input.medium,
      intervalMinutes: 60,
    });
    for (const d of dailyLoads(hours)) {
      const day = loads.get(d.date) ?? new Map<string, number>();
      day.set(p, d.kg);
      loads.set(d.date, day);
    }
  }

  const days: ComplianceDay[] = [];
  for (let t = from.getTime(); t < end; t += DAY_MS) {
    const date = chinaDate(new Date(t));
    const dayEnd = Math.min(t + DAY_MS, end);
    const byParameter: Record<string, readonly SeriesPoint[]> = {};
    for (const p of judged) {
      byParameter[p] = asPoints(valuesFor(p, null)).filter(
        (v) => v.periodStart.getTime() >= t && v.periodStart.getTime() < dayEnd,
      );
    }
    const tx = outletTransmission(byParameter, { date, intervalMinutes: 60 });
    const hoursInDay = Math.round((dayEnd - t) / HOUR_MS);
    // A partial day (today) expects only the hours so far.
    const expected = judged.length * hoursInDay;
    let hoursReceived = 0;
    let hoursValid = 0;
    let hoursExceeding = 0;
    const exceedingHoursByParameter: Record<string, number> = {};
    for (let h = t; h < dayEnd; h += HOUR_MS) {
      if (receivedHours.has(h)) hoursReceived += 1;
      if ((validHours.get(h) ?? 0) >= judged.length && judged.length > 0) hoursValid += 1;
      const over = exceedHours.get(h);
      if (over !== undefined) {
        hoursExceeding += 1;
        for (const p of over) exceedingHoursByParameter[p] = (exceedingHoursByParameter[p] ?? 0) + 1;
      }
    }
    days.push({
      date,
      hoursReceived,
      hoursValid,
      hoursExceeding,
      exceedingHoursByParameter,
      dailyExceedances: [...(exceedDays.get(date) ?? [])].sort(),
      loadsKg: Object.fromEntries(loads.get(date) ?? []),
      ...ratesOf(expected, tx.received, tx.valid),
    });
  }

  const sum = (f: (d: ComplianceDay) => number): number => days.reduce((n, d) => n + f(d), 0);
  const exceedingTotal: Record<string, number> = {};
  const loadsTotal: Record<string, number> = {};
  for (const d of days) {
    for (const [p, n] of Object.entries(d.exceedingHoursByParameter))
      exceedingTotal[p] = (exceedingTotal[p] ?? 0) + n;
    for (const [p, kg] of Object.entries(d.loadsKg)) loadsTotal[p] = (loadsTotal[p] ?? 0) + kg;
  }
  const expected = judged.length * Math.max(0, Math.round((end - from.getTime()) / HOUR_MS));
  let received = 0;
  let valid = 0;
  for (const p of judged) {
    for (const v of asPoints(valuesFor(p, null))) {
      received += 1;
      if (v.value !== null) valid += 1;
    }
  }
  return {
    month: input.month,
    days,
    total: {
      hoursReceived: sum((d) => d.hoursReceived),
      hoursValid: sum((d) => d.hoursValid),
      hoursExceeding: sum((d) => d.hoursExceeding),
      exceedingHoursByParameter: exceedingTotal,
      loadsKg: loadsTotal,
      daysWithDailyExceedance: days.filter((d) => d.dailyExceedances.length > 0).length,
      ...ratesOf(expected, received, valid),
    },
  };
}
