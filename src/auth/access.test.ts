import { describe, expect, it } from 'vitest';
import type { Principal } from './access.js';
import { accessProblem, decideAccess } from './access.js';
import { PUBLIC_SITE_KINDS, siteInScope } from './scope.js';

const principal = (role: Principal['role']): Principal => ({
  userId: 1,
  username: 'u',
  role,
  districtCode: role === 'district' ? '330502' : null,
  enterpriseSiteId: role === 'enterprise' ? 7 : null,
  sessionHash: 'h',
  expiresAt: new Date(0),
});

describe('decideAccess', () => {
  it.each([
    ['public', null, 'allow'],
    ['public', 'enterprise', 'allow'],
    ['user', null, 'unauthorized'],
    ['user', 'enterprise', 'allow'],
    [['admin'], null, 'unauthorized'],
    [['admin'], 'supervisor', 'forbidden'],
    [['admin', 'supervisor'], 'supervisor', 'allow'],
  ] as const)('%j for %s → %s', (access, role, expected) => {
    expect(decideAccess(access, role === null ? null : principal(role))).toBe(expected);
  });
});

describe('accessProblem', () => {
  it('accepts the three forms and names what is wrong otherwise', () => {
    expect(accessProblem('public')).toBeNull();
    expect(accessProblem('user')).toBeNull();
    expect(accessProblem(['operator'])).toBeNull();
    expect(accessProblem(undefined)).toBe('declares no access');
    expect(accessProblem('everyone')).toMatch(/use 'public', 'user'/);
    expect(accessProblem([])).toMatch(/non-empty/);
    expect(accessProblem(['admin', 'guest'])).toMatch(/unknown roles \["guest"\]/);
  });
});

describe('siteInScope', () => {
  const site = { id: 7, kind: 'enterprise' as const, districtCode: '330502' };
  it('follows each kind of scope', () => {
    expect(siteInScope({ kind: 'all' }, site)).toBe(true);
    expect(siteInScope({ kind: 'district', districtCode: '330502' }, site)).toBe(true);
    expect(siteInScope({ kind: 'district', districtCode: '330503' }, site)).toBe(false);
    expect(siteInScope({ kind: 'sites', siteIds: [7, 8] }, site)).toBe(true);
    expect(siteInScope({ kind: 'sites', siteIds: [] }, site)).toBe(false);
    expect(siteInScope({ kind: 'public', siteKinds: PUBLIC_SITE_KINDS }, site)).toBe(false);
    expect(
      siteInScope({ kind: 'public', siteKinds: PUBLIC_SITE_KINDS }, { ...site, kind: 'air_station' }),
    ).toBe(true);
  });
});
