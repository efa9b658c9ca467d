import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, DistrictTable } from './schema.js';
import type { BoundaryGeometry, District, DistrictBoundary } from './types.js';

function toDistrict(r: Selectable<DistrictTable>): District {
  return {
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    parentCode: r.parent_code,
    retiredAt: r.retired_at === null ? null : new Date(r.retired_at),
  };
}

/** The city's county-level divisions, their parents and boundaries. */
export class DistrictRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts divisions, updating the names (and parents, when given) of those that exist. */
  async upsertMany(districts: readonly District[], trx?: Transaction<Database>): Promise<void> {
    for (const d of districts) await this.upsert(d, trx);
  }

  /** Inserts a division or updates its names and parent; a retired one given again is active again. */
  async upsert(d: District, trx?: Transaction<Database>): Promise<void> {
    const values = {
      code: d.code,
      name: d.name,
      name_en: d.nameEn,
      parent_code: d.parentCode ?? null,
      retired_at: d.retiredAt === undefined || d.retiredAt === null ? null : d.retiredAt.getTime(),
    };
    await (trx ?? this.db)
      .insertInto('districts')
      .values(values)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name: values.name,
          name_en: values.name_en,
          parent_code: values.parent_code,
          retired_at: values.retired_at,
        }),
      )
      .execute();
  }

  /** The divisions by code; retired ones only when asked. */
  async list(options: { includeRetired?: boolean } = {}): Promise<District[]> {
    let q = this.db.selectFrom('districts').selectAll();
    if (options.includeRetired !== true) q = q.where('retired_at', 'is', null);
    const rows = await q.orderBy('code').execute();
    return rows.map(toDistrict);
  }

  /** One division by code, retired or not. */
  async get(code: string, trx?: Transaction<Database>): Promise<District | null> {
    const r = await (trx ?? this.db)
      .selectFrom('districts')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    return r ? toDistrict(r) : null;
  }

  /** Retires a division (it keeps its rows and history); false when there is no such code. */
  async retire(code: string, at: Date, trx?: Transaction<Database>): Promise<boolean> {
    const r = await (trx ?? this.db)
      .updateTable('districts')
      .set({ retired_at: at.getTime() })
      .where('code', '=', code)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Sets or clears a division's boundary. */
  async setBoundary(
    code: string,
    geometry: BoundaryGeometry | null,
    trx?: Transaction<Database>,
  ): Promise<void> {
    await (trx ?? this.db)
      .updateTable('districts')
      .set({ boundary: geometry === null ? null : JSON.stringify(geometry) })
      .where('code', '=', code)
      .execute();
  }

  /** The boundaries of the divisions that have one (retired ones only when asked), by code. */
  async boundaries(options: { includeRetired?: boolean } = {}): Promise<DistrictBoundary[]> {
    let q = this.db.selectFrom('districts').select(['code', 'boundary']).where('boundary', 'is not', null);
    if (options.includeRetired !== true) q = q.where('retired_at', 'is', null);
    const rows = await q.orderBy('code').execute();
    return rows.map((r) => ({
      code: r.code,
      geometry: JSON.parse(r.boundary ?? 'null') as BoundaryGeometry,
    }));
  }
}
