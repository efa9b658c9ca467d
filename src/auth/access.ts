/**
 * What a route needs, and the one decision over it. Every route declares its access in its
 * Fastify `config` (`src/api/auth.hook.ts` refuses to start with a route that does not).
 */
import type { UserRole } from '../store/types.js';
import { USER_ROLES } from '../store/types.js';

/**
 * A route's access: `'public'` (anyone, no login), `'user'` (any logged-in account; the service
 * it calls scopes the query through `ScopeService`), or the roles allowed.
 */
export type Access = 'public' | 'user' | readonly UserRole[];

/** A logged-in caller, as resolved from a bearer token. */
export interface Principal {
  userId: number;
  username: string;
  role: UserRole;
  /** The district a `district` officer is bound to. */
  districtCode: string | null;
  /** The enterprise site a `enterprise` user is bound to. */
  enterpriseSiteId: number | null;
  /** SHA-256 of the session's token (to end this session on logout). */
  sessionHash: string;
  expiresAt: Date;
}

export type AccessDecision = 'allow' | 'unauthorized' | 'forbidden';

/** Decides whether a caller (null: anonymous) may use a route with this access. */
export function decideAccess(access: Access, principal: Principal | null): AccessDecision {
  if (access === 'public') return 'allow';
  if (principal === null) return 'unauthorized';
  if (access === 'user') return 'allow';
  return access.includes(principal.role) ? 'allow' : 'forbidden';
}

/** Why a value is not a valid access declaration, or null when it is one. */
export function accessProblem(access: unknown): string | null {
  if (access === undefined) return 'declares no access';
  if (access === 'public' || access === 'user') return null;
  if (!Array.isArray(access) || access.length === 0) {
    return `has access ${JSON.stringify(access)}; use 'public', 'user' or a non-empty list of roles`;
  }
  const unknown = access.filter((r) => !(USER_ROLES as readonly unknown[]).includes(r));
  return unknown.length === 0 ? null : `names unknown roles ${JSON.stringify(unknown)}`;
}
