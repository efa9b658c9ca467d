/**
 * The indicator board (docs/indicators.md): each indicator's year-to-date value for the city or a
 * district, its annual target, its status, where the value came from, and for air the remaining-days
 * arithmetic and the comparable good-day ratio; district rankings; targets and entered statistics
 * (audited, append-only). Computed values come from the providers of the owning modules
 * (./providers.ts); entered statistics and targets from the store.
 */
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { BadInputError, ConflictError, NotFoundError } from '../errors.js';
import type { AirService } from '../monitor/air.service.js';
import { rank } from '../monitor/ranking.js';
import { chinaDate, DAY_MS } from '../standards/china-time.js';
import type { IndicatorEntry, IndicatorEntryKind } from '../store/indicator.repository.js';

export type { IndicatorEntry } from '../store/indicator.repository.js';
import type { Store } from '../store/store.js';
import { INDICATORS, indicatorOf, type IndicatorDefinition } from './indicator-catalogue.js';
import {
  daysInYear,
  daysLeftAfter,
  goodDaysNeeded,
  remainingMean,
  statusOf,
  type GoodDaysNeeded,
  type IndicatorStatus,
  type RemainingMean,
} from './progress.js';
import { CITY_CODE, type IndicatorProviders, type ProvidedValue } from './providers.js';

export type IndicatorScope = 'city' | 'district';

/** Where an item's value came from. */
export type IndicatorSource =
  | { kind: 'computed'; by: string }
  | { kind: 'statistics'; enteredBy: string | null; enteredAt: Date | null; note: string | null };

/** The good-day ratio with every day judged under the current HJ 633 (comparable across 2026-03-01). */
export interface ComparableRatio {
  standard: string;
  goodDays: number;
  validDays: number;
  ratioPercent: number | null;
}

/** One indicator of the board. */
export interface IndicatorItem {
  key: string;
  name: { zh: string; en: string };
  unit: string;
  direction: IndicatorDefinition['direction'];
  group: IndicatorDefinition['group'];
  definition: string;
  value: number | null;
  target: number | null;
  status: IndicatorStatus;
  asOf: string | null;
  source: IndicatorSource;
  /** PM2.5: the mean the rest of the year must not exceed (with a target). */
  remainingMean?: RemainingMean;
  /** Good-day ratio: the good days still needed (with a target). */
  goodDaysNeeded?: GoodDaysNeeded;
  /** Good-day ratio: every day of the year under HJ 633-2026. */
  comparable?: ComparableRatio;
}

export interface IndicatorBoard {
  year: number;
  scope: IndicatorScope;
  code: string;
  name: string;
  asOf: string;
  /** Fraction of the year gone at `asOf` (0–1). */
  elapsed: number;
  items: IndicatorItem[];
}

export interface IndicatorRankingEntry {
  rank: number | null;
  code: string;
  name: string;
  value: number | null;
  target: number | null;
  status: IndicatorStatus;
}

export interface IndicatorRanking {
  key: string;
  year: number;
  direction: IndicatorDefinition['direction'];
  order: string;
  items: IndicatorRankingEntry[];
}

/** A target or an entered statistic to record. */
export interface IndicatorEntryInput {
  kind: IndicatorEntryKind;
  key: string;
  year: number;
  scope: IndicatorScope;
  code?: string | undefined;
  value: number;
  note?: string | undefined;
}

export interface IndicatorServiceDeps {
  store: Pick<Store, 'db' | 'indicators' | 'districts'>;
  clock: Clock;
  audit: AuditService;
  providers: IndicatorProviders;
  /** For the remaining-days arithmetic and the comparable good-day ratio. */
  air: Pick<AirService, 'unit' | 'dailySeries' | 'comparability'>;
}

export class IndicatorService {
  constructor(private readonly deps: IndicatorServiceDeps) {}

