import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors.js';
import { DAY_MS, HOUR_MS } from '../standards/china-time.js';
import { parseChinaDate, parseInstant, parseWindow } from './window.js';

/** 2026-03-15 10:00 China time. */
const NOW = new Date('2026-03-15T02:00:00Z');

function refusal(f: () => unknown): BadInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof BadInputError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('parseWindow over instants', () => {
  const options = { now: NOW, defaultSpanMs: 24 * HOUR_MS, maxSpanMs: 31 * DAY_MS };

  it('defaults to the span before now', () => {
    expect(parseWindow({}, options)).toEqual({ from: new Date('2026-03-14T02:00:00Z'), to: NOW });
  });

  it('reads a time without an offset as China time, and an explicit offset as given', () => {
    expect(parseWindow({ from: '2026-03-15T08:00', to: '2026-03-15T09:00:00Z' }, options)).toEqual({
      from: new Date('2026-03-15T00:00:00Z'),
      to: new Date('2026-03-15T09:00:00Z'),
    });
  });

  it('takes the default span back from a given end', () => {
    expect(parseWindow({ to: '2026-03-10T08:00+08:00' }, options).from).toEqual(
      new Date('2026-03-09T00:00:00Z'),
    );
  });

  it('refuses a time that does not parse, naming the field', () => {
    const e = refusal(() => parseWindow({ from: 'yesterday' }, options));
    expect(e.message).toMatch(/^from: /);
    expect(e.details).toEqual([{ field: 'querystring.from', problem: 'not an ISO 8601 time' }]);
  });

  it.each([
    ['an empty window', { from: '2026-03-15T08:00', to: '2026-03-15T08:00' }],
    ['a reversed window', { from: '2026-03-15T09:00', to: '2026-03-15T08:00' }],
    ['a window longer than the limit', { from: '2026-02-01T00:00', to: '2026-03-05T00:00' }],
  ])('refuses %s', (_, q) => {
    expect(refusal(() => parseWindow(q, options)).message).toBe(
      'from must be before to, at most 31 days apart',
    );
  });

  it('accepts a window of exactly the limit, and any length without one', () => {
    const q = { from: '2026-02-01T00:00', to: '2026-03-04T00:00' };
    expect(() => parseWindow(q, options)).not.toThrow();
    const long = { from: '2020-01-01T00:00', to: '2026-01-01T00:00' };
    expect(() => parseWindow(long, { now: NOW, defaultSpanMs: HOUR_MS })).not.toThrow();
    expect(
      refusal(() => parseWindow({ from: '2026-03-16' }, { now: NOW, defaultSpanMs: HOUR_MS })).message,
    ).toBe('from must be before to');
  });

  it('states a limit of hours in hours', () => {
    const q = { from: '2026-03-15T00:00', to: '2026-03-15T07:00' };
    expect(
      refusal(() => parseWindow(q, { now: NOW, defaultSpanMs: HOUR_MS, maxSpanMs: 6 * HOUR_MS })).message,
    ).toBe('from must be before to, at most 6 hours apart');
  });
});

describe('parseWindow over China-local dates (inclusive)', () => {
  const options = { now: NOW, defaultSpanMs: 30 * DAY_MS, maxSpanMs: 366 * DAY_MS, unit: 'date' as const };
  /** Midnight starting a China-local date. */
  const midnight = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

  it('defaults to the 30 days ending with the day of now', () => {
    expect(parseWindow({}, options)).toEqual({ from: midnight('2026-02-14'), to: midnight('2026-03-16') });
  });

  it('runs from the start of the first date to the end of the last', () => {
    expect(parseWindow({ from: '2026-03-01', to: '2026-03-01' }, options)).toEqual({
      from: midnight('2026-03-01'),
      to: midnight('2026-03-02'),
    });
  });

  it('takes the default span back from a given last date', () => {
    expect(parseWindow({ to: '2026-01-31' }, options).from).toEqual(midnight('2026-01-02'));
  });

  it('refuses a date that is not YYYY-MM-DD, naming the field', () => {
    const e = refusal(() => parseWindow({ to: '2026-3-1' }, options));
    expect(e.message).toBe('to: "2026-3-1" is not a date such as 2026-03-15');
    expect(e.details).toEqual([{ field: 'querystring.to', problem: 'not a date YYYY-MM-DD' }]);
  });

  it('accepts 366 days and refuses 367, or a first date after the last', () => {
    expect(() => parseWindow({ from: '2025-01-01', to: '2026-01-01' }, options)).not.toThrow();
    expect(refusal(() => parseWindow({ from: '2025-01-01', to: '2026-01-02' }, options)).message).toBe(
      'from must not be after to, at most 366 days apart',
    );
    expect(() => parseWindow({ from: '2026-03-02', to: '2026-03-01' }, options)).toThrow(BadInputError);
  });
});

describe('field parsers', () => {
  it('parseInstant and parseChinaDate give the value or a 400 naming the field', () => {
    expect(parseInstant('2026-03-15T10:00', 'at')).toEqual(NOW);
    expect(parseChinaDate('2026-03-15', 'value')).toBe('2026-03-15');
    expect(refusal(() => parseChinaDate('2026-02-30', 'value')).details).toEqual([
      { field: 'querystring.value', problem: 'not a date YYYY-MM-DD' },
    ]);
  });
});
