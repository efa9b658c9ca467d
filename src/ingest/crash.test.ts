/**
 * Crash test: loggers send while the platform process is killed with SIGKILL; after a restart
 * they resend everything (acknowledged or not, as a logger unsure of its acks would). Every packet
 * acknowledged before the kill must be in the store, and nothing may be stored twice.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../config/config.js';
import type { UploadMeasurement } from '../hj212/index.js';
import { Hj212Deframer, encodeDataUpload, parseFrame } from '../hj212/index.js';
import { MINUTE_MS } from '../standards/china-time.js';
import { openStore } from '../store/store.js';
import { freePort, spawnQingshan, waitForPort } from '../../test/platform-process.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-crash-'));
const dbUrl = `sqlite:${join(dir, 'crash.db')}`;
const LOGGERS = 20;
const PACKETS_PER_LOGGER = 400;
const PW = '654321';
const mnOf = (i: number): string => `0103305023100000000${String(i).padStart(5, '0')}`;
const measurements: UploadMeasurement[] = ['a21026', 'a21002', 'a34013', 'a19001'].map((code, k) => ({
  code,
  values: { Avg: String(10 + k) },
  flag: 'N',
}));
const T0 = Date.UTC(2026, 2, 1);
const packetOf = (logger: number, n: number): Buffer =>
  encodeDataUpload(
    {
      qn: `Q${String(logger).padStart(3, '0')}${String(n).padStart(6, '0')}`,
      st: '31',
      pw: PW,
      mn: mnOf(logger),
      edition: '2017',
    },
    '2051',
    new Date(T0 + n * MINUTE_MS),
    measurements,
  );

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

/** One logger: sends packets from `from`, records the QNs acknowledged, until told to stop or done. */
function runLogger(i: number, acked: Set<string>, from: number, to: number): { done: Promise<void> } {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const deframer = new Hj212Deframer();
  const done = new Promise<void>((resolve) => {
    let next = from;
    let outstanding = 0;
    const pump = (): void => {
      while (next < to && outstanding < 50 && !socket.destroyed) {
        socket.write(packetOf(i, next));
        next += 1;
        outstanding += 1;
      }
      if (next >= to && outstanding === 0) {
        socket.end();
      }
    };
    socket.on('connect', pump);
    socket.on('data', (chunk: Buffer) => {
      for (const ev of deframer.push(chunk)) {
        if (ev.kind !== 'frame') continue;
        const p = parseFrame(ev);
        if (p.ok && p.packet.cn === '9014' && p.packet.qn !== undefined) {
          acked.add(p.packet.qn);
          outstanding -= 1;
        }
      }
      pump();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
  return { done };
}

beforeAll(async () => {
  port = await freePort();
  const store = await openStore(parseDbUrl(dbUrl));
  await store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  for (let i = 0; i < LOGGERS; i += 1) {
    const site = await store.sites.create({
      kind: 'outlet',
      code: `CRASH-${i}`,
      name: `排口 ${i}`,
      districtCode: '330502',
    });
    await store.devices.add({ mn: mnOf(i), password: PW, siteId: site.id, protocol: '2017' });
  }
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
    const storedKeys = new Set(
      (
        await afterKill.db
          .selectFrom('readings')
          .innerJoin('devices', 'devices.site_id', 'readings.site_id')
          .select(['devices.mn', 'readings.period_start'])
          .execute()
      ).map((r) => `${r.mn}|${r.period_start}`),
    );
    await afterKill.close();
    for (const qn of snapshot) {
      const logger = Number(qn.slice(1, 4));
      const n = Number(qn.slice(4));
      expect(storedKeys.has(`${mnOf(logger)}|${T0 + n * MINUTE_MS}`), `acknowledged ${qn} lost`).toBe(true);
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
