import { describe, expect, it } from 'vitest';
import { formatCrc, hj212Crc } from './crc.js';
import { deframeAll, Hj212Deframer, type DeframeEvent, type DeframerOptions } from './deframer.js';
import { encodeFrame } from './encode.js';

const MN = '010000A8900016F000169DC0';
const seg = (qn: string, cp = 'DataTime=20160801085857;w01018-Rtd=2.2,w01018-Flag=N'): string =>
  `QN=${qn};ST=32;CN=2011;PW=123456;MN=${MN};Flag=5;CP=&&${cp}&&`;
const A = encodeFrame(seg('20160801085857001'));
const B = encodeFrame(seg('20160801085857002'));
const C = encodeFrame(seg('20160801085857003', ''));

/** Frames a segment with a chosen length field (and optionally a chosen CRC text). */
function framed(segment: string, declared: number, crc?: string): Buffer {
  const data = Buffer.from(segment);
  const crcText = crc ?? formatCrc(hj212Crc(data));
  return Buffer.concat([
    Buffer.from(`##${String(declared).padStart(4, '0')}`),
    data,
    Buffer.from(`${crcText}\r\n`),
  ]);
}

/** The first empty-CP segment (over QNs …0000, …0001, …) whose CRC satisfies `want`. */
function findSegment(want: (segment: string) => boolean): string {
  for (let i = 0; i < 10000; i++) {
    const s = seg(`2016080108585${String(i).padStart(4, '0')}`, '');
    if (want(s)) return s;
  }
  throw new Error('no such segment');
}

/** A comparable summary of events. */
function summary(events: readonly DeframeEvent[]): string[] {
  return events.map((e) =>
    e.kind === 'frame'
      ? `frame@${e.offset}:${e.raw.length}:${e.data.toString('latin1')}`
      : `${e.code}@${e.offset}:${e.byteLength}`,
  );
}

function feed(chunks: readonly Uint8Array[], options?: DeframerOptions): DeframeEvent[] {
  const d = new Hj212Deframer(options);
  const out: DeframeEvent[] = [];
  for (const c of chunks) out.push(...d.push(c));
  out.push(...d.end());
  return out;
}

function bytewise(buf: Buffer): Buffer[] {
  return [...buf].map((b) => Buffer.from([b]));
}

/** Every byte of the stream is in exactly one frame, rejection or garbage event, in order. */
function expectFullCoverage(events: readonly DeframeEvent[], total: number): void {
  let at = 0;
  for (const e of events) {
    expect(e.offset).toBe(at);
    at += e.kind === 'frame' ? e.raw.length : e.byteLength;
  }
  expect(at).toBe(total);
}

describe('Hj212Deframer: framing (HJ 212-2017 Table 2)', () => {
  it('cuts one frame into length, data, CRC', () => {
    const [ev, ...rest] = deframeAll(A);
    expect(rest).toEqual([]);
    if (ev?.kind !== 'frame') throw new Error('expected a frame');
    expect(ev).toMatchObject({
      offset: 0,
      declaredLength: ev.data.length,
      crcVariant: 'hj212',
      leniency: [],
    });
    expect(ev.data.toString()).toBe(seg('20160801085857001'));
    expect(ev.crcText).toBe(formatCrc(hj212Crc(ev.data)));
    expect(ev.raw.equals(A)).toBe(true);
  });

  it('emits a frame only when its last byte arrives, whatever the split', () => {
    for (let cut = 1; cut < A.length; cut++) {
      const d = new Hj212Deframer();
      expect(d.push(A.subarray(0, cut))).toEqual([]);
      const events = d.push(A.subarray(cut));
      expect(summary(events)).toEqual(summary(deframeAll(A)));
    }
  });

  it('keeps its own copy of a partial frame when the caller reuses the chunk memory', () => {
    const d = new Hj212Deframer();
    const chunk = Buffer.from(A.subarray(0, 50));
    expect(d.push(chunk)).toEqual([]);
    chunk.fill(0);
    expect(d.push(A.subarray(50)).map((e) => e.kind)).toEqual(['frame']);
  });

  it('splits coalesced frames from one read', () => {
    const events = deframeAll(Buffer.concat([A, B, C]));
    expect(events.map((e) => e.kind)).toEqual(['frame', 'frame', 'frame']);
    expect(events.map((e) => e.offset)).toEqual([0, A.length, A.length + B.length]);
  });

  it('accepts lowercase CRC under rule crc-lowercase', () => {
    const s = findSegment((x) => /[A-F]/.test(formatCrc(hj212Crc(Buffer.from(x)))));
    const crc = formatCrc(hj212Crc(Buffer.from(s)));
    const [ev] = deframeAll(framed(s, Buffer.byteLength(s), crc.toLowerCase()));
    expect(ev).toMatchObject({ kind: 'frame', leniency: ['crc-lowercase'] });
  });
});

