import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { waterClassRule } from './water-class.js';

const from = parseTimeAsChina('2026-03-15T00:00');
const to = parseTimeAsChina('2026-03-16T00:00');

// GB 3838-2002 Table 1 (src/standards/gb3838-2002.ts): NH3-N III ≤ 1.0, IV ≤ 1.5, V ≤ 2.0;
// COD III ≤ 20; TP river III ≤ 0.2.
describe('water section class worse than target (calcWater)', () => {
  it('NH3-N 1.2 mg/L makes a III-target river section IV → warning naming w21003', () => {
    const f = waterClassRule({
      siteId: 5,
      periodStart: from,
      periodEnd: to,
      waterType: 'river',
      targetClass: 'III',
      values: { w21003: 1.2, w01018: 15, w21011: 0.1, w01009: 7 },
    });
    expect(f[0]).toMatchObject({ rule: 'water-class', severity: 'warning', parameter: 'w21003', siteId: 5 });
    expect(f[0]?.message.en).toContain('class IV');
  });

  it('exactly at the class III limit meets a III target', () => {
    expect(
      waterClassRule({
        periodStart: from,
        periodEnd: to,
        waterType: 'river',
        targetClass: 'III',
        values: { w21003: 1.0, w01018: 20 },
      }),
    ).toEqual([]);
  });

  it('劣V is critical; unmapped codes and nulls are ignored; no evaluation item → nothing', () => {
    const f = waterClassRule({
      periodStart: from,
      periodEnd: to,
      waterType: 'river',
      targetClass: 'IV',
      values: { w21003: 2.5, w01018: null, x99999: 3 },
    });
    expect(f[0]?.severity).toBe('critical');
    expect(
      waterClassRule({
        periodStart: from,
        periodEnd: to,
        waterType: 'river',
        targetClass: 'III',
        values: { w01010: 20 },
      }),
    ).toEqual([]);
  });
});
