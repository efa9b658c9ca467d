/**
 * Accounting periods of the carbon module: a China month `YYYY-MM`, quarter `YYYY-Qn` or year
 * `YYYY`, as the list of months it covers (docs/carbon.md §4).
 *
 * Pure.
 */
import { BadInputError } from '../errors.js';

export type CarbonPeriodKind = 'month' | 'quarter' | 'year';

const pad = (n: number): string => String(n).padStart(2, '0');

/** The kind of a period label, or a BadInputError naming the field. */
export function periodKind(label: string, field = 'period'): CarbonPeriodKind {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(label)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(label)) return 'quarter';
  if (/^\d{4}$/.test(label)) return 'year';
  throw new BadInputError(`${field}: "${label}" is not YYYY-MM, YYYY-Qn or YYYY`);
}

/** The months of a period, in order. */
export function monthsOf(label: string, field = 'period'): string[] {
  const kind = periodKind(label, field);
  const year = label.slice(0, 4);
  switch (kind) {
    case 'month':
      return [label];
    case 'quarter': {
      const q = Number(label.slice(6));
      return [1, 2, 3].map((i) => `${year}-${pad((q - 1) * 3 + i)}`);
    }
    case 'year':
      return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
    default: {
      const impossible: never = kind;
      throw new Error(`unknown period kind ${String(impossible)}`);
    }
  }
}

/** The quarter label of a month. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarters from `fromYear`-Q1 to the quarter of `lastMonth`, in order. */
export function quartersUpTo(fromYear: number, lastMonth: string): string[] {
  const out: string[] = [];
  const last = quarterOf(lastMonth);
  for (let y = fromYear; y <= Number(lastMonth.slice(0, 4)); y += 1) {
    for (let q = 1; q <= 4; q += 1) {
      const label = `${y}-Q${q}`;
      out.push(label);
      if (label === last) return out;
    }
  }
  return out;
}