  /** The China-local date the year's figures run to: yesterday, kept within the year. */
  asOf(year: number): string {
    const yesterday = chinaDate(new Date(this.deps.clock.now().getTime() - DAY_MS));
    if (yesterday < `${year}-01-01`) return `${year}-01-01`;
    if (yesterday > `${year}-12-31`) return `${year}-12-31`;
    return yesterday;
  }

  private elapsed(year: number, asOf: string): number {
    return (daysInYear(year) - daysLeftAfter(year, asOf)) / daysInYear(year);
  }

  /** The name of a place; NotFoundError for an unknown district. */
  private async placeName(scope: IndicatorScope, code: string): Promise<string> {
    if (scope === 'city') return '全市';
    const d = (await this.deps.store.districts.list()).find((x) => x.code === code);
    if (d === undefined) throw new NotFoundError(`district ${code}`);
    return d.name;
  }

  /** Computed values of keys for a query, each provider asked once. */
  private async computed(
    keys: readonly string[],
    q: { year: number; scope: IndicatorScope; code?: string | undefined; asOf: string },
  ): Promise<ProvidedValue[]> {
    const providers = new Set(keys.flatMap((k) => this.deps.providers.providerOf(k) ?? []));
    const out: ProvidedValue[] = [];
    for (const provider of providers) out.push(...(await provider(q)));
    return out;
  }

  /** Every indicator of the city or one district for a year, with targets, status and progress. */
  async board(year: number, scope: IndicatorScope, code?: string, only?: string): Promise<IndicatorBoard> {
    const place = scope === 'city' ? CITY_CODE : code;
    if (place === undefined) throw new BadInputError('code: scope=district needs the district code');
    const name = await this.placeName(scope, place);
    const defs = only === undefined ? INDICATORS : INDICATORS.filter((d) => d.key === only);
    if (defs.length === 0) throw new NotFoundError(`indicator ${only}`);
    const asOf = this.asOf(year);
    const elapsed = this.elapsed(year, asOf);
    const [computed, values, targets] = await Promise.all([
      this.computed(
        defs.map((d) => d.key),
        { year, scope, code: place, asOf },
      ),
      this.deps.store.indicators.inForce(year, 'value', scope),
      this.deps.store.indicators.inForce(year, 'target', scope),
    ]);
    const entryOf = (list: IndicatorEntry[], key: string) =>
      list.find((e) => e.key === key && e.code === place);
    const items: IndicatorItem[] = [];
    for (const def of defs) {
      const target = entryOf(targets, def.key)?.value ?? null;
      const provided = this.deps.providers.has(def.key)
        ? computed.find((v) => v.key === def.key && v.code === place)
        : undefined;
      const entered = this.deps.providers.has(def.key) ? undefined : entryOf(values, def.key);
      const value = provided?.value ?? entered?.value ?? null;
      const item: IndicatorItem = {
        key: def.key,
        name: def.name,
        unit: def.unit,
        direction: def.direction,
        group: def.group,
        definition: def.definition,
        value,
        target,
        status: statusOf(def.direction, def.aggregation, value, target, elapsed),
        asOf: provided?.asOf ?? (entered === undefined ? null : chinaDate(entered.enteredAt)),
        source: this.deps.providers.has(def.key)
          ? { kind: 'computed', by: def.computedBy ?? 'registered provider' }
          : {
              kind: 'statistics',
              enteredBy: entered?.enteredBy ?? null,
              enteredAt: entered?.enteredAt ?? null,
              note: entered?.note ?? null,
            },
      };
      if (def.key === 'air.pm25' || def.key === 'air.good-day-ratio') {
        await this.airProgress(item, year, scope, place, asOf);
      }
      items.push(item);
    }
    return { year, scope, code: place, name, asOf, elapsed, items };
  }

