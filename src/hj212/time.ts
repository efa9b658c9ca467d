/**
 * HJ 212 time fields (`DataTime`, `SystemTime`, `BeginTime`, … and `xxxxxx-SampleTime`):
 * `YYYYMMDDhhmmss` (N14, HJ 212-2017 Table 4), China Standard Time by practice (the standard names
 * no zone; docs/standards/china-time.md §1). HJ/T 212-2005-era loggers add milliseconds (17 digits, docs/standards/hj212.md §5).
 */
import { chinaLocalToUtc, utcToChinaLocal } from '../standards/china-time.js';
import { rejection, type Hj212Rejection } from './errors.js';

/** A parsed HJ 212 time. */
export interface Hj212Time {
  /** The digits as sent. */
  readonly text: string;
  /** The instant, converted from China local time. */
  readonly utc: Date;
  /** True for the 17-digit form (rule `time-milliseconds`). */
  readonly hasMilliseconds: boolean;
}

/**
 * Parses a 14- or 17-digit HJ 212 time as China local time. Never throws: an impossible date or
 * time (month 13, 30 February, hour 24, year before 1000) is an `HJ212_BAD_TIME` rejection.
 */
export function parseHj212Time(
  text: string,
  field = 'time',
): { readonly ok: true; readonly time: Hj212Time } | Hj212Rejection<'HJ212_BAD_TIME'> {
  if (!/^\d{14}(?:\d{3})?$/.test(text)) {
    return rejection(
      'HJ212_BAD_TIME',
      `${field} ${JSON.stringify(text.slice(0, 32))} is not YYYYMMDDhhmmss[zzz]`,
    );
  }
  const n = (from: number, to: number): number => Number(text.slice(from, to));
  const year = n(0, 4);
  if (year < 1000) {
    return rejection('HJ212_BAD_TIME', `${field} ${text} has year ${year}`);
  }
  try {
    const utc = chinaLocalToUtc({
      year,
      month: n(4, 6),
      day: n(6, 8),
      hour: n(8, 10),
      minute: n(10, 12),
      second: n(12, 14),
      millisecond: text.length === 17 ? n(14, 17) : 0,
    });
    return { ok: true, time: { text, utc, hasMilliseconds: text.length === 17 } };
  } catch {
    return rejection('HJ212_BAD_TIME', `${field} ${text} is not a possible date and time`);
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats an instant as an HJ 212 N14 time `YYYYMMDDhhmmss` in China local time. */
export function formatHj212Time(instant: Date): string {
  const p = utcToChinaLocal(instant);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/**
 * Formats an instant as a QN, `YYYYMMDDhhmmsszzz` in China local time (HJ 212-2017 Table 3). The
 * caller supplies the instant (from its clock) and must keep QNs unique per exchange.
 */
export function formatQn(instant: Date): string {
  return `${formatHj212Time(instant)}${pad(utcToChinaLocal(instant).millisecond, 3)}`;
}
