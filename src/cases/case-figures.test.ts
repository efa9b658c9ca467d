/**
 * Figures from six hand-built cases. Every expected number below is counted by hand from the table
 * in the comment, not computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import type { FigureRow } from './case-figures.js';
import { chinaMonth, DAY_MS } from '../standards/china-time.js';
import { caseFigures, nearestRank } from './case-figures.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const d = (iso: string) => new Date(iso);
const plusDays = (iso: string, days: number) => new Date(d(iso).getTime() + days * DAY_MS);

/*
 * | case | district | category | source     | created (UTC)     | state      | deadline   | on time | closed after | reopened |
 * | A    | 330502   | air      | complaint  | 2026-01-10        | closed     | 2026-02-01 | yes     | 10 days      | no       |
 * | B    | 330502   | water    | inspection | 2026-01-20        | closed     | 2026-02-10 | no      | 30 days      | yes      |
 * | C    | 330502   | air      | alarm      | 2026-01-31 17:00Z | rectifying | 2026-05-01 | —       | —            | —        |
 *   (C is 2026-02-01 01:00 in China: month 2026-02; overdue at NOW, so due and not on time)
 * | D    | 330503   | air      | complaint  | 2026-02-10        | assigned   | 2026-07-01 | —       | —            | —        |
 *   (D's deadline is after NOW: neither overdue nor due)
 * | E    | 330503   | other    | manual     | 2026-02-11        | dismissed  | —          | —       | —            | —        |
 * | F    | 330503   | water    | inspection | 2026-03-01        | closed     | 2026-03-31 | yes     | 20 days      | no       |
 */
const row = (
  r: Partial<FigureRow> &
    Pick<FigureRow, 'districtCode' | 'category' | 'source' | 'state'> & { created: string },
): FigureRow => ({
  createdAt: d(r.created),
  deadline: null,
  rectifiedOnTime: null,
  firstClosedAt: null,
  reopenCount: 0,
  ...r,
});
const ROWS: FigureRow[] = [
  row({
    districtCode: '330502',
    category: 'air',
    source: 'complaint',
    created: '2026-01-10T00:00:00Z',
    state: 'closed',
    deadline: d('2026-02-01T00:00:00Z'),
    rectifiedOnTime: true,
    firstClosedAt: plusDays('2026-01-10T00:00:00Z', 10),
  }),
  row({
    districtCode: '330502',
    category: 'water',
    source: 'inspection',
    created: '2026-01-20T00:00:00Z',
    state: 'closed',
    deadline: d('2026-02-10T00:00:00Z'),
    rectifiedOnTime: false,
    firstClosedAt: plusDays('2026-01-20T00:00:00Z', 30),
    reopenCount: 1,
  }),
  row({
    districtCode: '330502',
    category: 'air',
    source: 'alarm',
    created: '2026-01-31T17:00:00Z',
    state: 'rectifying',
    deadline: d('2026-05-01T00:00:00Z'),
  }),
  row({
    districtCode: '330503',
    category: 'air',
    source: 'complaint',
    created: '2026-02-10T00:00:00Z',
    state: 'assigned',
    deadline: d('2026-07-01T00:00:00Z'),
  }),
  row({
    districtCode: '330503',
    category: 'other',
    source: 'manual',
    created: '2026-02-11T00:00:00Z',
    state: 'dismissed',
  }),
  row({
    districtCode: '330503',
    category: 'water',
    source: 'inspection',
    created: '2026-03-01T00:00:00Z',
    state: 'closed',
    deadline: d('2026-03-31T00:00:00Z'),
    rectifiedOnTime: true,
    firstClosedAt: plusDays('2026-03-01T00:00:00Z', 20),
  }),
];

