import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatChinaDate,
  formatChinaHour,
  formatChinaTime,
  formatChinaTimeSeconds,
  formatFixed,
  standardName,
} from './format';
import {
  formatParameterValue,
  parameterDecimals,
  parameterLabel,
  parameterName,
  parameterUnit,
  unitText,
} from './parameters';

describe('China-time formatting', () => {
  it('prints instants in China time whatever the zone of the browser', () => {
    // 16:30 UTC is 00:30 the next day in China (UTC+8).
    expect(formatChinaTime('2026-12-09T16:30:00Z')).toBe('2026-12-10 00:30');
    expect(formatChinaTimeSeconds('2026-12-09T16:30:05Z')).toBe('2026-12-10 00:30:05');
    expect(formatChinaDate('2026-12-09T16:30:00Z')).toBe('2026-12-10');
    expect(formatChinaHour('2026-12-09T15:00:00Z')).toBe('12-09 23:00');
  });

  it('prints an em dash for a missing or malformed instant', () => {
    expect(formatChinaTime(null)).toBe('—');
    expect(formatChinaTimeSeconds('not a time')).toBe('—');
  });

  it('says how long ago in the language, and the China time after a day', () => {
    const now = new Date('2026-12-10T00:00:00Z');
    expect(formatAgo('2026-12-09T23:55:00Z', false, now)).toBe('5 分钟前');
    expect(formatAgo('2026-12-09T22:00:00Z', true, now)).toBe('2 h ago');
    expect(formatAgo('2026-12-09T23:59:40Z', true, now)).toBe('just now');
    expect(formatAgo('2026-12-08T00:00:00Z', true, now)).toBe('2026-12-08 08:00');
  });
});

describe('numbers to a fixed precision', () => {
  it('keeps trailing zeros and rounds to the decimals asked', () => {
    expect(formatFixed(0.561296980621902, 2)).toBe('0.56');
    expect(formatFixed(35, 2, 'mg/m³')).toBe('35.00 mg/m³');
    expect(formatFixed(1234.5, 0)).toBe('1235');
    expect(formatFixed(null, 2)).toBe('—');
  });
});

describe('parameter names, units and decimals from the registry', () => {
  it('names a code in both languages with its unit', () => {
    expect(parameterLabel('a21026', false)).toBe('二氧化硫 SO₂ (mg/m³)');
    expect(parameterLabel('a21026', true)).toBe('SO₂ (mg/m³)');
    expect(parameterLabel('w01018', false)).toBe('化学需氧量 COD (mg/L)');
    expect(parameterLabel('w21003', true)).toBe('Ammonia nitrogen (mg/L)');
    expect(parameterLabel('a21026-Zs', false)).toBe('二氧化硫 SO₂ (折算) (mg/m³)');
    expect(parameterLabel('w01001', false)).toBe('pH值 pH');
    expect(parameterLabel('x99999', false)).toBe('x99999');
  });

  it('uses the ambient unit at air-quality stations', () => {
    expect(parameterUnit('a21026', true)).toBe('µg/m³');
    expect(parameterDecimals('a21026', true)).toBe(0);
    expect(parameterDecimals('a21026')).toBe(2);
  });

  it('prints a value to the parameter decimals with its unit', () => {
    expect(formatParameterValue(0.561296980621902, 'w21003')).toBe('0.561 mg/L');
    expect(formatParameterValue(35.2, 'a21026')).toBe('35.20 mg/m³');
    expect(formatParameterValue(35.2, 'a21026', { withUnit: false })).toBe('35.20');
    expect(formatParameterValue(7.456, 'w01001')).toBe('7.46');
  });

  it('keeps the names it had', () => {
    expect(parameterName('a21026', false)).toBe('二氧化硫');
    expect(unitText('m3/s')).toBe('m³/s');
    expect(unitText('dimensionless')).toBe('');
  });
});

describe('standard names without the notes of developers', () => {
  it('drops a trailing parenthesis', () => {
    expect(standardName('HJ 663-2026 (assumed identical to HJ 663-2013; text not obtained)')).toBe(
      'HJ 663-2026',
    );
    expect(standardName('HJ 633-2026')).toBe('HJ 633-2026');
    expect(standardName(null)).toBe('—');
  });
});
