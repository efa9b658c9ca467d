import { describe, expect, it } from 'vitest';
import {
  comprehensiveEnergyTce,
  energyIntensity,
  KJ_PER_KGCE,
  type TceCoefficients,
} from './gbt2589-2020.js';
import { roundGbt8170ToNumber } from './gb-t-8170.js';
import { ratFromDecimal as d } from './rational.js';

const coefficients: TceCoefficients = {
  electricity: d('0.1229'),
  heat: d('0.03412'),
  natural_gas: d('12.143'),
  raw_coal: d('0.7143'),
  diesel: d('1.4571'),
  gasoline: d('1.4714'),
  fuel_oil: d('1.4286'),
  lpg: d('1.7143'),
};

describe('GB/T 2589-2020 comprehensive energy consumption (docs/standards/gbt2589-2020.md §2)', () => {
  it('sums quantity × coefficient; own renewable power counts, exported power does not', () => {
    // electricity 1000 MWh × 0.1229 = 122.9; own PV 200 MWh × 0.1229 = 24.58; green 300 × 0.1229 = 36.87
    // natural gas 10 × 12.143 = 121.43; heat 500 GJ × 0.03412 = 17.06; raw coal 100 t × 0.7143 = 71.43
    // other 5 tce; total = 122.9 + 24.58 + 36.87 + 121.43 + 17.06 + 71.43 + 5 = 399.27
    // non-fossil = 24.58 + 36.87 = 61.45
    const a = comprehensiveEnergyTce(
      {
        electricity: d('1000'),
        pv_self_use: d('200'),
        pv_export: d('150'),
        green_power: d('300'),
        natural_gas: d('10'),
        heat: d('500'),
        raw_coal: d('100'),
        other_tce: d('5'),
      },
      coefficients,
    );
    expect(a.total).toEqual(d('399.27'));
    expect(a.nonFossil).toEqual(d('61.45'));
    expect(a.byCarrier.pv_export).toBeUndefined();
  });

  it.each([
    // NCV / 29,307.6 kJ per kgce: heat 1000 / 29307.6 = 0.0341209… → 0.03412 (as printed); electricity
    // 3600 / 29307.6 = 0.1228350… → 0.12284, i.e. 0.1228 at 4 dp, while the standard prints 0.1229 = 860 kcal /
    // 7000 kcal (docs/standards/gbt2589-2020.md §2: the printed coefficients are kcal-based).
    ['heat, kgce/MJ', 1000 / KJ_PER_KGCE, 5, 0.03412],
    ['electricity, kgce/kWh', 3600 / KJ_PER_KGCE, 5, 0.12284],
  ])('%s from 29,307.6 kJ/kgce', (_n, value, digits, expected) => {
    expect(roundGbt8170ToNumber(value, digits)).toBe(expected);
  });

  it('energy intensity: 399.27 tce / 1,000 × 10⁴ CNY = 0.39927; none without value added', () => {
    expect(energyIntensity(d('399.27'), d('1000'))).toEqual(d('0.39927'));
    expect(energyIntensity(d('399.27'), d('0'))).toBeNull();
  });
});
