import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors.js';
import {
  chinaDate,
  chinaDateOfDayNumber,
  chinaDayNumber,
  chinaMonthsEndingAt,
  chinaPeriodAt,
  parseChinaPeriod,
  chinaDayStart,
  chinaDayStartOf,
  chinaLocalToUtc,
  chinaMonth,
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

describe('China-local calendar periods', () => {
  it('puts an instant in the China-local day, month, quarter and year', () => {
    // 2026-04-01 00:30 in China is still 31 March in UTC.
    const t = new Date('2026-03-31T16:30:00Z');
    expect(chinaPeriodAt('day', t).label).toBe('2026-04-01');
    expect(chinaPeriodAt('month', t)).toEqual({
      kind: 'month',
      label: '2026-04',
      from: new Date('2026-03-31T16:00:00Z'),
      to: new Date('2026-04-30T16:00:00Z'),
    });
    expect(chinaPeriodAt('quarter', t).label).toBe('2026-Q2');
    expect(chinaPeriodAt('year', new Date('2025-12-31T16:00:00Z')).label).toBe('2026');
  });

  it('parses labels and names the period when one is wrong', () => {
    expect(parseChinaPeriod('quarter', '2026-Q4').to).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(parseChinaPeriod('day', '2026-02-28').from).toEqual(new Date('2026-02-27T16:00:00Z'));
    expect(() => parseChinaPeriod('month', '2026-13')).toThrow(
      /period: "2026-13" is not a month; write it as 2026-03/,
    );
    expect(() => parseChinaPeriod('day', '2026-02-30')).toThrow(/period/);
    expect(() => parseChinaPeriod('year', '26')).toThrow(/2026/);
    expect(() => parseChinaPeriod('quarter', '2026-Q5', 'querystring.at')).toThrow(BadInputError);
    expect(() => parseChinaPeriod('quarter', '2026-Q5', 'querystring.at')).toThrow(
      /^querystring\.at: "2026-Q5" is not a quarter; write it as 2026-Q1$/,
    );
  });

  it('numbers China-local days and names them back', () => {
    // 2026-03-15 00:00 and 23:59 in China are one day; 2026-03-14T15:59Z is still the 14th.
    const d = chinaDayNumber(new Date('2026-03-14T16:00:00Z'));
    expect(chinaDayNumber(new Date('2026-03-15T15:59:59Z'))).toBe(d);
    expect(chinaDayNumber(new Date('2026-03-14T15:59:59Z'))).toBe(d - 1);
    expect(chinaDateOfDayNumber(d)).toBe('2026-03-15');
  });

  it('lists months back across a year end', () => {
    expect(chinaMonthsEndingAt(new Date('2026-02-10T00:00:00Z'), 3).map((p) => p.label)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
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
    expect(() => chinaMonthRange(month)).toThrow(BadInputError);
  });
});
