/**
 * Store write throughput on SQLite: readings through the repository (`insertBatch`, the path
 * ingest uses) against the bound — bare batched inserts of the same rows into the same table with
 * the same indexes through a prepared better-sqlite3 statement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDbUrl } from '../src/config/config.js';
import { MINUTE_MS } from '../src/standards/china-time.js';
import { openConnection } from '../src/store/db.js';
import { SQLITE_INSERT_READING, sqliteReadingParams } from '../src/store/reading.repository.js';
import { openStore } from '../src/store/store.js';
import type { Reading } from '../src/store/types.js';
import type { BenchResult } from './run.js';

const BATCH = 2000;
const BATCHES = 50;
const PARAMS = ['a21026', 'a21002', 'a34013', 'a19001', 'a01012', 'a01013', 'a01011', 'a00000'];

function makeRows(offset: number): Reading[] {
  const rows: Reading[] = [];
  const t0 = Date.UTC(2026, 2, 1);
  for (let i = 0; i < BATCH; i += 1) {
    const n = offset + i;
    const param = PARAMS[n % PARAMS.length] ?? 'a21026';
    const minute = Math.floor(n / PARAMS.length);
    rows.push({
      siteId: 1 + (minute % 100),
      parameter: param,
      interval: 'min',
      periodStart: new Date(t0 + Math.floor(minute / 100) * MINUTE_MS),
      value: (n % 1000) / 10,
      valueText: ((n % 1000) / 10).toFixed(1),
      min: null,
      max: null,
      cumulative: null,
      flag: 'N',
      source: 'bench',
      receivedAt: new Date(t0),
    });
  }
  return rows;
}

async function repositoryRate(dir: string): Promise<number> {
  const store = await openStore(parseDbUrl(`sqlite:${join(dir, 'repo.db')}`));
  const batches = Array.from({ length: BATCHES }, (_, b) => makeRows(b * BATCH));
  const start = performance.now();
  for (const rows of batches) await store.readings.insertBatch(rows);
  const seconds = (performance.now() - start) / 1000;
  await store.close();
  return (BATCH * BATCHES) / seconds;
}

async function bareRate(dir: string): Promise<number> {
  const location = parseDbUrl(`sqlite:${join(dir, 'bare.db')}`);
  const store = await openStore(location);
  await store.close();
  const conn = await openConnection(location);
  const raw = conn.sqlite;
  if (raw === null) throw new Error('expected SQLite');
  const insert = raw.prepare(SQLITE_INSERT_READING);
  const insertAll = raw.transaction((rows: Reading[]) => {
    for (const r of rows) {
      insert.run(...sqliteReadingParams(r));
    }
  });
  const batches = Array.from({ length: BATCHES }, (_, b) => makeRows(b * BATCH));
  const start = performance.now();
  for (const rows of batches) insertAll(rows);
  const seconds = (performance.now() - start) / 1000;
  await conn.close();
  return (BATCH * BATCHES) / seconds;
}

export async function storeBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-bench-'));
  try {
    const bare = await bareRate(dir);
    const repo = await repositoryRate(dir);
    return {
      name: `store: SQLite readings writes (${BATCHES} batches of ${BATCH} rows, WAL, synchronous=FULL)`,
      lines: [
        `bare prepared-statement batched insert (bound): ${Math.round(bare).toLocaleString('en')} rows/s`,
        `ReadingRepository.insertBatch:                  ${Math.round(repo).toLocaleString('en')} rows/s`,
        `ratio to bound: ${(repo / bare).toFixed(2)}`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
