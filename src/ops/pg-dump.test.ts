/**
 * The PostgreSQL backup path of docs/operations.md §8: `pg_dump -Fc` of a store's database and
 * `pg_restore` into a new, empty database give a store with the same schema (migrations current)
 * and the same rows. Runs when QINGSHAN_TEST_PG names a server and pg_dump/pg_restore are installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../config/config.js';
import { openStore } from '../store/store.js';
import { seedLoadDevices } from '../../test/load-loggers.js';

const PG_URL = process.env.QINGSHAN_TEST_PG;
const hasTools = ((): boolean => {
  try {
    execFileSync('pg_dump', ['--version']);
    execFileSync('pg_restore', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
const why =
  PG_URL === undefined
    ? ' (skipped: set QINGSHAN_TEST_PG to a postgres:// URL to run it)'
    : hasTools
      ? ''
      : ' (skipped: pg_dump/pg_restore are not installed)';

const suffix = `${process.pid}_${Date.now() % 100_000}`;
const SRC = `qingshan_ops_src_${suffix}`;
const DST = `qingshan_ops_dst_${suffix}`;
const dir = mkdtempSync(join(tmpdir(), 'qingshan-pgdump-'));

function urlOf(database: string): string {
  const u = new URL(PG_URL ?? 'postgres://localhost/none');
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (PG_URL === undefined || !hasTools) return;
  await admin(`drop database if exists ${SRC}`);
  await admin(`drop database if exists ${DST}`);
});

describe.skipIf(PG_URL === undefined || !hasTools)(`pg_dump / pg_restore of a PostgreSQL store${why}`, () => {
  it('restores into an empty database with the same schema and rows', async () => {
    await admin(`create database ${SRC}`);
    const src = await openStore(parseDbUrl(urlOf(SRC)));
    await seedLoadDevices(src, 5, 'PGDUMP');
    const sites = await src.sites.count();
    const devices = (await src.devices.list()).length;
    await src.close();

    const file = join(dir, 'qingshan.dump');
    execFileSync('pg_dump', ['--format=custom', '--no-owner', '--file', file, urlOf(SRC)]);
    await admin(`create database ${DST}`);
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', urlOf(DST), file]);

    const dst = await openStore(parseDbUrl(urlOf(DST)), { migrate: false });
    try {
      const status = await dst.migrationStatus();
      expect(status.pending).toEqual([]);
      expect(status.unknown).toEqual([]);
      expect(await dst.sites.count()).toBe(sites);
      expect((await dst.devices.list()).length).toBe(devices);
      expect(await dst.migrate()).toEqual([]);
    } finally {
      await dst.close();
    }
  }, 60_000);
});
