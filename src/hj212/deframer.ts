/**
 * Byte-stream deframer for HJ 212 (HJ 212-2017 §6.3.1 Table 2; docs/standards/hj212.md §2).
 *
 * ```
 * "##" | LLLL | data segment (LLLL bytes) | CCCC | CR LF
 * ```
 *
 * Feed it the bytes of one TCP connection in whatever pieces they arrive; it yields, in stream
 * order, frames and rejections. Every byte of the stream ends up in exactly one frame, one
 * rejection, or one `HJ212_GARBAGE` event, and the outcome never depends on how the stream was cut
 * into chunks (only on the bytes).
 *
 * Resync rules (docs/standards/hj212.md §2):
 * - bytes before `##` are garbage (scanner traffic, stray fragments);
 * - a length field that is not 4 digits, a missing tail, a bad CRC or a length above the cap rejects
 *   only the bytes examined, and scanning resumes right after them, so the next good frame is kept;
 * - strict rule: `##` is reserved for the header (Table 2), so a `##` inside the declared span ends
 *   the candidate at once. This is what stops a wrong (too long) length field from swallowing the
 *   following good packet, without waiting for the declared number of bytes.
 */
import { formatCrc, hj212Crc, matchCrc, type CrcVariant } from './crc.js';
import { rejection, type Hj212FrameErrorCode, type Hj212Rejection } from './errors.js';
import type { LeniencyRule } from './leniency.js';

/** Largest value the 4-digit length field can hold, bytes. Default cap (docs/standards/hj212.md §2). */
export const HJ212_FIELD_MAX_DATA_BYTES = 9999;
/** Bytes of a frame around the data segment: `##`, LLLL, CCCC, CR LF. */
const HJ212_FRAME_OVERHEAD_BYTES = 12;
/** Bytes of a garbage run kept in its event for logging. */
const GARBAGE_SAMPLE_BYTES = 256;

const HASH = 0x23;
const AMP = 0x26;
const CR = 0x0d;
const LF = 0x0a;

/** Options of a {@link Hj212Deframer}. */
export interface DeframerOptions {
  /** Largest accepted data segment, bytes, 0–9999 (default 9999; the standard says 1024). */
  readonly maxDataBytes?: number;
  /**
   * Most bytes this instance keeps between two `push` calls (default `maxDataBytes + 12`, one whole
   * frame). A lower value also lowers the effective frame cap to `maxBufferBytes - 12`.
   */
  readonly maxBufferBytes?: number;
  /** Non-standard CRC variants also accepted, flagged on the frame (docs/standards/hj212.md §3). Default none. */
  readonly crcVariants?: readonly Exclude<CrcVariant, 'hj212'>[];
  /** Rule `length-salvaged`: recover frames whose length field is wrong (docs/standards/hj212.md §2 step 5). */
  readonly salvageLength?: boolean;
  /** Rule `crc-unpadded`: accept a 3-digit CRC (`880` for `0880`). */
  readonly acceptUnpaddedCrc?: boolean;
}

/** One frame cut from the stream: `##`, length, data segment, CRC, CR LF. */
export interface Hj212Frame {
  readonly kind: 'frame';
  /** Byte offset of its `##` in the stream fed to this deframer. */
  readonly offset: number;
  /** The whole frame, `##` to CR LF. */
  readonly raw: Buffer;
  /** The 4-digit length field as a number (equals `data.length` unless `length-salvaged`). */
  readonly declaredLength: number;
  /** The data segment bytes (`QN=…&&`), not yet decoded. */
  readonly data: Buffer;
  /** The CRC characters as received. */
  readonly crcText: string;
  /** The CRC algorithm that matched (`hj212` unless a variant was enabled and matched). */
  readonly crcVariant: CrcVariant;
  /** Leniency rules this frame needed; empty for a fully standard frame. */
  readonly leniency: readonly LeniencyRule[];
}

/** Bytes that did not make a frame, with the reason. */
export interface Hj212FrameRejection extends Hj212Rejection<Hj212FrameErrorCode> {
  readonly kind: 'rejection';
  /** Byte offset of the first rejected byte in the stream. */
  readonly offset: number;
  /** How many stream bytes this rejection covers. */
  readonly byteLength: number;
  /** The rejected bytes (for `HJ212_GARBAGE`, the first {@link GARBAGE_SAMPLE_BYTES} of them). */
  readonly raw: Buffer;
}

/** One outcome of the deframer. */
export type DeframeEvent = Hj212Frame | Hj212FrameRejection;

type Outcome = { readonly event: DeframeEvent; readonly next: number } | 'wait';

