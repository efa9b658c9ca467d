/**
 * Parser of the HJ 212 data segment (HJ 212-2017 §6.3.2 Table 3 header, §6.3.3 CP data area,
 * Table 4 fields; docs/standards/hj212.md §4, §5). Pure and total: every input gives a packet or a rejection, it
 * never throws. Leniencies for real-world variants are the named rules of `leniency.ts`, listed on
 * each packet that needed them.
 */
import { resolveCode } from './codes.js';
import type { Hj212Frame } from './deframer.js';
import { rejection, type Hj212ParseErrorCode, type Hj212Rejection } from './errors.js';
import type { LeniencyRule } from './leniency.js';
import {
  TIME_FIELD_NAMES,
  type CpItem,
  type CpValue,
  type Hj212Cp,
  type Hj212Edition,
  type Hj212Flag,
  type Hj212Packet,
} from './packet.js';
import { parseHj212Time, type Hj212Time } from './time.js';

/** The outcome of parsing: a packet or a rejection. */
export type ParseOutcome =
  { readonly ok: true; readonly packet: Hj212Packet } | Hj212Rejection<Hj212ParseErrorCode>;

type Reject = Hj212Rejection<Hj212ParseErrorCode>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const GB18030 = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true });

const HEADER_KEYS = ['QN', 'ST', 'CN', 'PW', 'MN', 'Flag', 'PNUM', 'PNO'] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

/** Upper bounds for header values, characters (edge validation; the standard sizes are smaller). */
const MAX_ID_CHARS = 64;
const MAX_ST_CHARS = 8;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PRINTABLE = /^[\x21-\x7e]+$/;
const TIME_FIELDS: ReadonlySet<string> = new Set(TIME_FIELD_NAMES);

