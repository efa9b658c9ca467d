/**
 * Deadlines as people give them (docs/standards/cases.md §3): a date picked as 2026-12-10 means due
 * by the end of that China-local day, 2026-12-10 23:59:59.999 +08:00, and is shown as that date.
 */
import { BadInputError } from '../errors.js';
import {
  chinaDate,
  chinaDayStart,
  DAY_MS,
  formatChinaIso,
  parseTimeAsChina,
} from '../standards/china-time.js';

/** The last millisecond of a China-local date `YYYY-MM-DD`. */
export function chinaDayEnd(date: string): Date {
  return new Date(chinaDayStart(date).getTime() + DAY_MS - 1);
}

/**
 * A deadline of a request field: `YYYY-MM-DD` is due by the end of that China-local day; anything
 * else is read as an ISO 8601 time (no offset = China time). Bad input is a 400 naming the field.
 */
export function parseDeadline(text: string, field = 'deadline'): Date {
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return chinaDayEnd(text);
    return parseTimeAsChina(text);
  } catch (err) {
    throw new BadInputError(`${field}: ${(err as Error).message}`, [
      { field, problem: 'not a date YYYY-MM-DD' },
    ]);
  }
}

/**
 * A deadline as people read it: the China-local date when it falls at the end of a day (or, for
 * deadlines stored before this rule, at the midnight that ends it); otherwise `YYYY-MM-DD HH:mm`.
 */
export function deadlineText(deadline: Date): string {
  const iso = formatChinaIso(deadline);
  const ms = deadline.getTime();
  if (chinaDayEnd(chinaDate(deadline)).getTime() === ms) return chinaDate(deadline);
  if (iso.slice(11, 19) === '00:00:00' && ms % 1000 === 0) return chinaDate(new Date(ms - 1));
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
