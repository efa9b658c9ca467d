import { describe, expect, it } from 'vitest';
import { CARBON_FACTOR_LIBRARY } from '../standards/carbon-factors.js';
import { runCarbonCalc } from './carbon-calc.js';
import { DEFAULT_FACTOR_CHOICE, type FactorRow } from './factor-choice.js';

const rows: FactorRow[] = CARBON_FACTOR_LIBRARY.map((f, i) => ({ ...f, id: i + 1 }));

describe('carbon calculator (docs/carbon.md §9)', () => {
  it('2024 with the default choice: Zhejiang 2022 grid factor (newest published), MEE-guide natural gas', () => {
    // grid: no Zhejiang row for 2024 → the newest earlier one, 2022: 0.5153 (stale)
    // electricity 1000 MWh × 0.5153 = 515.3; natural gas 10 × 21.62188809 = 216.2188809
    // total = 731.5188809 → 731.5189 t; tce = 1000 × 0.1229 + 10 × 12.143 = 244.33
    // L = 731.5188809 / 1000 = 0.7315… → medium; K = 0.7315188809 / 0.6 = 1.2191… → grade 4
    const r = runCarbonCalc(
      {
        quantities: { electricity: 1000, natural_gas: 10 },
        valueAdded: 1000,
        sectorIntensity: 0.6,
        year: 2024,
      },
      rows,
      DEFAULT_FACTOR_CHOICE,
    );
    expect(r.co2.total).toBe(731.5189);
    expect(r.co2.byCarrier).toEqual({ electricity: 515.3, natural_gas: 216.2189 });
    expect(r.tce).toBe(244.33);
    expect(r).toMatchObject({ intensity: 0.7315, level: 'medium', k: 1.2192, grade: 4 });
    const grid = r.factors.find((f) => f.key === 'co2.grid');
    expect(grid).toMatchObject({ value: '0.5153', region: '330000', validFrom: '2022-01-01', stale: true });
    expect(r.factors.find((f) => f.key === 'tce.natural_gas')).toMatchObject({
      family: 'gbt2589-2008',
      value: '12.143',
    });
  });

  it('--factor overrides: grid=0.5703 and natural_gas=21.62 give 570.3 + 216.2 = 786.5 t, recorded as given', () => {
    const r = runCarbonCalc(
      {
        quantities: { electricity: '1000', natural_gas: '10' },
        year: 2025,
        factors: { grid: '0.5703', natural_gas: '21.62' },
      },
      rows,
      DEFAULT_FACTOR_CHOICE,
    );
    expect(r.co2.total).toBe(786.5);
    expect(r.factors.filter((f) => f.tag === 'given').map((f) => f.key)).toEqual([
      'fuel.natural_gas',
      'co2.grid',
    ]);
    expect(r.grade).toBeNull();
  });

  it('own PV used on site is subtracted before L: (515.3 − 0.5153 × 200) / 100 = 4.1224 → high', () => {
    const r = runCarbonCalc(
      { quantities: { electricity: 1000, pv_self_use: 200 }, valueAdded: 100, year: 2022 },
      rows,
      DEFAULT_FACTOR_CHOICE,
    );
    expect(r.co2.net).toBe(412.24);
    expect(r).toMatchObject({ intensity: 4.1224, level: 'high' });
  });

  it.each([
    [{ quantities: { diesel: -1 }, year: 2024 }, /diesel/],
    [{ quantities: { coke: 1 }, year: 2024 }, /coke: not an energy carrier/],
    [{ quantities: {}, year: 1990 }, /year/],
    [{ quantities: {}, year: 2024, factors: { nope: '1' } }, /factor: factor nope: unknown/],
    [{ quantities: {}, year: 2024, valueAdded: 'x' }, /value_added/],
  ])('names the bad field (%j)', (input, message) => {
    expect(() => runCarbonCalc(input as never, rows, DEFAULT_FACTOR_CHOICE)).toThrow(message);
  });
});
