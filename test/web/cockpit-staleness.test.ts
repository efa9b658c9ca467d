/** The cockpit's staleness rules (web/src/features/cockpit/staleness.ts): pure, so tested here in Node. */
import { describe, expect, it } from 'vitest';
import { enterpriseLastSeen, isAirStale, isSourceStale } from '../../web/src/features/cockpit/staleness.js';

describe('staleness', () => {
  it('judges an hourly air value stale more than two hours after its hour ended', () => {
    expect(isAirStale(0)).toBe(false);
    expect(isAirStale(2)).toBe(false);
    expect(isAirStale(3)).toBe(true);
    expect(isAirStale(null)).toBe(false);
  });

  it('judges an enterprise stale when none of its devices was heard within two hours', () => {
    const now = Date.parse('2026-03-15T12:00:00Z');
    expect(isSourceStale('2026-03-15T10:30:00Z', now)).toBe(false);
    expect(isSourceStale('2026-03-15T09:59:00Z', now)).toBe(true);
    expect(isSourceStale(null, now)).toBe(true);
  });

  it('takes the newest device of an enterprise and its outlets', () => {
    const seen = enterpriseLastSeen(
      [
        { siteCode: 'E1-G1', lastSeenAt: '2026-03-15T08:00:00Z' },
        { siteCode: 'E1-W1', lastSeenAt: '2026-03-15T09:00:00Z' },
        { siteCode: 'E2-G1', lastSeenAt: null },
        { siteCode: 'A1', lastSeenAt: '2026-03-15T09:00:00Z' },
      ],
      [
        { code: 'E1-G1', parentId: 1 },
        { code: 'E1-W1', parentId: 1 },
        { code: 'E2-G1', parentId: 2 },
      ],
      [
        { id: 1, code: 'E1' },
        { id: 2, code: 'E2' },
      ],
    );
    expect([...seen]).toEqual([
      ['E1', '2026-03-15T09:00:00Z'],
      ['E2', null],
    ]);
  });
});
