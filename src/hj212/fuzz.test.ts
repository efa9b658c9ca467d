import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Hj212Deframer, type DeframeEvent, type DeframerOptions } from './deframer.js';
import { encodeFrame } from './encode.js';
import { isHj212ErrorCode } from './errors.js';
import { parseDataSegment, parseFrame, type ParseOutcome } from './parse.js';

/** Mutated and random inputs (the brief asks for at least 100,000). */
const INPUTS = 120_000;
/** Inputs per simulated connection. */
const PER_STREAM = 200;
const SEED = 0x212;

/** Seeded PRNG (mulberry32): the run is reproducible. */
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

function corpus(): Buffer[] {
  const traffic = readFileSync(new URL('../../test/fixtures/hj212/real-2016-hebei.h212', import.meta.url));
  const frames: Buffer[] = [];
  let start = 0;
  for (let i = traffic.indexOf('\r\n'); i !== -1; i = traffic.indexOf('\r\n', start)) {
    frames.push(traffic.subarray(start, i + 2));
    start = i + 2;
  }
  const packets = readFileSync(new URL('../../test/fixtures/hj212/packets.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('##'))
    .map((l) => Buffer.from(`${l}\r\n`, 'utf8'));
  return [...frames, ...packets];
}

const CORPUS = corpus();

function mutate(rnd: () => number, base: Buffer): Buffer {
  const int = (n: number): number => Math.floor(rnd() * n);
  let b = Buffer.from(base);
  const rounds = 1 + int(3);
  for (let r = 0; r < rounds; r++) {
    const at = int(b.length + 1);
    switch (int(12)) {
      case 0: // byte flip to any value
        if (b.length > 0) b[Math.min(at, b.length - 1)] = int(256);
        break;
      case 1: // single bit flip
        if (b.length > 0) b[Math.min(at, b.length - 1)]! ^= 1 << int(8);
        break;
      case 2: // truncation
        b = b.subarray(0, at);
        break;
      case 3: // insertion of random bytes
        b = Buffer.concat([
          b.subarray(0, at),
          Buffer.from(Array.from({ length: 1 + int(16) }, () => int(256))),
          b.subarray(at),
        ]);
        break;
      case 4: // duplicated "##" somewhere, or a duplicated header
        b =
          rnd() < 0.5
            ? Buffer.concat([Buffer.from('##'), b])
            : Buffer.concat([b.subarray(0, at), Buffer.from('##'), b.subarray(at)]);
        break;
      case 5: // huge or random length field
        if (b.length >= 6) b.write(rnd() < 0.5 ? '9999' : String(int(10000)).padStart(4, '0'), 2, 'latin1');
        break;
      case 6: // length field with non-digits
        if (b.length >= 6) b.write(String.fromCharCode(32 + int(95)), 2 + int(4), 'latin1');
        break;
      case 7: // deletion of a range (GPRS drop)
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(8))]);
        break;
      case 8: // lost or doubled tail
        b = rnd() < 0.5 ? b.subarray(0, Math.max(0, b.length - 2)) : Buffer.concat([b, Buffer.from('\r\n')]);
        break;
      case 9: // separators and reserved characters in the segment
        if (b.length > 0) b[Math.min(at, b.length - 1)] = ';,=&/#-'.charCodeAt(int(7));
        break;
      case 10: // splice with another real frame
        b = Buffer.concat([b.subarray(0, at), (CORPUS[int(CORPUS.length)] as Buffer).subarray(int(50))]);
        break;
      default: // lower-case CRC
        b = Buffer.from(b.toString('latin1').toLowerCase(), 'latin1');
    }
  }
  return b;
}

function randomFrame(rnd: () => number): Buffer {
  const n = Math.floor(rnd() * 300);
  const body = Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
  return rnd() < 0.5 ? Buffer.concat([Buffer.from(`##${String(n).padStart(4, '0')}`), body]) : body;
}

const OPTION_SETS: readonly DeframerOptions[] = [
  {},
  { maxDataBytes: 1024 },
  { salvageLength: true, acceptUnpaddedCrc: true, crcVariants: ['modbus', 'modbus-swapped'] },
  { maxDataBytes: 300, maxBufferBytes: 200 },
];

describe('fuzz: mutated real packets and random bytes through deframer and parser', () => {
  it(`gives every one of ${INPUTS} inputs an outcome and never throws`, () => {
    const started = performance.now();
    const rnd = mulberry32(SEED);
    let thrown = 0;
    let frames = 0;
    let rejections = 0;
    let parsedOk = 0;
    let parsedRejected = 0;
    let directParses = 0;
    const codes: Record<string, number> = {};
    const check = (outcome: ParseOutcome): void => {
      if (outcome.ok) parsedOk++;
      else {
        parsedRejected++;
        codes[outcome.code] = (codes[outcome.code] ?? 0) + 1;
        // A caught internal error would be reported as a rejection: count it as a throw.
        if (!isHj212ErrorCode(outcome.code) || outcome.reason.startsWith('internal parser error')) thrown++;
      }
    };
    for (let done = 0; done < INPUTS;) {
      const options = OPTION_SETS[Math.floor(rnd() * OPTION_SETS.length)] as DeframerOptions;
      const parts: Buffer[] = [];
      for (let i = 0; i < PER_STREAM && done < INPUTS; i++, done++) {
        const input =
          rnd() < 0.1 ? randomFrame(rnd) : mutate(rnd, CORPUS[Math.floor(rnd() * CORPUS.length)] as Buffer);
        parts.push(input);
        try {
          // The parser on the mutated segment directly, and re-sealed with a valid CRC so that the
          // deframer passes mutated content on to the parser.
          const segment = input.subarray(Math.min(6, input.length), Math.max(6, input.length - 6));
          check(parseDataSegment(segment));
          directParses++;
          if (segment.length <= 9999 && rnd() < 0.5) parts.push(encodeFrame(segment));
        } catch {
          thrown++;
        }
      }
      const stream = Buffer.concat(parts);
      const events: DeframeEvent[] = [];
      try {
        const d = new Hj212Deframer(options);
        for (let i = 0; i < stream.length;) {
          const n = 1 + Math.floor(rnd() * 700);
          events.push(...d.push(stream.subarray(i, i + n)));
          i += n;
        }
        events.push(...d.end());
      } catch {
        thrown++;
      }
      let covered = 0;
      for (const e of events) {
        expect(e.offset).toBe(covered);
        if (e.kind === 'frame') {
          frames++;
          covered += e.raw.length;
          try {
            check(parseFrame(e));
          } catch {
            thrown++;
          }
        } else {
          rejections++;
          covered += e.byteLength;
          codes[e.code] = (codes[e.code] ?? 0) + 1;
        }
      }
      expect(covered).toBe(stream.length);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${INPUTS} mutated/random inputs (seed ${SEED}); ${directParses} direct parses; deframer gave ${frames} frames and ${rejections} rejections; ` +
        `parser: ${parsedOk} ok, ${parsedRejected} rejected; ${thrown} exceptions; ${seconds.toFixed(2)} s`,
      codes,
    );
    expect(thrown).toBe(0);
    expect(directParses).toBe(INPUTS);
    expect(frames + rejections).toBeGreaterThan(INPUTS);
  });
});