/** A printable rendering of a few bytes for reasons. */
function show(buf: Buffer, start: number, end: number): string {
  return JSON.stringify(buf.toString('latin1', start, Math.min(end, start + 16)));
}

function isHex(b: number | undefined): boolean {
  return (
    b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66))
  );
}

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

/**
 * Stateful HJ 212 deframer for one byte stream (one TCP connection). Not thread-shared; create one
 * per connection. `push` never throws on any input.
 *
 * @example
 * const d = new Hj212Deframer();
 * socket.on('data', (chunk) => { for (const ev of d.push(chunk)) handle(ev); });
 * socket.on('end', () => { for (const ev of d.end()) handle(ev); });
 */
export class Hj212Deframer {
  readonly #maxData: number;
  readonly #variants: readonly Exclude<CrcVariant, 'hj212'>[];
  readonly #salvage: boolean;
  readonly #unpadded: boolean;
  #buf: Buffer = Buffer.alloc(0);
  /** Stream offset of `#buf[0]`. */
  #base = 0;
  #garbageStart = 0;
  #garbageLength = 0;
  #garbageSample: Buffer[] = [];
  #garbageSampleLength = 0;

  constructor(options: DeframerOptions = {}) {
    const maxData = options.maxDataBytes ?? HJ212_FIELD_MAX_DATA_BYTES;
    if (!Number.isInteger(maxData) || maxData < 0 || maxData > HJ212_FIELD_MAX_DATA_BYTES) {
      throw new RangeError(`maxDataBytes must be an integer 0–9999, got ${maxData}`);
    }
    const maxBuffer = options.maxBufferBytes ?? maxData + HJ212_FRAME_OVERHEAD_BYTES;
    if (!Number.isInteger(maxBuffer) || maxBuffer < HJ212_FRAME_OVERHEAD_BYTES) {
      throw new RangeError(`maxBufferBytes must be an integer ≥ 12, got ${maxBuffer}`);
    }
    this.#maxData = Math.min(maxData, maxBuffer - HJ212_FRAME_OVERHEAD_BYTES);
    this.#variants = [...(options.crcVariants ?? [])];
    this.#salvage = options.salvageLength ?? false;
    this.#unpadded = options.acceptUnpaddedCrc ?? false;
  }

  /** The effective data-segment cap, bytes. */
  get maxDataBytes(): number {
    return this.#maxData;
  }

  /** Bytes held waiting for the rest of a frame (never more than the buffer cap). */
  get bufferedBytes(): number {
    return this.#buf.length;
  }

  /** Garbage bytes seen since the last `##` and not yet reported (lets a server drop noisy peers). */
  get pendingGarbageBytes(): number {
    return this.#garbageLength;
  }

  /** Feeds the next bytes of the stream; returns the outcomes they complete, in stream order. */
  push(chunk: Uint8Array): DeframeEvent[] {
    const incoming = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.#buf = this.#buf.length === 0 ? incoming : Buffer.concat([this.#buf, incoming]);
    return this.#drain(false);
  }

  /**
   * Ends the stream (connection closed or idle timeout): whatever is buffered becomes a rejection
   * (`HJ212_NO_TAIL` for a cut-off frame) or garbage. The deframer is then empty and reusable.
   */
  end(): DeframeEvent[] {
    const out = this.#drain(true);
    this.#base += this.#buf.length;
    this.#buf = Buffer.alloc(0);
    return out;
  }

