/**
 * Carbon and energy records (migration 0010): the factor library, enterprise energy accounts by
 * month (versions), energy budgets (versions) and budget transfers. Everything is appended; "the
 * account of a month" is its newest version, optionally as it stood at an instant (`asOf`), which
 * is how a past figure is reproduced. Decisions belong to src/carbon/carbon.service.ts.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { BadInputError } from '../errors.js';
import type { CarbonFactorData, FactorTag } from '../standards/carbon-factors.js';
import type {
  CarbonFactorTable,
  Database,
  EnergyAccountTable,
  EnergyBudgetTable,
  EnergyBudgetTransferTable,
} from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A factor row as stored. */
export interface StoredFactor extends CarbonFactorData {
  id: number;
  createdBy: string;
  createdAt: Date;
}

/** Who entered an account version. */
export const ACCOUNT_SOURCES = ['enterprise', 'bureau', 'api', 'csv', 'demo'] as const;
export type AccountSource = (typeof ACCOUNT_SOURCES)[number];

/** One version of an enterprise's account for a month. */
export interface EnergyAccountVersion {
  id: number;
  siteId: number;
  /** China month, YYYY-MM. */
  month: string;
  version: number;
  /** Carrier → quantity, decimal text in the carrier's unit. */
  quantities: Record<string, string>;
  /** Value added, 10⁴ CNY (decimal text). */
  valueAdded: string | null;
  /** Industrial output, 10⁴ CNY (decimal text). */
  outputValue: string | null;
  /** GB/T 4754 industry code. */
  sector: string;
  source: AccountSource;
  recordedBy: string;
  recordedAt: Date;
  /** Why this version replaced the previous one (null for the first). */
  reason: string | null;
  demo: boolean;
}

export type EnergyAccountDraft = Omit<EnergyAccountVersion, 'id' | 'version'>;

/** One version of an annual energy budget. */
export interface EnergyBudgetVersion {
  id: number;
  siteId: number;
  year: number;
  budgetTce: string;
  /** How it was set (baseline, tier, cut, grade adjustment). */
  basis: Record<string, unknown>;
  issuedBy: string;
  issuedAt: Date;
  reason: string | null;
  demo: boolean;
}

export interface EnergyBudgetTransfer {
  id: number;
  year: number;
  fromSiteId: number;
  toSiteId: number;
  amountTce: string;
  reason: string;
  recordedBy: string;
  recordedAt: Date;
  demo: boolean;
}

function toFactor(r: Selectable<CarbonFactorTable>): StoredFactor {
  return {
    id: Number(r.id),
    key: r.key,
    family: r.family,
    region: r.region,
    value: r.value,
    unit: r.unit,
    sourceDoc: r.source_doc,
    clause: r.clause,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    tag: r.tag as FactorTag,
    createdBy: r.created_by,
    createdAt: new Date(Number(r.created_at)),
  };
}

function toAccount(r: Selectable<EnergyAccountTable>): EnergyAccountVersion {
  return {
    id: Number(r.id),
    siteId: Number(r.site_id),
    month: r.month,
    version: r.version,
    quantities: JSON.parse(r.quantities) as Record<string, string>,
    valueAdded: r.value_added,
    outputValue: r.output_value,
    sector: r.sector,
    source: r.source as AccountSource,
    recordedBy: r.recorded_by,
    recordedAt: new Date(Number(r.recorded_at)),
    reason: r.reason,
    demo: r.demo === 1,
  };
}

function toBudget(r: Selectable<EnergyBudgetTable>): EnergyBudgetVersion {
  return {
    id: Number(r.id),
    siteId: Number(r.site_id),
    year: r.year,
    budgetTce: r.budget_tce,
    basis: JSON.parse(r.basis) as Record<string, unknown>,
    issuedBy: r.issued_by,
    issuedAt: new Date(Number(r.issued_at)),
    reason: r.reason,
    demo: r.demo === 1,
  };
}

function toTransfer(r: Selectable<EnergyBudgetTransferTable>): EnergyBudgetTransfer {
  return {
    id: Number(r.id),
    year: r.year,
    fromSiteId: Number(r.from_site_id),
    toSiteId: Number(r.to_site_id),
    amountTce: r.amount_tce,
    reason: r.reason,
    recordedBy: r.recorded_by,
    recordedAt: new Date(Number(r.recorded_at)),
    demo: r.demo === 1,
  };
}

/** The newest version per key among rows given oldest first. */
function newestBy<T>(rows: readonly T[], key: (r: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const r of rows) byKey.set(key(r), r);
  return [...byKey.values()];
}

/** Filter of account reads. */
export interface AccountFilter {
  /** Only these enterprises (undefined: all). */
  siteIds?: readonly number[] | undefined;
  /** First and last month, YYYY-MM, inclusive. */
  from: string;
  to: string;
  /** The accounts as they stood at this instant (versions recorded later are left out). */
  asOf?: Date | undefined;
}

