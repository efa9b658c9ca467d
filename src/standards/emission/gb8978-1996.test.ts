import { describe, expect, it } from 'vitest';
import { values } from '../../../test/emission-limits.js';
import { limitFor, limitsFor } from './index.js';

// Expected numbers: docs/standards/emission-limits.md §4 unless said otherwise.
describe('GB 8978-1996 grade 1 (docs/standards/emission-limits.md §4)', () => {
  it('COD 100 for other units, 60 for municipal secondary WWTPs; NH3-N 15; phosphate 0.5; pH 6–9', () => {
    const other = limitsFor('GB 8978-1996', { dischargerType: 'other' }, '2020-01-01');
    expect(values(other)).toEqual({
      'w01018/day': 100,
      'w21003/day': 15,
      'w21011/day': 0.5,
      'w01001/day': 9,
    });
    expect(
      limitFor('GB 8978-1996', 'w01018', 'day', { dischargerType: 'municipal-secondary-wwtp' }, '2020-01-01')
        ?.value,
    ).toBe(60);
  });

  it('limitFor only needs the dimensions of its own parameter', () => {
    expect(limitFor('GB 8978-1996', 'w21003', 'day', {}, '2020-01-01')?.value).toBe(15);
    expect(limitFor('GB 8978-1996', 'a21026', 'hour', {}, '2020-01-01')).toBeNull();
  });
});
