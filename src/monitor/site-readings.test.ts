import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../standards/china-time.js';
import type { WindowReading } from '../store/alarm-window.repository.js';
import { hourlyValues, minuteIntervalOf, SiteReadings } from './site-readings.js';

const T0 = new Date('2026-03-15T00:00:00Z');

function reading(interval: 'min' | 'hour', parameter: string, offsetMs: number, value: number, flag = 'N') {
  const r: WindowReading = {
    siteId: 1,
    parameter,
    interval,
    periodStart: new Date(T0.getTime() + offsetMs),
    value,
    flag,
    receivedAt: T0,
  };
  return r;
}

describe('site readings', () => {
  it('reads the minute interval of a series', () => {
    const p = (m: number) => ({ periodStart: new Date(m * MINUTE_MS), value: 1, flag: null });
    expect(minuteIntervalOf([p(0), p(1), p(2)])).toBe(1);
    expect(minuteIntervalOf([p(0), p(10), p(30)])).toBe(10);
    expect(minuteIntervalOf([p(0)])).toBe(1);
  });

  it('splits readings by interval and parameter, oldest first; `-Zs` codes are not parameters', () => {
    const data = new SiteReadings([
      reading('hour', 'a21026', HOUR_MS, 2),
      reading('hour', 'a21026', 0, 1),
      reading('hour', 'a21026-Zs', 0, 3),
    ]);
    expect(data.points('hour', 'a21026').map((p) => p.value)).toEqual([1, 2]);
    expect([...data.parameters]).toEqual(['a21026']);
    expect(data.has('hour')).toBe(true);
    expect(data.has('min')).toBe(false);
  });

  it("computes an hour from minute data where it has any, else takes the device's hourly value", () => {
    const minutes = Array.from({ length: 60 }, (_, m) =>
      reading('min', 'a21026', HOUR_MS + m * MINUTE_MS, 20),
    );
    const data = new SiteReadings([
      reading('hour', 'a21026', 0, 10),
      reading('hour', 'a21026', HOUR_MS, 99),
      reading('hour', 'a21026', 2 * HOUR_MS, 30, 'D'),
      ...minutes,
    ]);
    const hours = hourlyValues(data, 'a21026', { medium: 'gas', completeBefore: T0.getTime() + 3 * HOUR_MS });
    expect(hours.map((h) => [h.value, h.valid])).toEqual([
      [10, true],
      [20, true],
      [30, false],
    ]);
    // Hours ending after `completeBefore` are left out.
    expect(
      hourlyValues(data, 'a21026', { medium: 'gas', completeBefore: T0.getTime() + HOUR_MS }),
    ).toHaveLength(1);
  });
});
