/**
 * Readings as a caller may see them: one site's readings (named by site code or device MN), as
 * received or with the corrections in force applied, scoped by the caller's role.
 */
import type { Principal } from '../auth/access.js';
import type { ScopeService } from '../auth/scope.js';
import { NotFoundError } from '../errors.js';
import type { Page } from '../store/page.js';
import type { EffectiveReading } from '../store/reading.repository.js';
import type { Store } from '../store/store.js';
import type { ReadingInterval, Site, StoredReading } from '../store/types.js';

export type { EffectiveReading } from '../store/reading.repository.js';
export type { ReadingInterval, StoredReading } from '../store/types.js';

/** Whose readings: a site by code, or the site a device (by MN) reports for. */
export type ReadingSource = { site: string } | { mn: string };

export interface ReadingQuery {
  parameter?: string | undefined;
  interval?: ReadingInterval | undefined;
  /** Inclusive start of the period start. */
  from?: Date | undefined;
  /** Exclusive end of the period start. */
  to?: Date | undefined;
  /** Apply the corrections in force (数据审核). */
  corrected?: boolean | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** A page of one site's readings; with `corrected`, each item carries its correction. */
export interface SiteReadings {
  siteCode: string;
  page: Page<StoredReading> | Page<EffectiveReading>;
}

export class ReadingService {
  constructor(
    private readonly store: Pick<Store, 'sites' | 'devices' | 'readings'>,
    private readonly scope: ScopeService,
  ) {}

  /** The site named by code or MN; NotFoundError when absent or outside the caller's scope. */
  private async siteOf(principal: Principal, source: ReadingSource): Promise<Site> {
    let site: Site | null;
    let what: string;
    if ('site' in source) {
      what = `site ${source.site}`;
      site = await this.store.sites.getByCode(source.site);
    } else {
      what = `device ${source.mn}`;
      const device = await this.store.devices.getByMn(source.mn);
      site = device === null ? null : await this.store.sites.getById(device.siteId);
    }
    if (site === null || !this.scope.includes(await this.scope.of(principal), site)) {
      throw new NotFoundError(what);
    }
    return site;
  }

  /** One site's readings, oldest first, in pages. */
  async query(principal: Principal, source: ReadingSource, q: ReadingQuery): Promise<SiteReadings> {
    const site = await this.siteOf(principal, source);
    const filter = {
      siteId: site.id,
      parameter: q.parameter,
      interval: q.interval,
      from: q.from,
      to: q.to,
      limit: q.limit,
      cursor: q.cursor,
    };
    const page =
      q.corrected === true
        ? await this.store.readings.queryEffective(filter)
        : await this.store.readings.query(filter);
    return { siteCode: site.code, page };
  }
}
