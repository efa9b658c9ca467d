/**
 * The parsed shape of an HJ 212 data segment (HJ 212-2017 §6.3.2–6.3.3, Tables 3 and 4;
 * docs/standards/hj212.md §4). Produced by `parseFrame` / `parseDataSegment`, consumed by the ingest.
 */
import type { CodeOrigin } from './codes.js';
import type { LeniencyRule } from './leniency.js';
import type { Hj212Time } from './time.js';

/** Protocol edition, from the Flag version bits (`Flag >> 2`; docs/standards/hj212.md §1, §4). */
export type Hj212Edition = '2005' | '2017' | '2025';

/** Flag version bits of each edition (docs/standards/hj212.md §4). */
export const FLAG_VERSION_BITS: Readonly<Record<Hj212Edition, number>> = { '2005': 0, '2017': 1, '2025': 2 };

/**
 * A known data-value suffix: HJ 212-2017 Table 4 and HJ/T 212-2005 (`Ala`, `UpValue`, `LowValue`).
 * Unknown suffixes (`td` in `LA-td`) are kept as plain strings.
 */
export type ValueSuffix =
  | 'Rtd'
  | 'Avg'
  | 'Min'
  | 'Max'
  | 'Cou'
  | 'ZsRtd'
  | 'ZsAvg'
  | 'ZsMin'
  | 'ZsMax'
  | 'Data'
  | 'DayData'
  | 'NightData'
  | 'RS'
  | 'RT'
  | 'Ala'
  | 'UpValue'
  | 'LowValue';

/** Names of plain CP fields that carry times (HJ 212-2017 Table 4; `AlarmTime` from 2005). */
export const TIME_FIELD_NAMES = [
  'DataTime',
  'SystemTime',
  'RestartTime',
  'BeginTime',
  'EndTime',
  'AlarmTime',
] as const;

/** The decoded Flag field (HJ 212-2017 Table 3: bits V5..V0 D A). */
export interface Hj212Flag {
  /** The Flag value 0–255 as sent; 0 when Flag is absent (rule `flag-missing`). */
  readonly value: number;
  /** False when the header had no Flag field. */
  readonly present: boolean;
  /** Version bits `value >> 2`. */
  readonly version: number;
  /** A bit: the receiver must answer. */
  readonly ack: boolean;
  /** D bit: the packet is part of a split message and carries PNUM/PNO. */
  readonly split: boolean;
}

/** A plain CP field (`QnRtn=1`, `PolId=w01018`, `DataTime=…`, 2005 `QN=…` inside CP). */
export interface CpField {
  readonly kind: 'field';
  /** Index of the `;`-separated item (group) it sits in. */
  readonly group: number;
  readonly name: string;
  /** The value as sent. */
  readonly text: string;
  /** The value as a number when it is a decimal number. */
  readonly number: number | undefined;
  /** For the {@link TIME_FIELD_NAMES}: the parsed time. */
  readonly time: Hj212Time | undefined;
}

/** A measured value `code-Suffix=value`, with the flag, extended flag and sampling time of its group. */
export interface CpValue {
  readonly kind: 'value';
  readonly group: number;
  /** Canonical HJ 212-2017 code (a 2005 code mapped, else as sent). */
  readonly code: string;
  /** The code as sent. */
  readonly sentCode: string;
  readonly codeOrigin: CodeOrigin;
  /** Suffix as sent (`Rtd`, `Avg`, …, or an unknown one such as `td`). */
  readonly suffix: ValueSuffix | (string & {});
  /** Value exactly as sent (keep this for exact decimal arithmetic, e.g. `-Cou` sums). */
  readonly text: string;
  /** The value as a number, undefined when it is not a decimal number. */
  readonly number: number | undefined;
  /** The `code-Flag` of the same code in the same group (HJ 212-2017 Table 8 letters). */
  readonly flag: string | undefined;
  /** The `code-EFlag` of the same code in the same group. */
  readonly eflag: string | undefined;
  /** The `code-SampleTime` of the same code in the same group. */
  readonly sampleTime: Hj212Time | undefined;
}

/** A `code-Flag` or `code-EFlag` pair (also bound onto the values of its group). */
export interface CpFlag {
  readonly kind: 'flag';
  readonly group: number;
  readonly code: string;
  readonly sentCode: string;
  readonly suffix: 'Flag' | 'EFlag';
  readonly text: string;
}

/** A `code-SampleTime` pair (also bound onto the values of its group). */
export interface CpSampleTime {
  readonly kind: 'sample-time';
  readonly group: number;
  readonly code: string;
  readonly sentCode: string;
  readonly time: Hj212Time;
}

/** A `code-Info` pair: field-side information (HJ 212-2017 Table B.10), kept opaque. */
export interface CpInfo {
  readonly kind: 'info';
  readonly group: number;
  readonly code: string;
  /** The value as sent, including `//` delimiters when present. */
  readonly text: string;
  /** The text between `//` and `//` when delimited, else the value. */
  readonly content: string;
}

/** One `name=value` pair of CP, typed. */
export type CpItem = CpField | CpValue | CpFlag | CpSampleTime | CpInfo;

/** The parsed CP data area (HJ 212-2017 §6.3.3). */
export interface Hj212Cp {
  /** CP content as sent, between `CP=&&` and the closing `&&`. */
  readonly text: string;
  /** Every pair in order. */
  readonly items: readonly CpItem[];
  /** `DataTime`, when present. */
  readonly dataTime: Hj212Time | undefined;
  /** The measured values only, in order. */
  readonly values: readonly CpValue[];
}

/** A parsed HJ 212 packet (data segment). */
export interface Hj212Packet {
  /** Edition from the Flag version bits; `2005` when Flag is absent. */
  readonly edition: Hj212Edition;
  /** Header QN, opaque (undefined for 2005 packets without one). */
  readonly qn: string | undefined;
  readonly st: string;
  readonly cn: string;
  readonly pw: string | undefined;
  readonly mn: string;
  readonly flag: Hj212Flag;
  readonly pnum: number | undefined;
  readonly pno: number | undefined;
  readonly cp: Hj212Cp;
  /** Header fields other than the standard ones, in order (rule `header-unknown-field`). */
  readonly extraHeader: readonly (readonly [string, string])[];
  /** The decoded data segment. */
  readonly text: string;
  /** Leniency rules this packet (and its frame) needed. */
  readonly leniency: readonly LeniencyRule[];
}
