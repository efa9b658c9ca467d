/**
 * `npm run bench -- soak --minutes N` (docs/operations.md §13): `qingshan demo` in its own
 * process — the demo city, its simulator at city rate — and, from this process, for N minutes:
 * bursts of tracked loggers, reconnect storms (loggers cut off mid-window that resend from their
 * last answer), a slow HTTP client, SSE clients coming and going, and a scrape of /metrics every
 * 30 s. At the end: SIGTERM, the time to exit, and the store checked for every acknowledged reading
 * (lost) and for readings stored twice (duplicated). Figures are measured, never judged by time.
 *
 * Not covered: a killed worker on PostgreSQL — Qingshan runs one process per store until several
 * processes share one PostgreSQL (issue 16); the soak says so in its output.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { parseDbUrl } from '../src/config/config.js';
import { openStore } from '../src/store/store.js';
import type { RunningLogger } from '../test/load-loggers.js';
import { loadKeyOfQn, runLogger, seedLoadDevices, storedLoadKeys } from '../test/load-loggers.js';
import { freePort, spawnQingshan, waitForPort } from '../test/platform-process.js';
import type { BenchResult } from './run.js';

const SAMPLE_MS = 30_000;
const BURST_LOGGERS = 20;
const BURST_PACKETS = 300;

/** `--minutes N` from the command line (default 2; a real soak is 30 or more). */
function minutesArg(argv: readonly string[]): number {
  const i = argv.indexOf('--minutes');
  const raw = i >= 0 ? argv[i + 1] : undefined;
  const n = raw === undefined ? 2 : Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 24 * 60)
    throw new Error('--minutes: give a number of minutes, 0–1440');
  return n;
}

interface Sample {
  atS: number;
  rssMb: number;
  heapMb: number;
  sites: number;
  healthMs: number;
  sitesMs: number;
  burstAckMs: number | null;
  sse: number;
  queue: number;
  lagS: number;
  dbMb: number;
}

function metricValue(text: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m === null ? NaN : Number(m[1]);
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await work();
  return [r, performance.now() - t];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] ?? NaN);
};

/** A client that requests slowly (one byte every 200 ms) and reads its answer slowly; reopened when done. */
function slowHttpClient(port: number, stopped: () => boolean): Promise<number> {
  let rounds = 0;
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const s = net.connect({ port, host: '127.0.0.1' });
      const request = 'GET /api/v1/sites?limit=200 HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n';
      let i = 0;
      const drip = setInterval(() => {
        if (i < request.length) s.write(request[i++] ?? '');
        else clearInterval(drip);
      }, 200);
      s.on('data', () => {
        s.pause();
        setTimeout(() => s.resume(), 500);
      });
      s.on('error', () => undefined);
      s.on('close', () => {
        clearInterval(drip);
        rounds += 1;
        resolve();
      });
    });
  return (async () => {
    while (!stopped()) await once();
    return rounds;
  })();
}

