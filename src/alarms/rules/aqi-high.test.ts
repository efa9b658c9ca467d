import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { defaultThresholdValues } from '../thresholds.js';
import { aqiHighRule } from './aqi-high.js';

const t = defaultThresholdValues();
const hour2025 = parseTimeAsChina('2025-12-01T08:00');

// HJ 633-2012 PM2.5 24-h breakpoints (used for real-time PM): 75 → IAQI 100, 115 → 150, 150 → 200,
// 250 → 300 (docs/standards/hj633-aqi.md; src/standards/hj633-2012.ts).
describe('AQI above threshold (calcAqi)', () => {
  it('AQI 100 exactly is not above 100; 101+ is a warning; above 200 critical', () => {
    expect(aqiHighRule({ periodStart: hour2025, pm25: 75 }, t)).toEqual([]);
    const w = aqiHighRule({ siteId: 9, periodStart: hour2025, pm25: 115 }, t);
    expect(w[0]).toMatchObject({
      rule: 'aqi-high',
      severity: 'warning',
      parameter: 'AQI',
      siteId: 9,
      limit: 100,
    });
    expect(w[0]?.values[0]?.value).toBe(150);
    expect(w[0]?.message.en).toContain('primary pollutant PM2.5');
    expect(w[0]?.message.zh).toContain('细颗粒物(PM2.5)');
    const c = aqiHighRule({ periodStart: hour2025, pm25: 250 }, t);
    expect(c[0]).toMatchObject({ severity: 'critical', limit: 200 });
  });

  it('AQI NA (nothing given) → nothing', () => {
    expect(aqiHighRule({ periodStart: hour2025 }, t)).toEqual([]);
  });
});
