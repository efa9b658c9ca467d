/**
 * The HJ 212 CRC (HJ 212-2017 Appendix A) and the non-standard variants real loggers use
 * (docs/standards/hj212.md §3).
 *
 * The standard calls it "ANSI CRC16" but it is neither CRC-16/ARC nor CRC-16/MODBUS: for each byte
 * the register's HIGH byte is XORed with the data byte and that 8-bit result replaces the whole
 * register, followed by eight reflected-0xA001 rounds. Only 8 bits of state pass between bytes,
 * so a non-empty segment has just 256 possible CRCs; never rely on the CRC alone.
 */

/** A CRC algorithm a frame may have been sealed with. `hj212` is the only standard one. */
export type CrcVariant = 'hj212' | 'modbus' | 'modbus-swapped';

/** Eight rounds of the reflected 0xA001 polynomial applied to each byte value (the usual table). */
const ROUNDS_A001: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i;
    for (let k = 0; k < 8; k++) r = r & 1 ? (r >>> 1) ^ 0xa001 : r >>> 1;
    table[i] = r;
  }
  return table;
})();

/**
 * The HJ 212-2017 Appendix A CRC of `bytes[start, end)`, as a number 0–0xFFFF. The scope is the data
 * segment only (not `##`, the length, nor CR LF). Empty segment → 0xFFFF.
 */
export function hj212Crc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let r = 0xffff;
  for (let i = start; i < end; i++) {
    // (r >> 8) ^ b is below 256, so the eight rounds are one table lookup.
    r = ROUNDS_A001[((r >>> 8) ^ (bytes[i] as number)) & 0xff] as number;
  }
  return r;
}

/** CRC-16/MODBUS of `bytes[start, end)` (a non-standard variant seen in the wild, docs/standards/hj212.md §3). */
export function modbusCrc(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let r = 0xffff;
  for (let i = start; i < end; i++) {
    r = (r >>> 8) ^ (ROUNDS_A001[(r ^ (bytes[i] as number)) & 0xff] as number);
  }
  return r;
}

/** The CRC of `bytes[start, end)` under a variant, as the number that is printed as hex. */
export function crcOf(variant: CrcVariant, bytes: Uint8Array, start = 0, end = bytes.length): number {
  switch (variant) {
    case 'hj212':
      return hj212Crc(bytes, start, end);
    case 'modbus':
      return modbusCrc(bytes, start, end);
    case 'modbus-swapped': {
      const m = modbusCrc(bytes, start, end);
      return ((m & 0xff) << 8) | (m >>> 8);
    }
    default:
      throw new Error(`impossible CRC variant: ${String(variant satisfies never)}`);
  }
}

/** Formats a CRC as the standard prints it: 4 upper-case hex digits, zero-padded (`%04X`). */
export function formatCrc(crc: number): string {
  return (crc & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Reads a printed CRC: 3 or 4 hex digits, either case. Returns undefined when it is not hex.
 * (3 digits only ever matter under the opt-in `crc-unpadded` rule.)
 */
export function parseCrcText(text: string): number | undefined {
  if (!/^[0-9A-Fa-f]{3,4}$/.test(text)) return undefined;
  return Number.parseInt(text, 16);
}

/**
 * Which variant, if any, seals `bytes[start, end)` with the printed CRC `crcText`. The standard
 * algorithm is always tried first; `extra` variants are tried after it, in order. The comparison is
 * case-insensitive (docs/standards/hj212.md §3).
 */
export function matchCrc(
  bytes: Uint8Array,
  start: number,
  end: number,
  crcText: string,
  extra: readonly CrcVariant[] = [],
): CrcVariant | undefined {
  const printed = parseCrcText(crcText);
  if (printed === undefined) return undefined;
  if (hj212Crc(bytes, start, end) === printed) return 'hj212';
  for (const v of extra) {
    if (v !== 'hj212' && crcOf(v, bytes, start, end) === printed) return v;
  }
  return undefined;
}
