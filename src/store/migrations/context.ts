import { sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
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
  /**
   * Makes a table append-only: triggers refuse every update and delete with "<table> is append-only"
   * (docs/conventions.md §4). Used by the migrations from 0010 on; the earlier ones wrote theirs out.
   */
  appendOnly: (db: Kysely<unknown>, table: string) => Promise<void>;
}

async function refuseChanges(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<void> {
  const message = sql.lit(`${table} is append-only`);
  switch (dialect) {
    case 'sqlite':
      await sql`create trigger ${sql.raw(`${table}_no_update`)} before update on ${sql.table(table)}
        begin select raise(abort, ${message}); end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${sql.table(table)}
        begin select raise(abort, ${message}); end`.execute(db);
      break;
    case 'postgres':
      await sql`create function ${sql.raw(`${table}_append_only`)}() returns trigger language plpgsql as
        ${sql.lit(`begin raise exception '${table} is append-only'; end`)}`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)}
        for each row execute function ${sql.raw(`${table}_append_only`)}()`.execute(db);
      break;
    default:
      throw new Error(`unknown dialect ${String(dialect)}`);
  }
}

export function migrationContext(dialect: Dialect): MigrationContext {
  return {
    dialect,
    id: dialect === 'sqlite' ? 'integer' : 'bigserial',
    ref: dialect === 'sqlite' ? 'integer' : 'bigint',
    // In SQLite an INTEGER PRIMARY KEY is the rowid; AUTOINCREMENT stops ids of deleted rows coming back.
    pk: (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()),
    appendOnly: (db, table) => refuseChanges(db, dialect, table),
  };
}