export class CarbonRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every factor row (as of an instant: rows added later left out), oldest first. */
  async factors(asOf?: Date, trx?: Transaction<Database>): Promise<StoredFactor[]> {
    let q = (trx ?? this.db).selectFrom('carbon_factors').selectAll();
    if (asOf !== undefined) q = q.where('created_at', '<=', asOf.getTime());
    return (await q.orderBy('id').execute()).map(toFactor);
  }

  /** Adds a factor row; an earlier row is never changed. */
  async addFactor(
    f: CarbonFactorData & { createdBy: string; createdAt: Date },
    trx?: Transaction<Database>,
  ): Promise<StoredFactor> {
    const row = await (trx ?? this.db)
      .insertInto('carbon_factors')
      .values({
        key: f.key,
        family: f.family,
        region: f.region,
        value: f.value,
        unit: f.unit,
        source_doc: f.sourceDoc,
        clause: f.clause,
        valid_from: f.validFrom,
        valid_to: f.validTo,
        tag: f.tag,
        created_by: f.createdBy,
        created_at: f.createdAt.getTime(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toFactor(row);
  }

  /** Appends the next version of an enterprise's month (version 1 when it has none). */
  async appendAccount(draft: EnergyAccountDraft, trx?: Transaction<Database>): Promise<EnergyAccountVersion> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(draft.month))
      throw new BadInputError(`month: "${draft.month}" is not YYYY-MM`);
    const db: Db = trx ?? this.db;
    const last = await db
      .selectFrom('energy_accounts')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('site_id', '=', draft.siteId)
      .where('month', '=', draft.month)
      .executeTakeFirst();
    const row = await db
      .insertInto('energy_accounts')
      .values({
        site_id: draft.siteId,
        month: draft.month,
        version: Number(last?.v ?? 0) + 1,
        quantities: JSON.stringify(draft.quantities),
        value_added: draft.valueAdded,
        output_value: draft.outputValue,
        sector: draft.sector,
        source: draft.source,
        recorded_by: draft.recordedBy,
        recorded_at: draft.recordedAt.getTime(),
        reason: draft.reason,
        demo: draft.demo ? 1 : 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAccount(row);
  }

  /** Appends many first versions at once (the demo loader); every row must be new. */
  async insertAccounts(drafts: readonly EnergyAccountDraft[], trx?: Transaction<Database>): Promise<void> {
    const db: Db = trx ?? this.db;
    for (let i = 0; i < drafts.length; i += 500) {
      await db
        .insertInto('energy_accounts')
        .values(
          drafts.slice(i, i + 500).map((d) => ({
            site_id: d.siteId,
            month: d.month,
            version: 1,
            quantities: JSON.stringify(d.quantities),
            value_added: d.valueAdded,
            output_value: d.outputValue,
            sector: d.sector,
            source: d.source,
            recorded_by: d.recordedBy,
            recorded_at: d.recordedAt.getTime(),
            reason: d.reason,
            demo: d.demo ? 1 : 0,
          })),
        )
        .execute();
    }
  }

  /** The account in force of each enterprise and month in the range (newest version, as of `asOf`). */
  async accounts(filter: AccountFilter, trx?: Transaction<Database>): Promise<EnergyAccountVersion[]> {
    if (filter.siteIds !== undefined && filter.siteIds.length === 0) return [];
    let q = (trx ?? this.db)
      .selectFrom('energy_accounts')
      .selectAll()
      .where('month', '>=', filter.from)
      .where('month', '<=', filter.to);
    if (filter.siteIds !== undefined) q = q.where('site_id', 'in', [...filter.siteIds]);
    if (filter.asOf !== undefined) q = q.where('recorded_at', '<=', filter.asOf.getTime());
    const rows = await q.orderBy('site_id').orderBy('month').orderBy('version').execute();
    return newestBy(rows.map(toAccount), (a) => `${a.siteId}/${a.month}`);
  }

  /** Every version of one enterprise's month, oldest first. */
  async accountVersions(siteId: number, month: string): Promise<EnergyAccountVersion[]> {
    const rows = await this.db
      .selectFrom('energy_accounts')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('month', '=', month)
      .orderBy('version')
      .execute();
    return rows.map(toAccount);
  }

  /** Appends a budget version for an enterprise and year. */
  async appendBudget(
    b: Omit<EnergyBudgetVersion, 'id'>,
    trx?: Transaction<Database>,
  ): Promise<EnergyBudgetVersion> {
    const row = await (trx ?? this.db)
      .insertInto('energy_budgets')
      .values({
        site_id: b.siteId,
        year: b.year,
        budget_tce: b.budgetTce,
        basis: JSON.stringify(b.basis),
        issued_by: b.issuedBy,
        issued_at: b.issuedAt.getTime(),
        reason: b.reason,
        demo: b.demo ? 1 : 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toBudget(row);
  }

  /** The budget in force of each enterprise for a year (its newest version). */
  async budgets(year: number, trx?: Transaction<Database>): Promise<EnergyBudgetVersion[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('energy_budgets')
      .selectAll()
      .where('year', '=', year)
      .orderBy('id')
      .execute();
    return newestBy(rows.map(toBudget), (b) => String(b.siteId));
  }

  async addTransfer(
    t: Omit<EnergyBudgetTransfer, 'id'>,
    trx?: Transaction<Database>,
  ): Promise<EnergyBudgetTransfer> {
    const row = await (trx ?? this.db)
      .insertInto('energy_budget_transfers')
      .values({
        year: t.year,
        from_site_id: t.fromSiteId,
        to_site_id: t.toSiteId,
        amount_tce: t.amountTce,
        reason: t.reason,
        recorded_by: t.recordedBy,
        recorded_at: t.recordedAt.getTime(),
        demo: t.demo ? 1 : 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTransfer(row);
  }

  /** Transfers of a year, oldest first. */
  async transfers(year: number, trx?: Transaction<Database>): Promise<EnergyBudgetTransfer[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('energy_budget_transfers')
      .selectAll()
      .where('year', '=', year)
      .orderBy('id')
      .execute();
    return rows.map(toTransfer);
  }
}
