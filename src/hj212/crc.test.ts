import { describe, expect, it } from 'vitest';
import { crcOf, formatCrc, hj212Crc, matchCrc, modbusCrc, parseCrcText } from './crc.js';

const APPENDIX_A =
  'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&';

/** The Appendix A algorithm written out bit by bit, as the standard prints it. */
function referenceCrc(bytes: Uint8Array): number {
  let r = 0xffff;
  for (const b of bytes) {
    r = (r >>> 8) ^ b;
    for (let k = 0; k < 8; k++) r = r & 1 ? (r >>> 1) ^ 0xa001 : r >>> 1;
  }
  return r;
}

/** Seeded PRNG (mulberry32) so the test is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('HJ 212 CRC (HJ 212-2017 Appendix A)', () => {
  it('gives 1C80 for the Appendix A example, not the "1C08" of the prose (a misprint)', () => {
    const bytes = Buffer.from(APPENDIX_A);
    expect(bytes.length).toBe(101);
    expect(formatCrc(hj212Crc(bytes))).toBe('1C80');
    expect(formatCrc(hj212Crc(bytes))).not.toBe('1C08');
  });

  it('is not CRC-16/MODBUS', () => {
    expect(modbusCrc(Buffer.from('123456789'))).toBe(0x4b37); // the MODBUS check value
    expect(hj212Crc(Buffer.from('123456789'))).not.toBe(0x4b37);
  });

  it('gives FFFF for an empty segment and respects start/end', () => {
    expect(formatCrc(hj212Crc(Buffer.alloc(0)))).toBe('FFFF');
    const padded = Buffer.from(`##0101${APPENDIX_A}1C80\r\n`);
    expect(formatCrc(hj212Crc(padded, 6, 107))).toBe('1C80');
  });

  it('table lookup equals the bit-by-bit algorithm on 2,000 random inputs, incl. bytes ≥ 0x80', () => {
    const rnd = mulberry32(212);
    for (let n = 0; n < 2000; n++) {
      const bytes = Uint8Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256));
      expect(hj212Crc(bytes)).toBe(referenceCrc(bytes));
    }
  });

  it('has only 256 possible values for non-empty input (8 bits of state pass between bytes)', () => {
    const seen = new Set<number>();
    for (let a = 0; a < 256; a++)
      for (let b = 0; b < 256; b += 7) seen.add(hj212Crc(Uint8Array.from([a, b])));
    expect(seen.size).toBeLessThanOrEqual(256);
  });

  it('formats %04X and reads 3–4 hex digits of either case', () => {
    expect(formatCrc(0x880)).toBe('0880');
    expect(parseCrcText('7d00')).toBe(0x7d00);
    expect(parseCrcText('880')).toBe(0x880);
    expect(parseCrcText('88')).toBeUndefined();
    expect(parseCrcText('XYZW')).toBeUndefined();
  });

  it('matches case-insensitively and tries enabled variants only after the standard one', () => {
    const bytes = Buffer.from(APPENDIX_A);
    expect(matchCrc(bytes, 0, bytes.length, '1c80')).toBe('hj212');
    const m = formatCrc(crcOf('modbus', bytes));
    const swapped = formatCrc(crcOf('modbus-swapped', bytes));
    expect(swapped).toBe(m.slice(2) + m.slice(0, 2));
    expect(matchCrc(bytes, 0, bytes.length, m)).toBeUndefined();
    expect(matchCrc(bytes, 0, bytes.length, m, ['modbus'])).toBe('modbus');
    expect(matchCrc(bytes, 0, bytes.length, swapped, ['modbus', 'modbus-swapped'])).toBe('modbus-swapped');
  });
});