  /**
   * The remaining-days arithmetic (PM2.5, good days) from the same daily values and AQIs the annual
   * evaluation uses, and the comparable good-day ratio; nothing when the place has no air station.
   */
  private async airProgress(
    item: IndicatorItem,
    year: number,
    scope: IndicatorScope,
    code: string,
    asOf: string,
  ): Promise<void> {
    const { air } = this.deps;
    const unit = await air.unit(scope, scope === 'city' ? undefined : code).catch((e: unknown) => {
      if (e instanceof NotFoundError) return null;
      throw e;
    });
    if (unit === null) return;
    const left = daysLeftAfter(year, asOf);
    if (item.key === 'air.pm25') {
      if (item.target === null) return;
      const series = await air.dailySeries(unit, `${year}-01-01`, asOf);
      const pm = series.points.flatMap((p) => {
        const v = (p.concentrations as { pm25?: number | null }).pm25;
        return typeof v === 'number' ? [v] : [];
      });
      item.remainingMean = remainingMean(
        item.target,
        pm.length,
        pm.reduce((a, b) => a + b, 0),
        left,
      );
      if (!item.remainingMean.reachable) item.status = 'off-track';
      return;
    }
    const comparable = await air.comparability(
      `${year}-01`,
      asOf.slice(0, 7),
      scope,
      scope === 'city' ? undefined : code,
    );
    const good = comparable.months.reduce((n, m) => n + m.comparable.goodDays, 0);
    const valid = comparable.months.reduce((n, m) => n + m.comparable.validDays, 0);
    item.comparable = {
      standard: comparable.comparableStandard,
      goodDays: good,
      validDays: valid,
      ratioPercent: valid === 0 ? null : Math.round((good / valid) * 1000) / 10,
    };
    if (item.target === null) return;
    const official = comparable.months.reduce(
      (acc, m) => ({ good: acc.good + m.official.goodDays, valid: acc.valid + m.official.validDays }),
      { good: 0, valid: 0 },
    );
    item.goodDaysNeeded = goodDaysNeeded(item.target, official.good, official.valid, left);
    if (!item.goodDaysNeeded.reachable) item.status = 'off-track';
  }

  /** Districts ranked by one indicator of a year (best first by its direction; no value, no rank). */
  async rankings(key: string, year: number): Promise<IndicatorRanking> {
    const def = indicatorOf(key);
    if (def === undefined) throw new NotFoundError(`indicator ${key}`);
    const asOf = this.asOf(year);
    const [districts, computed, values, targets] = await Promise.all([
      this.deps.store.districts.list(),
      this.computed([key], { year, scope: 'district', asOf }),
      this.deps.store.indicators.inForce(year, 'value', 'district'),
      this.deps.store.indicators.inForce(year, 'target', 'district'),
    ]);
    const valueOf = (code: string): number | null =>
      this.deps.providers.has(key)
        ? (computed.find((v) => v.key === key && v.code === code)?.value ?? null)
        : (values.find((e) => e.key === key && e.code === code)?.value ?? null);
    const rows = districts.map((d) => ({ code: d.code, name: d.name, value: valueOf(d.code) }));
    const ranked = rank(rows, {
      value: (r) => r.value,
      direction: def.direction === 'lower' ? 'ascending' : 'descending',
      ties: 'competition',
    });
    const elapsed = this.elapsed(year, asOf);
    return {
      key,
      year,
      direction: def.direction,
      order: `${def.direction === 'lower' ? 'smallest' : 'largest'} first (best); competition ranks; no value = no rank`,
      items: ranked.map((r) => {
        const target = targets.find((e) => e.key === key && e.code === r.item.code)?.value ?? null;
        return {
          rank: r.rank,
          code: r.item.code,
          name: r.item.name,
          value: r.item.value,
          target,
          status: statusOf(def.direction, def.aggregation, r.item.value, target, elapsed),
        };
      }),
    };
  }

