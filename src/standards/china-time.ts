/**
 * China Standard Time (UTC+8, no daylight saving) — the one place where local wall-clock time
 * and UTC instants are converted. Devices send local time; the store keeps UTC instants; days,
 * months and years are China-local (docs/standards/china-time.md).
 */
import { BadInputError } from '../errors.js';

/** One minute, one hour and one (24-hour) day in milliseconds — the platform's only definitions. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Offset of China Standard Time from UTC, in milliseconds. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** A wall-clock time in China, as its parts. Month is 1–12. */
export interface ChinaLocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Converts China local wall-clock parts to the UTC instant; throws when a part is out of range. */
export function chinaLocalToUtc(parts: ChinaLocalParts): Date {
  const { year, month, day, hour, minute, second, millisecond } = parts;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const back = new Date(ms);
  if (
    !Number.isFinite(ms) ||
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    back.getUTCHours() !== hour ||
    back.getUTCMinutes() !== minute ||
    back.getUTCSeconds() !== second
  ) {
    throw new BadInputError(
      `not a valid China local time: ${year}-${month}-${day} ${hour}:${minute}:${second}.${millisecond}`,
    );
  }
  return new Date(ms - CHINA_OFFSET_MS);
}

/** The China local wall-clock parts of a UTC instant. */
export function utcToChinaLocal(instant: Date): ChinaLocalParts {
  const d = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The China-local calendar date of an instant as `YYYY-MM-DD`. */
export function chinaDate(instant: Date): string {
  const p = utcToChinaLocal(instant);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The China-local calendar month of an instant as `YYYY-MM`. */
export function chinaMonth(instant: Date): string {
  return chinaDate(instant).slice(0, 7);
}

/** An instant formatted as China local time, ISO 8601 with the +08:00 offset (seconds precision). */
export function formatChinaIso(instant: Date): string {
  const p = utcToChinaLocal(instant);
  return `${chinaDate(instant)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+08:00`;
}

/** The UTC instant at which a China-local date (`YYYY-MM-DD`) begins. */
export function chinaDayStart(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new BadInputError(`expected a date as YYYY-MM-DD, got "${date}"`);
  return chinaLocalToUtc({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
}

/** The UTC instant at which the China-local day containing `instant` begins. */
export function chinaDayStartOf(instant: Date): Date {
  return new Date(Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS);
}

/**
 * Parses a time given as ISO 8601. With an explicit offset or `Z` it is that instant; without one
 * it is read as China local time. Throws with the offending text when it cannot be parsed.
 */
export function parseTimeAsChina(text: string): Date {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    );
  if (!m) throw new BadInputError(`expected an ISO 8601 time such as 2026-03-15T08:00+08:00, got "${text}"`);
  const local = chinaLocalToUtc({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number((m[7] ?? '0').padEnd(3, '0')),
  });
  const zone = m[8];
  if (zone === undefined) return local;
  // `local` assumed +08:00; shift it to the offset actually given.
  const offsetMin =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return new Date(local.getTime() + CHINA_OFFSET_MS - offsetMin * MINUTE_MS);
}

/** China-local calendar periods: a day, a month, a quarter, a year. */
export const CHINA_PERIOD_KINDS = ['day', 'month', 'quarter', 'year'] as const;
export type ChinaPeriodKind = (typeof CHINA_PERIOD_KINDS)[number];

/** A China-local calendar period: `from` inclusive, `to` exclusive (UTC instants). */
export interface ChinaPeriod {
  kind: ChinaPeriodKind;
  /** `2026-03-15`, `2026-03`, `2026-Q1` or `2026`. */
  label: string;
  from: Date;
  to: Date;
}

/** The instant a China-local month begins; months past December roll into the next year. */
function chinaMonthStart(year: number, month: number): Date {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return chinaLocalToUtc({ year: y, month: m, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

/** The China-local period of a kind that contains an instant. */
export function chinaPeriodAt(kind: ChinaPeriodKind, instant: Date): ChinaPeriod {
  const p = utcToChinaLocal(instant);
  switch (kind) {
    case 'day': {
      const from = chinaLocalToUtc({ ...p, hour: 0, minute: 0, second: 0, millisecond: 0 });
      return { kind, label: chinaDate(instant), from, to: new Date(from.getTime() + DAY_MS) };
    }
    case 'month':
      return {
        kind,
        label: `${p.year}-${pad(p.month)}`,
        from: chinaMonthStart(p.year, p.month),
        to: chinaMonthStart(p.year, p.month + 1),
      };
    case 'quarter': {
      const q = Math.floor((p.month - 1) / 3);
      return {
        kind,
        label: `${p.year}-Q${q + 1}`,
        from: chinaMonthStart(p.year, q * 3 + 1),
        to: chinaMonthStart(p.year, q * 3 + 4),
      };
    }
    case 'year':
      return {
        kind,
        label: String(p.year),
        from: chinaMonthStart(p.year, 1),
        to: chinaMonthStart(p.year + 1, 1),
      };
    default: {
      const impossible: never = kind;
      throw new Error(`unknown period kind ${String(impossible)}`);
    }
  }
}

const PERIOD_FORMS: Readonly<Record<ChinaPeriodKind, { form: RegExp; example: string }>> = {
  day: { form: /^(\d{4})-(\d{2})-(\d{2})$/, example: '2026-03-15' },
  month: { form: /^(\d{4})-(\d{2})$/, example: '2026-03' },
  quarter: { form: /^(\d{4})-Q([1-4])$/, example: '2026-Q1' },
  year: { form: /^(\d{4})$/, example: '2026' },
};

/**
 * Parses the label of a China-local period of a kind (`2026-03-15`, `2026-03`, `2026-Q1`,
 * `2026`). Throws a `BadInputError` naming `field` (the caller's name for the label) and the form
 * expected.
 */
export function parseChinaPeriod(kind: ChinaPeriodKind, label: string, field = 'period'): ChinaPeriod {
  const { form, example } = PERIOD_FORMS[kind];
  const problem = `"${label}" is not a ${kind}; write it as ${example}`;
  const bad = (): BadInputError => new BadInputError(`${field}: ${problem}`, [{ field, problem }]);
  const m = form.exec(label);
  if (m === null) throw bad();
  const year = Number(m[1]);
  const part = Number(m[2]);
  let start: Date;
  try {
    switch (kind) {
      case 'day':
        start = chinaLocalToUtc({
          year,
          month: part,
          day: Number(m[3]),
          hour: 0,
          minute: 0,
          second: 0,
          millisecond: 0,
        });
        break;
      case 'month':
        if (part < 1 || part > 12) throw bad();
        start = chinaMonthStart(year, part);
        break;
      case 'quarter':
        start = chinaMonthStart(year, (part - 1) * 3 + 1);
        break;
      case 'year':
        start = chinaMonthStart(year, 1);
        break;
      default: {
        const impossible: never = kind;
        throw new Error(`unknown period kind ${String(impossible)}`);
      }
    }
  } catch {
    throw bad();
  }
  return chinaPeriodAt(kind, start);
}

/** The `count` China-local months ending with the month that contains `instant`, oldest first. */
export function chinaMonthsEndingAt(instant: Date, count: number): ChinaPeriod[] {
  const p = utcToChinaLocal(instant);
  const out: ChinaPeriod[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    out.push(chinaPeriodAt('month', chinaMonthStart(p.year, p.month - i)));
  }
  return out;
}

/** China-local day number of an instant (days since 1970-01-01 in UTC+8). */
export function chinaDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** The `YYYY-MM-DD` of a China-local day number. */
export function chinaDateOfDayNumber(day: number): string {
  return chinaDate(new Date(day * DAY_MS - CHINA_OFFSET_MS));
}

/**
 * The China-local instants of a calendar month given as `YYYY-MM`: from its first midnight
 * (inclusive) to the next month's (exclusive). Throws a RangeError for a malformed month.
 */
export function chinaMonthRange(month: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mon = Number(m?.[2]);
  if (m === null || mon < 1 || mon > 12) throw new BadInputError(`month "${month}" must be YYYY-MM`);
  const year = Number(m[1]);
  const next = mon === 12 ? `${pad(year + 1, 4)}-01` : `${m[1]}-${pad(mon + 1)}`;
  return { from: chinaDayStart(`${month}-01`), to: chinaDayStart(`${next}-01`) };
}