describe('Hj212Deframer: garbage and resync (docs/standards/hj212.md §2)', () => {
  it('drops scanner garbage before ## as one HJ212_GARBAGE event', () => {
    const garbage = Buffer.concat([
      Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
    ]);
    const events = feed([garbage, A]);
    expect(summary(events)).toEqual([
      `HJ212_GARBAGE@0:${garbage.length}`,
      `frame@${garbage.length}:${A.length}:${seg('20160801085857001')}`,
    ]);
    expect(events[0]).toMatchObject({ raw: garbage });
  });

  it('reports garbage without any ## only at the end of the stream, and keeps a trailing #', () => {
    const d = new Hj212Deframer();
    expect(d.push(Buffer.from('hello#'))).toEqual([]);
    expect(d.pendingGarbageBytes).toBe(5);
    expect(d.bufferedBytes).toBe(1);
    expect(summary(d.push(A.subarray(1)))).toEqual([
      'HJ212_GARBAGE@0:5',
      `frame@5:${A.length}:${seg('20160801085857001')}`,
    ]);
    expect(d.end()).toEqual([]);
  });

  it('treats the extra # of "###" and a duplicated "####" header as garbage', () => {
    expect(summary(deframeAll(Buffer.concat([Buffer.from('#'), A])))).toEqual([
      'HJ212_GARBAGE@0:1',
      `frame@1:${A.length}:${seg('20160801085857001')}`,
    ]);
    expect(summary(deframeAll(Buffer.concat([Buffer.from('##'), A])))).toEqual([
      'HJ212_GARBAGE@0:2',
      `frame@2:${A.length}:${seg('20160801085857001')}`,
    ]);
  });

  it('a too-long length field does not swallow the next good packet, which comes out at once', () => {
    const s = seg('20160801085857004');
    const bad = framed(s, Buffer.byteLength(s) + 6); // constant-error logger: actual + 6
    const d = new Hj212Deframer();
    const events = d.push(Buffer.concat([bad, A]));
    expect(summary(events)).toEqual([
      `HJ212_BAD_LENGTH@0:${bad.length}`,
      `frame@${bad.length}:${A.length}:${seg('20160801085857001')}`,
    ]);
    expect(events[0]?.kind === 'rejection' && events[0].reason).toMatch(
      /says \d+ bytes but the frame ends with CR LF after \d+/,
    );
  });

  it('a huge length field (9999) is resolved as soon as the next ## arrives', () => {
    const bad = framed(seg('20160801085857005'), 9999);
    const d = new Hj212Deframer();
    expect(d.push(bad)).toEqual([]); // could still be a 9999-byte frame
    const events = d.push(A);
    expect(summary(events)).toEqual([
      `HJ212_BAD_LENGTH@0:${bad.length}`,
      `frame@${bad.length}:${A.length}:${seg('20160801085857001')}`,
    ]);
  });

  it('a too-short length field gives HJ212_NO_TAIL, then the rest is garbage, then the next frame', () => {
    const s = seg('20160801085857006');
    const bad = framed(s, Buffer.byteLength(s) - 6);
    const events = deframeAll(Buffer.concat([bad, A]));
    expect(events.map((e) => (e.kind === 'frame' ? 'frame' : e.code))).toEqual([
      'HJ212_NO_TAIL',
      'HJ212_GARBAGE',
      'frame',
    ]);
    expectFullCoverage(events, bad.length + A.length);
  });

  it('a frame cut short mid-way (GPRS drop, no CR LF) gives HJ212_NO_TAIL and keeps the next frame', () => {
    const cut = A.subarray(0, 60);
    const events = deframeAll(Buffer.concat([cut, B]));
    expect(summary(events)).toEqual([
      `HJ212_NO_TAIL@0:60`,
      `frame@60:${B.length}:${seg('20160801085857002')}`,
    ]);
  });

  it('a length field that is not 4 digits (real "##9ST=") gives HJ212_BAD_LENGTH and resyncs', () => {
    const bad = Buffer.from('##9ST=31;CN=2011;PW=123456;MN=LD130124000432;CP=&&S01-Rtd=4.3&&CAC1\r\n');
    const events = deframeAll(Buffer.concat([bad, A]));
    expect(events.map((e) => (e.kind === 'frame' ? 'frame' : e.code))).toEqual([
      'HJ212_BAD_LENGTH',
      'HJ212_GARBAGE',
      'frame',
    ]);
    expectFullCoverage(events, bad.length + A.length);
  });

  it('a bad CRC rejects only that frame', () => {
    const s = seg('20160801085857007');
    const good = formatCrc(hj212Crc(Buffer.from(s)));
    const wrong = good === '0000' ? '0001' : '0000';
    const events = deframeAll(Buffer.concat([A, framed(s, Buffer.byteLength(s), wrong), B]));
    expect(events.map((e) => (e.kind === 'frame' ? 'frame' : e.code))).toEqual([
      'frame',
      'HJ212_BAD_CRC',
      'frame',
    ]);
    expect(events[1]?.kind === 'rejection' && events[1].reason).toContain(`does not match ${good}`);
    const nonHex = deframeAll(framed(s, Buffer.byteLength(s), 'ZZZZ'));
    expect(nonHex[0]).toMatchObject({ code: 'HJ212_BAD_CRC' });
  });

  it('a frame ended by the stream gives HJ212_NO_TAIL; the deframer is reusable after end()', () => {
    const d = new Hj212Deframer();
    expect(d.push(A.subarray(0, 3))).toEqual([]);
    expect(summary(d.end())).toEqual(['HJ212_NO_TAIL@0:3']);
    expect(summary(d.push(B)).map((s) => s.split(':')[0])).toEqual(['frame@3']);
  });
});

