import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { Page } from './page.js';
import { pageSize } from './page.js';
import type { Database, SiteTable } from './schema.js';
import type { Site, SiteKind } from './types.js';

export interface NewSite {
  kind: SiteKind;
  code: string;
  name: string;
  districtCode: string;
  longitude?: number | null;
  latitude?: number | null;
  parentId?: number | null;
  attributes?: Record<string, unknown>;
  demo?: boolean;
}

export interface SiteFilter {
  kind?: SiteKind | undefined;
  districtCode?: string | undefined;
  parentId?: number | undefined;
  /** Row-level scope: only these site ids (an enterprise's own sites). */
  ids?: readonly number[] | undefined;
  /** Retired sites too (by default the lists show the sites in service). */
  includeRetired?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

/** A site row as the domain sees it (shared by the repositories that read `sites`). */
export function toSite(r: Selectable<SiteTable>): Site {
  return {
    id: r.id,
    kind: r.kind as SiteKind,
    code: r.code,
    name: r.name,
    districtCode: r.district_code,
    longitude: r.longitude,
    latitude: r.latitude,
    parentId: r.parent_id,
    attributes: JSON.parse(r.attributes) as Record<string, unknown>,
    demo: r.demo === 1,
    retiredAt: r.retired_at === null ? null : new Date(r.retired_at),
  };
}

/** What an edit of a site may change (its code and kind are its identity and never change). */
export interface SitePatch {
  name?: string;
  districtCode?: string;
  longitude?: number | null;
  latitude?: number | null;
  parentId?: number | null;
  attributes?: Record<string, unknown>;
}

/** Monitored places: air stations, water sections, enterprises, outlets, micro-sensors. */
export class SiteRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Adds a site; pass `trx` to commit it with the caller's rows (its audit entry). */
  async create(site: NewSite, trx?: Transaction<Database>): Promise<Site> {
    const row = await (trx ?? this.db)
      .insertInto('sites')
      .values({
        kind: site.kind,
        code: site.code,
        name: site.name,
        district_code: site.districtCode,
        longitude: site.longitude ?? null,
        latitude: site.latitude ?? null,
        parent_id: site.parentId ?? null,
        attributes: JSON.stringify(site.attributes ?? {}),
        demo: site.demo === true ? 1 : 0,
        created_at: this.clock.now().getTime(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSite(row);
  }

  async list(filter: SiteFilter = {}): Promise<Page<Site>> {
    let q = this.db.selectFrom('sites');
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    if (filter.districtCode !== undefined) q = q.where('district_code', '=', filter.districtCode);
    if (filter.parentId !== undefined) q = q.where('parent_id', '=', filter.parentId);
    if (filter.includeRetired !== true) q = q.where('retired_at', 'is', null);
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0) return { items: [], total: 0, nextCursor: null };
      q = q.where('id', 'in', [...filter.ids]);
    }
    const limit = pageSize(filter.limit);
    const offset = Math.max(0, filter.offset ?? 0);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('kind').orderBy('code').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const total = Number(count.n);
    return {
      items: rows.map(toSite),
      total,
      nextCursor: offset + rows.length < total ? String(offset + rows.length) : null,
    };
  }

  /** Changes a site's editable fields; null when there is no such id. */
  async update(id: number, patch: SitePatch, trx?: Transaction<Database>): Promise<Site | null> {
    const set: Partial<Selectable<SiteTable>> = { updated_at: this.clock.now().getTime() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.districtCode !== undefined) set.district_code = patch.districtCode;
    if (patch.longitude !== undefined) set.longitude = patch.longitude;
    if (patch.latitude !== undefined) set.latitude = patch.latitude;
    if (patch.parentId !== undefined) set.parent_id = patch.parentId;
    if (patch.attributes !== undefined) set.attributes = JSON.stringify(patch.attributes);
    const r = await (trx ?? this.db)
      .updateTable('sites')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return r ? toSite(r) : null;
  }

  /** Retires a site, or returns it to service with `at` null; null when there is no such id. */
  async setRetired(id: number, at: Date | null, trx?: Transaction<Database>): Promise<Site | null> {
    const r = await (trx ?? this.db)
      .updateTable('sites')
      .set({ retired_at: at === null ? null : at.getTime(), updated_at: this.clock.now().getTime() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return r ? toSite(r) : null;
  }

  /** A site by code within a transaction (imports read what they are about to write). */
  async getByCode(code: string, trx?: Transaction<Database>): Promise<Site | null> {
    const r = await (trx ?? this.db)
      .selectFrom('sites')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    return r ? toSite(r) : null;
  }

  async getById(id: number): Promise<Site | null> {
    const r = await this.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toSite(r) : null;
  }

  /** Ids of the sites in a district, or of some kinds (row scoping by site id). */
  async idsWhere(where: { districtCode?: string; kinds?: readonly SiteKind[] }): Promise<number[]> {
    let q = this.db.selectFrom('sites').select('id');
    if (where.districtCode !== undefined) q = q.where('district_code', '=', where.districtCode);
    if (where.kinds !== undefined) {
      if (where.kinds.length === 0) return [];
      q = q.where('kind', 'in', [...where.kinds]);
    }
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('sites')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
