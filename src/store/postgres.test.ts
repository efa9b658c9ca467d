import { randomBytes } from 'node:crypto';
import { afterAll, describe } from 'vitest';
import pg from 'pg';
import { parseDbUrl } from '../config/config.js';
import { runStoreSuite } from './store.case.test.js';
import { openStore } from './store.js';

/** A PostgreSQL URL for the shared suite; `.ci/run` sets it to the machine's server. */
const PG_URL = process.env.QINGSHAN_TEST_PG;
const schema = `qs_test_${process.pid}_${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  if (PG_URL === undefined) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
});

describe.skipIf(PG_URL === undefined)(
  `PostgreSQL store${PG_URL === undefined ? ' (skipped: set QINGSHAN_TEST_PG to a postgres:// URL to run it)' : ''}`,
  () => {
    const sep = PG_URL?.includes('?') ? '&' : '?';
    runStoreSuite({ open: (clock) => openStore(parseDbUrl(`${PG_URL}${sep}schema=${schema}`), { clock }) });
  },
);