describe('Hj212Deframer: size limits', () => {
  it('rejects a declared length above the cap with HJ212_TOO_LARGE at once', () => {
    const s = seg('20160801085857008');
    const big = framed(s, Buffer.byteLength(s));
    const d = new Hj212Deframer({ maxDataBytes: 100 });
    const events = [...d.push(Buffer.concat([big, A.subarray(0, 10)])), ...d.push(A.subarray(10))];
    // A is 151 bytes, so it is too large too under this cap; its header alone decides that.
    expect(events.map((e) => (e.kind === 'frame' ? 'frame' : e.code))).toEqual([
      'HJ212_TOO_LARGE',
      'HJ212_GARBAGE',
      'HJ212_TOO_LARGE',
    ]);
    expect(events[0]).toMatchObject({ byteLength: 6 });
    expect(d.end().map((e) => (e.kind === 'frame' ? 'frame' : e.code))).toEqual(['HJ212_GARBAGE']);
  });

  it('never holds more than its buffer cap, byte by byte over a messy stream', () => {
    const cap = 300;
    const stream = Buffer.concat([
      A,
      Buffer.from('junk##12'),
      framed(seg('20160801085857010'), 9999),
      B,
      A.subarray(0, 50),
      C,
    ]);
    const d = new Hj212Deframer({ maxBufferBytes: cap });
    expect(d.maxDataBytes).toBe(cap - 12);
    const events: DeframeEvent[] = [];
    for (const b of bytewise(stream)) {
      events.push(...d.push(b));
      expect(d.bufferedBytes).toBeLessThanOrEqual(cap);
    }
    events.push(...d.end());
    expectFullCoverage(events, stream.length);
    expect(events.filter((e) => e.kind === 'frame')).toHaveLength(3);
  });

  it('validates its options', () => {
    expect(() => new Hj212Deframer({ maxDataBytes: 10000 })).toThrow(RangeError);
    expect(() => new Hj212Deframer({ maxDataBytes: -1 })).toThrow(RangeError);
    expect(() => new Hj212Deframer({ maxBufferBytes: 11 })).toThrow(RangeError);
  });
});

