import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaDayStart,
  chinaDayStartOf,
  chinaLocalToUtc,
  chinaMonth,
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

  it('starts the China-local day of an instant at 16:00 UTC the day before', () => {
    expect(chinaDayStartOf(new Date('2026-02-28T16:00:00.000Z')).toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
    expect(chinaDayStartOf(new Date('2026-02-28T15:59:59.999Z')).toISOString()).toBe(
      '2026-02-27T16:00:00.000Z',
    );
    for (const iso of ['1969-12-31T20:00:00Z', '2024-02-29T23:59:59.999Z', '2026-12-31T16:00:00.001Z']) {
      const at = new Date(iso);
      expect(chinaDayStartOf(at), iso).toEqual(chinaDayStart(chinaDate(at)));
    }
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
  it('finds the China-local month, which begins at 16:00 UTC of the day before', () => {
    expect(chinaMonth(new Date('2026-01-31T15:59:59Z'))).toBe('2026-01');
    expect(chinaMonth(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02');
  });
});
