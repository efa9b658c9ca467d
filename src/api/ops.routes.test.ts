/**
 * GET /metrics and GET /api/v1/ready over a running platform: real HJ 212 traffic over TCP, a real
 * scrape over HTTP, the exposition text parsed line by line (docs/operations.md §5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { loadConfig, parseDbUrl } from '../config/config.js';
import type { Platform } from '../cli/platform.js';
import { startPlatform } from '../cli/platform.js';
import { openStore } from '../store/store.js';
import { openTestStore, testApp } from '../../test/helpers.js';
import type { TestStore } from '../../test/helpers.js';
import { runLogger, seedLoadDevices } from '../../test/load-loggers.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (0.0.4); throws on a line that is neither a comment nor a sample. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    if (m === null) throw new Error(`not a metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1] ?? ''] = l[2] ?? '';
    }
    samples.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return samples;
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

const dir = mkdtempSync(join(tmpdir(), 'qingshan-ops-'));
let platform: Platform;

beforeAll(async () => {
  const dbUrl = `sqlite:${join(dir, 'ops.db')}`;
  const seed = await openStore(parseDbUrl(dbUrl));
  await seedLoadDevices(seed, 3, 'OPS');
  await seed.close();
  platform = await startPlatform({
    config: loadConfig({ db: dbUrl, httpPort: '0', hj212Port: '0' }, {}),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    version: 'test',
    demo: false,
    print: () => undefined,
  });
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /metrics on a running platform', () => {
  it('exports frames, answers, commits, HTTP requests and process metrics in the text format', async () => {
    const acked = new Set<string>();
    await Promise.all([0, 1, 2].map((i) => runLogger(platform.hj212Port, i, acked, 0, 40, 10).done));
    expect(acked.size).toBe(120);
    // The first packet once more: stored already, so a duplicate (answered again).
    await Promise.all([runLogger(platform.hj212Port, 0, acked, 0, 1, 1).done]);
    expect((await fetch(`${platform.httpUrl}/api/v1/health`)).status).toBe(200);

    const res = await fetch(`${platform.httpUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(await res.text());

    expect(value(samples, 'qingshan_hj212_frames_total', { outcome: 'accepted' })).toBe(120);
    expect(value(samples, 'qingshan_hj212_frames_total', { outcome: 'duplicate' })).toBe(1);
    expect(value(samples, 'qingshan_hj212_answers_total')).toBe(121);
    expect(value(samples, 'qingshan_ingest_commits_total', { result: 'ok' })).toBeGreaterThan(0);
    // Histograms: every packet in some batch; the +Inf bucket equals the count.
    expect(value(samples, 'qingshan_ingest_commit_batch_packets_sum')).toBe(121);
    expect(value(samples, 'qingshan_ingest_commit_seconds_bucket', { le: '+Inf' })).toBe(
      value(samples, 'qingshan_ingest_commit_seconds_count'),
    );
    expect(value(samples, 'qingshan_ingest_queue_depth')).toBe(0);
    expect(value(samples, 'qingshan_hj212_connections')).toBe(0);
    expect(value(samples, 'qingshan_alarm_engine_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(samples, 'qingshan_sse_clients')).toBe(0);
    expect(
      value(samples, 'qingshan_http_requests_total', {
        method: 'GET',
        route: '/api/v1/health',
        status: '200',
      }),
    ).toBe(1);
    expect(
      value(samples, 'qingshan_http_request_seconds_count', { route: '/api/v1/health', status: '200' }),
    ).toBe(1);
    expect(value(samples, 'qingshan_process_resident_memory_bytes')).toBeGreaterThan(0);
    // SQLite has no pool; forwarding (issue 20) has not registered: neither exports a series.
    expect(value(samples, 'qingshan_db_pool_connections')).toBeUndefined();
    expect(value(samples, 'qingshan_forwarding_backlog')).toBeUndefined();
  });

  it('answers ready when the store, schema, listener and queues are fine', async () => {
    const res = await fetch(`${platform.httpUrl}/api/v1/ready`);
    const body = (await res.json()) as { ready: boolean; checks: { name: string; ok: boolean }[] };
    expect(res.status).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.checks.map((c) => c.name)).toEqual([
      'store',
      'migrations',
      'ingest',
      'ingest_queue',
      'alarm_lag',
    ]);
  });
});

describe('who may scrape', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('loopback only by default; the token from anywhere when set; nobody else', async () => {
    const open = await testApp(t.store);
    expect((await open.inject({ url: '/metrics' })).statusCode).toBe(200);
    expect((await open.inject({ url: '/metrics', remoteAddress: '10.1.2.3' })).json()).toMatchObject({
      error: { code: 'forbidden' },
    });
    await open.close();

    const token = 'a-metrics-token-of-32-characters';
    const locked = await testApp(t.store, undefined, { metricsAccess: { token, loopback: false } });
    const from = (remoteAddress: string, auth?: string) =>
      locked.inject({
        url: '/metrics',
        remoteAddress,
        ...(auth !== undefined ? { headers: { authorization: auth } } : {}),
      });
    expect((await from('127.0.0.1')).statusCode).toBe(403);
    expect((await from('10.1.2.3', `Bearer ${token}`)).statusCode).toBe(200);
    expect((await from('10.1.2.3', `Bearer ${token}x`)).statusCode).toBe(403);
    expect((await from('10.1.2.3', 'Bearer short')).statusCode).toBe(403);
    await locked.close();
  });

  it('is not ready without an HJ 212 listener in the process', async () => {
    const app = await testApp(t.store);
    const res = await app.inject({ url: '/api/v1/ready' });
    expect(res.statusCode).toBe(503);
    const body = res.json<{ ready: boolean; checks: { name: string; ok: boolean; detail: string }[] }>();
    expect(body.ready).toBe(false);
    expect(body.checks.find((c) => c.name === 'ingest')).toEqual({
      name: 'ingest',
      ok: false,
      detail: 'no HJ 212 listener in this process',
    });
    await app.close();
  });
});
