import { describe, expect, it } from 'vitest';
import { chinaLocalToUtc } from './china-time.js';
import {
  EMISSION_LIMITS,
  EMISSION_STANDARD_IDS,
  EmissionLimitError,
  isEmissionStandardId,
  limitFor,
  limitsFor,
  type EmissionLimit,
} from './emission-limits.js';

const values = (rows: readonly EmissionLimit[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [`${r.parameter}/${r.averaging}`, r.value]));

// Expected numbers: docs/standards/emission-limits.md §4 (air and water) unless said otherwise.
describe('ultra-low emission, 环发〔2015〕164号 (docs/standards/emission-limits.md §4)', () => {
  it('coal units: PM 10, SO2 35, NOx 50 mg/m³ at 6 % O2', () => {
    const rows = limitsFor('ultra-low-2015', { fuel: 'coal', unitType: 'boiler' }, '2020-01-01');
    expect(values(rows)).toEqual({ 'a34013/hour': 10, 'a21026/hour': 35, 'a21002/hour': 50 });
    expect(rows.every((r) => r.referenceO2Pct === 6 && r.unit === 'mg/m3')).toBe(true);
  });

  it('gas turbines: 5 / 35 / 50 at 15 %', () => {
    const rows = limitsFor('ultra-low-2015', { unitType: 'gas-turbine' }, '2020-01-01');
    expect(values(rows)).toEqual({ 'a34013/hour': 5, 'a21026/hour': 35, 'a21002/hour': 50 });
    expect(rows[0]?.referenceO2Pct).toBe(15);
  });
});

describe('GB 13223-2011 (docs/standards/emission-limits.md §4)', () => {
  const coal = { fuel: 'coal', unitType: 'boiler', tier: 'general' } as const;

  it('new coal boiler, general region: PM 30, SO2 100, NOx 100, Hg 0.03 at 6 %', () => {
    const rows = limitsFor(
      'GB 13223-2011',
      { ...coal, unitAge: 'new', sulfurRegion: 'general', noxGroup: 'general' },
      '2016-01-01',
    );
    expect(values(rows)).toEqual({
      'a34013/hour': 30,
      'a21026/hour': 100,
      'a21002/hour': 100,
      'a20057/hour': 0.03,
    });
  });

  it('existing coal boiler in the southwest, W-flame: SO2 400, NOx 200', () => {
    const rows = limitsFor(
      'GB 13223-2011',
      { ...coal, unitAge: 'existing', sulfurRegion: 'southwest', noxGroup: 'relaxed' },
      '2016-01-01',
    );
    expect(values(rows)).toMatchObject({ 'a21026/hour': 400, 'a21002/hour': 200 });
  });

  it('Hg only from 2015-01-01; existing units only from 2014-07-01 (dates from memory)', () => {
    const q = { ...coal, unitAge: 'existing', sulfurRegion: 'general', noxGroup: 'general' } as const;
    expect(limitsFor('GB 13223-2011', q, '2014-06-30')).toEqual([]);
    expect(values(limitsFor('GB 13223-2011', q, '2014-07-01'))).not.toHaveProperty('a20057/hour');
    expect(values(limitsFor('GB 13223-2011', q, '2015-01-01'))).toHaveProperty('a20057/hour', 0.03);
  });

  it('gas boiler 5/35/100 at 3 %; gas turbine 5/35/50 at 15 %; key-region coal 20/50/100', () => {
    const gasBoiler = limitsFor(
      'GB 13223-2011',
      { fuel: 'gas', unitType: 'boiler', tier: 'general', unitAge: 'new' },
      '2020-01-01',
    );
    expect(values(gasBoiler)).toEqual({ 'a34013/hour': 5, 'a21026/hour': 35, 'a21002/hour': 100 });
    expect(gasBoiler[0]?.referenceO2Pct).toBe(3);
    const turbine = limitFor(
      'GB 13223-2011',
      'a21002',
      'hour',
      { unitType: 'gas-turbine', tier: 'general', unitAge: 'new' },
      '2020-01-01',
    );
    expect(turbine?.value).toBe(50);
    expect(turbine?.referenceO2Pct).toBe(15);
    const special = limitsFor(
      'GB 13223-2011',
      { fuel: 'coal', unitType: 'boiler', tier: 'special' },
      '2020-01-01',
    );
    expect(values(special)).toEqual({
      'a34013/hour': 20,
      'a21026/hour': 50,
      'a21002/hour': 100,
      'a20057/hour': 0.03,
    });
  });

  it('an under-specified query names what to add', () => {
    try {
      limitsFor('GB 13223-2011', { ...coal, unitAge: 'new' }, '2020-01-01');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EmissionLimitError);
      const err = e as EmissionLimitError;
      expect(err.code).toBe('EMISSION_LIMIT_AMBIGUOUS');
      expect(err.dimensions.length).toBeGreaterThan(0);
      expect(['sulfurRegion', 'noxGroup']).toContain(err.dimensions[0]);
    }
  });
});

