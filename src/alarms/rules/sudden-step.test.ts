import { describe, expect, it } from 'vitest';
import { parseTimeAsChina } from '../../standards/china-time.js';
import { defaultThresholdValues } from '../thresholds.js';
import type { SeriesPoint } from '../types.js';
import { suddenStepRule } from './sudden-step.js';

const t0 = parseTimeAsChina('2026-03-15T08:00');
const pts = (vals: readonly (number | null)[]): SeriesPoint[] =>
  vals.map((v, i) => ({ periodStart: new Date(t0.getTime() + i * 3_600_000), value: v, flag: 'N' }));
const t = defaultThresholdValues();
const s = (vals: readonly (number | null)[]) => ({
  siteId: 1,
  parameter: 'a21002',
  intervalMinutes: 60,
  points: pts(vals),
});

// docs/standards/alarms.md §3: "fall of more than X % with no load change; concentration falling while flow rises";
// X = 50 % and "flow explains ≥ 10 %" are engineering defaults.
describe('sudden step without a matching flow change', () => {
  it('a 50 % drop with steady flow is found; 49 % is not', () => {
    expect(suddenStepRule(s([100, 50]), pts([20, 20]), t)).toHaveLength(1);
    expect(suddenStepRule(s([100, 51]), pts([20, 20]), t)).toEqual([]);
  });

  it('a drop while flow rises is found; a drop with a matching flow drop is not', () => {
    expect(suddenStepRule(s([100, 30]), pts([20, 30]), t)).toHaveLength(1);
    expect(suddenStepRule(s([100, 30]), pts([20, 10]), t)).toEqual([]);
  });

  it('rises count too; small bases, gaps and missing flow are not judged', () => {
    expect(suddenStepRule(s([10, 30]), pts([20, 20]), t)[0]?.message.en).toContain('200%');
    expect(suddenStepRule(s([0.5, 5]), pts([20, 20]), t)).toEqual([]);
    expect(suddenStepRule(s([100, null, 10]), pts([20, 20, 20]), t)).toEqual([]);
    expect(suddenStepRule(s([100, 10]), [], t)).toEqual([]);
  });
});