  /**
   * Records a target or an entered statistic (audited in the same transaction). A computed
   * indicator takes targets only: its value is the owning module's figure.
   */
  async enter(
    actor: AuditActor,
    input: IndicatorEntryInput,
    address: string | null = null,
  ): Promise<IndicatorEntry> {
    const def = indicatorOf(input.key);
    if (def === undefined) throw new BadInputError(`key: no indicator "${input.key}"`);
    if (input.kind === 'value' && this.deps.providers.has(input.key)) {
      throw new ConflictError(
        `key: ${input.key} is computed by ${def.computedBy ?? 'a provider'}; enter its target only`,
      );
    }
    if (!Number.isFinite(input.value)) throw new BadInputError('value: must be a finite number');
    const code = input.scope === 'city' ? CITY_CODE : input.code;
    if (code === undefined) throw new BadInputError('code: scope=district needs the district code');
    if (input.scope === 'district') await this.placeName('district', code);
    if (input.scope === 'city' && input.code !== undefined && input.code !== CITY_CODE) {
      throw new BadInputError(`code: scope=city takes no code (or "${CITY_CODE}")`);
    }
    const at = this.deps.clock.now();
    return this.deps.store.db.transaction().execute(async (trx) => {
      const entry = await this.deps.store.indicators.append(
        {
          kind: input.kind,
          key: input.key,
          year: input.year,
          scope: input.scope,
          code,
          value: input.value,
          note: input.note ?? null,
          enteredBy: actor.username,
          enteredAt: at,
        },
        trx,
      );
      await this.deps.audit.record(
        {
          action: input.kind === 'target' ? 'indicator.target_set' : 'indicator.value_entered',
          actor,
          target: { type: 'indicator', id: input.key },
          details: { year: input.year, scope: input.scope, code, value: input.value },
          address,
        },
        trx,
      );
      return entry;
    });
  }

  /** Every entry of an indicator and year, oldest first. */
  history(key: string, year: number): Promise<IndicatorEntry[]> {
    if (indicatorOf(key) === undefined) throw new NotFoundError(`indicator ${key}`);
    return this.deps.store.indicators.history(key, year);
  }

  /**
   * Entries from CSV text with the header `kind,key,year,scope,code,value,note` (kind: target or
   * value); each row recorded on its own. Returns the count stored and the errors by line.
   */
  async importCsv(
    actor: AuditActor,
    text: string,
  ): Promise<{ stored: number; errors: { line: number; message: string }[] }> {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = (lines[0] ?? '').split(',').map((h) => h.trim());
    const expected = ['kind', 'key', 'year', 'scope', 'code', 'value', 'note'];
    if (expected.some((h, i) => header[i] !== h && !(h === 'note' && header[i] === undefined))) {
      throw new BadInputError(`header: expected ${expected.join(',')} (note optional)`);
    }
    let stored = 0;
    const errors: { line: number; message: string }[] = [];
    for (let i = 1; i < lines.length; i += 1) {
      const raw = lines[i] ?? '';
      if (raw.trim() === '') continue;
      const [kind, key, year, scope, code, value, ...note] = raw.split(',').map((c) => c.trim());
      try {
        if (kind !== 'target' && kind !== 'value')
          throw new BadInputError(`kind: "${kind}" is not target or value`);
        if (scope !== 'city' && scope !== 'district')
          throw new BadInputError(`scope: "${scope}" is not city or district`);
        if (!/^\d{4}$/.test(year ?? '')) throw new BadInputError(`year: "${year}" is not a year`);
        const v = Number(value);
        if (value === undefined || value === '' || !Number.isFinite(v))
          throw new BadInputError(`value: "${value}" is not a number`);
        await this.enter(actor, {
          kind,
          key: key ?? '',
          year: Number(year),
          scope,
          code: code === '' ? undefined : code,
          value: v,
          note: note.join(',') || undefined,
        });
        stored += 1;
      } catch (e) {
        if (!(e instanceof BadInputError || e instanceof ConflictError || e instanceof NotFoundError))
          throw e;
        errors.push({ line: i + 1, message: e.message });
      }
    }
    return { stored, errors };
  }
}
