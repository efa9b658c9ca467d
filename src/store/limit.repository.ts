/**
 * Emission limits of outlets. Rows are appended, never edited: a bureau change is a new row, and
 * on any day the newest row in force for (site, parameter, averaging) is the limit. Earlier rows
 * stay as the record of what applied when.
 */
import { BadInputError } from '../errors.js';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database, LimitTable } from './schema.js';

/** Averaging period a limit is judged on (hourly means for flue gas, daily for wastewater). */
export type LimitAveragingPeriod = 'hour' | 'day';

/** One limit row of one outlet. */
export interface OutletLimit {
  id: number;
  siteId: number;
  /** HJ 212-2017 parameter code. */
  parameter: string;
  /** Upper limit in `unit`. */
  value: number;
  /** Lower limit of a range (pH 6–9), or null. */
  lowerValue: number | null;
  unit: string;
  averaging: LimitAveragingPeriod;
  /** Reference O2 in % the gas value is expressed at; null for water. */
  referenceO2Pct: number | null;
  standard: string;
  clause: string;
  /** First and last China-local day in force (`YYYY-MM-DD`); null = unbounded. */
  validFrom: string | null;
  validTo: string | null;
  /** `preset:<standard>` for rows applied from the built-in tables, `bureau` for rows entered by hand. */
  source: string;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

export type NewOutletLimit = Omit<OutletLimit, 'id' | 'createdAt' | 'note'> & { note?: string | null };

function toLimit(r: Selectable<LimitTable>): OutletLimit {
  return {
    id: r.id,
    siteId: r.site_id,
    parameter: r.parameter,
    value: r.value,
    lowerValue: r.lower_value,
    unit: r.unit,
    averaging: r.averaging as LimitAveragingPeriod,
    referenceO2Pct: r.reference_o2,
    standard: r.standard,
    clause: r.clause,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    source: r.source,
    note: r.note,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkLimit(l: NewOutletLimit): void {
  if (!Number.isFinite(l.value)) throw new BadInputError(`limit of ${l.parameter}: value must be finite`);
  if (l.lowerValue !== null && !(Number.isFinite(l.lowerValue) && l.lowerValue <= l.value)) {
    throw new BadInputError(`limit of ${l.parameter}: lowerValue must be finite and ≤ value`);
  }
  for (const d of [l.validFrom, l.validTo]) {
    if (d !== null && !DAY.test(d)) throw new BadInputError(`limit day "${d}" must be YYYY-MM-DD`);
  }
  if (l.validFrom !== null && l.validTo !== null && l.validTo < l.validFrom) {
    throw new BadInputError(
      `limit of ${l.parameter}: validTo ${l.validTo} is before validFrom ${l.validFrom}`,
    );
  }
}

export class LimitRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends rows in one statement; throws a BadInputError naming the bad field. Pass `trx` to
   * commit them with the caller's own rows.
   */
  async add(rows: readonly NewOutletLimit[], trx?: Transaction<Database>): Promise<OutletLimit[]> {
    if (rows.length === 0) return [];
    rows.forEach(checkLimit);
    const at = this.clock.now().getTime();
    const stored = await (trx ?? this.db)
      .insertInto('limits')
      .values(
        rows.map((l) => ({
          site_id: l.siteId,
          parameter: l.parameter,
          value: l.value,
          lower_value: l.lowerValue,
          unit: l.unit,
          averaging: l.averaging,
          reference_o2: l.referenceO2Pct,
          standard: l.standard,
          clause: l.clause,
          valid_from: l.validFrom,
          valid_to: l.validTo,
          source: l.source,
          note: l.note ?? null,
          created_by: l.createdBy,
          created_at: at,
        })),
      )
      .returningAll()
      .execute();
    return stored.map(toLimit).sort((a, b) => a.id - b.id);
  }

  /** Every row of a site, oldest first (the record). */
  async listForSite(siteId: number): Promise<OutletLimit[]> {
    const rows = await this.db
      .selectFrom('limits')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('id')
      .execute();
    return rows.map(toLimit);
  }

  /**
   * The limits in force on a China-local day (`YYYY-MM-DD`) for the sites: per (site, parameter,
   * averaging) the newest row whose validity covers the day.
   */
  async inForce(siteIds: readonly number[], day: string): Promise<OutletLimit[]> {
    if (siteIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('limits')
      .selectAll()
      .where('site_id', 'in', [...siteIds])
      .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', day)]))
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]))
      .orderBy('id', 'desc')
      .execute();
    const seen = new Set<string>();
    const out: OutletLimit[] = [];
    for (const r of rows) {
      const key = `${r.site_id}\u0000${r.parameter}\u0000${r.averaging}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(toLimit(r));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** The sites that have at least one limit row. */
  async sitesWithLimits(): Promise<number[]> {
    const rows = await this.db.selectFrom('limits').select('site_id').distinct().execute();
    return rows.map((r) => r.site_id);
  }
}
