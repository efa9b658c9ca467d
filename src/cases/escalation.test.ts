import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../standards/china-time.js';
import { levelDue, stepsBetween } from './escalation.js';

const DEADLINE = new Date('2026-04-01T16:00:00Z');
const at = (days: number) => new Date(DEADLINE.getTime() + days * DAY_MS);

describe('the escalation ladder (warning at 0 days overdue, listed at 15, summons at 30)', () => {
  it.each([
    [-1, 'none'],
    [0, 'none'],
    [1 / DAY_MS, 'warning'],
    [14.99, 'warning'],
    [15, 'listed'],
    [29.99, 'listed'],
    [30, 'summoned'],
    [400, 'summoned'],
  ] as const)('%s days overdue → %s', (days, level) => {
    expect(levelDue(DEADLINE, at(days))).toBe(level);
  });
  it('never falls as time passes', () => {
    const order = ['none', 'warning', 'listed', 'summoned'];
    let prev = 0;
    for (let d = -3; d < 40; d += 0.25) {
      const i = order.indexOf(levelDue(DEADLINE, at(d)));
      expect(i).toBeGreaterThanOrEqual(prev);
      prev = i;
    }
  });
  it('names every step between two levels, in order', () => {
    expect(stepsBetween('none', 'summoned')).toEqual(['warning', 'listed', 'summoned']);
    expect(stepsBetween('warning', 'listed')).toEqual(['listed']);
    expect(stepsBetween('listed', 'listed')).toEqual([]);
    expect(stepsBetween('summoned', 'warning')).toEqual([]);
  });
});
