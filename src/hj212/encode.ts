/**
 * Encoder for HJ 212 packets: framing (HJ 212-2017 Table 2, length in UTF-8 bytes, Appendix A CRC
 * printed `%04X`, CR LF), answers 9011–9014 (§6.5, Appendix C; docs/standards/hj212.md §6) and requests
 * (Table 9). Encoders throw `RangeError` on arguments that would produce an invalid packet; the
 * message says what to fix.
 */
import { formatCrc, hj212Crc } from './crc.js';
import { HJ212_FIELD_MAX_DATA_BYTES } from './deframer.js';
import { FLAG_VERSION_BITS, type Hj212Edition, type Hj212Packet } from './packet.js';
import { cpField } from './parse.js';
import { formatHj212Time } from './time.js';

/** Request-answer codes `QnRtn` of 9011 (HJ 212-2017 Table 7). */
export const QN_RTN = {
  ready: 1,
  rejected: 2,
  badPassword: 3,
  badMn: 4,
  badSt: 5,
  badFlag: 6,
  badQn: 7,
  badCn: 8,
  badCrc: 9,
  unknown: 100,
} as const;
/** A `QnRtn` value. */
export type QnRtn = (typeof QN_RTN)[keyof typeof QN_RTN];

/** Execution-result codes `ExeRtn` of 9012 (HJ 212-2017 Table 6). */
export const EXE_RTN = {
  success: 1,
  failed: 2,
  conditionError: 3,
  timeout: 4,
  busy: 5,
  fault: 6,
  noData: 100,
} as const;
/** An `ExeRtn` value. */
export type ExeRtn = (typeof EXE_RTN)[keyof typeof EXE_RTN];

/** One CP pair to encode: name and value (numbers are written with `String`, never in exponent form). */
export type CpPairSpec = readonly [name: string, value: string | number];
/** CP content: raw text, or groups (joined by `;`) of pairs (joined by `,`). */
export type CpSpec = string | readonly (readonly CpPairSpec[])[];

/** Everything in a data segment. Fields left undefined are omitted. */
export interface PacketSpec {
  readonly qn?: string | undefined;
  readonly st: string;
  readonly cn: string;
  readonly pw?: string | undefined;
  readonly mn: string;
  /** Flag 0–255; omitted when undefined (HJ/T 212-2005 style). */
  readonly flag?: number | undefined;
  readonly pnum?: number | undefined;
  readonly pno?: number | undefined;
  readonly cp?: CpSpec;
}

function fail(message: string): never {
  throw new RangeError(`HJ 212 encode: ${message}`);
}

function headerValue(name: string, value: string): string {
  if (value === '' || /[;=&\r\n]/.test(value) || value.includes('##')) {
    fail(`${name} ${JSON.stringify(value)} must be non-empty without ";", "=", "&", "##", CR or LF`);
  }
  return `${name}=${value}`;
}

function cpValue(name: string, value: string | number): string {
  let text: string;
  if (typeof value === 'number') {
    text = String(value);
    if (!Number.isFinite(value) || /e/i.test(text))
      fail(`${name}=${text}: pass very large or small numbers as text`);
  } else {
    text = value;
  }
  const opaque = text.length >= 4 && text.startsWith('//') && text.endsWith('//');
  const forbidden = opaque ? /&&|[\r\n]|##/ : /[;,=&\r\n]|##/;
  if (forbidden.test(opaque ? text.slice(2, -2) : text)) {
    fail(
      `${name}=${JSON.stringify(text)}: values must not contain ";", ",", "=", "&" (only //…// text may hold ";,=")`,
    );
  }
  return `${name}=${text}`;
}

/** Builds CP content from groups of pairs (HJ 212-2017 §6.3.3). */
export function encodeCp(cp: CpSpec): string {
  if (typeof cp === 'string') {
    if (cp.includes('&&') || /[\r\n]/.test(cp)) fail('raw CP content must not contain "&&", CR or LF');
    return cp;
  }
  return cp
    .map((group) =>
      group
        .map(([name, value]) => {
          if (!/^[^;,=&\r\n]+$/.test(name))
            fail(`CP name ${JSON.stringify(name)} is empty or holds a separator`);
          return cpValue(name, value);
        })
        .join(','),
    )
    .join(';');
}

