import { describe, expect, it } from 'vitest';
import { rank } from './ranking.js';

interface Place {
  code: string;
  value: number | null;
}

const places = (...values: (number | null)[]): Place[] =>
  values.map((value, i) => ({ code: `P${i + 1}`, value }));
const ranksOf = (r: { item: Place; rank: number | null }[]) => r.map((x) => [x.item.code, x.rank]);

describe('rank', () => {
  it('competition ranking (1, 2, 2, 4), smallest first', () => {
    const r = rank(places(47, 100, 82, 82), {
      value: (p) => p.value,
      direction: 'ascending',
      ties: 'competition',
    });
    expect(ranksOf(r)).toEqual([
      ['P1', 1],
      ['P3', 2],
      ['P4', 2],
      ['P2', 4],
    ]);
  });

  it('dense ranking (1, 2, 2, 3)', () => {
    const r = rank(places(47, 100, 82, 82), { value: (p) => p.value, direction: 'ascending', ties: 'dense' });
    expect(ranksOf(r)).toEqual([
      ['P1', 1],
      ['P3', 2],
      ['P4', 2],
      ['P2', 3],
    ]);
  });

  it('descending: the largest value first', () => {
    const r = rank(places(1, 3, 2, 3), {
      value: (p) => p.value,
      direction: 'descending',
      ties: 'competition',
    });
    expect(ranksOf(r)).toEqual([
      ['P2', 1],
      ['P4', 1],
      ['P3', 3],
      ['P1', 4],
    ]);
  });

  it('lists items without a value last, unranked, in their given order', () => {
    const r = rank(places(null, 5, null, 3), {
      value: (p) => p.value,
      direction: 'ascending',
      ties: 'competition',
    });
    expect(ranksOf(r)).toEqual([
      ['P4', 1],
      ['P2', 2],
      ['P1', null],
      ['P3', null],
    ]);
  });

  it('keeps the given order among equal values (stable) and ranks 0 like any value', () => {
    const r = rank(places(0, 0, 0), { value: (p) => p.value, direction: 'ascending', ties: 'competition' });
    expect(ranksOf(r)).toEqual([
      ['P1', 1],
      ['P2', 1],
      ['P3', 1],
    ]);
  });

  it('returns the items themselves, and nothing for nothing', () => {
    const list = places(2, 1);
    const r = rank(list, { value: (p) => p.value, direction: 'ascending', ties: 'competition' });
    expect(r[0]?.item).toBe(list[1]);
    expect(rank([], { value: () => 1, direction: 'ascending', ties: 'dense' })).toEqual([]);
  });
});