describe('GB 13271-2014 boilers (docs/standards/emission-limits.md §4)', () => {
  it.each([
    ['coal', 9, 50, 300, 300],
    ['oil', 3.5, 30, 200, 250],
    ['gas', 3.5, 20, 50, 200],
  ] as const)('new %s boiler at %d %% O2: PM %d, SO2 %d, NOx %d', (fuel, o2, pm, so2, nox) => {
    const rows = limitsFor('GB 13271-2014', { fuel, unitAge: 'new', tier: 'general' }, '2020-01-01');
    expect(values(rows)).toEqual({ 'a34013/hour': pm, 'a21026/hour': so2, 'a21002/hour': nox });
    expect(rows.every((r) => r.referenceO2Pct === o2 && r.inReference)).toBe(true);
  });

  it.each([
    ['coal', 30, 200, 200],
    ['oil', 30, 100, 200],
    ['gas', 20, 50, 150],
  ] as const)('special limits, %s: %d / %d / %d', (fuel, pm, so2, nox) => {
    const rows = limitsFor('GB 13271-2014', { fuel, unitAge: 'existing', tier: 'special' }, '2020-01-01');
    expect(values(rows)).toEqual({ 'a34013/hour': pm, 'a21026/hour': so2, 'a21002/hour': nox });
  });

  it('existing boilers (Table 1) are marked as not in the reference', () => {
    const rows = limitsFor(
      'GB 13271-2014',
      { fuel: 'coal', unitAge: 'existing', tier: 'general' },
      '2020-01-01',
    );
    expect(values(rows)).toEqual({ 'a34013/hour': 80, 'a21026/hour': 400, 'a21002/hour': 400 });
    expect(rows.every((r) => !r.inReference && (r.note ?? '').includes('memory'))).toBe(true);
  });

  it('without tier the lookup is ambiguous and says "tier"', () => {
    expect(() => limitsFor('GB 13271-2014', { fuel: 'gas', unitAge: 'new' }, '2020-01-01')).toThrow(
      /specify tier/,
    );
  });

  it('starts on 2014-07-01 China time (an instant is read in China time)', () => {
    const q = { fuel: 'gas', unitAge: 'new', tier: 'general' } as const;
    const midnight = chinaLocalToUtc({
      year: 2014,
      month: 7,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    expect(limitsFor('GB 13271-2014', q, new Date(midnight.getTime() - 1))).toEqual([]);
    expect(limitsFor('GB 13271-2014', q, midnight)).toHaveLength(3);
  });
});

describe('GB 18485-2014 incineration (docs/standards/emission-limits.md §4): 1-h / 24-h at 11 %', () => {
  it('PM 30/20, NOx 300/250, SO2 100/80, HCl 60/50, CO 100/80', () => {
    const rows = limitsFor('GB 18485-2014', { unitAge: 'existing' }, '2020-01-01');
    expect(values(rows)).toEqual({
      'a34013/hour': 30,
      'a34013/day': 20,
      'a21002/hour': 300,
      'a21002/day': 250,
      'a21026/hour': 100,
      'a21026/day': 80,
      'a21024/hour': 60,
      'a21024/day': 50,
      'a21005/hour': 100,
      'a21005/day': 80,
    });
  });
});

describe('GB 18918-2002 class 1-A (docs/standards/emission-limits.md §4)', () => {
  it('COD 50, BOD5 10, SS 10, TN 15, NH3-N 5 (8 at ≤ 12 °C), TP 0.5 (1 before 2006)', () => {
    const warm = limitsFor(
      'GB 18918-2002',
      { waterTemperature: 'above-12c', commissioned: 'from-2006' },
      '2020-01-01',
    );
    expect(values(warm)).toMatchObject({
      'w01018/day': 50,
      'w01017/day': 10,
      'w01012/day': 10,
      'w21001/day': 15,
      'w21003/day': 5,
      'w21011/day': 0.5,
    });
    const cold = limitsFor(
      'GB 18918-2002',
      { waterTemperature: 'at-or-below-12c', commissioned: 'before-2006' },
      '2020-01-01',
    );
    expect(values(cold)).toMatchObject({ 'w21003/day': 8, 'w21011/day': 1 });
    expect(warm.every((r) => r.unit === 'mg/L' || r.unit === 'pH')).toBe(true);
  });

  it('pH 6–9 is a range, from memory', () => {
    const ph = limitFor('GB 18918-2002', 'w01001', 'day', {}, '2020-01-01');
    expect(ph).toMatchObject({ value: 9, lowerValue: 6, inReference: false });
  });
});

describe('GB 8978-1996 grade 1 (docs/standards/emission-limits.md §4)', () => {
  it('COD 100 for other units, 60 for municipal secondary WWTPs; NH3-N 15; phosphate 0.5; pH 6–9', () => {
    const other = limitsFor('GB 8978-1996', { dischargerType: 'other' }, '2020-01-01');
    expect(values(other)).toEqual({
      'w01018/day': 100,
      'w21003/day': 15,
      'w21011/day': 0.5,
      'w01001/day': 9,
    });
    expect(
      limitFor('GB 8978-1996', 'w01018', 'day', { dischargerType: 'municipal-secondary-wwtp' }, '2020-01-01')
        ?.value,
    ).toBe(60);
  });

  it('limitFor only needs the dimensions of its own parameter', () => {
    expect(limitFor('GB 8978-1996', 'w21003', 'day', {}, '2020-01-01')?.value).toBe(15);
    expect(limitFor('GB 8978-1996', 'a21026', 'hour', {}, '2020-01-01')).toBeNull();
  });
});

describe('the tables (invariants)', () => {
  it('every row is well formed', () => {
    for (const r of EMISSION_LIMITS) {
      expect(r.parameter).toMatch(/^[aw]\d{5}$/);
      expect(r.value).toBeGreaterThan(0);
      expect(r.referenceO2Pct === null).toBe(r.unit !== 'mg/m3');
      if (r.validFrom !== null && r.validTo !== null) expect(r.validFrom <= r.validTo).toBe(true);
      if (!r.inReference) expect(r.note).toBeTruthy();
      expect(['text', 'secondary', 'unverified']).toContain(r.evidence);
      expect(r.clause).toBeTruthy();
    }
  });

  it('names the demo outlets’ standards it knows', () => {
    expect(EMISSION_STANDARD_IDS.filter(isEmissionStandardId)).toHaveLength(EMISSION_STANDARD_IDS.length);
    expect(isEmissionStandardId('GB 13271-2014')).toBe(true);
    expect(isEmissionStandardId('DB33/2169-2018')).toBe(false);
  });

  it('rejects a malformed date', () => {
    expect(() => limitsFor('GB 8978-1996', {}, '2020/01/01')).toThrow(EmissionLimitError);
  });
});
