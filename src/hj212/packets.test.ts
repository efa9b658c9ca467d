import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCrc, hj212Crc } from './crc.js';
import { deframeAll, type DeframerOptions } from './deframer.js';
import type { Hj212FrameErrorCode } from './errors.js';
import type { LeniencyRule } from './leniency.js';
import { parseFrame } from './parse.js';

interface FixturePacket {
  readonly line: number;
  readonly text: string;
  readonly crcOk: boolean;
  readonly verdict: string;
}

function loadPackets(): FixturePacket[] {
  const url = new URL('../../test/fixtures/hj212/packets.txt', import.meta.url);
  const lines = readFileSync(url, 'utf8').split('\n');
  const out: FixturePacket[] = [];
  lines.forEach((text, i) => {
    if (!text.startsWith('##')) return;
    const verdict = lines[i + 2] ?? '';
    expect(lines[i + 1]).toMatch(/^# source: /);
    expect(verdict).toMatch(/^# crc-ok: (yes|no)/);
    out.push({ line: i + 1, text, crcOk: verdict.startsWith('# crc-ok: yes'), verdict });
  });
  return out;
}

const PACKETS = loadPackets();
const key = (p: FixturePacket): string => `${p.text.slice(2, 6)}/${p.text.slice(-4)}`;

/** The 8 packets marked `crc-ok: no`, keyed by length field / CRC field, with their verdicts. */
const EXPECTED_REJECTIONS: Record<
  string,
  { code: Hj212FrameErrorCode; lenient?: { options: DeframerOptions; rule: LeniencyRule } }
> = {
  // third-party test with a wrong CRC: nothing can rescue it
  '0275/1100': { code: 'HJ212_BAD_CRC' },
  // declared 596, 496 bytes present
  '0596/42C0': { code: 'HJ212_BAD_LENGTH' },
  // real logger sealing with CRC-16/MODBUS printed low byte first
  '0868/A6EC': {
    code: 'HJ212_BAD_CRC',
    lenient: { options: { crcVariants: ['modbus-swapped'] }, rule: 'crc-modbus-swapped' },
  },
  '1025/7865': {
    code: 'HJ212_BAD_CRC',
    lenient: { options: { crcVariants: ['modbus-swapped'] }, rule: 'crc-modbus-swapped' },
  },
  // GPRS drop: ";CN=" lost
  '0416/6840': { code: 'HJ212_BAD_LENGTH' },
  // fragment "##0293;Flag=1;CP=&&&&C601"
  '0293/C601': { code: 'HJ212_BAD_LENGTH' },
  // third-party test data sealed with CRC-16/MODBUS
  '0086/E476': {
    code: 'HJ212_BAD_CRC',
    lenient: { options: { crcVariants: ['modbus'] }, rule: 'crc-modbus' },
  },
  '0076/1CBA': {
    code: 'HJ212_BAD_CRC',
    lenient: { options: { crcVariants: ['modbus'] }, rule: 'crc-modbus' },
  },
};

describe('packets.txt fixture', () => {
  it('holds 73 packets, 65 marked crc-ok: yes', () => {
    expect(PACKETS).toHaveLength(73);
    expect(PACKETS.filter((p) => p.crcOk)).toHaveLength(65);
    expect(Object.keys(EXPECTED_REJECTIONS).sort()).toEqual(
      PACKETS.filter((p) => !p.crcOk)
        .map(key)
        .sort(),
    );
  });

  it.each(PACKETS.map((p) => [p.line, p] as const))(
    'line %i: CRC and length agree with its comment',
    (_, p) => {
      const bytes = Buffer.from(p.text, 'utf8');
      const segment = bytes.subarray(6, bytes.length - 4);
      const computed = formatCrc(hj212Crc(segment));
      if (p.crcOk) {
        expect(computed).toBe(p.text.slice(-4).toUpperCase());
      } else {
        expect(p.verdict).toContain(`standard algorithm gives ${computed}`);
      }
      const declaredActual = /declared (\d+), actual (\d+) bytes/.exec(p.verdict);
      if (declaredActual) {
        expect(Number(p.text.slice(2, 6))).toBe(Number(declaredActual[1]));
        expect(segment.length).toBe(Number(declaredActual[2]));
      } else {
        expect(p.verdict).toContain(`length-field = ${segment.length}`);
        expect(Number(p.text.slice(2, 6))).toBe(segment.length);
      }
    },
  );

  it.each(PACKETS.filter((p) => p.crcOk).map((p) => [p.line, p] as const))(
    'line %i (crc-ok: yes) is accepted: one frame, parsed',
    (_, p) => {
      const events = deframeAll(Buffer.from(`${p.text}\r\n`, 'utf8'));
      expect(events).toHaveLength(1);
      const [frame] = events;
      if (frame?.kind !== 'frame') throw new Error(`expected a frame, got ${JSON.stringify(frame)}`);
      expect(frame.crcVariant).toBe('hj212');
      const parsed = parseFrame(frame);
      if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.reason}`);
      expect(parsed.packet.mn.length).toBeGreaterThan(0);
      expect(parsed.packet.leniency.includes('crc-lowercase')).toBe(/[a-f]/.test(p.text.slice(-4)));
    },
  );

  it.each(PACKETS.filter((p) => !p.crcOk).map((p) => [p.line, key(p), p] as const))(
    'line %i (%s, crc-ok: no) is rejected with the right code',
    (_, k, p) => {
      const expected = EXPECTED_REJECTIONS[k];
      if (expected === undefined) throw new Error(`no expectation for ${k}`);
      const events = deframeAll(Buffer.from(`${p.text}\r\n`, 'utf8'));
      expect(events.filter((e) => e.kind === 'frame')).toHaveLength(0);
      expect(events[0]).toMatchObject({ kind: 'rejection', code: expected.code, offset: 0 });
      // Even the salvage rule cannot rescue them: the CRC fails over the real length too.
      const salvaged = deframeAll(Buffer.from(`${p.text}\r\n`, 'utf8'), { salvageLength: true });
      expect(salvaged.filter((e) => e.kind === 'frame')).toHaveLength(0);
    },
  );

  it.each(
    PACKETS.filter((p) => EXPECTED_REJECTIONS[key(p)]?.lenient).map((p) => [p.line, key(p), p] as const),
  )('line %i (%s) is accepted under its explicit CRC-variant rule', (_, k, p) => {
    const lenient = EXPECTED_REJECTIONS[k]?.lenient;
    if (lenient === undefined) throw new Error('unreachable');
    const events = deframeAll(Buffer.from(`${p.text}\r\n`, 'utf8'), lenient.options);
    expect(events).toHaveLength(1);
    const [frame] = events;
    if (frame?.kind !== 'frame') throw new Error('expected a frame');
    expect(frame.leniency).toContain(lenient.rule);
    const parsed = parseFrame(frame);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.packet.leniency).toContain(lenient.rule);
  });

  it('the 1025-byte packet is HJ212_TOO_LARGE under the standard 1024-byte cap', () => {
    const p = PACKETS.find((x) => key(x) === '1025/7865');
    if (p === undefined) throw new Error('fixture missing');
    const events = deframeAll(Buffer.from(`${p.text}\r\n`), { maxDataBytes: 1024 });
    expect(events[0]).toMatchObject({ kind: 'rejection', code: 'HJ212_TOO_LARGE', byteLength: 6 });
  });
});
