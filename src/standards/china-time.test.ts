import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaDayStart,
  chinaLocalToUtc,
  chinaMonthRange,
  formatChinaIso,
  parseTimeAsChina,
  utcToChinaLocal,
} from './china-time.js';

describe('china-time', () => {
  it('maps China local midnight to 16:00 UTC of the previous day', () => {
    const utc = chinaLocalToUtc({
      year: 2026,
      month: 3,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    expect(utc.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(chinaDate(utc)).toBe('2026-03-01');
    expect(utcToChinaLocal(utc)).toMatchObject({ year: 2026, month: 3, day: 1, hour: 0 });
  });

  it('rejects impossible wall-clock times', () => {
    expect(() =>
      chinaLocalToUtc({ year: 2026, month: 2, day: 30, hour: 0, minute: 0, second: 0, millisecond: 0 }),
    ).toThrow(/not a valid China local time/);
  });

  it('reads times without an offset as China local, and honours explicit offsets', () => {
    expect(parseTimeAsChina('2026-03-15T08:00').toISOString()).toBe('2026-03-15T00:00:00.000Z');
    expect(parseTimeAsChina('2026-03-15T08:00:00+08:00').toISOString()).toBe('2026-03-15T00:00:00.000Z');
    expect(parseTimeAsChina('2026-03-15T00:00:00Z').toISOString()).toBe('2026-03-15T00:00:00.000Z');
    expect(parseTimeAsChina('2026-03-15').toISOString()).toBe('2026-03-14T16:00:00.000Z');
    expect(() => parseTimeAsChina('yesterday')).toThrow(/ISO 8601/);
  });

  it('formats in China time and finds day starts', () => {
    expect(formatChinaIso(new Date('2026-03-14T16:30:00Z'))).toBe('2026-03-15T00:30:00+08:00');
    expect(chinaDayStart('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });
});

describe('chinaMonthRange', () => {
  it('spans a China-local month, across the year end', () => {
    const dec = chinaMonthRange('2025-12');
    expect([dec.from.toISOString(), dec.to.toISOString()]).toEqual([
      '2025-11-30T16:00:00.000Z',
      '2025-12-31T16:00:00.000Z',
    ]);
    expect(chinaMonthRange('2026-02').to.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it.each(['2026-13', '2026-00', '2026-3', 'March'])('refuses %s', (month) => {
    expect(() => chinaMonthRange(month)).toThrow(RangeError);
  });
});
