import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Hj212Deframer, type DeframeEvent, type Hj212Frame } from './deframer.js';
import { parseFrame } from './parse.js';

/** One hour of real raw traffic from 284 Hebei loggers (2016-08-24 00:00–01:00), xiaoyao9184/hj-t212-parser. */
const TRAFFIC = readFileSync(new URL('../../test/fixtures/hj212/real-2016-hebei.h212', import.meta.url));

/** Seeded PRNG (mulberry32) so the chunking is reproducible. */
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

function feed(chunks: Iterable<Buffer>): DeframeEvent[] {
  const d = new Hj212Deframer();
  const out: DeframeEvent[] = [];
  for (const c of chunks) out.push(...d.push(c));
  out.push(...d.end());
  return out;
}

function* randomChunks(buf: Buffer, seed: number, maxSize: number): Generator<Buffer> {
  const rnd = mulberry32(seed);
  for (let i = 0; i < buf.length;) {
    const n = 1 + Math.floor(rnd() * maxSize);
    yield buf.subarray(i, i + n);
    i += n;
  }
}

const key = (e: DeframeEvent): string =>
  e.kind === 'frame' ? `F${e.offset}:${e.raw.length}` : `${e.code}${e.offset}:${e.byteLength}`;

const WHOLE = feed([TRAFFIC]);
const FRAMES = WHOLE.filter((e): e is Hj212Frame => e.kind === 'frame');

describe('real 2016 Hebei traffic (real-2016-hebei.h212)', () => {
  it('has 9,455 CR LF-terminated lines, of which 9,454 start with ## (one is a stray "2BC0" line)', () => {
    const lines = TRAFFIC.toString('latin1').split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(9455);
    expect(lines.filter((l) => l.startsWith('##'))).toHaveLength(9454);
    expect(lines.filter((l) => !l.startsWith('##'))).toEqual(['2BC0']);
  });

  it('yields 9,447 CRC-valid frames and 7 rejected frames plus 2 garbage runs, covering every byte', () => {
    expect(FRAMES).toHaveLength(9447);
    expect(FRAMES.every((f) => f.crcVariant === 'hj212')).toBe(true);
    const rejections = WHOLE.filter((e) => e.kind === 'rejection').map((e) =>
      e.kind === 'rejection' ? `${e.code}@${e.offset}` : '',
    );
    expect(rejections).toEqual([
      'HJ212_BAD_LENGTH@591929', // declared 615, 612 present
      'HJ212_BAD_LENGTH@914536', // declared 78, 77 present (QN lost a digit)
      'HJ212_BAD_LENGTH@955875', // "##9ST=": length field lost
      'HJ212_GARBAGE@955877', //    …the rest of that frame
      'HJ212_BAD_CRC@998344', //    CRC 47C0 printed, 2BC0 computed…
      'HJ212_GARBAGE@999020', //    …followed by a stray "2BC0\r\n"
      'HJ212_BAD_LENGTH@1666592', // declared 414, 411 present
      'HJ212_BAD_LENGTH@1883494', // declared 377, 373 present ("CN=20" lost)
      'HJ212_BAD_LENGTH@2408407', // declared 414, 410 present
    ]);
    let at = 0;
    for (const e of WHOLE) {
      expect(e.offset).toBe(at);
      at += e.kind === 'frame' ? e.raw.length : e.byteLength;
    }
    expect(at).toBe(TRAFFIC.length);
  });

  it.each([1, 2, 3, 4, 5])('gives the same events fed in random chunks of 1–1500 bytes (seed %i)', (seed) => {
    const chunked = feed(randomChunks(TRAFFIC, seed, 1500));
    expect(chunked.map(key)).toEqual(WHOLE.map(key));
  });

  it('gives the same events fed in tiny random chunks of 1–8 bytes', () => {
    expect(feed(randomChunks(TRAFFIC, 99, 8)).map(key)).toEqual(WHOLE.map(key));
  });

  it('parses every CRC-valid frame (2005-era: no QN/Flag, old codes, 17-digit times, NUL in ST)', () => {
    const editions: Record<string, number> = {};
    const rules: Record<string, number> = {};
    let mapped = 0;
    let failed = 0;
    for (const f of FRAMES) {
      const r = parseFrame(f);
      if (!r.ok) {
        failed++;
        continue;
      }
      editions[r.packet.edition] = (editions[r.packet.edition] ?? 0) + 1;
      for (const rule of r.packet.leniency) rules[rule] = (rules[rule] ?? 0) + 1;
      mapped += r.packet.cp.values.filter((v) => v.codeOrigin === 'mapped-2005').length;
    }
    console.log(
      'real-2016-hebei: editions',
      editions,
      'leniency',
      rules,
      'values mapped from 2005 codes',
      mapped,
    );
    expect(failed).toBe(0);
    expect(rules['st-nonstandard']).toBe(6);
    expect(editions['2005']).toBe(9447);
  });
});
