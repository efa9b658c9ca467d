/**
 * The figures leaders ask for (docs/standards/cases.md §7), computed from case rows. Pure: the caller
 * passes the rows (already scoped and limited to the period) and the clock's now.
 *
 * Definitions:
 * - total: cases created in the period (dismissed ones included); open: neither closed nor
 *   dismissed; verified / assigned: in that state or a later one now (dismissed excepted); closed:
 *   closed now (销号) — a case reopened on look-back is not; overdue: assigned or rectifying past
 *   the deadline. Each count carries the case-list filter that lists it (`queries`).
 * - on-time rectification rate: rectified on time ÷ due, where a case is due once it has a deadline
 *   and either its self-check (自验) came or the deadline passed; on time = self-check by the deadline.
 * - closure rate: closed ÷ (total − dismissed): a dismissed report was never a problem to close.
 * - days to close: from creation to the first closure (销号); mean and p90 (nearest rank).
 * - reopen rate: cases reopened by a look-back (回头看) ÷ cases ever closed.
 */
import { chinaDate, chinaMonth, chinaMonthRange, DAY_MS } from '../standards/china-time.js';
import type { CaseState } from './case-machine.js';
import { DEADLINE_STATES } from './case-machine.js';

/** States at or past verification, dismissed excepted: the funnel's "verified". */
export const VERIFIED_OR_LATER: readonly CaseState[] = [
  'verified',
  'assigned',
  'rectifying',
  'self_checked',
  'under_acceptance',
  'publicised',
  'closed',
];
/** States at or past assignment: the funnel's "assigned" (a reopened case is here, not in closed). */
export const ASSIGNED_OR_LATER: readonly CaseState[] = VERIFIED_OR_LATER.slice(1);
/** States of a case still open: neither closed nor dismissed. */
export const OPEN_STATES: readonly CaseState[] = ['discovered', ...VERIFIED_OR_LATER.slice(0, -1)];

/**
 * The case-list filter that lists exactly the cases a figure counts (the query of
 * `GET /api/v1/cases`): states, overdue, the group's district, category or source, and the
 * China-local creation dates `from`–`to`, both inclusive.
 */
export interface FigureQuery {
  state?: CaseState[];
  overdue?: boolean;
  districtCode?: string;
  category?: string;
  source?: string;
  from?: string;
  to?: string;
}

/** The counts of a figure set that a case list reproduces. */
export const COUNTED_FIGURES = [
  'total',
  'open',
  'verified',
  'assigned',
  'closed',
  'dismissed',
  'overdue',
] as const;
export type CountedFigure = (typeof COUNTED_FIGURES)[number];

/** The creation dates (China-local, inclusive) the figures were asked for. */
export interface FigureRange {
  from?: string | undefined;
  to?: string | undefined;
}

export const FIGURE_DIMENSIONS = ['district', 'category', 'source', 'month'] as const;
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

/** The columns of a case the figures read. */
export interface FigureRow {
  districtCode: string;
  category: string;
  source: string;
  createdAt: Date;
  state: string;
  deadline: Date | null;
  rectifiedOnTime: boolean | null;
  firstClosedAt: Date | null;
  reopenCount: number;
}

export interface CaseFigures {
  /** The group: a district code, category, source, or China-local month `YYYY-MM`; "all" for the total. */
  key: string;
  total: number;
  open: number;
  /** Verified or later now, dismissed excepted. */
  verified: number;
  /** Assigned or later now (a reopened case counts here, not in closed). */
  assigned: number;
  overdue: number;
  /** Closed now: a case reopened on look-back is not. */
  closed: number;
  dismissed: number;
  due: number;
  rectifiedOnTime: number;
  /** 0–1; null when nothing is due. */
  onTimeRate: number | null;
  /** 0–1; null when there is no undismissed case. */
  closureRate: number | null;
  everClosed: number;
  meanDaysToClose: number | null;
  p90DaysToClose: number | null;
  reopened: number;
  /** 0–1; null when no case was ever closed. */
  reopenRate: number | null;
  /** For each count, the case-list filter that lists those cases. */
  queries: Record<CountedFigure, FigureQuery>;
}

const rate = (n: number, d: number): number | null =>
  d === 0 ? null : Math.round((n / d) * 10_000) / 10_000;
const days = (v: number): number => Math.round(v * 100) / 100;

