/**
 * The one parser of a `from`/`to` query window. Instants are ISO 8601 (no offset = China time,
 * docs/standards/china-time.md); dates are China-local `YYYY-MM-DD`, both ends inclusive. Bad input
 * answers 400 naming the query field.
 */
import { BadInputError } from '../errors.js';
import { chinaDate, chinaDayStart, DAY_MS, HOUR_MS, parseTimeAsChina } from '../standards/china-time.js';

/** The window fields of a query, as sent. */
export interface WindowQuery {
  from?: string | undefined;
  to?: string | undefined;
}

export interface WindowOptions {
  /**
   * The window's end when `to` is absent: that instant, or for dates the China-local day it falls
   * in (inclusive).
   */
  now: Date;
  /** Length of the window when `from` is absent, ms back from its end. */
  defaultSpanMs: number;
  /** Longest window accepted, ms (default: no limit). */
  maxSpanMs?: number;
  /** `instant` (default): from/to are ISO 8601 times; `date`: China-local dates, inclusive. */
  unit?: 'instant' | 'date';
}

/** A window of time: instants [from, to). For dates, China-local midnights (`to` = the day after). */
export interface TimeWindow {
  from: Date;
  to: Date;
}

/** An ISO 8601 instant of a query field (no offset = China time); 400 naming the field otherwise. */
export function parseInstant(text: string, field: string): Date {
  try {
    return parseTimeAsChina(text);
  } catch (e) {
    throw new BadInputError(`${field}: ${e instanceof Error ? e.message : String(e)}`, [
      { field: `querystring.${field}`, problem: 'not an ISO 8601 time' },
    ]);
  }
}

/** A China-local date `YYYY-MM-DD` of a query field, as given; 400 naming the field otherwise. */
export function parseChinaDate(text: string, field: string): string {
  try {
    chinaDayStart(text);
    return text;
  } catch {
    throw new BadInputError(`${field}: "${text}" is not a date such as 2026-03-15`, [
      { field: `querystring.${field}`, problem: 'not a date YYYY-MM-DD' },
    ]);
  }
}

function spanText(ms: number): string {
  return ms % DAY_MS === 0 ? `${ms / DAY_MS} days` : `${ms / HOUR_MS} hours`;
}

/**
 * Parses `from`/`to` into a window [from, to): `to` defaults to `now`, `from` to `defaultSpanMs`
 * before the end. Throws BadInputError for a field that does not parse, for an empty or reversed
 * window and for one longer than `maxSpanMs`.
 */
export function parseWindow(q: WindowQuery, options: WindowOptions): TimeWindow {
  const dates = options.unit === 'date';
  let to: Date;
  if (dates) {
    const last = q.to === undefined ? chinaDate(options.now) : parseChinaDate(q.to, 'to');
    to = new Date(chinaDayStart(last).getTime() + DAY_MS);
  } else {
    to = q.to === undefined ? options.now : parseInstant(q.to, 'to');
  }
  let from: Date;
  if (q.from === undefined) from = new Date(to.getTime() - options.defaultSpanMs);
  else from = dates ? chinaDayStart(parseChinaDate(q.from, 'from')) : parseInstant(q.from, 'from');
  const max = options.maxSpanMs;
  if (!(from < to) || (max !== undefined && to.getTime() - from.getTime() > max)) {
    const order = dates ? 'from must not be after to' : 'from must be before to';
    throw new BadInputError(max === undefined ? order : `${order}, at most ${spanText(max)} apart`);
  }
  return { from, to };
}
