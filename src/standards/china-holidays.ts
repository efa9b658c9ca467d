/**
 * China's public-holiday calendar and working-day arithmetic, for every "N working days" deadline
 * (a manifest's receipt confirmation, paper back-entry). The 2026 table is the State Council General
 * Office notice on the 2026 holidays (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04)
 * [secondary: Xinhua text reprinted by gmw.cn]; later years are data loaded by the bureau
 * (docs/standards/china-holidays.md). Pure: dates in, dates out.
 */
import { chinaDate, chinaDayStart, chinaDayStartOf, DAY_MS } from './china-time.js';

/** One holiday of a year's notice: days off `from`..`to` inclusive, China-local dates `YYYY-MM-DD`. */
export interface HolidaySpan {
  name: string;
  from: string;
  to: string;
}

/** A year's notice: the days off and the weekend days that are working days (调休上班). */
export interface HolidayYear {
  year: number;
  holidays: readonly HolidaySpan[];
  /** Saturdays and Sundays that are working days. */
  workdays: readonly string[];
  /** Where the table comes from, with its evidence tag. */
  source: string;
}

/** 2026 (State Council notice of 2025-11-04) [secondary]. */
export const CHINA_HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  holidays: [
    { name: '元旦 New Year', from: '2026-01-01', to: '2026-01-03' },
    { name: '春节 Spring Festival', from: '2026-02-15', to: '2026-02-23' },
    { name: '清明节 Qingming', from: '2026-04-04', to: '2026-04-06' },
    { name: '劳动节 Labour Day', from: '2026-05-01', to: '2026-05-05' },
    { name: '端午节 Dragon Boat', from: '2026-06-19', to: '2026-06-21' },
    { name: '中秋节 Mid-Autumn', from: '2026-09-25', to: '2026-09-27' },
    { name: '国庆节 National Day', from: '2026-10-01', to: '2026-10-07' },
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  source: 'State Council General Office notice of 2025-11-04 [secondary: Xinhua text via gmw.cn]',
};

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day of the week of a date, 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function checkDate(date: unknown, field: string, year?: number): string {
  if (typeof date !== 'string' || !DATE_RE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new RangeError(`${field} = ${JSON.stringify(date)}: a date must be YYYY-MM-DD`);
  }
  if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`${field} = ${date}: no such day`);
  }
  if (year !== undefined && Number(date.slice(0, 4)) !== year && Number(date.slice(0, 4)) !== year + 1) {
    throw new RangeError(`${field} = ${date}: not in the notice's year ${year}`);
  }
  return date;
}

/**
 * Reads a year's table from loaded data (JSON from the bureau), checking every date: spans must not
 * run backwards, workdays must be weekend days. Errors name the field.
 */
export function parseHolidayYear(value: unknown): HolidayYear {
  if (value === null || typeof value !== 'object') throw new RangeError('a holiday year must be an object');
  const v = value as Record<string, unknown>;
  const year = v.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new RangeError(`year = ${JSON.stringify(year)}: must be an integer 2000–2100`);
  }
  if (!Array.isArray(v.holidays)) throw new RangeError('holidays: must be a list of {name, from, to}');
  const holidays = v.holidays.map((h: unknown, i): HolidaySpan => {
    const s = (h ?? {}) as Record<string, unknown>;
    const name = s.name;
    if (typeof name !== 'string' || name.length === 0 || name.length > 60) {
      throw new RangeError(`holidays[${i}].name: 1–60 characters`);
    }
    const from = checkDate(s.from, `holidays[${i}].from`, year);
    const to = checkDate(s.to, `holidays[${i}].to`, year);
    if (to < from) throw new RangeError(`holidays[${i}]: to ${to} is before from ${from}`);
    if (chinaDayStart(to).getTime() - chinaDayStart(from).getTime() > 15 * DAY_MS) {
      throw new RangeError(`holidays[${i}]: longer than 16 days`);
    }
    return { name, from, to };
  });
  if (!Array.isArray(v.workdays)) throw new RangeError('workdays: must be a list of dates');
  const workdays = v.workdays.map((d: unknown, i) => {
    const date = checkDate(d, `workdays[${i}]`, year - 1);
    const wd = weekday(date);
    if (wd !== 0 && wd !== 6) throw new RangeError(`workdays[${i}] = ${date}: not a Saturday or Sunday`);
    return date;
  });
  const source = typeof v.source === 'string' && v.source.length > 0 ? v.source.slice(0, 300) : 'loaded';
  return { year, holidays, workdays, source };
}

/** The calendar of the loaded years; a date in a year without a table counts Monday–Friday only. */
export class HolidayCalendar {
  private readonly daysOff = new Set<string>();
  private readonly extraWorkdays = new Set<string>();
  private readonly years = new Set<number>();

  constructor(years: readonly HolidayYear[] = [CHINA_HOLIDAYS_2026]) {
    for (const y of years) {
      this.years.add(y.year);
      for (const h of y.holidays) {
        for (let t = chinaDayStart(h.from).getTime(); t <= chinaDayStart(h.to).getTime(); t += DAY_MS) {
          this.daysOff.add(chinaDate(new Date(t)));
        }
      }
      for (const w of y.workdays) this.extraWorkdays.add(w);
    }
  }

  /** Whether a year's notice is loaded (a deadline across an unloaded year is only approximate). */
  covers(year: number): boolean {
    return this.years.has(year);
  }

  /** Whether a China-local date `YYYY-MM-DD` is a working day. */
  isWorkingDay(date: string): boolean {
    if (this.daysOff.has(date)) return false;
    if (this.extraWorkdays.has(date)) return true;
    const wd = weekday(date);
    return wd !== 0 && wd !== 6;
  }

  /**
   * The end of the `n`-th working day after the China-local day of `start` (the day of the event
   * itself does not count — a named choice: the measures say "within 5 working days" without
   * saying whether the day of arrival counts; docs/standards/china-holidays.md §2).
   * Returns the last millisecond of that day.
   */
  addWorkingDays(start: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 1 || n > 366) throw new RangeError(`n = ${n}: 1–366 working days`);
    let t = chinaDayStartOf(start).getTime();
    let left = n;
    while (left > 0) {
      t += DAY_MS;
      if (this.isWorkingDay(chinaDate(new Date(t)))) left -= 1;
    }
    return new Date(t + DAY_MS - 1);
  }

  /** Working days from the day after `from` up to and including the day of `to` (0 when `to` is not later). */
  workingDaysBetween(from: Date, to: Date): number {
    let count = 0;
    const end = chinaDayStartOf(to).getTime();
    for (let t = chinaDayStartOf(from).getTime() + DAY_MS; t <= end; t += DAY_MS) {
      if (this.isWorkingDay(chinaDate(new Date(t)))) count += 1;
    }
    return count;
  }
}
