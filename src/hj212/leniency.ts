/**
 * Named leniency rules: every place where the codec accepts something the HJ 212-2017 text does not
 * allow, because real loggers send it (docs/standards/hj212.md §7). A frame or packet lists the rules it needed,
 * so the ingest can log them and count them per device. Rules marked `optIn` only apply when the
 * caller enables them; all others always apply.
 */
export const LENIENCY_RULES = {
  'crc-lowercase': {
    optIn: false,
    text: 'CRC hex digits in lower case (docs/standards/hj212.md §3: compare case-insensitively; real loggers send `7d00`, `cc01`)',
  },
  'crc-modbus': {
    optIn: true,
    text: 'CRC computed as CRC-16/MODBUS instead of the Appendix A algorithm (docs/standards/hj212.md §3)',
  },
  'crc-modbus-swapped': {
    optIn: true,
    text: 'CRC-16/MODBUS printed low byte first (docs/standards/hj212.md §3, real loggers in tonyxia2016/HJ212Receiver)',
  },
  'crc-unpadded': {
    optIn: true,
    text: 'CRC printed with 3 hex digits, no zero padding (`880` for `0880`, docs/standards/hj212.md §3)',
  },
  'length-salvaged': {
    optIn: true,
    text: 'length field wrong but the frame ends with `&&XXXX` CR LF and the CRC matches the real length (docs/standards/hj212.md §2)',
  },
  'text-gb18030': {
    optIn: false,
    text: 'data segment is not UTF-8 but decodes as GB18030/GBK (docs/standards/hj212.md §2: many devices send GBK)',
  },
  'flag-missing': {
    optIn: false,
    text: 'no Flag field (HJ/T 212-2005 habit): read as Flag=0, version 2005, no answer wanted (docs/standards/hj212.md §4)',
  },
  'qn-missing': {
    optIn: false,
    text: 'no QN in the header (HJ/T 212-2005 uploads, docs/standards/hj212.md §4)',
  },
  'qn-nonstandard': {
    optIn: false,
    text: 'QN is not 17 digits (e.g. 13-digit epoch milliseconds); kept as an opaque string (docs/standards/hj212.md §4)',
  },
  'pw-missing': {
    optIn: false,
    text: 'no PW in the header (docs/standards/hj212.md §4: tolerate missing PW; the ingest decides)',
  },
  'pw-nonstandard': {
    optIn: false,
    text: 'PW is not 6 characters (24-character PWs occur, docs/standards/hj212.md §4)',
  },
  'mn-nonstandard': {
    optIn: false,
    text: 'MN is not 24 hex digits (14-character 2005 MNs and arbitrary IDs occur, docs/standards/hj212.md §4)',
  },
  'st-nonstandard': {
    optIn: false,
    text: 'ST is not 2 characters of 0-9/A-Z (`101`, NUL bytes occur in real traffic, docs/standards/hj212.md §4)',
  },
  'header-unknown-field': {
    optIn: false,
    text: 'header field other than QN/ST/CN/PW/MN/Flag/PNUM/PNO; kept in `extraHeader`',
  },
  'field-after-cp': {
    optIn: false,
    text: 'header fields after the closing `&&` of CP (`…&&;Flag=0`, docs/standards/hj212.md §4)',
  },
  'cp-missing-separator': {
    optIn: false,
    text: 'no `;` before `CP=` (the standard itself prints `Flag=5CP=` in C.19)',
  },
  'cp-empty-item': {
    optIn: false,
    text: 'empty CP item: trailing `;` or `,` before `&&`, or `;;` (docs/standards/hj212.md §7)',
  },
  'split-flag-without-pnum': {
    optIn: false,
    text: 'Flag D bit set but no PNUM/PNO (`Flag=7` on a single packet, docs/standards/hj212.md §4)',
  },
  'pnum-without-split-flag': {
    optIn: false,
    text: 'PNUM/PNO present while the Flag D bit is clear or Flag is absent (2005 loggers)',
  },
  'time-milliseconds': {
    optIn: false,
    text: 'time field with 17 digits `YYYYMMDDhhmmsszzz` (HJ/T 212-2005-era loggers, docs/standards/hj212.md §5)',
  },
} as const satisfies Record<string, { optIn: boolean; text: string }>;

/** The name of a leniency rule. */
export type LeniencyRule = keyof typeof LENIENCY_RULES;
