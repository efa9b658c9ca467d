/**
 * The global search of the dashboard's header: one query over enterprises (name, code, unified
 * social credit code), outlets, air stations, water sections and micro-sensors (name, code),
 * devices (MN) and cases (number), always inside the caller's row scope — an enterprise finds only
 * its own sites, devices and the cases it is responsible for; a district officer only their
 * district. Reads only.
 */
import type { Scope, ScopeService } from '../auth/scope.js';
import { caseInScope, caseScopeOf } from '../cases/case-scope.js';
import { BadInputError } from '../errors.js';
import { MAX_PAGE_SIZE } from '../store/page.js';
import type { Store } from '../store/store.js';
import type { Site, SiteKind } from '../store/types.js';

/** What a search hit is. */
export const SEARCH_HIT_KINDS = [
  'enterprise',
  'outlet',
  'air_station',
  'water_section',
  'micro_sensor',
  'device',
  'case',
] as const;
export type SearchHitKind = (typeof SEARCH_HIT_KINDS)[number];

/** One thing found. */
export interface SearchHit {
  kind: SearchHitKind;
  /** Site code, MN, or case number as text. */
  code: string;
  name: string;
  /** The enterprise code of an outlet or of a device's outlet, where there is one (for links). */
  enterpriseCode: string | null;
  /** The site code of a site hit, or the site a device reports for; null for a case. */
  siteCode: string | null;
  /** The kind of that site (where a device hit links to). */
  siteKind: SiteKind | null;
  districtCode: string | null;
}

/** Longest query accepted, characters. */
export const MAX_SEARCH_QUERY_LENGTH = 64;
/** Most hits returned. */
export const MAX_SEARCH_HITS = 50;
/** Largest number of sites one search reads (a city has a few hundred). */
const MAX_SEARCHED_SITES = 5000;

export interface SearchServiceDeps {
  store: Pick<Store, 'sites' | 'devices' | 'cases'>;
  scope: ScopeService;
}

/** Search across the registry and cases, scoped. */
export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  /**
   * Things in the caller's scope whose name or code contains `query` (case-insensitive), exact
   * and prefix matches first, at most `limit` (≤ MAX_SEARCH_HITS). BadInputError for an empty or
   * overlong query.
   */
  async search(scope: Scope, query: string, limit = 20): Promise<SearchHit[]> {
    const q = query.trim();
    if (q === '') throw new BadInputError('q: give some text to search for', { field: 'q' });
    if (q.length > MAX_SEARCH_QUERY_LENGTH) {
      throw new BadInputError(`q: at most ${MAX_SEARCH_QUERY_LENGTH} characters`, { field: 'q' });
    }
    const needle = q.toLowerCase();
    const max = Math.max(1, Math.min(MAX_SEARCH_HITS, Math.trunc(limit)));
    const sites = await this.sitesOf(scope);
    const byId = new Map(sites.map((s) => [s.id, s]));
    const enterpriseCodeOf = (s: Site | undefined): string | null => {
      if (s === undefined) return null;
      if (s.kind === 'enterprise') return s.code;
      const parent = s.parentId === null ? undefined : byId.get(s.parentId);
      return parent?.kind === 'enterprise' ? parent.code : null;
    };
    const scored: { score: number; hit: SearchHit }[] = [];
    for (const s of sites) {
      const credit = typeof s.attributes.creditCode === 'string' ? s.attributes.creditCode : '';
      const score = Math.min(scoreOf(needle, s.code), scoreOf(needle, s.name), scoreOf(needle, credit));
      if (score === NO_MATCH) continue;
      scored.push({
        score,
        hit: {
          kind: s.kind,
          code: s.code,
          name: s.name,
          enterpriseCode: enterpriseCodeOf(s),
          siteCode: s.code,
          siteKind: s.kind,
          districtCode: s.districtCode,
        },
      });
    }
    const siteIds = await this.deps.scope.siteIds(scope);
    const devices = await this.deps.store.devices.list(siteIds === undefined ? {} : { siteIds });
    for (const d of devices) {
      const score = scoreOf(needle, d.mn);
      if (score === NO_MATCH) continue;
      const site = byId.get(d.siteId);
      scored.push({
        score,
        hit: {
          kind: 'device',
          code: d.mn,
          name: site?.name ?? d.siteCode,
          enterpriseCode: enterpriseCodeOf(site),
          siteCode: d.siteCode,
          siteKind: site?.kind ?? null,
          districtCode: site?.districtCode ?? null,
        },
      });
    }
    const caseNo = /^#?(\d{1,9})$/.exec(q)?.[1];
    if (caseNo !== undefined) {
      const record = await this.deps.store.cases.getById(Number(caseNo));
      if (record !== null && caseInScope(caseScopeOf(scope), record)) {
        scored.push({
          score: 0,
          hit: {
            kind: 'case',
            code: String(record.id),
            name: record.title,
            enterpriseCode: null,
            siteCode: null,
            siteKind: null,
            districtCode: record.districtCode,
          },
        });
      }
    }
    return scored
      .sort((a, b) => a.score - b.score || a.hit.code.localeCompare(b.hit.code))
      .slice(0, max)
      .map((s) => s.hit);
  }

  /** Every site the caller may see (enterprises, outlets, stations, sections, sensors). */
  private async sitesOf(scope: Scope): Promise<Site[]> {
    const filter = await this.deps.scope.siteFilter(scope);
    if (filter === null) return [];
    const out: Site[] = [];
    while (out.length < MAX_SEARCHED_SITES) {
      const page = await this.deps.store.sites.list({ ...filter, limit: MAX_PAGE_SIZE, offset: out.length });
      out.push(...page.items);
      if (page.nextCursor === null || page.items.length === 0) break;
    }
    return out;
  }
}

const NO_MATCH = 3;

/** 0 exact, 1 prefix, 2 contains, NO_MATCH otherwise (case-insensitive). */
function scoreOf(needle: string, text: string): number {
  if (text === '') return NO_MATCH;
  const t = text.toLowerCase();
  if (t === needle) return 0;
  if (t.startsWith(needle)) return 1;
  return t.includes(needle) ? 2 : NO_MATCH;
}
