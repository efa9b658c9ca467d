/**
 * Migration 0007: a city's own master data. The city itself (name, GB/T 2260 code) gets a row;
 * districts gain their parent division, their boundary (a GeoJSON geometry, drawn by the map) and a
 * retirement time; sites gain a retirement time and the time of their last edit. Nothing of master
 * data is ever deleted: a retired district or site stays with its history, out of the pickers.
 * What changed, by whom and why is the audit log (`district.*`, `site.*`, `city.imported`).
 * Never edit a migration that has shipped: add the next one.
 */
import type { Kysely, Migration } from 'kysely';

export function migration0007MasterData(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('city')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema.alterTable('districts').addColumn('parent_code', 'text').execute();
      await db.schema.alterTable('districts').addColumn('boundary', 'text').execute();
      await db.schema.alterTable('districts').addColumn('retired_at', 'bigint').execute();
      await db.schema.alterTable('sites').addColumn('retired_at', 'bigint').execute();
      await db.schema.alterTable('sites').addColumn('updated_at', 'bigint').execute();
    },
  };
}
