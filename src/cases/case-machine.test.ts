import { describe, expect, it } from 'vitest';
import type { CaseActor, CaseState, ResponsibleUnit } from './case-machine.js';
import {
  CASE_STATES,
  CASE_TRANSITIONS,
  SYSTEM_CASE_ACTOR,
  allowedNextStates,
  mayDecideExtension,
  mayRequestExtension,
  nextStates,
  partiesOf,
  transitionRule,
} from './case-machine.js';

/** The loop as issue 9 states it, written out independently of the table under test. */
const LEGAL: Record<CaseState, CaseState[]> = {
  discovered: ['verified', 'dismissed'],
  verified: ['assigned'],
  dismissed: [],
  assigned: ['rectifying'],
  rectifying: ['self_checked'],
  self_checked: ['under_acceptance'],
  under_acceptance: ['publicised', 'rectifying'],
  publicised: ['closed'],
  closed: ['rectifying'],
};

const pairs = CASE_STATES.flatMap((from) => CASE_STATES.map((to) => [from, to] as const));

describe('the state machine', () => {
  it.each(pairs)('%s → %s is legal exactly when the issue says so', (from, to) => {
    expect(transitionRule(from, to) !== undefined).toBe(LEGAL[from].includes(to));
  });
  it.each(CASE_STATES)('next states of %s', (s) => {
    expect(nextStates(s).sort()).toEqual([...LEGAL[s]].sort());
  });
  it('has no duplicate rule and every state is reachable from discovered', () => {
    const keys = CASE_TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    const seen = new Set<CaseState>(['discovered']);
    for (let i = 0; i < CASE_STATES.length; i++)
      for (const s of [...seen]) nextStates(s).forEach((n) => seen.add(n));
    expect([...seen].sort()).toEqual([...CASE_STATES].sort());
  });
  it('dismissed is terminal; closed only reopens to rectifying', () => {
    expect(nextStates('dismissed')).toEqual([]);
    expect(nextStates('closed')).toEqual(['rectifying']);
  });
});

const actor = (role: CaseActor['role'], extra: Partial<CaseActor> = {}): CaseActor => ({
  username: role,
  role,
  districtCode: null,
  enterpriseSiteId: null,
  ...extra,
});

const WUXING: ResponsibleUnit = { type: 'district', code: '330502', name: '吴兴区' };
const E1: ResponsibleUnit = { type: 'enterprise', siteId: 7, code: 'E1', name: 'E1' };
const DEPT: ResponsibleUnit = { type: 'department', name: '市住建局' };

/** Who is which party, for each kind of responsible unit. */
const ROLE_TABLE: [string, CaseActor, ResponsibleUnit, ('bureau' | 'responsible')[]][] = [
  ['admin, district unit', actor('admin'), WUXING, ['bureau']],
  ['supervisor, district unit', actor('supervisor'), WUXING, ['bureau']],
  ['operator', actor('operator'), WUXING, []],
  ['officer of that district', actor('district', { districtCode: '330502' }), WUXING, ['responsible']],
  ['officer of another district', actor('district', { districtCode: '330503' }), WUXING, []],
  ['officer, enterprise unit in any district', actor('district', { districtCode: '330502' }), E1, []],
  ['user of that enterprise', actor('enterprise', { enterpriseSiteId: 7 }), E1, ['responsible']],
  ['user of another enterprise', actor('enterprise', { enterpriseSiteId: 8 }), E1, []],
  ['enterprise user, district unit', actor('enterprise', { enterpriseSiteId: 7 }), WUXING, []],
  ['supervisor for a department', actor('supervisor'), DEPT, ['bureau', 'responsible']],
  ['district officer, department unit', actor('district', { districtCode: '330502' }), DEPT, []],
  ['the platform', SYSTEM_CASE_ACTOR, E1, []],
];

describe('the role table', () => {
  it.each(ROLE_TABLE)('%s', (_name, who, unit, parties) => {
    expect(partiesOf(who, unit)).toEqual(parties);
  });

  const bureau = actor('supervisor');
  const officer = actor('district', { districtCode: '330502' });
  const other = actor('district', { districtCode: '330503' });
  it.each(CASE_TRANSITIONS.map((t) => [t.from, t.to, t.by] as const))(
    '%s → %s is made by the %s only',
    (from, to, by) => {
      expect(allowedNextStates(from, bureau, WUXING).includes(to)).toBe(by === 'bureau');
      expect(allowedNextStates(from, officer, WUXING).includes(to)).toBe(by === 'responsible');
      expect(allowedNextStates(from, other, WUXING).includes(to)).toBe(false);
      expect(allowedNextStates(from, actor('operator'), WUXING).includes(to)).toBe(false);
    },
  );
  it('bureau verifies, assigns, accepts and closes; the unit rectifies and self-checks', () => {
    expect(CASE_TRANSITIONS.filter((t) => t.by === 'responsible').map((t) => t.to)).toEqual([
      'rectifying',
      'self_checked',
    ]);
  });
  it('extensions: asked by the unit while assigned or rectifying, decided by the bureau', () => {
    expect(mayRequestExtension('rectifying', officer, WUXING)).toBe(true);
    expect(mayRequestExtension('assigned', officer, WUXING)).toBe(true);
    expect(mayRequestExtension('self_checked', officer, WUXING)).toBe(false);
    expect(mayRequestExtension('rectifying', other, WUXING)).toBe(false);
    expect(mayRequestExtension('rectifying', bureau, WUXING)).toBe(false);
    expect(mayDecideExtension(bureau)).toBe(true);
    expect(mayDecideExtension(officer)).toBe(false);
    expect(mayDecideExtension(SYSTEM_CASE_ACTOR)).toBe(false);
  });
});
