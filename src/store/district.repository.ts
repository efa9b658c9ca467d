import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { District } from './types.js';

/** The city's county-level divisions. */
export class DistrictRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts divisions, updating the names of those that exist. */
  async upsertMany(districts: readonly District[]): Promise<void> {
    if (districts.length === 0) return;
    await this.db
      .insertInto('districts')
      .values(districts.map((d) => ({ code: d.code, name: d.name, name_en: d.nameEn })))
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), name_en: eb.ref('excluded.name_en') })),
      )
      .execute();
  }

  async list(): Promise<District[]> {
    const rows = await this.db.selectFrom('districts').selectAll().orderBy('code').execute();
    return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en }));
  }

  async get(code: string): Promise<District | null> {
    const r = await this.db.selectFrom('districts').selectAll().where('code', '=', code).executeTakeFirst();
    return r ? { code: r.code, name: r.name, nameEn: r.name_en } : null;
  }
}
