import { describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_THRESHOLDS, defaultThresholdValues, resolveThresholds } from '../alarms/thresholds.js';
import { RULE_IDS } from '../alarms/types.js';
import { BadInputError } from '../errors.js';
import {
  THRESHOLD_KEYS,
  THRESHOLD_PARAMETERS,
  checkThresholdsConsistent,
  parseAutoCaseRules,
  parseThresholdOverrides,
} from './alarm-settings.js';

/** The problems a call throws, as `field: problem` lines. */
function problems(call: () => unknown): string[] {
  try {
    call();
  } catch (err) {
    expect(err).toBeInstanceOf(BadInputError);
    return ((err as BadInputError).details as { field: string; problem: string }[]).map(
      (p) => `${p.field}: ${p.problem}`,
    );
  }
  throw new Error('expected a BadInputError');
}

describe('the threshold catalogue', () => {
  it('describes every threshold of the defaults, each read by a known rule', () => {
    expect([...THRESHOLD_KEYS].sort()).toEqual(Object.keys(DEFAULT_ALARM_THRESHOLDS).sort());
    for (const key of THRESHOLD_KEYS) {
      expect(RULE_IDS).toContain(THRESHOLD_PARAMETERS[key].rule);
    }
  });
  it('accepts every default value (today’s values are valid settings)', () => {
    expect(parseThresholdOverrides(defaultThresholdValues())).toEqual(defaultThresholdValues());
    expect(() => checkThresholdsConsistent(defaultThresholdValues(), {})).not.toThrow();
  });
});

