import { describe, expect, it } from 'vitest';
import { values } from '../../../test/emission-limits.js';
import { limitsFor } from './index.js';

// Expected numbers: docs/standards/emission-limits.md §4 unless said otherwise.
describe('GB 18485-2014 incineration (docs/standards/emission-limits.md §4): 1-h / 24-h at 11 %', () => {
  it('PM 30/20, NOx 300/250, SO2 100/80, HCl 60/50, CO 100/80', () => {
    const rows = limitsFor('GB 18485-2014', { unitAge: 'existing' }, '2020-01-01');
    expect(values(rows)).toEqual({
      'a34013/hour': 30,
      'a34013/day': 20,
      'a21002/hour': 300,
      'a21002/day': 250,
      'a21026/hour': 100,
      'a21026/day': 80,
      'a21024/hour': 60,
      'a21024/day': 50,
      'a21005/hour': 100,
      'a21005/day': 80,
    });
  });
});
