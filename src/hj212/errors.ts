/**
 * Stable rejection codes of the HJ 212 codec. Every frame or packet that is not accepted carries
 * exactly one of these codes, so rejections can be counted, logged and shown by code
 * (docs/conventions.md §6). The codes are part of the public
 * contract: never rename one; add new ones at the end.
 */

/** Every rejection code, in a fixed order. */
const HJ212_ERROR_CODES = [
  /** CRC field does not match the HJ 212-2017 Appendix A CRC of the data segment (or is not hex). */
  'HJ212_BAD_CRC',
  /** Length field is not 4 decimal digits, or does not match where the frame really ends. */
  'HJ212_BAD_LENGTH',
  /** No CR LF where the frame should end: the frame was cut short (or the stream ended). */
  'HJ212_NO_TAIL',
  /** Declared data length above the configured cap (HJ 212-2017 Table 2: 1024; field maximum 9999). */
  'HJ212_TOO_LARGE',
  /** Bytes outside any frame (before a `##`): scanner traffic, line noise, stray fragments. */
  'HJ212_GARBAGE',
  /** Data segment is neither valid UTF-8 (HJ 212-2017 §6.3) nor valid GB18030. */
  'HJ212_BAD_ENCODING',
  /** A field is malformed: wrong syntax, out of range, duplicated header field, unclosed CP. */
  'HJ212_BAD_FIELD',
  /** A time field (DataTime, SystemTime, …) is not a possible `YYYYMMDDhhmmss[zzz]` China local time. */
  'HJ212_BAD_TIME',
  /** A required field (ST, CN, MN, CP) is absent. */
  'HJ212_MISSING_FIELD',
  /** The MN is not registered on the platform (used by the ingest server). */
  'HJ212_UNKNOWN_DEVICE',
  /** The PW does not match the device's password (used by the ingest server; QnRtn=3 in 2017 Table 7). */
  'HJ212_BAD_PASSWORD',
] as const;

/** A stable HJ 212 rejection code. */
export type Hj212ErrorCode = (typeof HJ212_ERROR_CODES)[number];

/** The codes the deframer can produce (framing-level problems). */
export type Hj212FrameErrorCode = Extract<
  Hj212ErrorCode,
  'HJ212_BAD_CRC' | 'HJ212_BAD_LENGTH' | 'HJ212_NO_TAIL' | 'HJ212_TOO_LARGE' | 'HJ212_GARBAGE'
>;

/** The codes the data-segment parser can produce. */
export type Hj212ParseErrorCode = Extract<
  Hj212ErrorCode,
  'HJ212_BAD_ENCODING' | 'HJ212_BAD_FIELD' | 'HJ212_BAD_TIME' | 'HJ212_MISSING_FIELD'
>;

/** A rejection: the outcome of a frame or packet that was not accepted. Never thrown by the parser. */
export interface Hj212Rejection<C extends Hj212ErrorCode = Hj212ErrorCode> {
  readonly ok: false;
  readonly code: C;
  /** A human-readable reason naming the offending field or byte position. */
  readonly reason: string;
}

/** Builds a rejection value. */
export function rejection<C extends Hj212ErrorCode>(code: C, reason: string): Hj212Rejection<C> {
  return { ok: false, code, reason };
}

/** Type guard for the codes. */
export function isHj212ErrorCode(value: unknown): value is Hj212ErrorCode {
  return typeof value === 'string' && (HJ212_ERROR_CODES as readonly string[]).includes(value);
}