/** SSE clients coming and going: each holds the stream 5–25 s, then another takes its place. */
function sseClients(httpUrl: string, token: string, n: number, stopped: () => boolean): Promise<number> {
  let opened = 0;
  const one = async (k: number): Promise<void> => {
    while (!stopped()) {
      const abort = new AbortController();
      try {
        const res = await fetch(`${httpUrl}/api/v1/events`, {
          headers: { authorization: `Bearer ${token}` },
          signal: abort.signal,
        });
        opened += 1;
        const reader = res.body?.getReader();
        const until = Date.now() + 5000 + ((k * 7919 + opened * 104729) % 20_000);
        while (!stopped() && Date.now() < until && reader !== undefined) {
          const read = await Promise.race([
            reader.read(),
            new Promise<null>((r) => setTimeout(() => r(null), 1000)),
          ]);
          if (read !== null && read.done) break;
        }
      } catch {
        // a refused or aborted stream: try again
      } finally {
        abort.abort();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  return Promise.all(Array.from({ length: n }, (_, k) => one(k))).then(() => opened);
}

export async function soakBench(): Promise<BenchResult> {
  const minutes = minutesArg(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-soak-'));
  const dbPath = join(dir, 'soak.db');
  const dbUrl = `sqlite:${dbPath}`;
  const httpPort = await freePort();
  const hj212Port = await freePort();
  const child = spawnQingshan([
    'demo',
    '--db',
    dbUrl,
    '--http-port',
    String(httpPort),
    '--hj212-port',
    String(hj212Port),
    '--log-level',
    'warn',
  ]);
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const lines: string[] = [];
  try {
    await waitForPort(httpPort, child, 600_000);
    // The tracked loggers: outlets of their own beside the demo city, added while it runs.
    const seed = await openStore(parseDbUrl(dbUrl), { migrate: false });
    await seedLoadDevices(seed, BURST_LOGGERS, 'SOAK');
    await seed.close();
    const login = (await (
      await fetch(`${httpUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'supervisor', password: 'demo-supervisor-2026' }),
      })
    ).json()) as { token: string };

    // Settle: the demo start judges its history beside the live traffic; measure after it is ready.
    const settleUntil = Date.now() + 300_000;
    while (Date.now() < settleUntil) {
      const ready = await fetch(`${httpUrl}/api/v1/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      const lag = metricValue(
        await (await fetch(`${httpUrl}/metrics`)).text(),
        'qingshan_alarm_engine_lag_seconds',
      );
      if (ready && lag < 5) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    await new Promise((r) => setTimeout(r, 30_000));

    let stop = false;
    const stopped = (): boolean => stop;
    const slow = slowHttpClient(httpPort, stopped);
    const sse = sseClients(httpUrl, login.token, 5, stopped);
    const acked = new Set<string>();
    const next = new Array<number>(BURST_LOGGERS).fill(0);
    let storms = 0;
    let cutOff = 0;

    /** A burst: every tracked logger sends its next packets; resolves with the time to all answers. */
    const burst = async (): Promise<number> => {
      const [, ms] = await timed(() =>
        Promise.all(
          next.map((from, i) => {
            next[i] = from + BURST_PACKETS;
            return runLogger(hj212Port, i, acked, from, from + BURST_PACKETS, 50).done;
          }),
        ),
      );
      return ms;
    };

    /**
     * A reconnect storm: 200 connections opened and dropped at once, and the tracked loggers cut
     * off mid-window; each then resends from its first unanswered packet (as a logger does).
     */
    const storm = async (): Promise<void> => {
      storms += 1;
      const drops = Array.from(
        { length: 200 },
        () =>
          new Promise<void>((resolve) => {
            const s = net.connect({ port: hj212Port, host: '127.0.0.1' }, () => s.destroy());
            s.on('error', () => undefined);
            s.on('close', () => resolve());
          }),
      );
      const running: RunningLogger[] = next.map((from, i) =>
        runLogger(hj212Port, i, acked, from, from + BURST_PACKETS, 50),
      );
      await new Promise((r) => setTimeout(r, 150));
      for (const l of running) l.stop();
      await Promise.all([...drops, ...running.map((l) => l.done)]);
      cutOff += running.length;
      // Resend the whole range (answered packets too): the store must keep one copy of each.
      await Promise.all(
        next.map((from, i) => {
          next[i] = from + BURST_PACKETS;
          return runLogger(hj212Port, i, acked, from, from + BURST_PACKETS, 50).done;
        }),
      );
    };

    const samples: Sample[] = [];
    const began = performance.now();
    const endAt = began + minutes * 60_000;
    let round = 0;
    while (performance.now() < endAt) {
      round += 1;
      const burstMs = round % 2 === 0 ? await burst() : null;
      if (round % 6 === 3) await storm();
      const [, healthMs] = await timed(() => fetch(`${httpUrl}/api/v1/health`).then((r) => r.arrayBuffer()));
      const [sitesBody, sitesMs] = await timed(() =>
        fetch(`${httpUrl}/api/v1/sites?limit=200`).then((r) => r.json() as Promise<{ total: number }>),
      );
      const text = await (await fetch(`${httpUrl}/metrics`)).text();
      samples.push({
        atS: (performance.now() - began) / 1000,
        rssMb: metricValue(text, 'qingshan_process_resident_memory_bytes') / 2 ** 20,
        heapMb: metricValue(text, 'qingshan_nodejs_heap_size_used_bytes') / 2 ** 20,
        sites: sitesBody.total,
        healthMs,
        sitesMs,
        burstAckMs: burstMs,
        sse: metricValue(text, 'qingshan_sse_clients'),
        queue: metricValue(text, 'qingshan_ingest_queue_depth'),
        lagS: metricValue(text, 'qingshan_alarm_engine_lag_seconds'),
        dbMb: statSync(dbPath).size / 2 ** 20,
      });
      const last = samples.at(-1);
      if (last !== undefined) {
        console.error(
          `soak ${last.atS.toFixed(0)} s: rss ${last.rssMb.toFixed(0)} MiB, heap ${last.heapMb.toFixed(0)} MiB, health ${last.healthMs.toFixed(1)} ms, sites ${last.sitesMs.toFixed(1)} ms, burst ${last.burstAckMs?.toFixed(0) ?? '-'} ms, sse ${last.sse}, acked ${acked.size}`,
        );
      }
      const wait = Math.min(SAMPLE_MS, endAt - performance.now());
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    stop = true;
    const [slowRounds, sseOpened] = await Promise.all([slow, sse]);
    const finalText = await (await fetch(`${httpUrl}/metrics`)).text();

    const signalled = performance.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    const shutdownS = (performance.now() - signalled) / 1000;

    const store = await openStore(parseDbUrl(dbUrl), { migrate: false });
    let lost: string[];
    let duplicated: number;
    let readings: number;
    try {
      const stored = await storedLoadKeys(store);
      lost = [...acked].filter((qn) => !stored.has(loadKeyOfQn(qn)));
      const dup = await sql<{
        n: number;
      }>`select count(*) as n from (select 1 from readings group by site_id, parameter, interval, period_start having count(*) > 1) d`.execute(
        store.db,
      );
      duplicated = Number(dup.rows[0]?.n ?? 0);
      readings = await store.readings.count();
    } finally {
      await store.close();
    }

    const tenth = Math.max(1, Math.floor(samples.length / 10));
    const head = samples.slice(0, tenth);
    const tail = samples.slice(-tenth);
    const rssGrowth = median(tail.map((s) => s.rssMb)) - median(head.map((s) => s.rssMb));
    const heapGrowth = median(tail.map((s) => s.heapMb)) - median(head.map((s) => s.heapMb));
    const hours = Math.max(1 / 60, ((samples.at(-1)?.atS ?? 0) - (samples[0]?.atS ?? 0)) / 3600);
    const bursts = samples.filter((s) => s.burstAckMs !== null);
    const burstHead = bursts.slice(0, Math.max(1, Math.floor(bursts.length / 10)));
    const burstTail = bursts.slice(-Math.max(1, Math.floor(bursts.length / 10)));
    lines.push(
      `${minutes} min, ${samples.length} samples every ${SAMPLE_MS / 1000} s; demo city at city rate plus ${BURST_LOGGERS} tracked loggers in bursts of ${BURST_PACKETS} packets each`,
      `faults: ${storms} reconnect storms (200 dropped connections, ${cutOff} loggers cut off mid-window, then resent), a slow HTTP client (${slowRounds} slow requests), SSE clients coming and going (${sseOpened} streams opened)`,
      `memory (RSS): ${median(head.map((s) => s.rssMb)).toFixed(0)} MiB first tenth → ${median(tail.map((s) => s.rssMb)).toFixed(0)} MiB last tenth (${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(0)} MiB, ${(rssGrowth / hours).toFixed(0)} MiB/h)`,
      `memory (heap used): ${median(head.map((s) => s.heapMb)).toFixed(0)} → ${median(tail.map((s) => s.heapMb)).toFixed(0)} MiB (${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(0)} MiB)`,
      `latency drift (median first tenth → last tenth): GET /api/v1/health ${median(head.map((s) => s.healthMs)).toFixed(1)} → ${median(tail.map((s) => s.healthMs)).toFixed(1)} ms; GET /api/v1/sites ${median(head.map((s) => s.sitesMs)).toFixed(1)} → ${median(tail.map((s) => s.sitesMs)).toFixed(1)} ms; burst of ${BURST_LOGGERS * BURST_PACKETS} packets answered in ${median(burstHead.map((s) => s.burstAckMs ?? NaN)).toFixed(0)} → ${median(burstTail.map((s) => s.burstAckMs ?? NaN)).toFixed(0)} ms`,
      `queues at the end: commit queue ${metricValue(finalText, 'qingshan_ingest_queue_depth')}, alarm engine lag ${metricValue(finalText, 'qingshan_alarm_engine_lag_seconds')} s; database ${samples.at(-1)?.dbMb.toFixed(0) ?? '?'} MiB, ${readings.toLocaleString('en')} readings`,
      `HJ 212: ${metricValue(finalText, 'qingshan_hj212_frames_total\\{outcome="accepted",code="accepted"\\}')} accepted, ${metricValue(finalText, 'qingshan_hj212_frames_total\\{outcome="duplicate",code="duplicate"\\}')} duplicates answered again (resends)`,
      `shutdown: SIGTERM → exit ${code} in ${shutdownS.toFixed(2)} s`,
      `tracked readings: ${acked.size} packets acknowledged, ${lost.length} lost${lost.length > 0 ? ` (e.g. ${lost.slice(0, 3).join(', ')})` : ''}; ${duplicated} readings stored twice`,
      'not covered: a killed worker on PostgreSQL — several processes over one PostgreSQL do not exist yet (issue 16)',
    );
    return { name: 'soak: demo city, bursts and faults, then SIGTERM', lines };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
