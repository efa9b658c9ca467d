/**
 * Crash test: loggers send while the platform process is killed with SIGKILL; after a restart
 * they resend everything (acknowledged or not, as a logger unsure of its acks would). Every packet
 * acknowledged before the kill must be in the store, and nothing may be stored twice.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../config/config.js';
import { openStore } from '../store/store.js';
import {
  LOAD_MEASUREMENTS,
  loadKeyOfQn,
  runLogger as runLoadLogger,
  seedLoadDevices,
  storedLoadKeys,
} from '../../test/load-loggers.js';
import { freePort, spawnQingshan, waitForPort } from '../../test/platform-process.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-crash-'));
const dbUrl = `sqlite:${join(dir, 'crash.db')}`;
const LOGGERS = 20;
const PACKETS_PER_LOGGER = 400;
const measurements = LOAD_MEASUREMENTS;

let port = 0;
let child: ChildProcess | null = null;

function startPlatform(): ChildProcess {
  return spawnQingshan([
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
}

/** One logger: sends packets from `from`, records the QNs acknowledged, until done. */
function runLogger(i: number, acked: Set<string>, from: number, to: number): { done: Promise<void> } {
  return runLoadLogger(port, i, acked, from, to);
}

beforeAll(async () => {
  port = await freePort();
  const store = await openStore(parseDbUrl(dbUrl));
  await seedLoadDevices(store, LOGGERS, 'CRASH');
  await store.close();
});
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 while loggers send', () => {
  it('keeps every acknowledged packet and stores nothing twice after the loggers retransmit', async () => {
    child = startPlatform();
    await waitForPort(port, child);
    const ackedBeforeKill = new Set<string>();
    const loggers = Array.from({ length: LOGGERS }, (_, i) =>
      runLogger(i, ackedBeforeKill, 0, PACKETS_PER_LOGGER),
    );
    // Kill once a good share has been acknowledged, while traffic is still flowing.
    const deadline = Date.now() + 30_000;
    while (ackedBeforeKill.size < (LOGGERS * PACKETS_PER_LOGGER) / 4 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await Promise.all(loggers.map((l) => l.done));
    const snapshot = new Set(ackedBeforeKill);
    expect(snapshot.size).toBeGreaterThan(0);
    expect(snapshot.size).toBeLessThan(LOGGERS * PACKETS_PER_LOGGER);

    // Every acknowledged packet survived the kill.
    const afterKill = await openStore(parseDbUrl(dbUrl), { migrate: false });
    const storedKeys = await storedLoadKeys(afterKill);
    await afterKill.close();
    for (const qn of snapshot) {
      expect(storedKeys.has(loadKeyOfQn(qn)), `acknowledged ${qn} lost`).toBe(true);
    }

    // Restart; the loggers resend everything from the start.
    child = startPlatform();
    await waitForPort(port, child);
    const ackedAfter = new Set<string>();
    await Promise.all(
      Array.from({ length: LOGGERS }, (_, i) => runLogger(i, ackedAfter, 0, PACKETS_PER_LOGGER).done),
    );
    expect(ackedAfter.size).toBe(LOGGERS * PACKETS_PER_LOGGER);
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    child = null;

    const store = await openStore(parseDbUrl(dbUrl), { migrate: false });
    try {
      expect(await store.readings.count()).toBe(LOGGERS * PACKETS_PER_LOGGER * measurements.length);
      const dup = await store.packets.query({ outcome: 'duplicate', limit: 1 });
      expect(dup.items.length).toBe(1);
    } finally {
      await store.close();
    }
  });
});
