import { describe, expect, it } from 'vitest';
import { LEGACY_2005_GAS_CODES, LEGACY_2005_WATER_CODES, resolveCode } from './codes.js';

describe('2005 → 2017 parameter codes (HJ 212-2017 Tables B.1, B.2)', () => {
  it.each([
    ['01', '31', 'a34013'],
    ['02', '31', 'a21026'],
    ['03', '31', 'a21002'],
    ['B02', '31', 'a00000'],
    ['S01', '31', 'a19001'],
    ['S08', '31', 'a01013'],
    ['B01', '32', 'w00000'],
    ['011', '32', 'w01018'],
    ['060', '32', 'w21003'],
    ['101', '32', 'w21011'],
    ['065', undefined, 'w21001'],
    ['03', undefined, 'a21002'],
  ] as const)('%s with ST=%s → %s', (sent, st, code) => {
    expect(resolveCode(sent, st)).toEqual({ code, sentCode: sent, origin: 'mapped-2005' });
  });

  it.each([
    ['a21026', '31'],
    ['w01018', '32'],
    ['023', '31'], // local 3-digit channel on a gas logger, not water total Cr
    ['01', '32'], // gas code on a water logger
    ['16', '31'], // benzene series: no 2017 mapping
    ['ele01', '32'],
    ['__proto__', undefined],
    ['toString', undefined],
  ] as const)('%s with ST=%s is kept verbatim', (sent, st) => {
    expect(resolveCode(sent, st)).toEqual({ code: sent, sentCode: sent, origin: 'as-sent' });
  });

  it('the two tables never share a key and map to distinct 2017 codes', () => {
    const gas = Object.keys(LEGACY_2005_GAS_CODES);
    const water = Object.keys(LEGACY_2005_WATER_CODES);
    expect(gas.filter((k) => water.includes(k))).toEqual([]);
    const targets = [...Object.values(LEGACY_2005_GAS_CODES), ...Object.values(LEGACY_2005_WATER_CODES)].map(
      (e) => e.code2017,
    );
    expect(new Set(targets).size).toBe(targets.length);
    for (const t of targets) expect(t).toMatch(/^[aw]\d{5}$/);
  });
});
