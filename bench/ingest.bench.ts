/**
 * End-to-end HJ 212 ingest over loopback TCP with acknowledgements: the platform (`qingshan serve`
 * on SQLite) runs in its own process; this process plays many loggers sending 2051 minute packets
 * of 8 parameters as fast as the platform acknowledges them. Printed beside it: the bare batched
 * insert rate of the same rows into the same readings table with the same indexes (the bound).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDbUrl } from '../src/config/config.js';
import { LOAD_PARAMETERS, loadDevices, runLoad } from '../src/sim/load.js';
import { DAY_MS, MINUTE_MS } from '../src/standards/china-time.js';
import { openConnection } from '../src/store/db.js';
import { openStore } from '../src/store/store.js';
import { freePort, spawnQingshan, waitForPort } from '../test/platform-process.js';
import type { BenchResult } from './run.js';

const DEVICES = Number(process.env.QINGSHAN_BENCH_DEVICES ?? 200);
const RATE = Number(process.env.QINGSHAN_BENCH_RATE ?? 20_000);
const SECONDS = Number(process.env.QINGSHAN_BENCH_SECONDS ?? 10);

/** Bare batched inserts of the same shape of rows (8 parameters per packet) through one prepared statement. */
async function bareInsertRate(dbPath: string, rows: number): Promise<number> {
  const location = parseDbUrl(`sqlite:${dbPath}`);
  (await openStore(location)).close().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 50));
  const conn = await openConnection(location);
  const raw = conn.sqlite;
  if (raw === null) throw new Error('expected SQLite');
  const insert = raw.prepare(
    `insert into readings (site_id, parameter, interval, period_start, value, value_text, min, max, cumulative, flag, source, received_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
  );
  const batch = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const packet = Math.floor(i / LOAD_PARAMETERS.length);
      insert.run(
        1 + (packet % DEVICES),
        LOAD_PARAMETERS[i % LOAD_PARAMETERS.length],
        'min',
        Date.UTC(2026, 0, 1) + Math.floor(packet / DEVICES) * MINUTE_MS,
        12.5,
        '12.50',
        11.0,
        14.0,
        0.5,
        'N',
        'hj212',
        Date.now(),
      );
    }
  });
  // Batches of the size the group commit reaches under load.
  const BATCH = 4000;
  const start = performance.now();
  for (let i = 0; i < rows; i += BATCH) batch(i, Math.min(rows, i + BATCH));
  const seconds = (performance.now() - start) / 1000;
  await conn.close();
  return rows / seconds;
}

export async function ingestBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-bench-ingest-'));
  const dbUrl = `sqlite:${join(dir, 'ingest.db')}`;
  const devices = loadDevices(DEVICES);
  const store = await openStore(parseDbUrl(dbUrl));
  await store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  await Promise.all(
    devices.map(async (d, i) => {
      const site = await store.sites.create({
        kind: 'outlet',
        code: `LOAD-${i}`,
        name: `负载 ${i}`,
        districtCode: '330502',
      });
      await store.devices.add({ mn: d.mn, password: d.password, siteId: site.id, protocol: d.protocol });
    }),
  );
  await store.close();

  const port = await freePort();
  const child = spawnQingshan(
    ['serve', '--db', dbUrl, '--http-port', '0', '--hj212-port', String(port), '--log-level', 'warn'],
    process.env.QINGSHAN_BENCH_PROFILE ? { cpuProfileDir: process.env.QINGSHAN_BENCH_PROFILE } : {},
  );
  try {
    await waitForPort(port, child);
    // Warm-up: every logger connects and passes its password check once (scrypt, then cached), and
    // the JIT settles. DataTimes a year earlier keep its rows apart from the measured ones.
    const warm = await runLoad({
      host: '127.0.0.1',
      port,
      devices,
      rate: 2000,
      durationS: 3,
      clock: { now: () => new Date(Date.now() - 365 * DAY_MS) },
    });
    const stats = await runLoad({
      host: '127.0.0.1',
      port,
      devices,
      rate: RATE,
      durationS: SECONDS,
      ackTimeoutMs: 30_000,
    });
    const seconds = stats.elapsedMs / 1000;
    const packetsPerSecond = stats.acked / seconds;
    const pointsPerSecond = packetsPerSecond * LOAD_PARAMETERS.length;
    const bare = await bareInsertRate(
      join(dir, 'bare.db'),
      Math.max(200_000, stats.acked * LOAD_PARAMETERS.length),
    );
    return {
      name: `ingest: HJ 212 over loopback TCP with acks, SQLite (${DEVICES} connections, 2051 packets of ${LOAD_PARAMETERS.length} parameters, offered ${RATE} packets/s for ${SECONDS} s)`,
      lines: [
        `warm-up: ${warm.acked}/${warm.sent} acked in ${(warm.elapsedMs / 1000).toFixed(1)} s (first packets wait for one scrypt password check per logger)`,
        `measured: sent ${stats.sent}, acked ${stats.acked}, retransmitted ${stats.retransmitted}, unacked ${stats.unacked} in ${(stats.elapsedMs / 1000).toFixed(1)} s`,
        `throughput: ${Math.round(packetsPerSecond).toLocaleString('en')} packets/s, ${Math.round(pointsPerSecond).toLocaleString('en')} data points/s (target ≥ 100,000)`,
        `ack latency: p50 ${(stats.ackLatencyMs.p50 ?? NaN).toFixed(1)} ms, p95 ${(stats.ackLatencyMs.p95 ?? NaN).toFixed(1)} ms, p99 ${(stats.ackLatencyMs.p99 ?? NaN).toFixed(1)} ms, max ${(stats.ackLatencyMs.max ?? NaN).toFixed(1)} ms`,
        `bound — bare batched insert of the same rows: ${Math.round(bare).toLocaleString('en')} rows/s`,
        `ratio to bound: ${(pointsPerSecond / bare).toFixed(2)} (target ≥ 0.5)`,
      ],
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
