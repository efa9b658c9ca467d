import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../standards/china-time.js';
import type { CaseEvent, CaseEventBody } from './case-fold.js';
import {
  CaseFoldError,
  cacheOf,
  foldCase,
  fromStoredEvent,
  responsibleOfCache,
  toStoredEvent,
} from './case-fold.js';
import type { CaseState, ResponsibleUnit } from './case-machine.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const UNIT: ResponsibleUnit = { type: 'enterprise', siteId: 3, code: 'E1', name: '企业一' };
const DEADLINE = new Date(T0 + 10 * DAY_MS);

function log(bodies: CaseEventBody[]): CaseEvent[] {
  return bodies.map((body, i) => ({
    seq: i + 1,
    at: new Date(T0 + i * DAY_MS),
    actor: 'u',
    actorRole: 'supervisor',
    comment: '',
    body,
  }));
}
const t = (from: CaseState, to: CaseState, extra: object = {}): CaseEventBody => ({
  kind: 'transition',
  from,
  to,
  ...extra,
});

const FULL: CaseEventBody[] = [
  { kind: 'created', responsible: null, deadline: null },
  t('discovered', 'verified'),
  t('verified', 'assigned', { responsible: UNIT, deadline: DEADLINE }),
  t('assigned', 'rectifying'),
  { kind: 'extension_requested', deadline: new Date(T0 + 20 * DAY_MS), reason: 'equipment on order' },
  { kind: 'extension_approved', requestSeq: 5, deadline: new Date(T0 + 20 * DAY_MS) },
  t('rectifying', 'self_checked'),
  t('self_checked', 'under_acceptance'),
  t('under_acceptance', 'rectifying'),
  t('rectifying', 'self_checked'),
  t('self_checked', 'under_acceptance'),
  t('under_acceptance', 'publicised'),
  t('publicised', 'closed'),
];

describe('foldCase', () => {
  it('folds the whole loop: state, unit, extended deadline, first and latest closure', () => {
    const s = foldCase(log(FULL));
    expect(s).toMatchObject({
      state: 'closed',
      lastSeq: 13,
      responsible: UNIT,
      deadline: new Date(T0 + 20 * DAY_MS),
      assignedAt: new Date(T0 + 2 * DAY_MS),
      rectifiedAt: new Date(T0 + 9 * DAY_MS),
      rectifiedOnTime: true,
      firstClosedAt: new Date(T0 + 12 * DAY_MS),
      closedAt: new Date(T0 + 12 * DAY_MS),
      reopenCount: 0,
      pendingExtension: null,
    });
  });
  it('a look-back reopens: closedAt cleared, first closure kept, count up, ladder reset', () => {
    const s = foldCase(log([...FULL, t('closed', 'rectifying', { deadline: new Date(T0 + 40 * DAY_MS) })]));
    expect(s).toMatchObject({
      state: 'rectifying',
      closedAt: null,
      firstClosedAt: new Date(T0 + 12 * DAY_MS),
      reopenCount: 1,
      rectifiedAt: null,
      rectifiedOnTime: null,
      escalation: 'none',
      deadline: new Date(T0 + 40 * DAY_MS),
    });
  });
  it('a self-check after the deadline is late', () => {
    const s = foldCase(
      log([
        ...FULL.slice(0, 4),
        { kind: 'escalated', level: 'warning', daysOverdue: 0 },
        ...Array.from(
          { length: 8 },
          () => ({ kind: 'escalated', level: 'warning', daysOverdue: 0 }) as const,
        ),
        t('rectifying', 'self_checked'),
      ]),
    );
    expect(s).toMatchObject({ state: 'self_checked', rectifiedOnTime: false, escalation: 'warning' });
  });
  it('an approved extension resets the ladder', () => {
    const s = foldCase(
      log([
        ...FULL.slice(0, 4),
        { kind: 'escalated', level: 'listed', daysOverdue: 15 },
        { kind: 'extension_requested', deadline: new Date(T0 + 60 * DAY_MS), reason: 'r' },
        { kind: 'extension_approved', requestSeq: 6, deadline: new Date(T0 + 50 * DAY_MS) },
      ]),
    );
    expect(s).toMatchObject({
      escalation: 'none',
      deadline: new Date(T0 + 50 * DAY_MS),
      pendingExtension: null,
    });
  });
  it.each([
    ['no events', []],
    ['not starting with created', [t('discovered', 'verified')]],
    ['a transition from the wrong state', [FULL[0], t('verified', 'assigned')]],
    ['an illegal transition', [FULL[0], t('discovered', 'closed')]],
    [
      'a decision without a request',
      [...FULL.slice(0, 4), { kind: 'extension_approved', requestSeq: 4, deadline: DEADLINE }],
    ],
    [
      'an extension asked after self-check',
      [
        ...FULL.slice(0, 4),
        t('rectifying', 'self_checked'),
        { kind: 'extension_requested', deadline: DEADLINE, reason: 'r' },
      ],
    ],
    ['a second created', [FULL[0], FULL[0]]],
  ] as [string, CaseEventBody[]][])('refuses %s', (_name, bodies) => {
    expect(() => foldCase(log(bodies))).toThrow(CaseFoldError);
  });
  it('refuses a gap in the numbering', () => {
    const events = log(FULL.slice(0, 3));
    events[2] = { ...events[2]!, seq: 4 };
    expect(() => foldCase(events)).toThrow(/follows event 2/);
  });
  it('events survive the store round trip unchanged', () => {
    for (const e of log(FULL)) {
      const stored = toStoredEvent(e);
      const back = fromStoredEvent({
        ...stored,
        id: 1,
        caseId: 1,
        data: JSON.parse(JSON.stringify(stored.data)) as Record<string, unknown>,
      });
      expect(back).toEqual(
        JSON.parse(JSON.stringify(e), (k, v: unknown) =>
          ['at', 'deadline'].includes(k) && typeof v === 'string' ? new Date(v) : v,
        ),
      );
    }
  });
  it('the cached columns give back the responsible unit', () => {
    const c = cacheOf(foldCase(log(FULL)));
    expect(c).toMatchObject({
      state: 'closed',
      responsibleType: 'enterprise',
      responsibleSiteId: 3,
      responsibleCode: 'E1',
    });
    expect(responsibleOfCache(c)).toEqual(UNIT);
  });
});
