/**
 * Emission limits of outlets: the rows in force and their record, the bureau's additions — rows
 * entered by hand, or the rows of a built-in preset (limit-presets.ts) — and presets applied in
 * bulk to every outlet that has no rows yet (the demo city). Rows are appended, never edited: the
 * newest row in force wins from its first day on.
 *
 * Every addition is recorded in the audit log as `limit.changed`, with the rows added (and the
 * preset they came from), in the same transaction as the rows.
 */
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { Scope, ScopedCaller } from '../auth/scope.js';
import type { Clock } from '../clock.js';
import { BadInputError } from '../errors.js';
import type { SourceService } from '../monitor/source.service.js';
import { chinaDate } from '../standards/china-time.js';
import type { LimitAveragingPeriod, NewOutletLimit, OutletLimit } from '../store/limit.repository.js';
import type { Store } from '../store/store.js';
import type { Site } from '../store/types.js';
import type { LimitPreset, PresetLimit } from './limit-presets.js';
import { LIMIT_PRESETS, presetById, presetForOutlet, presetLimitsFor } from './limit-presets.js';

export type { LimitAveragingPeriod, OutletLimit } from '../store/limit.repository.js';

export interface LimitServiceDeps {
  store: Pick<Store, 'db' | 'sites' | 'limits'>;
  clock: Clock;
  audit: AuditService;
  /** Finds the outlet a caller may see. */
  sources: SourceService;
}

/** Who acts on limits through the API (one caller shape for every scoped service). */
export type LimitCaller = ScopedCaller;

/** A limit row as a person enters it; what is left out is null (or empty, for the clause). */
export interface LimitRowInput {
  /** HJ 212-2017 code. */
  parameter: string;
  /** Upper limit in `unit`. */
  value: number;
  /** Lower limit of a range (pH 6–9). */
  lowerValue?: number | null | undefined;
  unit: string;
  averaging: LimitAveragingPeriod;
  /** Reference O2 in % a gas limit is expressed at. */
  referenceO2Pct?: number | null | undefined;
  standard: string;
  clause?: string | undefined;
  /** First and last China-local day in force (`YYYY-MM-DD`); absent: unbounded. */
  validFrom?: string | null | undefined;
  validTo?: string | null | undefined;
  note?: string | null | undefined;
}

/** An outlet's limits: the rows in force today, every row ever entered, and its preset. */
export interface OutletLimits {
  site: { id: number; code: string; emissionStandard: string };
  /** The id of the preset its attributes select, or null when no built-in table covers it. */
  preset: string | null;
  inForce: OutletLimit[];
  history: OutletLimit[];
}

/** A built-in preset with its rows in force on a day. */
export interface PresetView {
  id: string;
  standard: string;
  name: { zh: string; en: string };
  medium: LimitPreset['medium'];
  assumptions: string[];
  rows: PresetLimit[];
}

/** What {@link LimitService.applyPresets} did. */
export interface PresetApplication {
  /** Outlets that got rows, with the preset id. */
  applied: { siteId: number; code: string; preset: string; rows: number }[];
  /** Outlets whose standard no built-in table covers. */
  uncovered: { siteId: number; code: string; emissionStandard: string }[];
}

/** Outlets read per page when presets are applied in bulk. */
const OUTLET_PAGE = 1000;

function emissionStandardOf(site: Site): string {
  const standard = site.attributes.emissionStandard;
  return typeof standard === 'string' ? standard : '';
}

export class LimitService {
  constructor(private readonly deps: LimitServiceDeps) {}

  /** An outlet's limits (NotFoundError outside `scope`, BadInputError for a site that is no outlet). */
  async ofOutlet(scope: Scope, code: string): Promise<OutletLimits> {
    const site = await this.deps.sources.outlet(scope, code);
    const [inForce, history] = await Promise.all([
      this.deps.store.limits.inForce([site.id], chinaDate(this.deps.clock.now())),
      this.deps.store.limits.listForSite(site.id),
    ]);
    return {
      site: { id: site.id, code: site.code, emissionStandard: emissionStandardOf(site) },
      preset: presetForOutlet(site.attributes)?.id ?? null,
      inForce,
      history,
    };
  }

