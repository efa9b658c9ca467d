/**
 * The one parser of `from`/`to` query windows: instants (ISO 8601, no offset = China time) or
 * China-local days (`YYYY-MM-DD`, both ends inclusive), with a default span ending now and an
 * optional longest span. Errors are `BadInputError`s naming the field as the client sent it.
 */
import { BadInputError } from '../errors.js';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  chinaDate,
  chinaDayStart,
  parseTimeAsChina,
} from '../standards/china-time.js';

/** A window of UTC instants: `from` inclusive, `to` exclusive. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

export interface WindowOptions {
  /** Length of the window when `from` is absent, in milliseconds. */
  defaultSpanMs: number;
  /** Now: the end of the window when `to` is absent (the end of today for days). */
  now: Date;
  /** Longest window accepted, in milliseconds; none when absent. */
  maxSpanMs?: number | undefined;
  /**
   * `instant` (default): `from` and `to` are ISO 8601 times, `to` exclusive. `day`: they are
   * China-local dates, both inclusive — the window runs from the start of `from` to the end of `to`.
   */
  unit?: 'instant' | 'day' | undefined;
  /** Where the fields sit in the request, for messages; default `querystring`. */
  location?: string | undefined;
}

/** A span in words: whole days, else whole hours, else minutes. */
function spanText(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} days`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS} hours`;
  return `${Math.round(ms / MINUTE_MS)} minutes`;
}

/**
 * Parses `from` and `to` of a query into a window. Without `to` the window ends now (with days: at
 * the end of today); without `from` it starts `defaultSpanMs` before its end. Throws a
 * `BadInputError` naming `<location>.from` or `<location>.to` when a value is not a date or time,
 * when `from` is not before `to`, or when the window is longer than `maxSpanMs`.
 */
export function parseWindow(
  q: { from?: string | undefined; to?: string | undefined },
  options: WindowOptions,
): TimeWindow {
  const location = options.location ?? 'querystring';
  const days = options.unit === 'day';
  const bad = (field: 'from' | 'to', problem: string): BadInputError =>
    new BadInputError(`${location}.${field}: ${problem}`, [{ field: `${location}.${field}`, problem }]);
  const parse = (field: 'from' | 'to', text: string): Date => {
    try {
      return days ? chinaDayStart(text) : parseTimeAsChina(text);
    } catch {
      throw bad(field, `"${text}" is not ${days ? 'a date as YYYY-MM-DD' : 'an ISO 8601 time'}`);
    }
  };
  const to = days
    ? new Date(parse('to', q.to ?? chinaDate(options.now)).getTime() + DAY_MS)
    : q.to === undefined
      ? options.now
      : parse('to', q.to);
  const from = q.from === undefined ? new Date(to.getTime() - options.defaultSpanMs) : parse('from', q.from);
  if (from >= to) throw bad('from', days ? 'must be on or before to' : 'must be before to');
  if (options.maxSpanMs !== undefined && to.getTime() - from.getTime() > options.maxSpanMs) {
    throw bad('from', `at most ${spanText(options.maxSpanMs)} per request`);
  }
  return { from, to };
}
