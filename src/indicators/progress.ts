/**
 * Progress against an annual target (docs/indicators.md §2): the status of a year-to-date value, and
 * for air the honest arithmetic — the mean PM2.5 the rest of the year must not exceed, and the good
 * days still needed. Pure: values, targets and dates come in as arguments.
 *
 * Choices (named, documented in docs/indicators.md §2):
 * - `AT_RISK_MARGIN` 5 %: a level indicator within 5 % of its target on the wrong side is at risk,
 *   further off track.
 * - A count indicator (days above an AQI) is off track once above its annual cap (days cannot be
 *   undone), at risk when above the cap's pro-rata share of the elapsed year, else on track.
 * - The remaining-days arithmetic assumes every remaining day gives a valid daily value.
 */
import type { IndicatorAggregation, IndicatorDirection } from './indicator-catalogue.js';

/** Status of an indicator against its target. */
export const INDICATOR_STATUSES = ['on-track', 'at-risk', 'off-track', 'no-data', 'no-target'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** How far on the wrong side of a level target still counts as at risk (a fraction of the target). */
export const AT_RISK_MARGIN = 0.05;

/** The status of a year-to-date value; `elapsed` is the fraction of the year gone (0–1). */
export function statusOf(
  direction: IndicatorDirection,
  aggregation: IndicatorAggregation,
  value: number | null,
  target: number | null,
  elapsed: number,
): IndicatorStatus {
  if (target === null) return 'no-target';
  if (value === null) return 'no-data';
  switch (aggregation) {
    case 'count':
      if (value > target) return 'off-track';
      return value > target * elapsed ? 'at-risk' : 'on-track';
    case 'level': {
      const better = direction === 'lower' ? value <= target : value >= target;
      if (better) return 'on-track';
      const slack = Math.abs(target) * AT_RISK_MARGIN;
      const near = direction === 'lower' ? value <= target + slack : value >= target - slack;
      return near ? 'at-risk' : 'off-track';
    }
    default: {
      const impossible: never = aggregation;
      throw new RangeError(`unknown aggregation ${String(impossible)}`);
    }
  }
}

/** The mean the remaining days may not exceed for the annual mean to meet its target. */
export interface RemainingMean {
  /** Valid days so far and the sum of their daily values. */
  validDays: number;
  sum: number;
  /** Calendar days left in the year after the as-of date. */
  remainingDays: number;
  /**
   * (target × (validDays + remainingDays) − sum) / remainingDays, 1 decimal, rounded down (the
   * ceiling is the most the days may average); null when no day remains; below 0 = out of reach.
   */
  maxMeanRemaining: number | null;
  reachable: boolean;
}

/**
 * HJ 663 annual mean = mean of the valid daily values; to end the year at or below `target` the
 * remaining days must average at most (target·(n + r) − Σ) / r.
 */
export function remainingMean(
  target: number,
  validDays: number,
  sum: number,
  remainingDays: number,
): RemainingMean {
  if (remainingDays <= 0) {
    return {
      validDays,
      sum,
      remainingDays: 0,
      maxMeanRemaining: null,
      reachable: validDays > 0 && sum / validDays <= target,
    };
  }
  const raw = (target * (validDays + remainingDays) - sum) / remainingDays;
  const max = Math.floor(raw * 10) / 10;
  return { validDays, sum, remainingDays, maxMeanRemaining: max, reachable: max >= 0 };
}

/** The good days still needed for the year's good-day ratio to reach its target. */
export interface GoodDaysNeeded {
  goodDays: number;
  validDays: number;
  remainingDays: number;
  /** ⌈target% × (validDays + remainingDays)⌉ − goodDays, at least 0. */
  needed: number;
  /** needed ≤ remainingDays. */
  reachable: boolean;
}

/** Good days needed to reach `targetPercent` by year end, every remaining day valid. */
export function goodDaysNeeded(
  targetPercent: number,
  goodDays: number,
  validDays: number,
  remainingDays: number,
): GoodDaysNeeded {
  const total = validDays + Math.max(0, remainingDays);
  // The epsilon keeps 80 % of 365 = 292 exact against float noise.
  const needed = Math.max(0, Math.ceil((targetPercent / 100) * total - 1e-9) - goodDays);
  return { goodDays, validDays, remainingDays, needed, reachable: needed <= Math.max(0, remainingDays) };
}

/** Days of a year (365 or 366). */
export function daysInYear(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
}

/** Days of `year` after the China-local date `asOf` (0 when it is the last day or later). */
export function daysLeftAfter(year: number, asOf: string): number {
  const end = Date.UTC(year, 11, 31);
  const at = Date.parse(`${asOf}T00:00:00Z`);
  return Math.max(0, Math.round((end - at) / 86_400_000));
}
