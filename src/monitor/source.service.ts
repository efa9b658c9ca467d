/**
 * Pollution sources as the API shows them: finding an outlet a caller may see, and an outlet's
 * compliance report for a China-local month (hours received, valid and exceeding, daily
 * exceedances, loads, transmission and validity rates — the pure report is outlet-compliance.ts).
 * Reads only: nothing here changes state.
 */
import type { Scope, ScopeService } from '../auth/scope.js';
import type { Clock } from '../clock.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { chinaDate, chinaMonthRange } from '../standards/china-time.js';
import type { OutletLimit } from '../store/limit.repository.js';
import type { Store } from '../store/store.js';
import type { Site } from '../store/types.js';
import type { ComplianceSummary } from './outlet-compliance.js';
import { outletCompliance } from './outlet-compliance.js';

export type { ComplianceDay, ComplianceRates, ComplianceSummary } from './outlet-compliance.js';
export type { OutletLimit } from '../store/limit.repository.js';

export interface SourceServiceDeps {
  store: Pick<Store, 'sites' | 'limits' | 'alarmWindows'>;
  clock: Clock;
  /** Row scoping: which outlets a caller may see. */
  scope: ScopeService;
}

/** An outlet's compliance report: the summary, the outlet, and the limits it was judged by. */
export interface OutletComplianceReport extends ComplianceSummary {
  site: Pick<Site, 'id' | 'code' | 'name'>;
  /** The limits in force on the month's last day so far. */
  limits: OutletLimit[];
}

export class SourceService {
  constructor(private readonly deps: SourceServiceDeps) {}

  /**
   * The outlet of a code when the caller may see it: NotFoundError when it does not exist or lies
   * outside `scope`, BadInputError when the site is of another kind.
   */
  async outlet(scope: Scope, code: string): Promise<Site> {
    const site = await this.deps.store.sites.getByCode(code);
    if (site === null || !this.deps.scope.includes(scope, site)) throw new NotFoundError(`site ${code}`);
    if (site.kind !== 'outlet') throw new BadInputError(`site ${code} is a ${site.kind}, not an outlet`);
    return site;
  }

  /**
   * An outlet's compliance per China-local day and for a month (`YYYY-MM`, default the current
   * month), judged on the device's hourly values against the limits in force on the month's last
   * day so far. BadInputError for a month that is not one.
   */
  async compliance(scope: Scope, code: string, month?: string): Promise<OutletComplianceReport> {
    const site = await this.outlet(scope, code);
    const now = this.deps.clock.now();
    const wanted = month ?? chinaDate(now).slice(0, 7);
    const range = monthRangeOf(wanted);
    const lastDay = chinaDate(range.to < now ? new Date(range.to.getTime() - 1) : now);
    const [readings, limits] = await Promise.all([
      this.deps.store.alarmWindows.readings({
        siteIds: [site.id],
        intervals: ['hour'],
        from: range.from,
        to: range.to,
      }),
      this.deps.store.limits.inForce([site.id], lastDay),
    ]);
    const attrs = site.attributes;
    const summary = outletCompliance({
      month: wanted,
      medium: attrs.medium === 'water' ? 'water' : 'gas',
      referenceO2Pct: typeof attrs.referenceO2Pct === 'number' ? attrs.referenceO2Pct : null,
      readings,
      limits,
      now,
    });
    return { site: { id: site.id, code: site.code, name: site.name }, limits, ...summary };
  }
}

/** The instants of a month asked for by a person (a malformed month is a BadInputError). */
function monthRangeOf(month: string): { from: Date; to: Date } {
  return chinaMonthRange(month);
}
