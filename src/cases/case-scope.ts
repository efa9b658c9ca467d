/**
 * Which cases a caller sees, from the site scope of src/auth/scope.ts: the bureau (and operators)
 * every case; a district officer the cases of their district; an enterprise the cases it is
 * responsible for, from their assignment (交办) on — a complaint under verification stays with the
 * government.
 */
import type { Scope } from '../auth/scope.js';
import type { CaseRecord, CaseRowScope } from '../store/case.repository.js';
import type { CaseActor } from './case-machine.js';

/** The case-row filter of a site scope; null when the caller sees no case at all. */
export function caseScopeOf(scope: Scope): CaseRowScope | null {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'district':
      return { districtCode: scope.districtCode };
    case 'sites':
      return { responsibleSiteIds: scope.siteIds, assignedOnly: true };
    case 'public':
      return null;
    default:
      throw new Error(`unknown scope ${JSON.stringify(scope)}`);
  }
}

/** Whether one case lies in a case scope. */
export function caseInScope(scope: CaseRowScope | null, c: CaseRecord): boolean {
  if (scope === null) return false;
  if (scope.districtCode !== undefined && c.districtCode !== scope.districtCode) return false;
  if (
    scope.responsibleSiteIds !== undefined &&
    (c.responsibleSiteId === null || !scope.responsibleSiteIds.includes(c.responsibleSiteId))
  ) {
    return false;
  }
  if (scope.assignedOnly === true && c.assignedAt === null) return false;
  return true;
}

/** The notification audiences an actor belongs to (the platform itself reads no notices). */
export function audiencesOf(p: Pick<CaseActor, 'role' | 'districtCode' | 'enterpriseSiteId'>): string[] {
  switch (p.role) {
    case 'admin':
    case 'supervisor':
      return ['bureau'];
    case 'district':
      return p.districtCode === null ? [] : [`district:${p.districtCode}`];
    case 'enterprise':
      return p.enterpriseSiteId === null ? [] : [`enterprise:${p.enterpriseSiteId}`];
    case 'operator':
    case 'system':
      return [];
    default:
      throw new Error(`no audience for role ${String(p.role)}`);
  }
}