describe('case figures', () => {
  it('totals: 6 cases, 2 open, 1 overdue, 3 closed, 1 dismissed', () => {
    expect(caseFigures(ROWS, 'district', NOW).total).toEqual({
      key: 'all',
      total: 6,
      open: 2, // C, D
      verified: 5, // all but E (dismissed)
      assigned: 5, // A, B, C, D, F
      overdue: 1, // C
      closed: 3, // A, B, F
      dismissed: 1, // E
      due: 4, // A, B, C, F
      rectifiedOnTime: 2, // A, F
      onTimeRate: 0.5, // 2 / 4
      closureRate: 0.6, // 3 / (6 − 1)
      everClosed: 3,
      meanDaysToClose: 20, // (10 + 30 + 20) / 3
      p90DaysToClose: 30, // rank ⌈0.9 × 3⌉ = 3 of [10, 20, 30]
      reopened: 1, // B
      reopenRate: 0.3333, // 1 / 3
      queries: {
        total: {},
        open: {
          state: [
            'discovered',
            'verified',
            'assigned',
            'rectifying',
            'self_checked',
            'under_acceptance',
            'publicised',
          ],
        },
        verified: {
          state: [
            'verified',
            'assigned',
            'rectifying',
            'self_checked',
            'under_acceptance',
            'publicised',
            'closed',
          ],
        },
        assigned: {
          state: ['assigned', 'rectifying', 'self_checked', 'under_acceptance', 'publicised', 'closed'],
        },
        closed: { state: ['closed'] },
        dismissed: { state: ['dismissed'] },
        overdue: { overdue: true },
      },
    });
  });
  it('a case reopened on look-back counts as assigned, not as closed (issue 23)', () => {
    const reopened = row({
      districtCode: '330502',
      category: 'air',
      source: 'inspection',
      created: '2026-01-05T00:00:00Z',
      state: 'rectifying',
      deadline: d('2026-07-01T00:00:00Z'),
      rectifiedOnTime: true,
      firstClosedAt: plusDays('2026-01-05T00:00:00Z', 10),
      reopenCount: 1,
    });
    const f = caseFigures([reopened], 'district', NOW).total;
    expect(f).toMatchObject({ total: 1, open: 1, assigned: 1, closed: 0, everClosed: 1, reopened: 1 });
    expect(f.queries.closed.state).toEqual(['closed']);
    expect(f.queries.assigned.state).toContain('rectifying');
  });
  it("each group's counts carry the list filter of the group and the dates asked for", () => {
    const range = { from: '2026-01-15', to: '2026-02-20' };
    const byDistrict = caseFigures(ROWS, 'district', NOW, range).groups[0];
    expect(byDistrict?.queries.overdue).toEqual({ districtCode: '330502', overdue: true, ...range });
    // B, C, D and E were created within the range.
    const months = caseFigures(ROWS.slice(1, 5), 'month', NOW, range).groups;
    expect(months.map((g) => g.queries.total)).toEqual([
      { from: '2026-01-15', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-20' },
    ]);
    expect(caseFigures(ROWS, 'month', NOW).groups[1]?.queries.closed).toEqual({
      state: ['closed'],
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(caseFigures(ROWS, 'source', NOW).groups[0]?.queries.total).toEqual({ source: 'alarm' });
  });
  it('by district', () => {
    const [wuxing, nanxun] = caseFigures(ROWS, 'district', NOW).groups;
    expect(wuxing).toMatchObject({
      key: '330502',
      total: 3,
      open: 1,
      overdue: 1,
      closed: 2,
      due: 3,
      rectifiedOnTime: 1,
      onTimeRate: 0.3333,
      closureRate: 0.6667,
      meanDaysToClose: 20,
      p90DaysToClose: 30,
      reopenRate: 0.5,
    });
    expect(nanxun).toMatchObject({
      key: '330503',
      total: 3,
      open: 1,
      overdue: 0,
      closed: 1,
      dismissed: 1,
      due: 1,
      onTimeRate: 1,
      closureRate: 0.5,
      meanDaysToClose: 20,
      p90DaysToClose: 20,
      reopenRate: 0,
    });
  });
  it('by month, in China local time (C falls in February)', () => {
    const groups = caseFigures(ROWS, 'month', NOW).groups;
    expect(groups.map((g) => [g.key, g.total])).toEqual([
      ['2026-01', 2],
      ['2026-02', 3],
      ['2026-03', 1],
    ]);
    expect(chinaMonth(d('2026-01-31T15:59:59Z'))).toBe('2026-01');
  });
  it('by category and by source', () => {
    expect(caseFigures(ROWS, 'category', NOW).groups.map((g) => [g.key, g.total, g.closed])).toEqual([
      ['air', 3, 1],
      ['other', 1, 0],
      ['water', 2, 2],
    ]);
    expect(caseFigures(ROWS, 'source', NOW).groups.map((g) => [g.key, g.total])).toEqual([
      ['alarm', 1],
      ['complaint', 2],
      ['inspection', 2],
      ['manual', 1],
    ]);
  });
  it('rates are null, not zero, when nothing is counted', () => {
    expect(caseFigures([], 'district', NOW).total).toMatchObject({
      total: 0,
      onTimeRate: null,
      closureRate: null,
      meanDaysToClose: null,
      p90DaysToClose: null,
      reopenRate: null,
    });
  });
  it('nearest-rank percentile', () => {
    expect(nearestRank([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 90)).toBeNull();
  });
});