/** Builds a data segment `QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;PNUM=…;PNO=…;CP=&&…&&` in the standard order. */
export function encodeDataSegment(spec: PacketSpec): string {
  if (!/^\d{4}$/.test(spec.cn)) fail(`CN ${JSON.stringify(spec.cn)} must be 4 digits`);
  if (spec.flag !== undefined && (!Number.isInteger(spec.flag) || spec.flag < 0 || spec.flag > 255)) {
    fail(`Flag ${spec.flag} must be an integer 0–255`);
  }
  if ((spec.pnum === undefined) !== (spec.pno === undefined)) fail('PNUM and PNO go together');
  if (spec.pnum !== undefined && spec.pno !== undefined) {
    if (!Number.isInteger(spec.pnum) || !Number.isInteger(spec.pno) || spec.pno < 1 || spec.pno > spec.pnum) {
      fail(`PNO=${spec.pno} of PNUM=${spec.pnum} must be integers with 1 ≤ PNO ≤ PNUM`);
    }
  }
  const parts: string[] = [];
  if (spec.qn !== undefined) parts.push(headerValue('QN', spec.qn));
  parts.push(headerValue('ST', spec.st), headerValue('CN', spec.cn));
  if (spec.pw !== undefined) parts.push(headerValue('PW', spec.pw));
  parts.push(headerValue('MN', spec.mn));
  if (spec.flag !== undefined) parts.push(`Flag=${spec.flag}`);
  if (spec.pnum !== undefined && spec.pno !== undefined) parts.push(`PNUM=${spec.pnum}`, `PNO=${spec.pno}`);
  parts.push(`CP=&&${encodeCp(spec.cp ?? '')}&&`);
  return parts.join(';');
}

/**
 * Frames a data segment: `##` + 4-digit UTF-8 byte length + segment + CRC (`%04X`) + CR LF
 * (HJ 212-2017 Table 2, Appendix A). Throws when the segment exceeds 9999 bytes.
 */
