import { describe, expect, it } from 'vitest';
import { BadInputError } from '../errors.js';
import { DAY_MS, HOUR_MS } from '../standards/china-time.js';
import { parseWindow } from './window.js';

/** 2026-03-15 12:00 in China. */
const NOW = new Date('2026-03-15T04:00:00Z');

describe('parseWindow over instants', () => {
  const options = { defaultSpanMs: 24 * HOUR_MS, now: NOW, maxSpanMs: 7 * DAY_MS };

  it('ends now and spans the default without from/to', () => {
    expect(parseWindow({}, options)).toEqual({ from: new Date('2026-03-14T04:00:00Z'), to: NOW });
  });

  it('reads times without an offset as China time and keeps explicit offsets', () => {
    expect(parseWindow({ from: '2026-03-10T08:00', to: '2026-03-11T00:00:00Z' }, options)).toEqual({
      from: new Date('2026-03-10T00:00:00Z'),
      to: new Date('2026-03-11T00:00:00Z'),
    });
    expect(parseWindow({ to: '2026-03-12T08:00+08:00' }, options).from).toEqual(
      new Date('2026-03-11T00:00:00Z'),
    );
  });

  it.each([
    [{ from: 'yesterday' }, /^querystring\.from: "yesterday" is not an ISO 8601 time$/],
    [{ to: '2026-13-01' }, /^querystring\.to: /],
    [{ from: '2026-03-15T12:00', to: '2026-03-15T12:00' }, /^querystring\.from: must be before to$/],
    [{ from: '2026-03-01T00:00' }, /^querystring\.from: at most 7 days per request$/],
  ])('refuses %j naming the field', (q, message) => {
    expect(() => parseWindow(q, options)).toThrow(BadInputError);
    expect(() => parseWindow(q, options)).toThrow(message);
  });

  it('names the location it is given, in the message and the details', () => {
    try {
      parseWindow({ from: 'x' }, { ...options, location: 'body' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'bad-request',
        status: 400,
        details: [{ field: 'body.from', problem: '"x" is not an ISO 8601 time' }],
      });
    }
  });

  it('says a span that is not whole days in hours', () => {
    expect(() => parseWindow({ from: '2026-03-15T00:00' }, { ...options, maxSpanMs: 6 * HOUR_MS })).toThrow(
      /at most 6 hours per request/,
    );
  });
});

describe('parseWindow over China-local days', () => {
  const options = { unit: 'day' as const, defaultSpanMs: 30 * DAY_MS, now: NOW, maxSpanMs: 366 * DAY_MS };

  it('runs from the start of from to the end of to, both inclusive', () => {
    expect(parseWindow({ from: '2026-03-01', to: '2026-03-01' }, options)).toEqual({
      from: new Date('2026-02-28T16:00:00Z'),
      to: new Date('2026-03-01T16:00:00Z'),
    });
  });

  it('ends with today and spans the default without from/to', () => {
    expect(parseWindow({}, options)).toEqual({
      from: new Date('2026-02-13T16:00:00Z'),
      to: new Date('2026-03-15T16:00:00Z'),
    });
  });

  it.each([
    [{ from: '2026-02-30' }, /^querystring\.from: "2026-02-30" is not a date as YYYY-MM-DD$/],
    [{ from: '2026-03-02', to: '2026-03-01' }, /^querystring\.from: must be on or before to$/],
    [{ from: '2025-03-01', to: '2026-03-02' }, /^querystring\.from: at most 366 days per request$/],
  ])('refuses %j naming the field', (q, message) => {
    expect(() => parseWindow(q, options)).toThrow(message);
  });
});