  #drain(ended: boolean): DeframeEvent[] {
    const out: DeframeEvent[] = [];
    const buf = this.#buf;
    let pos = 0;
    for (;;) {
      const h = buf.indexOf('##', pos, 'latin1');
      if (h === -1) {
        // Keep a trailing '#': it may be the first half of the next header.
        const keepFrom =
          !ended && buf.length > pos && buf[buf.length - 1] === HASH ? buf.length - 1 : buf.length;
        this.#garbage(buf, pos, keepFrom);
        pos = keepFrom;
        break;
      }
      if (buf[h + 2] === HASH) {
        // "###…": the header starts one byte later.
        this.#garbage(buf, pos, h + 1);
        pos = h + 1;
        continue;
      }
      this.#garbage(buf, pos, h);
      pos = h;
      const outcome = this.#examine(buf, h, ended);
      if (outcome === 'wait') break;
      this.#flushGarbage(out);
      out.push(outcome.event);
      pos = outcome.next;
    }
    if (ended) this.#flushGarbage(out);
    this.#base += pos;
    // Copy what is kept: the caller may reuse the chunk's memory after push returns.
    this.#buf = pos >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(pos));
    return out;
  }

  #garbage(buf: Buffer, start: number, end: number): void {
    if (end <= start) return;
    if (this.#garbageLength === 0) this.#garbageStart = this.#base + start;
    this.#garbageLength += end - start;
    const room = GARBAGE_SAMPLE_BYTES - this.#garbageSampleLength;
    if (room > 0) {
      const piece = Buffer.from(buf.subarray(start, Math.min(end, start + room)));
      this.#garbageSample.push(piece);
      this.#garbageSampleLength += piece.length;
    }
  }

  #flushGarbage(out: DeframeEvent[]): void {
    if (this.#garbageLength === 0) return;
    const raw = Buffer.concat(this.#garbageSample);
    out.push({
      kind: 'rejection',
      ...rejection(
        'HJ212_GARBAGE',
        `${this.#garbageLength} bytes outside any frame, starting ${show(raw, 0, 16)}`,
      ),
      offset: this.#garbageStart,
      byteLength: this.#garbageLength,
      raw,
    });
    this.#garbageLength = 0;
    this.#garbageSample = [];
    this.#garbageSampleLength = 0;
  }

  #reject(buf: Buffer, h: number, end: number, code: Hj212FrameErrorCode, reason: string): Outcome {
    return {
      event: {
        kind: 'rejection',
        ...rejection(code, reason),
        offset: this.#base + h,
        byteLength: end - h,
        raw: Buffer.from(buf.subarray(h, end)),
      },
      next: end,
    };
  }

  #frame(
    buf: Buffer,
    h: number,
    dataEnd: number,
    crcEnd: number,
    declaredLength: number,
    variant: CrcVariant,
    extra: readonly LeniencyRule[],
  ): Outcome {
    const crcText = buf.toString('latin1', dataEnd, crcEnd);
    const leniency: LeniencyRule[] = [...extra];
    if (/[a-f]/.test(crcText)) leniency.push('crc-lowercase');
    if (variant === 'modbus') leniency.push('crc-modbus');
    if (variant === 'modbus-swapped') leniency.push('crc-modbus-swapped');
    return {
      event: {
        kind: 'frame',
        offset: this.#base + h,
        raw: Buffer.from(buf.subarray(h, crcEnd + 2)),
        declaredLength,
        data: Buffer.from(buf.subarray(h + 6, dataEnd)),
        crcText,
        crcVariant: variant,
        leniency,
      },
      next: crcEnd + 2,
    };
  }

  /** Decides the candidate frame whose `##` is at `h`, or asks to wait for more bytes. */
  #examine(buf: Buffer, h: number, ended: boolean): Outcome {
    const avail = buf.length;
    if (avail < h + 6) {
      return ended
        ? this.#reject(buf, h, avail, 'HJ212_NO_TAIL', `stream ended ${avail - h} bytes into a frame header`)
        : 'wait';
    }
    for (let i = h + 2; i < h + 6; i++) {
      if (!isDigit(buf[i])) {
        return this.#reject(
          buf,
          h,
          h + 2,
          'HJ212_BAD_LENGTH',
          `length field ${show(buf, h + 2, h + 6)} is not 4 decimal digits`,
        );
      }
    }
    const declared = Number(buf.toString('latin1', h + 2, h + 6));
    const dataStart = h + 6;
    const tooLarge = declared > this.#maxData;
    if (tooLarge && !this.#salvage) {
      return this.#reject(
        buf,
        h,
        h + 6,
        'HJ212_TOO_LARGE',
        `declared data length ${declared} exceeds the cap of ${this.#maxData} bytes`,
      );
    }
    const declaredEnd = dataStart + declared + 6;
    const windowEnd = dataStart + this.#maxData + 6;

    if (!tooLarge) {
      const inner = this.#findHeader(buf, dataStart, Math.min(avail, declaredEnd));
      if (inner !== -1) return this.#fail(buf, h, declared, inner, false);
      if (avail < declaredEnd) {
        return ended ? this.#fail(buf, h, declared, this.#trimHash(buf, h, avail), false) : 'wait';
      }
      const tailAtDeclared = buf[declaredEnd - 2] === CR && buf[declaredEnd - 1] === LF;
      if (tailAtDeclared) {
        const crcText = buf.toString('latin1', declaredEnd - 6, declaredEnd - 2);
        const variant = matchCrc(buf, dataStart, declaredEnd - 6, crcText, this.#variants);
        if (variant !== undefined) {
          return this.#frame(buf, h, declaredEnd - 6, declaredEnd - 2, declared, variant, []);
        }
        return this.#fail(buf, h, declared, declaredEnd, true);
      }
      if (!this.#salvage) return this.#fail(buf, h, declared, this.#trimHash(buf, h, declaredEnd), false);
    }
    // Salvage: look for the real end up to the next header, the window cap or the end of stream.
    const inner = this.#findHeader(buf, dataStart, Math.min(avail, windowEnd));
    if (inner !== -1) return this.#fail(buf, h, declared, inner, false);
    if (avail < windowEnd && !ended) return 'wait';
    return this.#fail(buf, h, declared, this.#trimHash(buf, h, Math.min(avail, windowEnd)), false);
  }

  /** First `##` starting in [from, limit) whose second byte is also buffered, or -1. */
  #findHeader(buf: Buffer, from: number, limit: number): number {
    const i = buf.indexOf('##', from, 'latin1');
    return i !== -1 && i < limit ? i : -1;
  }

  /** Leaves a trailing '#' out of a rejected region so it can start the next header. */
  #trimHash(buf: Buffer, h: number, end: number): number {
    return end - 1 > h + 6 && buf[end - 1] === HASH ? end - 1 : end;
  }

  /**
   * The declared framing failed for the candidate at `h`; `end` bounds the bytes it may own.
   * Tries the opt-in salvage rules, else classifies the rejection.
   */
  #fail(buf: Buffer, h: number, declared: number, end: number, tailAtDeclared: boolean): Outcome {
    const dataStart = h + 6;
    const crlf = this.#findCrlf(buf, dataStart, end);
    if (crlf !== -1 && (this.#salvage || this.#unpadded)) {
      const salvaged = this.#trySalvage(buf, h, declared, crlf);
      if (salvaged !== undefined) return salvaged;
    }
    if (tailAtDeclared) {
      const crcEnd = end - 2;
      const computed = formatCrc(hj212Crc(buf, dataStart, crcEnd - 4));
      return this.#reject(
        buf,
        h,
        end,
        'HJ212_BAD_CRC',
        `CRC field ${show(buf, crcEnd - 4, crcEnd)} does not match ${computed}, the HJ 212 CRC of the ${declared}-byte data segment`,
      );
    }
    if (declared > this.#maxData) {
      return this.#reject(
        buf,
        h,
        end,
        'HJ212_TOO_LARGE',
        `declared data length ${declared} exceeds the cap of ${this.#maxData} bytes`,
      );
    }
    if (crlf !== -1) {
      const actual = crlf - 4 - dataStart;
      return this.#reject(
        buf,
        h,
        end,
        'HJ212_BAD_LENGTH',
        `length field says ${declared} bytes but the frame ends with CR LF after ${Math.max(actual, 0)}`,
      );
    }
    return this.#reject(
      buf,
      h,
      end,
      'HJ212_NO_TAIL',
      `no CR LF after the ${declared}-byte data segment: frame cut off after ${end - h} bytes`,
    );
  }

  #findCrlf(buf: Buffer, from: number, end: number): number {
    const i = buf.indexOf('\r\n', from, 'latin1');
    return i !== -1 && i + 2 <= end ? i : -1;
  }

  /** Rules `length-salvaged` and `crc-unpadded`: a `&&XXXX` CR LF (or `&&XXX` CR LF) real tail. */
  #trySalvage(buf: Buffer, h: number, declared: number, crlf: number): Outcome | undefined {
    const dataStart = h + 6;
    for (const digits of [4, 3] as const) {
      const dataEnd = crlf - digits;
      if (dataEnd - 2 < dataStart) continue;
      if (buf[dataEnd - 2] !== AMP || buf[dataEnd - 1] !== AMP) continue;
      let hex = true;
      for (let i = dataEnd; i < crlf; i++) hex &&= isHex(buf[i]);
      if (!hex) continue;
      const lengthOk = dataEnd - dataStart === declared;
      if (digits === 4 && lengthOk) return undefined; // the declared framing itself, already rejected
      if (!lengthOk && !this.#salvage) return undefined;
      if (digits === 3 && !this.#unpadded) return undefined;
      const crcText = buf.toString('latin1', dataEnd, crlf);
      const variant = matchCrc(buf, dataStart, dataEnd, crcText, this.#variants);
      if (variant === undefined) return undefined;
      const rules: LeniencyRule[] = [];
      if (!lengthOk) rules.push('length-salvaged');
      if (digits === 3) rules.push('crc-unpadded');
      return this.#frame(buf, h, dataEnd, crlf, declared, variant, rules);
    }
    return undefined;
  }
}

/**
 * Deframes one complete byte string (e.g. a logged packet with its CR LF): all outcomes of feeding
 * it to a fresh deframer and ending the stream.
 */
export function deframeAll(bytes: Uint8Array, options?: DeframerOptions): DeframeEvent[] {
  const d = new Hj212Deframer(options);
  return [...d.push(bytes), ...d.end()];
}
