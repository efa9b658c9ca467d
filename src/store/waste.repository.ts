/**
 * Hazardous-waste records (issue 22): waste roles of enterprise sites, the directory catalogue,
 * storage facilities, the append-only ledger, transfer manifests (items, append-only events, a
 * cached state), annual plans, declarations and monthly zero-waste statistics. Reads and writes
 * only; the waste service decides. Quantities are integer kilograms.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { DomainError } from '../errors.js';
import type {
  Database,
  WasteLedgerTable,
  WasteManifestEventTable,
  WasteManifestItemTable,
  WasteManifestTable,
  WastePartyTable,
} from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export const WASTE_ROLES = ['generator', 'carrier', 'receiver'] as const;
export type WasteRole = (typeof WASTE_ROLES)[number];

/**
 * Ledger movements: into a site's stock (`generated`, `received`, `returned` — a rejected load back
 * at its consignor) and out of it (`shipped`, `self_utilised`, `utilised`, `disposed`); `stocktake`
 * is a counted stock, not a movement; `correction_in`/`correction_out` correct an earlier record (who and why in `note`).
 */
export const LEDGER_KINDS = [
  'generated',
  'received',
  'returned',
  'shipped',
  'self_utilised',
  'utilised',
  'disposed',
  'stocktake',
  'correction_in',
  'correction_out',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** +1 into stock, −1 out of it, 0 not a movement. */
export function ledgerSign(kind: LedgerKind): 1 | -1 | 0 {
  switch (kind) {
    case 'generated':
    case 'received':
    case 'returned':
    case 'correction_in':
      return 1;
    case 'shipped':
    case 'self_utilised':
    case 'utilised':
    case 'disposed':
    case 'correction_out':
      return -1;
    case 'stocktake':
      return 0;
    default: {
      const impossible: never = kind;
      throw new Error(`unknown ledger kind ${String(impossible)}`);
    }
  }
}

export interface WasteParty {
  siteId: number;
  siteCode: string;
  siteName: string;
  districtCode: string;
  longitude: number | null;
  latitude: number | null;
  role: WasteRole;
  /** Carrier: dangerous-goods road transport permit. */
  permitNo: string | null;
  vehicles: string[];
  /** Receiver: codes and methods its business licence lists, and its annual capacity. */
  licenceCodes: string[];
  licenceMethods: string[];
  annualCapacityKg: number | null;
  demo: boolean;
}

export type NewWasteParty = Omit<
  WasteParty,
  'siteCode' | 'siteName' | 'districtCode' | 'longitude' | 'latitude'
> & {
  updatedAt: Date;
  updatedBy: string;
};

export interface CatalogueEntry {
  edition: string;
  code: string;
  category: string;
  name: string;
  hazards: string[];
  tag: string;
}

export interface WasteFacility {
  id: number;
  siteId: number;
  code: string;
  name: string;
  capacityKg: number;
  location: string;
}

export interface LedgerRecord {
  id: number;
  siteId: number;
  kind: LedgerKind;
  at: Date;
  code: string;
  quantityKg: number;
  facilityId: number | null;
  batch: string;
  container: string;
  handler: string;
  manifestId: number | null;
  note: string;
  recordedAt: Date;
  recordedBy: string;
  demo: boolean;
}
export type NewLedgerRecord = Omit<LedgerRecord, 'id'>;

export interface ManifestItem {
  line: number;
  code: string;
  name: string;
  form: string;
  hazard: string;
  packaging: string;
  quantityKg: number;
  facilityId: number | null;
  receivedKg: number | null;
  receivedCode: string | null;
}

/** A discrepancy found on a manifest (quantity, code, overdue receipt). */
export interface ManifestDiscrepancy {
  kind: 'quantity' | 'code' | 'receipt_overdue';
  line: number | null;
  detail: string;
  at: string;
}

/** A manifest: its parties and items, and the columns its events leave ({@link ManifestCache}). */
export interface ManifestRecord extends ManifestCache {
  id: number;
  number: string;
  consignorSiteId: number;
  carrierSiteId: number;
  receiverSiteId: number;
  createdAt: Date;
  createdBy: string;
  demo: boolean;
  items: ManifestItem[];
}

export interface ManifestEvent {
  seq: number;
  kind: string;
  fromState: string | null;
  toState: string | null;
  actor: string;
  actorRole: string;
  at: Date;
  comment: string;
  data: Record<string, unknown>;
}

/** The cached columns of a manifest, as its events leave them. */
export interface ManifestCache {
  state: string;
  lastSeq: number;
  vehicle: string | null;
  pickedUpAt: Date | null;
  receiptDueAt: Date | null;
  receivedAt: Date | null;
  disposedAt: Date | null;
  method: string | null;
  discrepancies: ManifestDiscrepancy[];
  updatedAt: Date;
}

export interface ManifestFilter {
  /** Manifests on which one of these sites is a party (undefined: all). */
  partySiteIds?: readonly number[] | undefined;
  /** Manifests with a party in this district. */
  districtCode?: string | undefined;
  state?: string | undefined;
  limit: number;
  offset: number;
}

export interface WasteStat {
  month: string;
  scope: string;
  key: string;
  value: number;
  target: number | null;
  enteredAt: Date;
  enteredBy: string;
}

/** Two writers appended the same event number: the later one must read again (409). */
export class ManifestWriteConflictError extends DomainError {
  constructor(id: number) {
    super('conflict', `manifest ${id} was changed by someone else meanwhile; read it again`);
  }
}

const parseList = (text: string): string[] => JSON.parse(text) as string[];

function toParty(
  r: Selectable<WastePartyTable> & {
    site_code: string;
    site_name: string;
    district_code: string;
    longitude: number | null;
    latitude: number | null;
  },
): WasteParty {
  return {
    siteId: r.site_id,
    siteCode: r.site_code,
    siteName: r.site_name,
    districtCode: r.district_code,
    longitude: r.longitude,
    latitude: r.latitude,
    role: r.role as WasteRole,
    permitNo: r.permit_no,
    vehicles: parseList(r.vehicles),
    licenceCodes: parseList(r.licence_codes),
    licenceMethods: parseList(r.licence_methods),
    annualCapacityKg: r.annual_capacity_kg === null ? null : Number(r.annual_capacity_kg),
    demo: r.demo === 1,
  };
}

function toLedger(r: Selectable<WasteLedgerTable>): LedgerRecord {
  return {
    id: r.id,
    siteId: r.site_id,
    kind: r.kind as LedgerKind,
    at: new Date(Number(r.at)),
    code: r.code,
    quantityKg: Number(r.quantity_kg),
    facilityId: r.facility_id,
    batch: r.batch,
    container: r.container,
    handler: r.handler,
    manifestId: r.manifest_id,
    note: r.note,
    recordedAt: new Date(Number(r.recorded_at)),
    recordedBy: r.recorded_by,
    demo: r.demo === 1,
  };
}

const dateOrNull = (v: number | null): Date | null => (v === null ? null : new Date(Number(v)));

function toItem(r: Selectable<WasteManifestItemTable>): ManifestItem {
  return {
    line: r.line,
    code: r.code,
    name: r.name,
    form: r.form,
    hazard: r.hazard,
    packaging: r.packaging,
    quantityKg: Number(r.quantity_kg),
    facilityId: r.facility_id,
    receivedKg: r.received_kg === null ? null : Number(r.received_kg),
    receivedCode: r.received_code,
  };
}

function toManifest(r: Selectable<WasteManifestTable>, items: ManifestItem[]): ManifestRecord {
  return {
    id: r.id,
    number: r.number,
    consignorSiteId: r.consignor_site_id,
    carrierSiteId: r.carrier_site_id,
    receiverSiteId: r.receiver_site_id,
    createdAt: new Date(Number(r.created_at)),
    createdBy: r.created_by,
    demo: r.demo === 1,
    state: r.state,
    lastSeq: r.last_seq,
    vehicle: r.vehicle,
    pickedUpAt: dateOrNull(r.picked_up_at),
    receiptDueAt: dateOrNull(r.receipt_due_at),
    receivedAt: dateOrNull(r.received_at),
    disposedAt: dateOrNull(r.disposed_at),
    method: r.method,
    discrepancies: JSON.parse(r.discrepancies) as ManifestDiscrepancy[],
    updatedAt: new Date(Number(r.updated_at)),
    items,
  };
}

function toEvent(r: Selectable<WasteManifestEventTable>): ManifestEvent {
  return {
    seq: r.seq,
    kind: r.kind,
    fromState: r.from_state,
    toState: r.to_state,
    actor: r.actor,
    actorRole: r.actor_role,
    at: new Date(Number(r.at)),
    comment: r.comment,
    data: JSON.parse(r.data) as Record<string, unknown>,
  };
}

function cacheColumns(c: ManifestCache) {
  return {
    state: c.state,
    last_seq: c.lastSeq,
    vehicle: c.vehicle,
    picked_up_at: c.pickedUpAt?.getTime() ?? null,
    receipt_due_at: c.receiptDueAt?.getTime() ?? null,
    received_at: c.receivedAt?.getTime() ?? null,
    disposed_at: c.disposedAt?.getTime() ?? null,
    method: c.method,
    discrepancies: JSON.stringify(c.discrepancies),
    updated_at: c.updatedAt.getTime(),
  };
}

/** Largest number of ledger rows read for one site's stock (a decade of daily records). */
export const MAX_LEDGER_ROWS = 50_000;

export class WasteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Sets a site's waste role (replacing what it held for that role). */
  async putParty(p: NewWasteParty, trx?: Transaction<Database>): Promise<void> {
    const values = {
      site_id: p.siteId,
      role: p.role,
      permit_no: p.permitNo,
      vehicles: JSON.stringify(p.vehicles),
      licence_codes: JSON.stringify(p.licenceCodes),
      licence_methods: JSON.stringify(p.licenceMethods),
      annual_capacity_kg: p.annualCapacityKg,
      updated_at: p.updatedAt.getTime(),
      updated_by: p.updatedBy,
      demo: p.demo ? 1 : 0,
    };
    const { site_id: _s, role: _r, ...rest } = values;
    await (trx ?? this.db)
      .insertInto('waste_parties')
      .values(values)
      .onConflict((oc) => oc.columns(['site_id', 'role']).doUpdateSet(rest))
      .execute();
  }

  /** Parties, by role, optionally limited to sites or a district; ordered by site code. */
  async parties(
    filter: { role?: WasteRole | undefined; siteIds?: readonly number[]; districtCode?: string } = {},
    trx?: Db,
  ): Promise<WasteParty[]> {
    if (filter.siteIds !== undefined && filter.siteIds.length === 0) return [];
    let q = (trx ?? this.db)
      .selectFrom('waste_parties as p')
      .innerJoin('sites as s', 's.id', 'p.site_id')
      .selectAll('p')
      .select([
        's.code as site_code',
        's.name as site_name',
        's.district_code as district_code',
        's.longitude as longitude',
        's.latitude as latitude',
      ]);
    if (filter.role !== undefined) q = q.where('p.role', '=', filter.role);
    if (filter.siteIds !== undefined) q = q.where('p.site_id', 'in', filter.siteIds);
    if (filter.districtCode !== undefined) q = q.where('s.district_code', '=', filter.districtCode);
    const rows = await q.orderBy('s.code').orderBy('p.role').execute();
    return rows.map(toParty);
  }

  /** Adds or replaces catalogue entries of an edition. */
  async putCatalogue(entries: readonly CatalogueEntry[], by: string, at: Date, trx?: Db): Promise<void> {
    for (const e of entries) {
      const row = {
        edition: e.edition,
        code: e.code,
        category: e.category,
        name: e.name,
        hazards: e.hazards.join('/'),
        tag: e.tag,
        updated_at: at.getTime(),
        updated_by: by,
      };
      await (trx ?? this.db)
        .insertInto('waste_catalogue')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['edition', 'code']).doUpdateSet({
            category: row.category,
            name: row.name,
            hazards: row.hazards,
            tag: row.tag,
            updated_at: row.updated_at,
            updated_by: row.updated_by,
          }),
        )
        .execute();
    }
  }

  async catalogue(edition: string, trx?: Db): Promise<CatalogueEntry[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('waste_catalogue')
      .selectAll()
      .where('edition', '=', edition)
      .orderBy('code')
      .execute();
    return rows.map((r) => ({
      edition: r.edition,
      code: r.code,
      category: r.category,
      name: r.name,
      hazards: r.hazards.split('/'),
      tag: r.tag,
    }));
  }

  async addFacility(f: Omit<WasteFacility, 'id'>, trx?: Db): Promise<WasteFacility> {
    const row = await (trx ?? this.db)
      .insertInto('waste_facilities')
      .values({
        site_id: f.siteId,
        code: f.code,
        name: f.name,
        capacity_kg: f.capacityKg,
        location: f.location,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, ...f };
  }

  async facilities(siteId: number, trx?: Db): Promise<WasteFacility[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('waste_facilities')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('code')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      code: r.code,
      name: r.name,
      capacityKg: Number(r.capacity_kg),
      location: r.location,
    }));
  }

  /** Appends ledger records (never changed afterwards). */
  async appendLedger(records: readonly NewLedgerRecord[], trx?: Db): Promise<LedgerRecord[]> {
    if (records.length === 0) return [];
    const rows = await (trx ?? this.db)
      .insertInto('waste_ledger')
      .values(
        records.map((r) => ({
          site_id: r.siteId,
          kind: r.kind,
          at: r.at.getTime(),
          code: r.code,
          quantity_kg: r.quantityKg,
          facility_id: r.facilityId,
          batch: r.batch,
          container: r.container,
          handler: r.handler,
          manifest_id: r.manifestId,
          note: r.note,
          recorded_at: r.recordedAt.getTime(),
          recorded_by: r.recordedBy,
          demo: r.demo ? 1 : 0,
        })),
      )
      .returningAll()
      .execute();
    return rows.map(toLedger);
  }

  /** A site's ledger records in time order, `at` within [from, to). */
  async ledger(siteId: number, range: { from?: Date; to?: Date } = {}, trx?: Db): Promise<LedgerRecord[]> {
    let q = (trx ?? this.db).selectFrom('waste_ledger').selectAll().where('site_id', '=', siteId);
    if (range.from !== undefined) q = q.where('at', '>=', range.from.getTime());
    if (range.to !== undefined) q = q.where('at', '<', range.to.getTime());
    const rows = await q.orderBy('at').orderBy('id').limit(MAX_LEDGER_ROWS).execute();
    return rows.map(toLedger);
  }

  /** Sites with ledger records (for the timed pass). */
  async ledgerSites(trx?: Db): Promise<number[]> {
    const rows = await (trx ?? this.db).selectFrom('waste_ledger').select('site_id').distinct().execute();
    return rows.map((r) => r.site_id).sort((a, b) => a - b);
  }

  /** Sums of ledger quantities by site, code and kind over [from, to) — the city's figures. */
  async ledgerTotals(
    range: { from: Date; to: Date },
    trx?: Db,
  ): Promise<{ siteId: number; code: string; kind: LedgerKind; kg: number }[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('waste_ledger')
      .select(['site_id', 'code', 'kind'])
      .select((eb) => eb.fn.sum<number | string>('quantity_kg').as('kg'))
      .where('at', '>=', range.from.getTime())
      .where('at', '<', range.to.getTime())
      .groupBy(['site_id', 'code', 'kind'])
      .execute();
    return rows.map((r) => ({
      siteId: r.site_id,
      code: r.code,
      kind: r.kind as LedgerKind,
      kg: Number(r.kg),
    }));
  }

  /** The largest manifest number starting with a 8-digit prefix (year + province + city), or null. */
  async lastManifestNumber(prefix: string, trx?: Db): Promise<string | null> {
    const row = await (trx ?? this.db)
      .selectFrom('waste_manifests')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('number', 'like', `${prefix}%`)
      .executeTakeFirst();
    return row?.n ?? null;
  }

  /** Creates a manifest with its items and first event. */
  async createManifest(
    m: {
      number: string;
      consignorSiteId: number;
      carrierSiteId: number;
      receiverSiteId: number;
      createdAt: Date;
      createdBy: string;
      demo: boolean;
    },
    items: readonly Omit<ManifestItem, 'receivedKg' | 'receivedCode'>[],
    first: ManifestEvent,
    cache: ManifestCache,
    trx: Transaction<Database>,
  ): Promise<number> {
    const row = await trx
      .insertInto('waste_manifests')
      .values({
        number: m.number,
        consignor_site_id: m.consignorSiteId,
        carrier_site_id: m.carrierSiteId,
        receiver_site_id: m.receiverSiteId,
        created_at: m.createdAt.getTime(),
        created_by: m.createdBy,
        demo: m.demo ? 1 : 0,
        ...cacheColumns(cache),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('waste_manifest_items')
      .values(
        items.map((i) => ({
          manifest_id: row.id,
          line: i.line,
          code: i.code,
          name: i.name,
          form: i.form,
          hazard: i.hazard,
          packaging: i.packaging,
          quantity_kg: i.quantityKg,
          facility_id: i.facilityId,
        })),
      )
      .execute();
    await this.insertEvent(trx, row.id, first);
    return row.id;
  }

  /**
   * Appends an event and updates the cached columns; the cache moves only from `expectedSeq`, so
   * of two writers that read the same manifest one loses (`ManifestWriteConflictError`).
   */
  async appendManifestEvent(
    id: number,
    expectedSeq: number,
    event: ManifestEvent,
    cache: ManifestCache,
    trx: Transaction<Database>,
  ): Promise<void> {
    const res = await trx
      .updateTable('waste_manifests')
      .set(cacheColumns(cache))
      .where('id', '=', id)
      .where('last_seq', '=', expectedSeq)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new ManifestWriteConflictError(id);
    await this.insertEvent(trx, id, event);
  }

  private async insertEvent(trx: Transaction<Database>, id: number, e: ManifestEvent): Promise<void> {
    await trx
      .insertInto('waste_manifest_events')
      .values({
        manifest_id: id,
        seq: e.seq,
        kind: e.kind,
        from_state: e.fromState,
        to_state: e.toState,
        actor: e.actor,
        actor_role: e.actorRole,
        at: e.at.getTime(),
        comment: e.comment,
        data: JSON.stringify(e.data),
      })
      .execute();
  }

  /** Records what the receiver confirmed per item line. */
  async setReceived(
    id: number,
    lines: readonly { line: number; receivedKg: number; receivedCode: string }[],
    trx: Transaction<Database>,
  ): Promise<void> {
    for (const l of lines) {
      await trx
        .updateTable('waste_manifest_items')
        .set({ received_kg: l.receivedKg, received_code: l.receivedCode })
        .where('manifest_id', '=', id)
        .where('line', '=', l.line)
        .execute();
    }
  }

  async manifest(id: number, trx?: Db): Promise<ManifestRecord | null> {
    const db = trx ?? this.db;
    const row = await db.selectFrom('waste_manifests').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) return null;
    const items = await db
      .selectFrom('waste_manifest_items')
      .selectAll()
      .where('manifest_id', '=', id)
      .orderBy('line')
      .execute();
    return toManifest(row, items.map(toItem));
  }

  async manifestEvents(id: number, trx?: Db): Promise<ManifestEvent[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('waste_manifest_events')
      .selectAll()
      .where('manifest_id', '=', id)
      .orderBy('seq')
      .execute();
    return rows.map(toEvent);
  }

  /** Manifests newest first, with the total. */
  async manifests(f: ManifestFilter, trx?: Db): Promise<{ items: ManifestRecord[]; total: number }> {
    const db = trx ?? this.db;
    if (f.partySiteIds !== undefined && f.partySiteIds.length === 0) return { items: [], total: 0 };
    let q = db.selectFrom('waste_manifests as m');
    if (f.partySiteIds !== undefined) {
      const ids = f.partySiteIds;
      q = q.where((eb) =>
        eb.or([
          eb('m.consignor_site_id', 'in', ids),
          eb('m.carrier_site_id', 'in', ids),
          eb('m.receiver_site_id', 'in', ids),
        ]),
      );
    }
    if (f.districtCode !== undefined) {
      const inDistrict = db.selectFrom('sites').select('id').where('district_code', '=', f.districtCode);
      q = q.where((eb) =>
        eb.or([
          eb('m.consignor_site_id', 'in', inDistrict),
          eb('m.carrier_site_id', 'in', inDistrict),
          eb('m.receiver_site_id', 'in', inDistrict),
        ]),
      );
    }
    if (f.state !== undefined) q = q.where('m.state', '=', f.state);
    const total = Number(
      (await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n,
    );
    const rows = await q.selectAll('m').orderBy('m.id', 'desc').limit(f.limit).offset(f.offset).execute();
    if (rows.length === 0) return { items: [], total };
    const items = await db
      .selectFrom('waste_manifest_items')
      .selectAll()
      .where(
        'manifest_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('manifest_id')
      .orderBy('line')
      .execute();
    return {
      items: rows.map((r) => toManifest(r, items.filter((i) => i.manifest_id === r.id).map(toItem))),
      total,
    };
  }

  /** Manifests in transit whose receipt is due before `now` and not yet flagged overdue. */
  async receiptsOverdue(now: Date, trx?: Db): Promise<ManifestRecord[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('waste_manifests')
      .select('id')
      .where('state', '=', 'in_transit')
      .where('receipt_due_at', '<', now.getTime())
      .orderBy('id')
      .execute();
    const out: ManifestRecord[] = [];
    for (const r of rows) {
      const m = await this.manifest(r.id, trx);
      if (m !== null && !m.discrepancies.some((d) => d.kind === 'receipt_overdue')) out.push(m);
    }
    return out;
  }

  /** Files a plan line (a later filing for the same year and code supersedes; the earlier stays). */
  async filePlan(
    p: { siteId: number; year: number; code: string; plannedKg: number; filedAt: Date; filedBy: string },
    trx?: Db,
  ): Promise<void> {
    await (trx ?? this.db)
      .insertInto('waste_plans')
      .values({
        site_id: p.siteId,
        year: p.year,
        code: p.code,
        planned_kg: p.plannedKg,
        filed_at: p.filedAt.getTime(),
        filed_by: p.filedBy,
      })
      .execute();
  }

  /** The current plan of a year: the latest filing per code. */
  async plan(
    siteId: number,
    year: number,
    trx?: Db,
  ): Promise<{ code: string; plannedKg: number; filedAt: Date }[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('waste_plans')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('year', '=', year)
      .orderBy('id')
      .execute();
    const latest = new Map<string, { code: string; plannedKg: number; filedAt: Date }>();
    for (const r of rows) {
      latest.set(r.code, {
        code: r.code,
        plannedKg: Number(r.planned_kg),
        filedAt: new Date(Number(r.filed_at)),
      });
    }
    return [...latest.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Records a declaration; false when it was already filed. */
  async fileDeclaration(
    d: { siteId: number; kind: string; period: string; filedAt: Date; filedBy: string },
    trx?: Db,
  ): Promise<boolean> {
    const res = await (trx ?? this.db)
      .insertInto('waste_declarations')
      .values({
        site_id: d.siteId,
        kind: d.kind,
        period: d.period,
        filed_at: d.filedAt.getTime(),
        filed_by: d.filedBy,
      })
      .onConflict((oc) => oc.columns(['site_id', 'kind', 'period']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async declarations(siteId: number, trx?: Db): Promise<{ kind: string; period: string; filedAt: Date }[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('waste_declarations')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('period')
      .execute();
    return rows.map((r) => ({ kind: r.kind, period: r.period, filedAt: new Date(Number(r.filed_at)) }));
  }

  /** Appends statistics (a later entry for the same month, scope and key supersedes). */
  async enterStats(stats: readonly WasteStat[], trx?: Db): Promise<void> {
    if (stats.length === 0) return;
    await (trx ?? this.db)
      .insertInto('waste_stats')
      .values(
        stats.map((s) => ({
          month: s.month,
          scope: s.scope,
          key: s.key,
          value: s.value,
          target: s.target,
          entered_at: s.enteredAt.getTime(),
          entered_by: s.enteredBy,
        })),
      )
      .execute();
  }

  /** The current statistics of a scope for months in [fromMonth, toMonth] (latest entry per month and key). */
  async stats(scope: string, fromMonth: string, toMonth: string, trx?: Db): Promise<WasteStat[]> {
    const rows = await (trx ?? this.db)
      .selectFrom('waste_stats')
      .selectAll()
      .where('scope', '=', scope)
      .where('month', '>=', fromMonth)
      .where('month', '<=', toMonth)
      .orderBy('id')
      .execute();
    const latest = new Map<string, WasteStat>();
    for (const r of rows) {
      latest.set(`${r.month}|${r.key}`, {
        month: r.month,
        scope: r.scope,
        key: r.key,
        value: Number(r.value),
        target: r.target === null ? null : Number(r.target),
        enteredAt: new Date(Number(r.entered_at)),
        enteredBy: r.entered_by,
      });
    }
    return [...latest.values()].sort((a, b) => (a.month + a.key).localeCompare(b.month + b.key));
  }
}
