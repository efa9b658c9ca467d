/**
 * The city's districts and monitored places, as a caller may see them: every read is scoped by
 * the caller's role (src/auth/scope.ts) in the query, and a site outside the scope reads exactly
 * like an absent one. Sites created by a person (a device import) are audited in the same
 * transaction as the row.
 */
import type { Principal } from '../auth/access.js';
import type { ScopeService } from '../auth/scope.js';
import { PUBLIC_SITE_KINDS } from '../auth/scope.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import { NotFoundError } from '../errors.js';
import type { Page } from '../store/page.js';
import type { NewSite } from '../store/site.repository.js';
import type { Store } from '../store/store.js';
import type { District, Site, SiteKind } from '../store/types.js';

export type { NewSite } from '../store/site.repository.js';
export type { District, Site, SiteKind } from '../store/types.js';

/** Most published sites of one kind the home page lists. */
const PUBLIC_LISTING_MAX_SITES = 1000;

export interface SiteQuery {
  kind?: SiteKind | undefined;
  /** Division code. */
  district?: string | undefined;
  /** Code of the parent site (an enterprise's outlets). */
  parent?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** What everyone may see without a login: the districts and the published sites. */
export interface PublicListing {
  districts: District[];
  sites: Site[];
  /** Published sites in all (may exceed `sites.length` when a kind has more than a page). */
  total: number;
}

export class SiteService {
  constructor(
    private readonly store: Pick<Store, 'db' | 'sites' | 'districts'>,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** The city's county-level divisions, by code. */
  districts(): Promise<District[]> {
    return this.store.districts.list();
  }

  /**
   * Sites the caller (null: anonymous) may see, filtered; NotFoundError when the parent named is
   * absent or outside the caller's scope.
   */
  async list(principal: Principal | null, q: SiteQuery): Promise<Page<Site>> {
    const scope = await this.scope.of(principal);
    let parentId: number | undefined;
    if (q.parent !== undefined) {
      const parent = await this.store.sites.getByCode(q.parent);
      if (!parent || !this.scope.includes(scope, parent)) throw new NotFoundError(`parent site ${q.parent}`);
      parentId = parent.id;
    }
    const scoped = await this.scope.siteFilter(scope, { kind: q.kind, districtCode: q.district });
    if (scoped === null) return { items: [], total: 0, nextCursor: null };
    return this.store.sites.list({ ...scoped, parentId, limit: q.limit, offset: q.offset });
  }

  /** One site by code; NotFoundError when absent or outside the caller's scope (alike). */
  async get(principal: Principal | null, code: string): Promise<Site> {
    const site = await this.store.sites.getByCode(code);
    if (!site || !this.scope.includes(await this.scope.of(principal), site)) {
      throw new NotFoundError(`site ${code}`);
    }
    return site;
  }

  /** The districts and the published stations and sections (nothing about enterprises). */
  async publicListing(): Promise<PublicListing> {
    const [districts, ...pages] = await Promise.all([
      this.store.districts.list(),
      ...PUBLIC_SITE_KINDS.map((kind) => this.store.sites.list({ kind, limit: PUBLIC_LISTING_MAX_SITES })),
    ]);
    return {
      districts,
      sites: pages.flatMap((p) => p.items),
      total: pages.reduce((n, p) => n + (p.total ?? 0), 0),
    };
  }

  /** A site by code for a person's own use (imports), unscoped; null when there is none. */
  findByCode(code: string): Promise<Site | null> {
    return this.store.sites.getByCode(code);
  }

  /** Whether a district exists. */
  async districtExists(code: string): Promise<boolean> {
    return (await this.store.districts.get(code)) !== null;
  }

  /** Registers a site (audited as `site.created` in the same transaction). */
  create(actor: AuditActor, site: NewSite, address: string | null = null): Promise<Site> {
    return this.store.db.transaction().execute(async (trx) => {
      const created = await this.store.sites.create(site, trx);
      await this.audit.record(
        {
          action: 'site.created',
          actor,
          target: { type: 'site', id: created.code },
          details: {
            kind: created.kind,
            name: created.name,
            districtCode: created.districtCode,
            parentId: created.parentId,
          },
          address,
        },
        trx,
      );
      return created;
    });
  }
}
