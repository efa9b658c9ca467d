import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../standards/china-time.js';
import type { EnterpriseHour, OutletHour } from './compliance.js';
import { achievedCutKg, baselineOf, enterpriseHours, judgeHour, obligationStatus } from './compliance.js';
import type { Measure } from './measures.js';

// 2026-12-01T00:00 China time.
const T0 = Date.UTC(2026, 10, 30, 16);
const all = (pct: number) => ({ so2: pct, nox: pct, pm: pct, vocs: pct });
const measure = (kind: Measure['kind'], pct = 0): Measure => ({
  level: 'orange',
  kind,
  cutPct: all(pct),
  text: '',
  from: 'template',
});

const hour = (h: number, so2: number, flow: number): EnterpriseHour => ({
  hour: T0 + h * HOUR_MS,
  complete: true,
  loadsKg: { so2 },
  flowM3h: flow,
  silent: [],
});

describe('enterpriseHours', () => {
  it('sums outlets; a silent outlet makes the hour incomplete', () => {
    const rows: OutletHour[] = [
      { outlet: 'G1', hour: T0, loadsKg: { so2: 1, pm: 0.5 }, flowM3h: 1000 },
      { outlet: 'G2', hour: T0, loadsKg: { so2: 2 }, flowM3h: 3000 },
      { outlet: 'G1', hour: T0 + HOUR_MS, loadsKg: { so2: 1, pm: null }, flowM3h: 1000 },
      { outlet: 'G2', hour: T0 + HOUR_MS, loadsKg: { so2: 2 }, flowM3h: 3000 },
    ];
    const [a, b, c] = enterpriseHours(['G1', 'G2'], rows, T0, T0 + 3 * HOUR_MS);
    expect(a).toEqual({ hour: T0, complete: true, loadsKg: { so2: 3, pm: 0.5 }, flowM3h: 4000, silent: [] });
    expect(b).toMatchObject({ complete: false, silent: ['G1'] });
    expect(c).toMatchObject({ complete: false, silent: ['G1', 'G2'], flowM3h: null });
  });
});

describe('baselineOf — median of the same hours over the 7 days before', () => {
  it('takes the median per China-local hour, leaving out incomplete hours and hours outside the week', () => {
    const alertStart = T0 + 8 * 24 * HOUR_MS;
    const hours: EnterpriseHour[] = [];
    // Days 1..7 before the alert at 00:00: so2 10, 20, …, 70 — median 40; day 8 (outside) is 1000.
    for (let d = 1; d <= 8; d += 1) hours.push(hour(8 * 24 - d * 24, d === 8 ? 1000 : d * 10, 100 * d));
    hours.push({ ...hour(8 * 24 - 24 + 1, 5, 5), complete: false });
    const base = baselineOf(hours, alertStart);
    expect(base.get(0)).toEqual({ loadsKg: { so2: 40 }, flowM3h: 400, days: 7 });
    expect(base.has(1)).toBe(false);
  });
});

describe('judgeHour', () => {
  const base = { loadsKg: { so2: 10 }, flowM3h: 1000, days: 7 };
  it.each([
    // cut 30 %: allowed 10 × 0.7 × 1.1 = 7.7 kg.
    ['cut 30 %: 7.7 kg is allowed', measure('cut', 30), 7.7, 600, 'compliant'],
    ['cut 30 %: 7.8 kg is over', measure('cut', 30), 7.8, 600, 'non_compliant'],
    // no-increase: 10 × 1.1 = 11.
    ['no-increase: 11 kg is allowed', measure('no-increase'), 11, 1000, 'compliant'],
    ['no-increase: 12 kg is over', measure('no-increase'), 12, 1000, 'non_compliant'],
    // stop: loads ≤ 1 kg and flow ≤ 100 m³/h.
    ['stop: near-zero flow and load', measure('stop'), 0.5, 80, 'compliant'],
    ['stop: the fans still run (flow over 10 %)', measure('stop'), 0.5, 400, 'non_compliant'],
    ['voluntary: anything with data', measure('voluntary'), 50, 5000, 'compliant'],
  ] as const)('%s', (_n, m, so2, flow, verdict) => {
    expect(judgeHour(hour(0, so2, flow), base, m).verdict).toBe(verdict);
  });

  it('a silent CEMS is no_data, not compliant; so is an hour without a baseline', () => {
    const silent = { ...hour(0, 0, 0), complete: false, silent: ['G1'] };
    expect(judgeHour(silent, base, measure('stop'))).toMatchObject({
      verdict: 'no_data',
      reasons: ['silent:G1'],
    });
    expect(judgeHour(hour(0, 1, 1), undefined, measure('cut', 20))).toMatchObject({
      verdict: 'no_data',
      reasons: ['no-baseline'],
    });
  });

  it('keeps the evidence: actual, baseline, allowed', () => {
    const e = judgeHour(hour(0, 9, 900), base, measure('cut', 20));
    expect(e).toMatchObject({
      actualKg: { so2: 9 },
      baselineKg: { so2: 10 },
      allowedKg: { so2: 8.8 },
      verdict: 'non_compliant',
      reasons: ['so2 over 8.8'],
    });
  });
});

describe('obligationStatus and achieved cut', () => {
  const base = { loadsKg: { so2: 10 }, flowM3h: 1000, days: 7 };
  const silent = (h: number) =>
    judgeHour({ ...hour(h, 0, 0), complete: false, silent: ['G1'] }, base, measure('cut', 30));
  const cut = (h: number, so2: number) => judgeHour(hour(h, so2, 500), base, measure('cut', 30));

  it('pending before any hour', () => {
    expect(obligationStatus([])).toBe('pending');
  });
  it('one noisy hour over does not condemn a firm whose summed loads stay within the allowed (7.7 kg/h)', () => {
    const hours = [cut(0, 9), cut(1, 6), cut(2, 6)];
    expect(hours.map((h) => h.verdict)).toEqual(['non_compliant', 'compliant', 'compliant']);
    // 21 kg ≤ 3 × 7.7 = 23.1 kg.
    expect(obligationStatus(hours)).toBe('compliant');
  });
  it('summed loads over the allowed are non-compliant', () => {
    // 8 + 8 + 8 = 24 kg > 23.1 kg, though no hour is far over.
    expect(obligationStatus([cut(0, 8), cut(1, 8), cut(2, 8)])).toBe('non_compliant');
  });
  it('a stopped plant whose fans run is non-compliant on flow alone', () => {
    const h = judgeHour(hour(0, 0.1, 400), base, measure('stop'));
    expect(h.allowedFlowM3h).toBe(100);
    expect(obligationStatus([h])).toBe('non_compliant');
  });
  it.each([
    ['three silent hours in a row', [0, 1, 2], 20, 'no_data'],
    ['two silent hours in a row out of 20 (10 %)', [0, 1], 20, 'compliant'],
    ['three scattered silent hours out of 20 (15 %)', [0, 5, 10], 20, 'no_data'],
  ] as const)('%s → %s', (_n, silentHours, total, status) => {
    const hours = Array.from({ length: total }, (_, h) =>
      (silentHours as readonly number[]).includes(h) ? silent(h) : cut(h, 6),
    );
    expect(obligationStatus(hours)).toBe(status);
  });

  it('sums baseline − actual over hours with data', () => {
    const hours = [cut(0, 6), cut(1, 8), silent(2)];
    expect(achievedCutKg(hours)).toEqual({ so2: 6 });
  });
});
