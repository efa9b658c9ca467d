import { describe, expect, it } from 'vitest';
import { roundGbt8170ToNumber } from './gb-t-8170.js';
import { accountCo2, fuelEmissionFactor, steamToHeatGj, type Co2Factors } from './gbt32150-2015.js';
import { RAT_ZERO, ratFromDecimal as d, ratToNumber } from './rational.js';

const fuelEf = (ncv: string, cc: string, of: string) =>
  fuelEmissionFactor({ ncvGjPerUnit: d(ncv), carbonTcPerGj: d(cc), oxidation: d(of) });

describe('GB/T 32150-2015 fuel emission factors (docs/standards/gbt32150-2015.md §3)', () => {
  it.each([
    // [fuel, NCV, CC, OF, EF rounded, digits, derivation]
    [
      'natural gas',
      '389.31',
      '0.01530',
      '0.99',
      21.62,
      2,
      '389.31 × 0.01530 = 5.956443; × 0.99 = 5.89687857; × 44/12 = 21.62188809',
    ],
    [
      'raw coal',
      '20.908',
      '0.02637',
      '0.94',
      1.9003,
      4,
      '20.908 × 0.02637 = 0.55134396; × 0.94 = 0.5182633224; × 44/12 = 1.90029884…',
    ],
    [
      'diesel',
      '42.652',
      '0.0202',
      '0.98',
      3.096,
      3,
      '42.652 × 0.0202 = 0.8615704; × 0.98 = 0.844338992; × 44/12 = 3.09590963…',
    ],
    [
      'gasoline',
      '43.070',
      '0.0189',
      '0.98',
      2.925,
      3,
      '43.070 × 0.0189 = 0.814023; × 0.98 = 0.79774254; × 44/12 = 2.92505598',
    ],
    [
      'LPG',
      '50.179',
      '0.0172',
      '0.98',
      3.101,
      3,
      '50.179 × 0.0172 = 0.8630788; × 0.98 = 0.84581722; × 44/12 = 3.10132982…',
    ],
    // The reference prints 3.171; the product is 3.17046…, which rounds to 3.170.
    [
      'fuel oil',
      '41.816',
      '0.0211',
      '0.98',
      3.17,
      3,
      '41.816 × 0.0211 = 0.8823176; × 0.98 = 0.86467125; × 44/12 = 3.17046124…',
    ],
  ])('%s: EF = NCV × CC × OF × 44/12 → %s (%s)', (_f, ncv, cc, of, ef, digits) => {
    expect(roundGbt8170ToNumber(fuelEf(ncv, cc, of), digits)).toBe(ef);
  });

  it('is exact: natural gas EF is 2162188809 / 10⁸ t per 10⁴ Nm³, not a binary approximation', () => {
    expect(fuelEf('389.31', '0.01530', '0.99')).toEqual({ num: 2162188809n, den: 100000000n });
  });

  it('refuses an oxidation rate given in per cent', () => {
    expect(() => fuelEf('389.31', '0.0153', '99')).toThrow(/fraction/);
  });
});

describe('GB/T 32150-2015 account of one enterprise-month', () => {
  const factors: Co2Factors = {
    gridTPerMwh: d('0.5153'),
    greenPowerTPerMwh: RAT_ZERO,
    heatTPerGj: d('0.11'),
    fuels: {
      natural_gas: d('21.62'),
      raw_coal: d('1.9003'),
      diesel: d('3.096'),
      gasoline: d('2.925'),
      fuel_oil: d('3.170'),
      lpg: d('3.101'),
    },
  };

  it('adds fuels and purchased power and heat, subtracts exported power, keeps avoided CO2 apart', () => {
    // electricity 1000 MWh × 0.5153 = 515.3; green 300 MWh × 0 = 0; heat 500 GJ × 0.11 = 55
    // natural gas 10 × 21.62 = 216.2; diesel 2 t × 3.096 = 6.192 → scope 1 = 222.392
    // scope 2 = 515.3 + 0 + 55 = 570.3; exported 100 MWh × 0.5153 = 51.53
    // total = 222.392 + 570.3 − 51.53 = 741.162; own PV used 200 MWh × 0.5153 = 103.06 avoided
    const a = accountCo2(
      {
        electricity: d('1000'),
        green_power: d('300'),
        heat: d('500'),
        natural_gas: d('10'),
        diesel: d('2'),
        pv_export: d('100'),
        pv_self_use: d('200'),
      },
      factors,
    );
    expect(ratToNumber(a.scope1)).toBe(222.392);
    expect(ratToNumber(a.scope2)).toBe(570.3);
    expect(ratToNumber(a.exported)).toBe(51.53);
    expect(a.total).toEqual(d('741.162'));
    expect(a.avoidedOwnRenewable).toEqual(d('103.06'));
    expect(a.byCarrier.pv_export).toEqual(d('-51.53'));
    expect(a.byCarrier.raw_coal).toEqual(RAT_ZERO);
  });

  it('names a negative quantity', () => {
    expect(() => accountCo2({ diesel: d('-1') }, factors)).toThrow(/diesel: a quantity must not be negative/);
  });

  it('steam to heat: 10 t at 2,800 kJ/kg is 10 × (2800 − 83.74) × 10⁻³ = 27.1626 GJ', () => {
    expect(steamToHeatGj(d('10'), d('2800'))).toEqual(d('27.1626'));
  });
});
