import { describe, expect, it } from 'vitest';
import { PARAMETERS, parameterInfo } from './parameters.js';

describe('the HJ 212 parameter registry (docs/standards/hj212.md §8)', () => {
  it.each(PARAMETERS.map((p) => [p.code, p] as const))('%s has names, a unit and decimals', (code, p) => {
    expect(code).toMatch(/^[aw]\d{5}$/);
    expect(p.zh.trim()).not.toBe('');
    expect(p.en.trim()).not.toBe('');
    expect(p.unit.trim()).not.toBe('');
    expect(Number.isInteger(p.decimals) && p.decimals >= 0 && p.decimals <= 6).toBe(true);
    if (p.type !== null) expect(p.type).toMatch(/^N\d+(\.\d+)?$/);
    if (p.ambient !== null) expect(Number.isInteger(p.ambient.decimals)).toBe(true);
    if (p.evidence !== 'text') expect(p.note ?? '', 'say why it is not App. B as given').not.toBe('');
    expect(parameterInfo(code)).toBe(p);
  });

  it('holds each code once', () => {
    const codes = PARAMETERS.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('2005 codes are unique, shaped as HJ/T 212-2005 writes them, gas apart from water', () => {
    const aliases = PARAMETERS.flatMap((p) => (p.code2005 === null ? [] : [p.code2005]));
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const p of PARAMETERS) {
      if (p.code2005 === null) continue;
      // Gas: 2 digits, B02 or S01–S08; water: 3 digits or B01 (docs/standards/hj212.md §8).
      expect(p.code2005).toMatch(p.code.startsWith('a') ? /^(\d{2}|B02|S0[1-8])$/ : /^(\d{3}|B01)$/);
    }
  });

  it.each([
    ['01', 'a34013'],
    ['02', 'a21026'],
    ['03', 'a21002'],
    ['B02', 'a00000'],
    ['S01', 'a19001'],
    ['B01', 'w00000'],
    ['011', 'w01018'],
    ['060', 'w21003'],
    ['101', 'w21011'],
  ])('2005 code %s is %s (HJ 212-2017 Tables B.1/B.2, 原编码)', (old, code) => {
    expect(parameterInfo(code)?.code2005).toBe(old);
  });

  it('units as docs/standards/hj212.md §8 gives them: flue gas m³/s, wastewater L/s, PM2.5 µg/m³ in practice', () => {
    expect(parameterInfo('a00000')).toMatchObject({ unit: 'm3/s', cumulativeUnit: 'm3' });
    expect(parameterInfo('w00000')).toMatchObject({ unit: 'L/s', cumulativeUnit: 'm3' });
    expect(parameterInfo('a21026')).toMatchObject({ unit: 'mg/m3', ambient: { unit: 'µg/m3' } });
    expect(parameterInfo('a34004')).toMatchObject({ unit: 'µg/m3', evidence: 'secondary' });
    expect(parameterInfo('w20111')?.unit).toBe('µg/L');
    expect(parameterInfo('x00000')).toBeUndefined();
  });
});
