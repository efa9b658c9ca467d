/**
 * Row-level scope: which sites a caller may see, as values that services pass into repository
 * filters, so that scoping happens in the query rather than after it. Bureau roles see the whole
 * city; a district officer their district; an enterprise user their enterprise and its outlets;
 * anonymous callers the published stations and sections only.
 */
import type { Store } from '../store/store.js';
import type { Site, SiteKind } from '../store/types.js';
import type { AuditActor } from '../audit/audit.service.js';
import type { Principal } from './access.js';

/** Site kinds whose data is published to everyone without a login. */
export const PUBLIC_SITE_KINDS: readonly SiteKind[] = ['air_station', 'water_section'];

/** Largest number of outlets looked up for one enterprise's scope. */
const MAX_ENTERPRISE_SITES = 1000;

export type Scope =
  | { kind: 'all' }
  | { kind: 'district'; districtCode: string }
  /** Only these site ids (an enterprise and its outlets; empty: nothing). */
  | { kind: 'sites'; siteIds: readonly number[] }
  | { kind: 'public'; siteKinds: readonly SiteKind[] };

/** Who acts on scoped records through the API: the audited actor, the sites they may see, and from where. */
export interface ScopedCaller {
  actor: AuditActor;
  scope: Scope;
  /** The caller's network address, for the audit log. */
  address: string | null;
}

/** Values for `SiteRepository.list`; spread them into the filter. */
export interface SiteScopeFilter {
  kind?: SiteKind;
  districtCode?: string;
  ids?: readonly number[];
}

/** The scope of a caller (null: anonymous). */
async function scopeOf(principal: Principal | null, store: Pick<Store, 'sites'>): Promise<Scope> {
  if (principal === null) return { kind: 'public', siteKinds: PUBLIC_SITE_KINDS };
  switch (principal.role) {
    case 'admin':
    case 'supervisor':
    case 'operator':
      return { kind: 'all' };
    case 'district':
      return principal.districtCode === null
        ? { kind: 'sites', siteIds: [] }
        : { kind: 'district', districtCode: principal.districtCode };
    case 'enterprise': {
      const id = principal.enterpriseSiteId;
      if (id === null) return { kind: 'sites', siteIds: [] };
      const outlets = await store.sites.list({ parentId: id, limit: MAX_ENTERPRISE_SITES });
      return { kind: 'sites', siteIds: [id, ...outlets.items.map((s) => s.id)] };
    }
    default:
      throw new Error(`no scope for role ${String(principal.role)}`);
  }
}

/** Whether one site lies in a scope (for routes that fetch one row by its key). */
export function siteInScope(scope: Scope, site: Pick<Site, 'id' | 'kind' | 'districtCode'>): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'district':
      return site.districtCode === scope.districtCode;
    case 'sites':
      return scope.siteIds.includes(site.id);
    case 'public':
      return scope.siteKinds.includes(site.kind);
    default:
      throw new Error(`unknown scope ${JSON.stringify(scope)}`);
  }
}

/**
 * The site-list filter of a scope merged with what the caller asked for; null when the two
 * cannot overlap (the answer is then an empty list).
 */
async function siteFilterOf(
  scope: Scope,
  store: Pick<Store, 'sites'>,
  requested: { kind?: SiteKind | undefined; districtCode?: string | undefined } = {},
): Promise<SiteScopeFilter | null> {
  const { kind, districtCode } = requested;
  const base: SiteScopeFilter = {
    ...(kind !== undefined ? { kind } : {}),
    ...(districtCode !== undefined ? { districtCode } : {}),
  };
  switch (scope.kind) {
    case 'all':
      return base;
    case 'district':
      if (districtCode !== undefined && districtCode !== scope.districtCode) return null;
      return { ...base, districtCode: scope.districtCode };
    case 'sites':
      return { ...base, ids: scope.siteIds };
    case 'public':
      if (kind !== undefined) return scope.siteKinds.includes(kind) ? base : null;
      return { ...base, ids: (await siteIdsOf(scope, store)) ?? [] };
    default:
      throw new Error(`unknown scope ${JSON.stringify(scope)}`);
  }
}

/**
 * The ids of the sites in a scope, for filters keyed by site id (readings, devices); undefined
 * means every site.
 */
async function siteIdsOf(scope: Scope, store: Pick<Store, 'sites'>): Promise<readonly number[] | undefined> {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'sites':
      return scope.siteIds;
    case 'district':
      return store.sites.idsWhere({ districtCode: scope.districtCode });
    case 'public':
      return store.sites.idsWhere({ kinds: scope.siteKinds });
    default:
      throw new Error(`unknown scope ${JSON.stringify(scope)}`);
  }
}

/**
 * Row scoping as a service over the site repository, built once by `createServices`: what the
 * services of sites, devices, readings and corrections (and routes not yet converted, through
 * `ctx.services.scope`) call, so that no route needs the store to decide what a caller may see.
 */
export class ScopeService {
  constructor(private readonly store: Pick<Store, 'sites'>) {}

  /** The scope of a caller (null: anonymous). */
  of(principal: Principal | null): Promise<Scope> {
    return scopeOf(principal, this.store);
  }

  /** Ids of the sites in a scope; undefined means every site. */
  siteIds(scope: Scope): Promise<readonly number[] | undefined> {
    return siteIdsOf(scope, this.store);
  }

  /** The site-list filter of a scope merged with the request; null when they cannot overlap. */
  siteFilter(
    scope: Scope,
    requested: { kind?: SiteKind | undefined; districtCode?: string | undefined } = {},
  ): Promise<SiteScopeFilter | null> {
    return siteFilterOf(scope, this.store, requested);
  }

  /** Whether one site lies in a scope. */
  includes(scope: Scope, site: Pick<Site, 'id' | 'kind' | 'districtCode'>): boolean {
    return siteInScope(scope, site);
  }
}
