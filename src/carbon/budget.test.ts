import { describe, expect, it } from 'vitest';
import { ratFromDecimal as d, ratToNumber } from '../standards/rational.js';
import { DEFAULT_CARBON_SETTINGS } from './carbon-settings.js';
import { annualBudget, burnDown } from './budget.js';

const alerts = DEFAULT_CARBON_SETTINGS.alertPcts;

describe('energy budget (docs/carbon.md §7)', () => {
  it('baseline 2,000 tce at 0.8 tce/10⁴ CNY is tier 3 (cut 4 %); grade A adds 0.8 points: 2000 × 96.8 % = 1,936 tce', () => {
    const b = annualBudget(d('2000'), d('0.8'), 'A', DEFAULT_CARBON_SETTINGS);
    expect(b.tier).toBe(3);
    expect(b.budgetTce).toEqual(d('1936'));
  });

  it.each([
    // [intensity, tier, budget of 1000 tce with no grade]: tier bounds are inclusive
    ['0.3', 1, '990'],
    ['0.3001', 2, '980'],
    ['0.6', 2, '980'],
    ['1.0', 3, '960'],
    ['2.0', 4, '950'],
    ['2.0001', 5, '930'],
  ])('intensity %s → tier %i, budget %s', (intensity, tier, budget) => {
    const b = annualBudget(d('1000'), d(intensity), null, DEFAULT_CARBON_SETTINGS);
    expect(b.tier).toBe(tier);
    expect(b.budgetTce).toEqual(d(budget));
  });

  it('grade D takes 2 more points; no value added is the strictest tier: 1000 × (100 − 7 − 2) % = 910', () => {
    expect(annualBudget(d('1000'), null, 'D', DEFAULT_CARBON_SETTINGS).budgetTce).toEqual(d('910'));
  });

  it.each([
    // [used of a 1,000 tce budget after n months, alert, projected overrun]
    ['799.99', 10, null, false], // 799.99 × 12 / 10 = 959.988 ≤ 1000
    ['800', 10, 'pct80', false], // exactly 80 % reaches the level; 800 × 12 / 10 = 960
    ['900', 11, 'pct90', false], // 900 × 12 / 11 = 981.8…
    ['1000', 12, 'pct100', false],
    ['500', 5, null, true], // 500 × 12 / 5 = 1200 > 1000
  ] as const)('used %s after %i months → %s, projected overrun %s', (used, months, alert, overrun) => {
    const r = burnDown(d('1000'), d(used), months, alerts);
    expect(r.alert).toBe(alert);
    expect(r.projectedOverrun).toBe(overrun);
  });

  it('projects linearly by the months reported', () => {
    expect(ratToNumber(burnDown(d('1000'), d('500'), 5, alerts).projectedTce ?? d('0'))).toBe(1200);
  });
});