/** A decimal number from its text, or undefined (exponent form accepted, docs/standards/hj212.md §5). */
function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function show(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** Parses the data segment of a deframed frame; the frame's leniency rules carry over. */
export function parseFrame(frame: Hj212Frame): ParseOutcome {
  return parseDataSegment(frame.data, frame.leniency);
}

/**
 * Parses a data segment (`QN=…;ST=…;…;CP=&&…&&`), given as bytes (decoded as UTF-8, else GB18030)
 * or as text. `inherited` leniency rules (from the frame) are prepended to the packet's list.
 */
export function parseDataSegment(
  data: Uint8Array | string,
  inherited: readonly LeniencyRule[] = [],
): ParseOutcome {
  try {
    return parseUnsafe(data, inherited);
  } catch (e) {
    // Defence in depth: the parser is written not to throw; if it ever does, it is still a rejection.
    return rejection(
      'HJ212_BAD_FIELD',
      `internal parser error: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function decode(data: Uint8Array, rules: LeniencyRule[]): string | Reject {
  try {
    return UTF8.decode(data);
  } catch {
    try {
      const text = GB18030.decode(data);
      rules.push('text-gb18030');
      return text;
    } catch {
      return rejection('HJ212_BAD_ENCODING', 'data segment is neither UTF-8 nor GB18030 text');
    }
  }
}

function parseUnsafe(data: Uint8Array | string, inherited: readonly LeniencyRule[]): ParseOutcome {
  const rules: LeniencyRule[] = [...inherited];
  const text = typeof data === 'string' ? data : decode(data, rules);
  if (typeof text !== 'string') return text;

  const cpAt = text.indexOf('CP=&&');
  if (cpAt === -1) {
    return /(?:^|;)CP=/.test(text)
      ? rejection('HJ212_BAD_FIELD', 'CP does not start with "&&"')
      : rejection('HJ212_MISSING_FIELD', 'no CP field');
  }
  const cpStart = cpAt + 5;
  const cpEnd = text.lastIndexOf('&&');
  if (cpEnd < cpStart) return rejection('HJ212_BAD_FIELD', 'CP is not closed by "&&"');

  let head = text.slice(0, cpAt);
  if (head.endsWith(';')) head = head.slice(0, -1);
  else if (cpAt > 0) rules.push('cp-missing-separator');
  const items = head === '' ? [] : head.split(';');
  const tail = text.slice(cpEnd + 2);
  if (tail !== '') {
    if (!tail.startsWith(';')) return rejection('HJ212_BAD_FIELD', `text after CP: ${show(tail)}`);
    rules.push('field-after-cp');
    const after = tail.slice(1).split(';');
    if (after[after.length - 1] === '') after.pop();
    items.push(...after);
  }

  const header = new Map<HeaderKey, string>();
  const extraHeader: [string, string][] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) return rejection('HJ212_BAD_FIELD', `header item ${show(item)} is not key=value`);
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if ((HEADER_KEYS as readonly string[]).includes(key)) {
      const k = key as HeaderKey;
      if (header.has(k)) return rejection('HJ212_BAD_FIELD', `header field ${key} appears twice`);
      header.set(k, value);
    } else {
      extraHeader.push([key, value]);
    }
  }
  if (extraHeader.length > 0) rules.push('header-unknown-field');

  const st = header.get('ST');
  const cn = header.get('CN');
  const mn = header.get('MN');
  if (st === undefined) return rejection('HJ212_MISSING_FIELD', 'no ST field');
  if (cn === undefined) return rejection('HJ212_MISSING_FIELD', 'no CN field');
  if (mn === undefined) return rejection('HJ212_MISSING_FIELD', 'no MN field');

  if (st.length === 0 || st.length > MAX_ST_CHARS)
    return rejection('HJ212_BAD_FIELD', `ST ${show(st)} is not 1–8 characters`);
  if (!/^[0-9A-Z]{2}$/.test(st)) rules.push('st-nonstandard');
  if (!/^\d{4}$/.test(cn)) return rejection('HJ212_BAD_FIELD', `CN ${show(cn)} is not 4 digits`);
  if (mn.length > MAX_ID_CHARS || !PRINTABLE.test(mn)) {
    return rejection('HJ212_BAD_FIELD', `MN ${show(mn)} is not 1–64 printable ASCII characters`);
  }
  if (!/^[0-9A-F]{24}$/.test(mn)) rules.push('mn-nonstandard');

  const pw = header.get('PW');
  if (pw === undefined) rules.push('pw-missing');
  else if (pw.length > MAX_ID_CHARS || !PRINTABLE.test(pw)) {
    return rejection('HJ212_BAD_FIELD', `PW is not 1–64 printable ASCII characters`);
  } else if (pw.length !== 6) rules.push('pw-nonstandard');

  const qn = header.get('QN');
  if (qn === undefined) rules.push('qn-missing');
  else if (qn.length > MAX_ID_CHARS || !PRINTABLE.test(qn)) {
    return rejection('HJ212_BAD_FIELD', `QN ${show(qn)} is not 1–64 printable ASCII characters`);
  } else if (!/^\d{17}$/.test(qn)) rules.push('qn-nonstandard');

  const flag = parseFlag(header.get('Flag'), rules);
  if ('ok' in flag) return flag;
  const edition = editionOf(flag);
  if (edition === undefined) {
    return rejection(
      'HJ212_BAD_FIELD',
      `Flag=${flag.value} has unknown protocol version bits ${flag.version}`,
    );
  }

  const split = parseSplit(header.get('PNUM'), header.get('PNO'), flag, rules);
  if ('ok' in split) return split;

  const cp = parseCp(text.slice(cpStart, cpEnd), st, rules);
  if ('ok' in cp) return cp;

  const packet: Hj212Packet = {
    edition,
    qn,
    st,
    cn,
    pw,
    mn,
    flag,
    pnum: split.pnum,
    pno: split.pno,
    cp,
    extraHeader,
    text,
    leniency: [...new Set(rules)],
  };
  return { ok: true, packet };
}

function parseFlag(value: string | undefined, rules: LeniencyRule[]): Hj212Flag | Reject {
  if (value === undefined) {
    rules.push('flag-missing');
    return { value: 0, present: false, version: 0, ack: false, split: false };
  }
  if (!/^\d{1,3}$/.test(value) || Number(value) > 255) {
    return rejection('HJ212_BAD_FIELD', `Flag ${show(value)} is not an integer 0–255`);
  }
  const n = Number(value);
  return { value: n, present: true, version: n >> 2, ack: (n & 1) === 1, split: (n & 2) === 2 };
}

/** Edition of a Flag's version bits (docs/standards/hj212.md §4): 0 → 2005, 1 → 2017, 2 → 2025. */
function editionOf(flag: Pick<Hj212Flag, 'version'>): Hj212Edition | undefined {
  switch (flag.version) {
    case 0:
      return '2005';
    case 1:
      return '2017';
    case 2:
      return '2025';
    default:
      return undefined;
  }
}

function parseSplit(
  pnumText: string | undefined,
  pnoText: string | undefined,
  flag: Hj212Flag,
  rules: LeniencyRule[],
): { pnum: number | undefined; pno: number | undefined } | Reject {
  if (pnumText === undefined && pnoText === undefined) {
    if (flag.split) rules.push('split-flag-without-pnum');
    return { pnum: undefined, pno: undefined };
  }
  if (pnumText === undefined) return rejection('HJ212_MISSING_FIELD', 'PNO without PNUM');
  if (pnoText === undefined) return rejection('HJ212_MISSING_FIELD', 'PNUM without PNO');
  if (!/^\d{1,9}$/.test(pnumText) || !/^\d{1,9}$/.test(pnoText)) {
    return rejection('HJ212_BAD_FIELD', `PNUM ${show(pnumText)} / PNO ${show(pnoText)} are not 1–9 digits`);
  }
  const pnum = Number(pnumText);
  const pno = Number(pnoText);
  if (pnum < 1 || pno < 1 || pno > pnum) {
    return rejection('HJ212_BAD_FIELD', `PNO=${pno} of PNUM=${pnum} is not 1 ≤ PNO ≤ PNUM`);
  }
  if (!flag.split) rules.push('pnum-without-split-flag');
  return { pnum, pno };
}

interface RawPair {
  readonly group: number;
  readonly name: string;
  readonly text: string;
}

/**
 * Splits CP content into pairs: `;` separates items (groups), `,` pairs within an item (HJ 212-2017
 * §6.3.3). A value starting with `//` runs to the closing `//`, so `;`, `,` and `=` inside
 * `-Info` text stay opaque (notes to Table C.40).
 */
function splitCp(cp: string, rules: LeniencyRule[]): RawPair[] | Reject {
  const pairs: RawPair[] = [];
  if (cp === '') return pairs;
  const n = cp.length;
  let group = 0;
  let i = 0;
  for (;;) {
    let j = i;
    while (j < n && cp[j] !== '=' && cp[j] !== ';' && cp[j] !== ',') j++;
    let k: number;
    if (j < n && cp[j] === '=') {
      if (j === i) return rejection('HJ212_BAD_FIELD', `CP pair with an empty name at ${show(cp.slice(i))}`);
      k = j + 1;
      if (cp.startsWith('//', k)) {
        const close = cp.indexOf('//', k + 2);
        if (close !== -1) k = close + 2;
      }
      while (k < n && cp[k] !== ';' && cp[k] !== ',') k++;
      pairs.push({ group, name: cp.slice(i, j), text: cp.slice(j + 1, k) });
    } else {
      if (j > i) return rejection('HJ212_BAD_FIELD', `CP item ${show(cp.slice(i, j))} has no "="`);
      rules.push('cp-empty-item');
      k = j;
    }
    if (k >= n) break;
    if (cp[k] === ';') group++;
    i = k + 1;
  }
  return pairs;
}

type Built = Mutable<CpItem>;

function parseCp(cpText: string, st: string, rules: LeniencyRule[]): Hj212Cp | Reject {
  const pairs = splitCp(cpText, rules);
  if (!Array.isArray(pairs)) return pairs;
  const items: Built[] = [];
  let dataTime: Hj212Time | undefined;
  for (const { group, name, text } of pairs) {
    const dash = name.indexOf('-');
    if (dash > 0 && dash < name.length - 1) {
      const resolved = resolveCode(name.slice(0, dash), st);
      const suffix = name.slice(dash + 1);
      switch (suffix) {
        case 'Flag':
        case 'EFlag':
          items.push({ kind: 'flag', group, code: resolved.code, sentCode: resolved.sentCode, suffix, text });
          break;
        case 'SampleTime': {
          const t = parseHj212Time(text, name);
          if (!t.ok) return t;
          if (t.time.hasMilliseconds) rules.push('time-milliseconds');
          items.push({
            kind: 'sample-time',
            group,
            code: resolved.code,
            sentCode: resolved.sentCode,
            time: t.time,
          });
          break;
        }
        case 'Info': {
          const delimited = text.length >= 4 && text.startsWith('//') && text.endsWith('//');
          items.push({
            kind: 'info',
            group,
            code: resolved.code,
            text,
            content: delimited ? text.slice(2, -2) : text,
          });
          break;
        }
        default:
          items.push({
            kind: 'value',
            group,
            code: resolved.code,
            sentCode: resolved.sentCode,
            codeOrigin: resolved.origin,
            suffix,
            text,
            number: parseDecimal(text),
            flag: undefined,
            eflag: undefined,
            sampleTime: undefined,
          });
      }
    } else {
      let time: Hj212Time | undefined;
      if (TIME_FIELDS.has(name)) {
        const t = parseHj212Time(text, name);
        if (!t.ok) return t;
        if (t.time.hasMilliseconds) rules.push('time-milliseconds');
        time = t.time;
        if (name === 'DataTime' && dataTime === undefined) dataTime = time;
      }
      items.push({ kind: 'field', group, name, text, number: parseDecimal(text), time });
    }
  }
  bindGroupAttributes(items);
  return {
    text: cpText,
    items,
    dataTime,
    values: items.filter((it): it is Mutable<CpValue> => it.kind === 'value'),
  };
}

/**
 * Binds `-Flag`, `-EFlag` and `-SampleTime` onto the values of the same code in the same group
 * (docs/standards/hj212.md §5): a value takes the first matching attribute after it in its group (the
 * standard order `code-Rtd=…,code-Flag=N`), else the last one before it (`code-Flag=N,code-Rtd=…`,
 * seen in real traffic). So `01-Rtd=0,01-Flag=N;01-ZsRtd=0,01-Flag=N` flags both values, and
 * `w00000-Cou=…,w00000-Avg=…,w00000-Flag=N` flags all four.
 */
function bindGroupAttributes(items: Built[]): void {
  let start = 0;
  while (start < items.length) {
    const group = (items[start] as Built).group;
    let end = start;
    while (end < items.length && (items[end] as Built).group === group) end++;
    for (let i = start; i < end; i++) {
      const v = items[i] as Built;
      if (v.kind !== 'value') continue;
      const find = (match: (it: Built) => boolean): Built | undefined => {
        for (let j = i + 1; j < end; j++) if (match(items[j] as Built)) return items[j];
        for (let j = i - 1; j >= start; j--) if (match(items[j] as Built)) return items[j];
        return undefined;
      };
      const flag = find((it) => it.kind === 'flag' && it.suffix === 'Flag' && it.sentCode === v.sentCode);
      const eflag = find((it) => it.kind === 'flag' && it.suffix === 'EFlag' && it.sentCode === v.sentCode);
      const sample = find((it) => it.kind === 'sample-time' && it.sentCode === v.sentCode);
      if (flag?.kind === 'flag') v.flag = flag.text;
      if (eflag?.kind === 'flag') v.eflag = eflag.text;
      if (sample?.kind === 'sample-time') v.sampleTime = sample.time;
    }
    start = end;
  }
}

/** The value of the first plain CP field with this name (e.g. `QnRtn`, 2005 `QN`), if any. */
export function cpField(cp: Hj212Cp, name: string): string | undefined {
  for (const it of cp.items) if (it.kind === 'field' && it.name === name) return it.text;
  return undefined;
}
