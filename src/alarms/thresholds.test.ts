import { describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_THRESHOLDS, defaultThresholdValues, resolveThresholds } from './thresholds.js';

describe('alarm thresholds', () => {
  it('every default says where it comes from', () => {
    for (const t of Object.values(DEFAULT_ALARM_THRESHOLDS)) expect(t.source.length).toBeGreaterThan(10);
  });

  it('defaults from the reference (docs/standards/alarms.md §3): 60 minute / 6 hourly constant values, 15-min marks', () => {
    const v = defaultThresholdValues();
    expect(v.constantMinPointsMinute).toBe(60);
    expect(v.constantMinPointsHour).toBe(6);
    expect(v.flagAbuseLongEpisodeMinutes).toBe(15);
    expect(v.instrumentRanges.a19001).toEqual({ min: 0, max: 19 });
  });

  it('site beats industry beats default; records merge key by key; origins say which', () => {
    const r = resolveThresholds(
      DEFAULT_ALARM_THRESHOLDS,
      { constantMinPointsHour: 4, instrumentRanges: { a21026: { max: 200 } } },
      { constantMinPointsHour: 8, flagAbuseFlags: ['M'] },
    );
    expect(r.values.constantMinPointsHour).toBe(8);
    expect(r.origins.constantMinPointsHour.origin).toBe('site');
    expect(r.values.instrumentRanges).toMatchObject({ a19001: { min: 0, max: 19 }, a21026: { max: 200 } });
    expect(r.origins.instrumentRanges.origin).toBe('industry');
    expect(r.values.flagAbuseFlags).toEqual(['M']);
    expect(r.origins.spikeRatio).toMatchObject({ origin: 'default' });
    expect(DEFAULT_ALARM_THRESHOLDS.constantMinPointsHour.value).toBe(6);
  });

  it('rejects unknown names and non-finite numbers', () => {
    const bad = { nope: 1 } as unknown as Parameters<typeof resolveThresholds>[1];
    expect(() => resolveThresholds(DEFAULT_ALARM_THRESHOLDS, bad)).toThrow(/unknown alarm threshold "nope"/);
    expect(() => resolveThresholds(DEFAULT_ALARM_THRESHOLDS, {}, { spikeRatio: Number.NaN })).toThrow(
      /finite/,
    );
  });
});