/** The nearest-rank percentile (p in 0–100) of values; null for none. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

function keyOf(r: FigureRow, by: FigureDimension): string {
  switch (by) {
    case 'district':
      return r.districtCode;
    case 'category':
      return r.category;
    case 'source':
      return r.source;
    case 'month':
      return chinaMonth(r.createdAt);
    default:
      throw new Error(`unknown dimension ${String(by)}`);
  }
}

/** The list filter of a group: its dimension's value and the creation dates (a month within the range). */
function groupQuery(by: FigureDimension | null, key: string, range: FigureRange): FigureQuery {
  const q: FigureQuery = {};
  let from = range.from;
  let to = range.to;
  switch (by) {
    case null:
      break;
    case 'district':
      q.districtCode = key;
      break;
    case 'category':
      q.category = key;
      break;
    case 'source':
      q.source = key;
      break;
    case 'month': {
      const month = chinaMonthRange(key);
      const first = chinaDate(month.from);
      const last = chinaDate(new Date(month.to.getTime() - 1));
      from = from === undefined || from < first ? first : from;
      to = to === undefined || to > last ? last : to;
      break;
    }
    default:
      throw new Error(`unknown dimension ${String(by)}`);
  }
  if (from !== undefined) q.from = from;
  if (to !== undefined) q.to = to;
  return q;
}

/** For each count, the list filter that reproduces it, within the group's filter `base`. */
function queriesOf(base: FigureQuery): Record<CountedFigure, FigureQuery> {
  return {
    total: { ...base },
    open: { ...base, state: [...OPEN_STATES] },
    verified: { ...base, state: [...VERIFIED_OR_LATER] },
    assigned: { ...base, state: [...ASSIGNED_OR_LATER] },
    closed: { ...base, state: ['closed'] },
    dismissed: { ...base, state: ['dismissed'] },
    overdue: { ...base, overdue: true },
  };
}

/** The figures of one group of cases. */
function figuresOf(key: string, rows: readonly FigureRow[], now: Date, base: FigureQuery): CaseFigures {
  let open = 0;
  let verified = 0;
  let assigned = 0;
  let overdue = 0;
  let closed = 0;
  let dismissed = 0;
  let due = 0;
  let onTime = 0;
  let reopened = 0;
  const toClose: number[] = [];
  for (const r of rows) {
    const state = r.state as CaseState;
    if (state === 'dismissed') dismissed++;
    else if (state === 'closed') closed++;
    else open++;
    if (VERIFIED_OR_LATER.includes(state)) verified++;
    if (ASSIGNED_OR_LATER.includes(state)) assigned++;
    const pastDeadline = r.deadline !== null && r.deadline.getTime() < now.getTime();
    if (DEADLINE_STATES.includes(state) && pastDeadline) overdue++;
    if (state !== 'dismissed' && r.deadline !== null && (r.rectifiedOnTime !== null || pastDeadline)) {
      due++;
      if (r.rectifiedOnTime === true) onTime++;
    }
    if (r.firstClosedAt !== null) {
      toClose.push((r.firstClosedAt.getTime() - r.createdAt.getTime()) / DAY_MS);
      if (r.reopenCount > 0) reopened++;
    }
  }
  const mean = toClose.length === 0 ? null : days(toClose.reduce((a, b) => a + b, 0) / toClose.length);
  const p90 = nearestRank(toClose, 90);
  return {
    key,
    total: rows.length,
    open,
    verified,
    assigned,
    overdue,
    closed,
    dismissed,
    due,
    rectifiedOnTime: onTime,
    onTimeRate: rate(onTime, due),
    closureRate: rate(closed, rows.length - dismissed),
    everClosed: toClose.length,
    meanDaysToClose: mean,
    p90DaysToClose: p90 === null ? null : days(p90),
    reopened,
    reopenRate: rate(reopened, toClose.length),
    queries: queriesOf(base),
  };
}

/**
 * Figures by a dimension (groups sorted by key) and for all the rows together; `range` is the
 * creation dates the rows were picked by, carried into each figure's list filter.
 */
export function caseFigures(
  rows: readonly FigureRow[],
  by: FigureDimension,
  now: Date,
  range: FigureRange = {},
): { groups: CaseFigures[]; total: CaseFigures } {
  const groups = new Map<string, FigureRow[]>();
  for (const r of rows) {
    const key = keyOf(r, by);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [r]);
    else list.push(r);
  }
  return {
    groups: [...groups.keys()]
      .sort()
      .map((k) => figuresOf(k, groups.get(k) ?? [], now, groupQuery(by, k, range))),
    total: figuresOf('all', rows, now, groupQuery(null, 'all', range)),
  };
}
