import { describe, expect, it } from 'vitest';
import type { AlertRuleTable, ForecastDay } from './heavy-pollution-alert.js';
import {
  checkAlertRuleTable,
  cutTargetPct,
  DEFAULT_ALERT_RULES,
  judgeLifting,
  proposeAlertLevel,
} from './heavy-pollution-alert.js';

/** Forecast days from 2026-12-01 with the given daily AQI. */
const days = (...aqi: number[]): ForecastDay[] =>
  aqi.map((v, i) => ({ date: `2026-12-${String(i + 1).padStart(2, '0')}`, aqi: v }));

describe('proposeAlertLevel — 环大气〔2024〕6号 triggers (docs/standards/heavy-pollution-alert.md §1)', () => {
  // Each row is an edge of the table: "1 day heavy, or 2 days moderate" is yellow, and so on.
  it.each([
    ['one moderate day', days(151, 90), null],
    ['AQI exactly 200 is moderate, not heavy (">" 200)', days(200, 80), null],
    ['one heavy day → yellow', days(201, 90), 'yellow'],
    ['two moderate days → yellow', days(151, 151, 90), 'yellow'],
    ['two moderate days not consecutive → none', days(151, 90, 151), null],
    ['two heavy days → orange', days(201, 201), 'orange'],
    ['three moderate days → orange', days(151, 160, 170), 'orange'],
    ['three heavy days without a severe day → orange', days(201, 250, 300), 'orange'],
    ['three heavy days, one above 300 → red', days(201, 301, 220), 'red'],
    ['one severe day alone → yellow (red needs 72 h above 200)', days(301, 90, 90), 'yellow'],
  ] as const)('%s', (_name, forecast, level) => {
    expect(proposeAlertLevel(DEFAULT_ALERT_RULES, forecast).level).toBe(level);
  });

  it('names the branch that holds and the table version', () => {
    const p = proposeAlertLevel(DEFAULT_ALERT_RULES, days(160, 170));
    expect(p).toEqual({
      level: 'yellow',
      branch: [{ aqiAbove: 150, minHours: 48 }],
      rulesVersion: 'mee-2024-6',
      tag: 'secondary',
    });
  });

  it('proposes the temporary controls only when the bureau switches that option on', () => {
    const on: AlertRuleTable = {
      ...DEFAULT_ALERT_RULES,
      triggers: DEFAULT_ALERT_RULES.triggers.map((t) =>
        t.level === 'temporary' ? { ...t, enabled: true } : t,
      ),
    };
    expect(proposeAlertLevel(DEFAULT_ALERT_RULES, days(120, 130)).level).toBeNull();
    expect(proposeAlertLevel(on, days(120, 130)).level).toBe('temporary');
    expect(proposeAlertLevel(on, days(151)).level).toBe('temporary');
  });

  it('a higher level is never proposed for a lower forecast (monotone in AQI)', () => {
    const rank = ['none', 'yellow', 'orange', 'red'];
    for (let base = 100; base <= 350; base += 25) {
      const low = proposeAlertLevel(DEFAULT_ALERT_RULES, days(base, base, base)).level ?? 'none';
      const high =
        proposeAlertLevel(DEFAULT_ALERT_RULES, days(base + 25, base + 25, base + 25)).level ?? 'none';
      expect(rank.indexOf(high)).toBeGreaterThanOrEqual(rank.indexOf(low));
    }
  });
});

describe('judgeLifting — below yellow for more than 36 h (6号, §2)', () => {
  it.each([
    ['one clean day (24 h) is not enough', days(80), false, 24],
    ['two clean days (48 h > 36 h) lift', days(80, 90), true, 48],
    ['a heavy day ahead stops the count', days(80, 210, 80), false, 24],
    ['moderate days that do not reach yellow still count', days(151, 90), true, 48],
  ] as const)('%s', (_name, forecast, allowed, hours) => {
    const j = judgeLifting(DEFAULT_ALERT_RULES, forecast);
    expect(j.allowed).toBe(allowed);
    expect(j.hoursBelow).toBe(hours);
  });
});

describe('the rule table', () => {
  it('carries the 10 / 20 / 30 % targets [secondary]', () => {
    expect([
      cutTargetPct(DEFAULT_ALERT_RULES, 'yellow'),
      cutTargetPct(DEFAULT_ALERT_RULES, 'orange'),
      cutTargetPct(DEFAULT_ALERT_RULES, 'red'),
    ]).toEqual([10, 20, 30]);
    expect(DEFAULT_ALERT_RULES.cutTargetsTag).toBe('secondary');
  });

  it('refuses an edit that switches a national level off or breaks a condition, naming the field', () => {
    const off = {
      ...DEFAULT_ALERT_RULES,
      triggers: DEFAULT_ALERT_RULES.triggers.map((t) =>
        t.level === 'orange' ? { ...t, enabled: false } : t,
      ),
    };
    expect(() => checkAlertRuleTable(off)).toThrow(/triggers.orange.enabled/);
    const odd = {
      ...DEFAULT_ALERT_RULES,
      triggers: DEFAULT_ALERT_RULES.triggers.map((t) =>
        t.level === 'yellow' ? { ...t, branches: [[{ aqiAbove: 150, minHours: 30 }]] } : t,
      ),
    };
    expect(() => checkAlertRuleTable(odd)).toThrow(/minHours = 30/);
    expect(checkAlertRuleTable(DEFAULT_ALERT_RULES)).toBe(DEFAULT_ALERT_RULES);
  });
});
