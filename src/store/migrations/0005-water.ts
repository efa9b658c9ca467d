/**
 * Migration 0005: urban black-odorous water bodies (城市黑臭水体), their sampling points in order
 * along the water body, and the samples measured at them (2015 guide: SD, DO, ORP, NH3-N, depth).
 * Lab results of surface-water sections need no table: they are readings (interval `day`, source
 * `lab:<user>`), so that corrections and the assessment treat them as every other value.
 * Never edit a migration that has shipped: add the next one.
 */
import type { Kysely, Migration } from 'kysely';
import type { MigrationContext } from './context.js';

export function migration0005Water({ id, ref, pk }: MigrationContext): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('black_odorous_bodies')
        .addColumn('id', id, pk)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('district_code', 'text', (c) => c.notNull().references('districts.code'))
        .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('length_m', 'double precision')
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('black_odorous_points')
        .addColumn('id', id, pk)
        .addColumn('body_id', ref, (c) => c.notNull().references('black_odorous_bodies.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('longitude', 'double precision')
        .addColumn('latitude', 'double precision')
        .addUniqueConstraint('black_odorous_points_code', ['body_id', 'code'])
        .execute();

      await db.schema
        .createTable('black_odorous_samples')
        .addColumn('id', id, pk)
        .addColumn('point_id', ref, (c) => c.notNull().references('black_odorous_points.id'))
        .addColumn('sampled_at', 'bigint', (c) => c.notNull())
        .addColumn('sd_cm', 'double precision', (c) => c.notNull())
        .addColumn('do_mg_l', 'double precision', (c) => c.notNull())
        .addColumn('orp_mv', 'double precision', (c) => c.notNull())
        .addColumn('nh3n_mg_l', 'double precision', (c) => c.notNull())
        .addColumn('depth_cm', 'double precision')
        .addColumn('entered_by', 'text', (c) => c.notNull())
        .addColumn('entered_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('black_odorous_samples_key', ['point_id', 'sampled_at'])
        .execute();
    },
  };
}