export function encodeFrame(segment: string | Uint8Array): Buffer {
  const data = typeof segment === 'string' ? Buffer.from(segment, 'utf8') : Buffer.from(segment);
  if (data.length > HJ212_FIELD_MAX_DATA_BYTES) {
    fail(`data segment of ${data.length} bytes exceeds the 4-digit length field (9999)`);
  }
  const head = `##${String(data.length).padStart(4, '0')}`;
  const tail = `${formatCrc(hj212Crc(data))}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), data, Buffer.from(tail, 'latin1')]);
}

/** Encodes a whole packet as frame bytes. */
export function encodePacket(spec: PacketSpec): Buffer {
  return encodeFrame(encodeDataSegment(spec));
}

/** Flag value for an edition: version bits, plus A (ack) and D (split) bits (HJ 212-2017 Table 3). */
export function flagFor(edition: Hj212Edition, ack: boolean, split = false): number {
  return (FLAG_VERSION_BITS[edition] << 2) | (split ? 2 : 0) | (ack ? 1 : 0);
}

/** The packet an answer replies to: what the answer echoes. */
export type AnswerTo = Pick<Hj212Packet, 'qn' | 'pw' | 'mn' | 'edition' | 'cp'>;

/** Options of the answer encoders. */
export interface AnswerOptions {
  /**
   * Where the echoed QN goes. Default `header` (HJ 212-2017 Appendix C). For 2005 packets the
   * default is `cp` for 9011/9012/9013 (`CP=&&QN=…;QnRtn=1&&`, real 2016 traffic) and `header` for
   * 9014, whose 2005 form is unverified (docs/standards/hj212.md §6): configure it per device.
   */
  readonly qnPlacement?: 'header' | 'cp';
}

/** The QN of the exchange a packet belongs to: its header QN, else a 2005 `QN` inside CP. */
export function exchangeQn(packet: Pick<Hj212Packet, 'qn' | 'cp'>): string | undefined {
  return packet.qn ?? cpField(packet.cp, 'QN');
}

function encodeAnswer(
  cn: '9011' | '9012' | '9013' | '9014',
  to: AnswerTo,
  cpPairs: readonly CpPairSpec[],
  options: AnswerOptions,
): Buffer {
  const qn = exchangeQn(to);
  const legacyDefault = cn === '9014' ? 'header' : 'cp';
  const placement = options.qnPlacement ?? (to.edition === '2005' ? legacyDefault : 'header');
  const inCp = placement === 'cp' && qn !== undefined;
  const pairs: CpPairSpec[] = inCp ? [['QN', qn], ...cpPairs] : [...cpPairs];
  return encodePacket({
    qn: inCp ? undefined : qn,
    st: '91',
    cn,
    pw: to.pw,
    mn: to.mn,
    // Answers are never acknowledged: A clear, version bits of the packet answered (docs/standards/hj212.md §6).
    flag: flagFor(to.edition, false),
    cp: pairs.map((p) => [p]),
  });
}

/** 9011 request answer `QnRtn` to a platform request (HJ 212-2017 C.1; sent by the field side). */
export function encodeRequestAnswer(to: AnswerTo, qnRtn: QnRtn, options: AnswerOptions = {}): Buffer {
  return encodeAnswer('9011', to, [['QnRtn', qnRtn]], options);
}

/** 9012 execution result `ExeRtn` (HJ 212-2017 C.1; sent by the field side). */
export function encodeExecutionResult(to: AnswerTo, exeRtn: ExeRtn, options: AnswerOptions = {}): Buffer {
  return encodeAnswer('9012', to, [['ExeRtn', exeRtn]], options);
}

/** 9013 notify answer, `CP=&&&&` (HJ 212-2017 C.4: the answer to a 1013 time-calibration notify). */
export function encodeNotifyAnswer(to: AnswerTo, options: AnswerOptions = {}): Buffer {
  return encodeAnswer('9013', to, [], options);
}

/** 9014 data answer, `CP=&&&&` (HJ 212-2017 C.14: the answer to an upload with A = 1). */
export function encodeDataAnswer(to: AnswerTo, options: AnswerOptions = {}): Buffer {
  return encodeAnswer('9014', to, [], options);
}

/** What a received packet calls for (docs/standards/hj212.md §6). */
export type AnswerKind = 'none' | 'notify-answer' | 'data-answer';

/** Notify commands, answered with 9013 whatever their A bit (HJ 212-2017 Table 9, §6.5). */
const NOTIFY_CNS: ReadonlySet<string> = new Set(['1013', '2012', '2022']);

/**
 * Decides the answer a received packet needs: never one to an answer (9011–9014); 9013 to a notify
 * (1013, 2012, 2022) and to an HJ 212-2025 heartbeat 9015 with A = 1; 9014 to anything else with
 * A = 1. (A 2005 Hebei `CN=9015` connection report has Flag=0 and so gets none.)
 */
export function answerKind(packet: Pick<Hj212Packet, 'cn' | 'flag'>): AnswerKind {
  const cn = Number(packet.cn);
  if (cn >= 9011 && cn <= 9014) return 'none';
  if (NOTIFY_CNS.has(packet.cn)) return 'notify-answer';
  if (!packet.flag.ack) return 'none';
  return packet.cn === '9015' ? 'notify-answer' : 'data-answer';
}

/** The answer bytes a received packet calls for, or undefined when it needs none. */
export function encodeAnswerFor(packet: Hj212Packet, options: AnswerOptions = {}): Buffer | undefined {
  const kind = answerKind(packet);
  switch (kind) {
    case 'none':
      return undefined;
    case 'notify-answer':
      return encodeNotifyAnswer(packet, options);
    case 'data-answer':
      return encodeDataAnswer(packet, options);
    default:
      throw new Error(`impossible answer kind: ${String(kind satisfies never)}`);
  }
}

/** Addressing of a request or upload. */
export interface RequestBase {
  /** A fresh QN (`formatQn(clock.now())`, unique per exchange). */
  readonly qn: string;
  readonly st: string;
  readonly pw: string;
  readonly mn: string;
  readonly edition: Hj212Edition;
  /** Set the A bit (default true for requests: the receiver must answer). */
  readonly ack?: boolean;
}

/** A request or upload with any CN and CP. */
export function encodeRequest(base: RequestBase, cn: string, cp: CpSpec = ''): Buffer {
  return encodePacket({
    qn: base.qn,
    st: base.st,
    cn,
    pw: base.pw,
    mn: base.mn,
    flag: flagFor(base.edition, base.ack ?? true),
    cp,
  });
}

/** History commands with a `BeginTime`/`EndTime` range (HJ 212-2017 Table 9, C.20). */
export type HistoryCn = '2031' | '2041' | '2051' | '2061';

/**
 * History extraction request: daily (2031), facility run time (2041), minute (2051) or hourly (2061)
 * data from `begin` to `end`, both written as China local N14 times.
 */
export function encodeHistoryRequest(base: RequestBase, cn: HistoryCn, begin: Date, end: Date): Buffer {
  if (!(begin.getTime() <= end.getTime())) fail('history request: begin must not be after end');
  return encodeRequest(base, cn, [
    [['BeginTime', formatHj212Time(begin)]],
    [['EndTime', formatHj212Time(end)]],
  ]);
}

/** 2011 start real-time upload request (HJ 212-2017 Table 9), `CP=&&&&`. */
export function encodeStartRealtimeRequest(base: RequestBase): Buffer {
  return encodeRequest(base, '2011');
}

/** 1012 set field time (HJ 212-2017 C.3): `PolId=…;SystemTime=…` (PolId only when given). */
export function encodeSetTimeRequest(base: RequestBase, time: Date, polId?: string): Buffer {
  const cp: CpPairSpec[][] = [];
  if (polId !== undefined) cp.push([['PolId', polId]]);
  cp.push([['SystemTime', formatHj212Time(time)]]);
  return encodeRequest(base, '1012', cp);
}

/** 1013 time-calibration notify from the field side (HJ 212-2017 C.4); optional `PolId`. */
export function encodeTimeCalibrationRequest(base: RequestBase, polId?: string): Buffer {
  return encodeRequest(base, '1013', polId === undefined ? '' : [[['PolId', polId]]]);
}

/** One pollutant of a data upload: its code, values by suffix, and data flag. */
export interface UploadMeasurement {
  readonly code: string;
  /** Values by suffix, e.g. `{ Rtd: '12.3' }` or `{ Min: …, Avg: …, Max: …, Cou: … }`. */
  readonly values: Readonly<Record<string, string | number>>;
  /** Data flag (HJ 212-2017 Table 8), written last in the group as the standard does. */
  readonly flag?: string;
}

/** A data upload (2011 real-time, 2051 minute, 2061 hourly, 2031 daily): `DataTime` then one group per code. */
export function encodeDataUpload(
  base: RequestBase,
  cn: string,
  dataTime: Date,
  measurements: readonly UploadMeasurement[],
): Buffer {
  const groups: CpPairSpec[][] = [[['DataTime', formatHj212Time(dataTime)]]];
  for (const m of measurements) {
    const group: CpPairSpec[] = Object.entries(m.values).map(
      ([suffix, v]) => [`${m.code}-${suffix}`, v] as const,
    );
    if (m.flag !== undefined) group.push([`${m.code}-Flag`, m.flag]);
    groups.push(group);
  }
  return encodeRequest({ ...base, ack: base.ack ?? true }, cn, groups);
}
