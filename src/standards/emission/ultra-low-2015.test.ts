import { describe, expect, it } from 'vitest';
import { values } from '../../../test/emission-limits.js';
import { limitsFor } from './index.js';

// Expected numbers: docs/standards/emission-limits.md §4 unless said otherwise.
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
