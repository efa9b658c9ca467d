/**
 * Opens a Kysely connection to the configured store: better-sqlite3 (WAL) for the embedded
 * default, a pg pool for PostgreSQL. The rest of the store code is dialect-neutral.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DbLocation } from '../config/config.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Connection {
  dialect: Dialect;
  db: Kysely<Database>;
  /** The raw better-sqlite3 handle on SQLite (for the batched ingest fast path), else null. */
  sqlite: SqliteDatabase.Database | null;
  /** Connections of the PostgreSQL pool (null on SQLite), for /metrics. */
  poolStats(): PoolStats | null;
  close(): Promise<void>;
}

/** PostgreSQL int8 (OID 20) as a JS number: ids and epoch milliseconds stay far below 2^53. */
const PG_INT8_OID = 20;

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === PG_INT8_OID && format !== 'binary') return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown;
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** Opens the store's database; creates the SQLite file's folder when missing. */
export async function openConnection(location: DbLocation): Promise<Connection> {
  switch (location.kind) {
    case 'sqlite': {
      if (location.path !== ':memory:') mkdirSync(dirname(location.path), { recursive: true });
      const raw = new SqliteDatabase(location.path);
      raw.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before we acknowledge it, even across a power cut (ack after commit).
      raw.pragma('synchronous = FULL');
      raw.pragma('foreign_keys = ON');
      raw.pragma('busy_timeout = 5000');
      // 64 MiB of page cache: readings arrive spread over every (site, parameter) key, so the index
      // pages they touch must stay in memory (2 MiB default: about half the insert rate at 10⁶ rows).
      raw.pragma('cache_size = -65536');
      const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
      return {
        dialect: 'sqlite',
        db,
        sqlite: raw,
        poolStats: () => null,
        close: () => db.destroy(),
      };
    }
    case 'postgres': {
      const url = new URL(location.url);
      url.searchParams.delete('schema');
      const pool = new pg.Pool({
        connectionString: url.toString(),
        max: 10,
        types: pgTypes(),
        ...(location.schema !== null ? { options: `-c search_path=${location.schema}` } : {}),
      });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      if (location.schema !== null) {
        await sql`create schema if not exists ${sql.id(location.schema)}`.execute(db);
      }
      return {
        dialect: 'postgres',
        db,
        sqlite: null,
        poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
        close: () => db.destroy(),
      };
    }
  }
}

/**
 * Whether a database error is a unique-constraint violation (SQLite `SQLITE_CONSTRAINT_UNIQUE` /
 * `…_PRIMARYKEY`, PostgreSQL SQLSTATE 23505): a row another writer committed first. Services turn it
 * into a ConflictError instead of a 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
