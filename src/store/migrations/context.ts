import type { ColumnDefinitionBuilder } from 'kysely';
import type { Dialect } from '../db.js';

/** Dialect-dependent column helpers shared by the migrations. */
export interface MigrationContext {
  dialect: Dialect;
  /** Column type of a surrogate key. */
  id: 'integer' | 'bigserial';
  /** Column type of a reference to a surrogate key. */
  ref: 'integer' | 'bigint';
  /** Makes a surrogate-key column the primary key. */
  pk: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

export function migrationContext(dialect: Dialect): MigrationContext {
  return {
    dialect,
    id: dialect === 'sqlite' ? 'integer' : 'bigserial',
    ref: dialect === 'sqlite' ? 'integer' : 'bigint',
    // In SQLite an INTEGER PRIMARY KEY is the rowid; AUTOINCREMENT stops ids of deleted rows coming back.
    pk: (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()),
  };
}