  /** Adds rows entered by hand to an outlet the caller may see; audited. */
  async addRows(caller: LimitCaller, code: string, rows: readonly LimitRowInput[]): Promise<OutletLimit[]> {
    const site = await this.deps.sources.outlet(caller.scope, code);
    const by = caller.actor.username;
    const drafts = rows.map((l): NewOutletLimit => ({
      siteId: site.id,
      parameter: l.parameter,
      value: l.value,
      lowerValue: l.lowerValue ?? null,
      unit: l.unit,
      averaging: l.averaging,
      referenceO2Pct: l.referenceO2Pct ?? null,
      standard: l.standard,
      clause: l.clause ?? '',
      validFrom: l.validFrom ?? null,
      validTo: l.validTo ?? null,
      source: 'bureau',
      note: l.note ?? null,
      createdBy: by,
    }));
    return this.add(caller.actor, caller.address, site, drafts, null);
  }

  /**
   * Adds the rows of a built-in preset in force today to an outlet the caller may see: the preset
   * of that id, or with `"auto"` the one the outlet's attributes select. BadInputError for an
   * unknown id or an outlet no built-in table covers. Audited.
   */
  async applyPreset(caller: LimitCaller, code: string, presetId: string): Promise<OutletLimit[]> {
    const site = await this.deps.sources.outlet(caller.scope, code);
    const preset = presetId === 'auto' ? presetForOutlet(site.attributes) : (presetById(presetId) ?? null);
    if (preset === null) {
      throw new BadInputError(
        presetId === 'auto'
          ? `no built-in preset covers ${site.code}'s standard; enter its limits by hand`
          : `unknown preset "${presetId}"; see GET /api/v1/limit-presets`,
      );
    }
    const rows = presetLimitsFor(preset, site.id, chinaDate(this.deps.clock.now()), caller.actor.username);
    return this.add(caller.actor, caller.address, site, rows, preset.id);
  }

  /**
   * Applies presets to every outlet that has no limit rows yet (all outlets, or `siteIds`), with
   * the rows in force today; each outlet's rows are audited with them, by `actor`.
   */
  async applyPresets(
    actor: AuditActor,
    options: { siteIds?: readonly number[] } = {},
  ): Promise<PresetApplication> {
    const result: PresetApplication = { applied: [], uncovered: [] };
    const withRows = new Set(await this.deps.store.limits.sitesWithLimits());
    const day = chinaDate(this.deps.clock.now());
    for (let offset = 0; ;) {
      const page = await this.deps.store.sites.list({
        kind: 'outlet',
        limit: OUTLET_PAGE,
        offset,
        ...(options.siteIds ? { ids: options.siteIds } : {}),
      });
      for (const site of page.items) {
        if (withRows.has(site.id)) continue;
        const preset = presetForOutlet(site.attributes);
        if (preset === null) {
          result.uncovered.push({
            siteId: site.id,
            code: site.code,
            emissionStandard: emissionStandardOf(site),
          });
          continue;
        }
        const rows = await this.add(
          actor,
          null,
          site,
          presetLimitsFor(preset, site.id, day, actor.username),
          preset.id,
        );
        result.applied.push({ siteId: site.id, code: site.code, preset: preset.id, rows: rows.length });
      }
      offset += page.items.length;
      if (page.nextCursor === null || page.items.length === 0) break;
    }
    return result;
  }

  /** The built-in presets, with their rows in force today and what each assumes. */
  presets(): PresetView[] {
    const day = chinaDate(this.deps.clock.now());
    return LIMIT_PRESETS.map((p) => ({
      id: p.id,
      standard: p.standard,
      name: p.name,
      medium: p.medium,
      assumptions: p.assumptions,
      rows: p.rows(day),
    }));
  }

  /** Stores rows and their `limit.changed` audit entry in one transaction. */
  private add(
    actor: AuditActor,
    address: string | null,
    site: Site,
    rows: readonly NewOutletLimit[],
    preset: string | null,
  ): Promise<OutletLimit[]> {
    return this.deps.store.db.transaction().execute(async (trx) => {
      const added = await this.deps.store.limits.add(rows, trx);
      await this.deps.audit.record(
        {
          action: 'limit.changed',
          actor,
          target: { type: 'site', id: site.code },
          details: {
            ...(preset !== null ? { preset } : {}),
            added: added.map((l) => ({
              id: l.id,
              parameter: l.parameter,
              value: l.value,
              lowerValue: l.lowerValue,
              unit: l.unit,
              averaging: l.averaging,
              standard: l.standard,
              validFrom: l.validFrom,
              validTo: l.validTo,
            })),
          },
          address,
        },
        trx,
      );
      return added;
    });
  }
}
