import { describe, expect, it } from 'vitest';
import { PARAMETERS } from '../standards/parameters.js';
import { resolveCode } from './codes.js';
import { encodeDataUpload } from './encode.js';
import { parseDataSegment } from './parse.js';

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

  it('every 2005 code of the parameter registry maps to its entry, with its ST and without', () => {
    const aliased = PARAMETERS.filter((p) => p.code2005 !== null);
    expect(aliased.length).toBe(76);
    for (const p of aliased) {
      const sent = p.code2005 ?? '';
      const st = p.code.startsWith('w') ? '32' : '31';
      expect(resolveCode(sent, st), `${sent} on ST=${st}`).toEqual({
        code: p.code,
        sentCode: sent,
        origin: 'mapped-2005',
      });
      expect(resolveCode(sent).code).toBe(p.code);
      expect(resolveCode(p.code, st)).toEqual({ code: p.code, sentCode: p.code, origin: 'as-sent' });
    }
  });

  it('codec round trip: a 2005 upload of each aliased code parses to the 2017 code', () => {
    for (const p of PARAMETERS) {
      if (p.code2005 === null) continue;
      const st = p.code.startsWith('w') ? '32' : '31';
      const base = {
        qn: '20260315080000123',
        st,
        pw: '123456',
        mn: '88888880000001',
        edition: '2005' as const,
      };
      const bytes = encodeDataUpload(base, '2011', new Date('2026-03-15T00:00:00Z'), [
        { code: p.code2005, values: { Rtd: '1.5' }, flag: 'N' },
      ]);
      const segment = bytes.subarray(6, bytes.length - 6).toString('utf8');
      const r = parseDataSegment(segment);
      if (!r.ok) throw new Error(`${p.code2005}: ${r.code} ${r.reason}`);
      expect(r.packet.cp.values, p.code2005).toMatchObject([
        { code: p.code, sentCode: p.code2005, codeOrigin: 'mapped-2005', text: '1.5', flag: 'N' },
      ]);
    }
  });
});
