import { describe, expect, it } from 'vitest';
import { persistenceTrendForecast } from './forecast.js';

describe('persistenceTrendForecast', () => {
  it('carries half the recent trend: 100, 120, 140 → slope 20/day → 150, 160, 170', () => {
    const h = [
      { date: '2026-12-01', aqi: 100 },
      { date: '2026-12-02', aqi: 120 },
      { date: '2026-12-03', aqi: 140 },
    ];
    expect(persistenceTrendForecast(h, 3)).toEqual([
      { date: '2026-12-04', aqi: 150 },
      { date: '2026-12-05', aqi: 160 },
      { date: '2026-12-06', aqi: 170 },
    ]);
  });
  it('persists a single day and stays within 0…500', () => {
    expect(persistenceTrendForecast([{ date: '2026-12-31', aqi: 80 }], 1)).toEqual([
      { date: '2027-01-01', aqi: 80 },
    ]);
    expect(
      persistenceTrendForecast(
        [
          { date: '2026-12-01', aqi: 400 },
          { date: '2026-12-02', aqi: 500 },
        ],
        2,
      ).map((d) => d.aqi),
    ).toEqual([500, 500]);
    expect(persistenceTrendForecast([], 3)).toEqual([]);
  });
});
