/**
 * Shutdown after a heavy load (docs/operations.md §7): many loggers keep the listener
 * busy and keep sending while SIGTERM arrives. The process must exit within 10 s — a generous
 * correctness bound, not a speed figure: before the fix it ran on for minutes because commits
 * resumed the paused sockets — and every packet acknowledged must be in the store. A second
 * signal ends the process at once; a database from a newer Qingshan is refused at start.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../config/config.js';
import { openStore } from '../store/store.js';
import type { RunningLogger } from '../../test/load-loggers.js';
import { loadKeyOfQn, runLogger, seedLoadDevices, storedLoadKeys } from '../../test/load-loggers.js';
import { freePort, spawnQingshan, waitForPort } from '../../test/platform-process.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-shutdown-'));
const dbUrl = `sqlite:${join(dir, 'shutdown.db')}`;
const LOGGERS = 60;
let child: ChildProcess | null = null;

const exited = (c: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) resolve(c.exitCode);
    else c.once('exit', (code) => resolve(code));
  });

async function start(port: number): Promise<ChildProcess> {
  const c = spawnQingshan([
    'serve',
    '--db',
    dbUrl,
    '--http-port',
    '0',
    '--hj212-port',
    String(port),
    '--log-level',
    'warn',
  ]);
  await waitForPort(port, c);
  return c;
}

beforeAll(async () => {
  const store = await openStore(parseDbUrl(dbUrl));
  await seedLoadDevices(store, LOGGERS, 'SHUT');
  await store.close();
});
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('shutdown', () => {
  it('exits within 10 s of SIGTERM after a heavy load, and keeps every acknowledged packet', async () => {
    const port = await freePort();
    child = await start(port);
    const acked = new Set<string>();
    // Each logger would send 20 000 packets with 2500 unanswered (beyond the per-connection limit
    // of 1000 in flight, so flow control pauses and resumes the sockets): far more than fits in the test.
    const loggers: RunningLogger[] = Array.from({ length: LOGGERS }, (_, i) =>
      runLogger(port, i, acked, 0, 20_000, 2500),
    );
    const loadUntil = Date.now() + 60_000;
    while (acked.size < 30_000 && Date.now() < loadUntil) await new Promise((r) => setTimeout(r, 50));
    expect(acked.size).toBeGreaterThan(0);

    const signalled = performance.now();
    child.kill('SIGTERM');
    const code = await exited(child);
    const seconds = (performance.now() - signalled) / 1000;
    child = null;
    console.info(`shutdown after ${acked.size} acknowledged packets took ${seconds.toFixed(2)} s`);
    for (const l of loggers) l.stop();
    await Promise.all(loggers.map((l) => l.done));
    // A bound on correctness (the 10 s), not a speed assertion.
    expect(seconds, `exit took ${seconds.toFixed(1)} s`).toBeLessThan(10);
    expect(code).toBe(0);

    const store = await openStore(parseDbUrl(dbUrl), { migrate: false });
    try {
      const stored = await storedLoadKeys(store);
      const lost = [...acked].filter((qn) => !stored.has(loadKeyOfQn(qn)));
      expect(lost.slice(0, 5), `${lost.length} acknowledged packets lost`).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('exits at once on a second signal', async () => {
    const port = await freePort();
    child = await start(port);
    const acked = new Set<string>();
    const loggers = Array.from({ length: 10 }, (_, i) => runLogger(port, i, acked, 30_000, 40_000, 200));
    while (acked.size < 2000) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGTERM');
    child.kill('SIGTERM');
    const code = await exited(child);
    child = null;
    for (const l of loggers) l.stop();
    await Promise.all(loggers.map((l) => l.done));
    // 0 when the first close won the race, 130 when the second signal cut it short: never a hang.
    expect([0, 130]).toContain(code);
  }, 60_000);

  it('is not held up by a slow HTTP client', async () => {
    const port = await freePort();
    const httpPort = await freePort();
    child = spawnQingshan([
      'serve',
      '--db',
      dbUrl,
      '--http-port',
      String(httpPort),
      '--hj212-port',
      String(port),
      '--log-level',
      'warn',
    ]);
    await waitForPort(httpPort, child);
    // A request whose headers never end: the connection is busy, never idle.
    const slow = net.connect({ port: httpPort, host: '127.0.0.1' });
    slow.on('error', () => undefined);
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
    slow.write('GET /api/v1/sites HTTP/1.1\r\nHost: slow\r\nX-Slow: ');
    await new Promise((r) => setTimeout(r, 200));
    const signalled = performance.now();
    child.kill('SIGTERM');
    const code = await exited(child);
    const seconds = (performance.now() - signalled) / 1000;
    child = null;
    slow.destroy();
    expect(code).toBe(0);
    expect(seconds, `exit took ${seconds.toFixed(1)} s`).toBeLessThan(10);
  }, 60_000);

  it('refuses to start on a database whose schema is newer than the code', async () => {
    const store = await openStore(parseDbUrl(dbUrl), { migrate: false });
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(
      store.db,
    );
    await store.close();
    await expect(openStore(parseDbUrl(dbUrl))).rejects.toThrow(
      /newer than this Qingshan.*9999_from_the_future/,
    );
    const c = spawnQingshan(['serve', '--db', dbUrl, '--http-port', '0', '--hj212-port', '0']);
    expect(await exited(c)).not.toBe(0);
  }, 60_000);
});
