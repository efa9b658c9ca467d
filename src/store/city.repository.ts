import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { City } from './types.js';

/** The city the installation serves: at most one row, written by `city import`. */
export class CityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(): Promise<City | null> {
    const r = await this.db.selectFrom('city').selectAll().orderBy('code').executeTakeFirst();
    return r ? { code: r.code, name: r.name, nameEn: r.name_en } : null;
  }

  /** Sets the city (replacing another code: one installation serves one city). */
  async put(city: City, at: Date, trx?: Transaction<Database>): Promise<void> {
    const db = trx ?? this.db;
    await db.deleteFrom('city').where('code', '<>', city.code).execute();
    await db
      .insertInto('city')
      .values({ code: city.code, name: city.name, name_en: city.nameEn, updated_at: at.getTime() })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({ name: city.name, name_en: city.nameEn, updated_at: at.getTime() }),
      )
      .execute();
  }
}