describe('Hj212Deframer: opt-in salvage rules', () => {
  it('length-salvaged: recovers a frame whose length is wrong but whose CRC matches its real end', () => {
    const s = seg('20160801085857011');
    const bad = framed(s, Buffer.byteLength(s) + 6);
    expect(deframeAll(bad)[0]).toMatchObject({ kind: 'rejection', code: 'HJ212_BAD_LENGTH' });
    const events = feed([bad, A], { salvageLength: true });
    expect(events.map((e) => e.kind)).toEqual(['frame', 'frame']);
    expect(events[0]).toMatchObject({
      declaredLength: Buffer.byteLength(s) + 6,
      leniency: ['length-salvaged'],
    });
    expect(events[0]?.kind === 'frame' && events[0].data.toString()).toBe(s);
    // a too-short length and a too-large one are salvaged too
    expect(deframeAll(framed(s, 10), { salvageLength: true })[0]).toMatchObject({
      kind: 'frame',
      leniency: ['length-salvaged'],
    });
    expect(deframeAll(framed(s, 9999), { salvageLength: true, maxDataBytes: 1024 })[0]).toMatchObject({
      kind: 'frame',
      leniency: ['length-salvaged'],
    });
  });

  it('crc-unpadded: accepts a 3-digit CRC such as "880" only when enabled', () => {
    const s = findSegment((x) => hj212Crc(Buffer.from(x)) < 0x1000);
    const crc3 = formatCrc(hj212Crc(Buffer.from(s))).slice(1);
    const frame = framed(s, Buffer.byteLength(s), crc3);
    expect(deframeAll(Buffer.concat([frame, A])).map((e) => (e.kind === 'frame' ? 'frame' : e.code))).toEqual(
      ['HJ212_BAD_LENGTH', 'frame'],
    );
    const events = feed([frame, A], { acceptUnpaddedCrc: true });
    expect(events.map((e) => e.kind)).toEqual(['frame', 'frame']);
    expect(events[0]).toMatchObject({ crcText: crc3, leniency: ['crc-unpadded'] });
    expect(deframeAll(frame, { acceptUnpaddedCrc: true })[0]).toMatchObject({
      kind: 'frame',
      leniency: ['crc-unpadded'],
    });
  });
});

describe('Hj212Deframer: outcome independent of chunking', () => {
  it('gives the same events whole, byte by byte and in odd chunks over a messy stream', () => {
    const s = seg('20160801085857012');
    const stream = Buffer.concat([
      Buffer.from('\x16\x03\x01garbage#'),
      A,
      framed(s, Buffer.byteLength(s) + 6),
      B,
      Buffer.from('##9ST=1;&&ABCD\r\n'),
      A.subarray(0, 40),
      framed(s, 9999),
      C,
      Buffer.from('###'),
      A,
      Buffer.from('2BC0\r\n'),
      framed(s, Buffer.byteLength(s), 'ffff'),
      B.subarray(0, B.length - 1),
    ]);
    for (const options of [{}, { salvageLength: true, acceptUnpaddedCrc: true }, { maxDataBytes: 120 }]) {
      const whole = summary(feed([stream], options));
      expect(summary(feed(bytewise(stream), options))).toEqual(whole);
      for (const size of [2, 3, 7, 64, 101]) {
        const chunks: Buffer[] = [];
        for (let i = 0; i < stream.length; i += size) chunks.push(stream.subarray(i, i + size));
        expect(summary(feed(chunks, options))).toEqual(whole);
      }
      expectFullCoverage(feed([stream], options), stream.length);
    }
  });
});
