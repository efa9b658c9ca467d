/**
 * China Standard Time (UTC+8, no daylight saving) — the one place where local wall-clock time
 * and UTC instants are converted. Devices send local time; the store keeps UTC instants; days,
 * months and years are China-local (DESIGN.md, "Time").
 */

/** Offset of China Standard Time from UTC, in milliseconds. */
export const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** One minute, in milliseconds. */
export const MINUTE_MS = 60_000;
/** One hour, in milliseconds. */
export const HOUR_MS = 3_600_000;
/** One day (24 h: China has no daylight saving), in milliseconds. */
export const DAY_MS = 86_400_000;

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
    throw new RangeError(
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

/** An instant formatted as China local time, ISO 8601 with the +08:00 offset (seconds precision). */
export function formatChinaIso(instant: Date): string {
  const p = utcToChinaLocal(instant);
  return `${chinaDate(instant)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+08:00`;
}

/** The UTC instant at which a China-local date (`YYYY-MM-DD`) begins. */
export function chinaDayStart(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${date}"`);
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

/**
 * Parses a time given as ISO 8601. With an explicit offset or `Z` it is that instant; without one
 * it is read as China local time. Throws with the offending text when it cannot be parsed.
 */
export function parseTimeAsChina(text: string): Date {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    );
  if (!m) throw new RangeError(`expected an ISO 8601 time such as 2026-03-15T08:00+08:00, got "${text}"`);
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
  return new Date(local.getTime() + CHINA_OFFSET_MS - offsetMin * 60_000);
}

/**
 * The China-local instants of a calendar month given as `YYYY-MM`: from its first midnight
 * (inclusive) to the next month's (exclusive). Throws a RangeError for a malformed month.
 */
export function chinaMonthRange(month: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mon = Number(m?.[2]);
  if (m === null || mon < 1 || mon > 12) throw new RangeError(`month "${month}" must be YYYY-MM`);
  const year = Number(m[1]);
  const next = mon === 12 ? `${pad(year + 1, 4)}-01` : `${m[1]}-${pad(mon + 1)}`;
  return { from: chinaDayStart(`${month}-01`), to: chinaDayStart(`${next}-01`) };
}