describe('parseThresholdOverrides', () => {
  it('returns a copy of valid overrides of each kind', () => {
    const input = {
      offlineAfterMinutes: 120,
      transmissionRateMin: 0.75,
      flagAbuseFlags: ['M', 'C', 'D'],
      instrumentRanges: { a19001: { min: 0, max: 21 }, a01012: { max: 400 }, w01001: {} },
      spikeMinDifference: { a34004: 50 },
    };
    const parsed = parseThresholdOverrides(input);
    expect(parsed).toEqual(input);
    expect(parsed.instrumentRanges).not.toBe(input.instrumentRanges);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown threshold', { nope: 1 }, /^values\.nope: unknown threshold; known: constantMinPointsMinute/],
    [
      'a value that is not finite',
      { stepMinBase: Number.POSITIVE_INFINITY },
      /^values\.stepMinBase: must be a finite number/,
    ],
    ['NaN', { spikeRatio: Number.NaN }, /^values\.spikeRatio: must be a finite number/],
    ['a string for a number', { spikeRatio: '2' }, /^values\.spikeRatio: must be a finite number, got "2"/],
    ['a fraction for a count', { zeroMinPoints: 1.5 }, /^values\.zeroMinPoints: must be a whole number/],
    [
      'a share above 1',
      { transmissionRateMin: 1.2 },
      /^values\.transmissionRateMin: must be from 0 to 1, got 1\.2/,
    ],
    [
      'a count below its least',
      { constantMinPointsMinute: 1 },
      /^values\.constantMinPointsMinute: must be from 2/,
    ],
    ['an AQI above 500', { aqiCriticalAbove: 600 }, /^values\.aqiCriticalAbove: must be from 0 to 500/],
    ['an empty flag list', { flagAbuseFlags: [] }, /^values\.flagAbuseFlags: must be a list of 1 to 20/],
    [
      'a bad flag',
      { flagAbuseFlags: ['M', 'maintenance'] },
      /^values\.flagAbuseFlags\.1: must be an HJ 212 data flag/,
    ],
    ['a flag twice', { flagAbuseFlags: ['M', 'M'] }, /^values\.flagAbuseFlags\.1: "M" is listed twice/],
    [
      'a bad parameter code',
      { spikeMinDifference: { PM25: 35 } },
      /^values\.spikeMinDifference\.PM25: is not an HJ 212-2017/,
    ],
    [
      'a negative amount',
      { spikeMinDifference: { a34004: -1 } },
      /^values\.spikeMinDifference\.a34004: must be from 0/,
    ],
    [
      'a range upside down',
      { instrumentRanges: { a19001: { min: 5, max: 5 } } },
      /^values\.instrumentRanges\.a19001: min 5 must be below max 5/,
    ],
    [
      'a range with another field',
      { instrumentRanges: { a19001: { low: 1 } } },
      /^values\.instrumentRanges\.a19001: must be \{"min"/,
    ],
    [
      'a range end not a number',
      { instrumentRanges: { a19001: { max: 'x' } } },
      /^values\.instrumentRanges\.a19001\.max: must be a finite number/,
    ],
    [
      'a record that is a list',
      { instrumentRanges: [] },
      /^values\.instrumentRanges: must be an object keyed/,
    ],
    ['nothing at all', {}, /^values: give at least one threshold/],
  ])('refuses %s, naming the field', (_what, input, expected) => {
    const found = problems(() => parseThresholdOverrides(input));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
  });

  it('names every problem at once, under the field prefix given', () => {
    expect(problems(() => parseThresholdOverrides({ a: 1, zeroMinPoints: 0 }, 'overrides.2.values'))).toEqual(
      [
        expect.stringMatching(/^overrides\.2\.values\.a: unknown threshold/),
        expect.stringMatching(/^overrides\.2\.values\.zeroMinPoints: must be from 1/),
      ],
    );
    expect(() => parseThresholdOverrides([1])).toThrow(/values: must be an object/);
  });
});

describe('checkThresholdsConsistent', () => {
  it('refuses a warning threshold above its critical one, naming the one that was set', () => {
    const values = resolveThresholds(DEFAULT_ALARM_THRESHOLDS, { offlineAfterMinutes: 2000 }).values;
    expect(() => checkThresholdsConsistent(values, { offlineAfterMinutes: 2000 })).toThrow(
      /values\.offlineAfterMinutes: offlineCriticalAfterMinutes \(1440\) must not be below offlineAfterMinutes \(2000\)/,
    );
    const aqi = resolveThresholds(DEFAULT_ALARM_THRESHOLDS, { aqiCriticalAbove: 50 }).values;
    expect(() => checkThresholdsConsistent(aqi, { aqiCriticalAbove: 50 })).toThrow(
      /values\.aqiCriticalAbove/,
    );
    const equal = resolveThresholds(DEFAULT_ALARM_THRESHOLDS, { aqiCriticalAbove: 100 }).values;
    expect(() => checkThresholdsConsistent(equal, { aqiCriticalAbove: 100 })).not.toThrow();
  });
});

describe('parseAutoCaseRules', () => {
  it('accepts known rules with a severity, and the empty list', () => {
    expect(
      parseAutoCaseRules([
        { rule: 'exceedance', minSeverity: 'warning' },
        { rule: 'device-offline', minSeverity: 'critical' },
      ]),
    ).toEqual([
      { rule: 'exceedance', minSeverity: 'warning' },
      { rule: 'device-offline', minSeverity: 'critical' },
    ]);
    expect(parseAutoCaseRules([])).toEqual([]);
  });
  it('refuses an unknown rule, a rule twice, a bad severity and a stray field, naming each', () => {
    expect(
      problems(() =>
        parseAutoCaseRules([
          { rule: 'exceedance', minSeverity: 'critical' },
          { rule: 'smoke', minSeverity: 'critical' },
          { rule: 'exceedance', minSeverity: 'urgent' },
          { rule: 'aqi-high', minSeverity: 'info', note: 'x' },
          'aqi-high',
        ]),
      ),
    ).toEqual([
      expect.stringMatching(/^rules\.1\.rule: unknown alarm rule "smoke"; known: exceedance, /),
      'rules.2.rule: "exceedance" is listed twice',
      'rules.2.minSeverity: must be one of info, warning, critical, got "urgent"',
      'rules.3.note: unknown field',
      'rules.4: must be {"rule", "minSeverity"}',
    ]);
    expect(() => parseAutoCaseRules({ rule: 'exceedance' })).toThrow(/rules: must be a list/);
  });
});
