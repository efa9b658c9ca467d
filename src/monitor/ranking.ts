/**
 * Ranking of places by one value, as league tables of air and water quality publish them: the best
 * first, equal values sharing a rank, places without a value listed last without a rank.
 *
 * Pure: no I/O.
 */

/** `ascending`: rank 1 = smallest value (e.g. AQI, CWQI: lower is cleaner); `descending`: largest. */
export type RankDirection = 'ascending' | 'descending';

/**
 * How equal values are ranked: `competition` — standard competition ranking, the next rank skips
 * the shared places (1, 2, 2, 4); `dense` — the next rank follows on (1, 2, 2, 3).
 */
export type RankTies = 'competition' | 'dense';

export interface RankOptions<T> {
  /** The value ranked; null = no value (listed last, rank null). Equal means `===`. */
  value: (item: T) => number | null;
  direction: RankDirection;
  ties: RankTies;
}

/** One item and its rank (1-based), or null when the item has no value. */
export interface Ranked<T> {
  item: T;
  rank: number | null;
}

/**
 * Ranks items by their value: the ranked items in rank order, then the items without a value in
 * their given order. The sort is stable: items of equal value keep their given order.
 */
export function rank<T>(items: readonly T[], options: RankOptions<T>): Ranked<T>[] {
  const sign = options.direction === 'ascending' ? 1 : -1;
  const valued = items
    .flatMap((item) => {
      const v = options.value(item);
      return v === null ? [] : [{ item, v }];
    })
    .sort((a, b) => sign * (a.v - b.v));
  const out: Ranked<T>[] = [];
  let rankOfPrev = 0;
  let distinct = 0;
  valued.forEach((e, i) => {
    if (i === 0 || valued[i - 1]?.v !== e.v) {
      distinct += 1;
      rankOfPrev = options.ties === 'competition' ? i + 1 : distinct;
    }
    out.push({ item: e.item, rank: rankOfPrev });
  });
  for (const item of items) if (options.value(item) === null) out.push({ item, rank: null });
  return out;
}
