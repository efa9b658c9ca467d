/**
 * One hour of real traffic (2016-08-24 00:00–01:00, 284 loggers in Hebei, 2005-era, as a platform
 * received it) replayed over real TCP, cut at random byte boundaries, into a listener where those
 * loggers are registered through the CSV import. Expected outcomes are computed independently from
 * the same bytes with the pure codec.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { deframeAll, parseFrame } from '../hj212/index.js';
import { createServices } from '../services.js';
import { importDevicesCsv } from './device-import.js';
import type { Hj212Server } from './hj212-server.js';
import { startHj212Server } from './hj212-server.js';
import { readingsFromPacket } from './packet-readings.js';

const BYTES = readFileSync(new URL('../../test/fixtures/hj212/real-2016-hebei.h212', import.meta.url));
// The platform's clock at replay time: just after the hour the traffic was captured.
const clock = new ManualClock('2016-08-23T17:05:00Z');
let t: TestStore;
let server: Hj212Server;

/** A seeded PRNG (mulberry32) so the random cuts are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const events = deframeAll(BYTES);
const mns = new Set<string>();
for (const ev of events) {
  if (ev.kind !== 'frame') continue;
  const p = parseFrame(ev);
  if (p.ok) mns.add(p.packet.mn);
}

beforeAll(async () => {
  t = await openTestStore(clock);
  await t.store.districts.upsertMany([{ code: '130100', name: '石家庄市', nameEn: 'Shijiazhuang' }]);
  // Registered in bulk as a migrating city would: one outlet site per logger, password 123456.
  const csv = ['mn,password,site,protocol,site_name,site_kind,district'];
  for (const mn of mns) csv.push(`${mn},123456,HB-${mn},2005,河北 ${mn},outlet,130100`);
  const services = createServices({ store: t.store, clock });
  const importer = { username: 'importer', role: 'admin' };
  const report = await importDevicesCsv(services, importer, csv.join('\n'));
  expect(report.errors).toEqual([]);
  server = await startHj212Server({
    store: t.store,
    clock,
    logger: pino({ level: 'silent' }),
    host: '127.0.0.1',
    port: 0,
  });
});
afterAll(async () => {
  await server.close();
  await t.cleanup();
});

describe('replay of one hour of real HJ 212 traffic', () => {
  it(`registers the loggers from CSV (${mns.size} MNs)`, () => {
    expect(mns.size).toBe(284);
  });

  it('gives every frame an outcome: CRC-valid uploads stored, untrusted clocks and bad frames logged with reasons', async () => {
    const rand = prng(20160824);
    const socket = net.connect({ port: server.port, host: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.on('data', () => undefined);
    for (let i = 0; i < BYTES.length;) {
      const n = 1 + Math.floor(rand() * 4000);
      const chunk = BYTES.subarray(i, i + n);
      i += n;
      if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
    }
    socket.end();
    await new Promise((r) => socket.once('close', r));

    // Expected, from the pure codec over the same bytes.
    let expectedRejected = 0;
    let expectedBadTime = 0;
    const expectedKeys = new Set<string>();
    const siteOf = new Map<string, number>();
    for (const d of await t.store.devices.list()) siteOf.set(d.mn, d.siteId);
    for (const ev of events) {
      if (ev.kind === 'rejection') {
        expectedRejected += 1;
        continue;
      }
      const p = parseFrame(ev);
      if (!p.ok) {
        expectedRejected += 1;
        continue;
      }
      const r = readingsFromPacket(p.packet, siteOf.get(p.packet.mn) ?? -1, clock.now());
      if (!r.ok) {
        expectedRejected += 1;
        if (r.code === 'HJ212_BAD_TIME') expectedBadTime += 1;
        continue;
      }
      for (const x of r.readings)
        expectedKeys.add(`${x.siteId}|${x.parameter}|${x.interval}|${x.periodStart.getTime()}`);
    }

    // Wait until the listener has logged every event.
    const deadline = Date.now() + 60_000;
    let stats = server.stats();
    const total = (): number => stats.packets.accepted + stats.packets.duplicate + stats.packets.rejected;
    while (total() < events.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      stats = server.stats();
    }
    console.log(
      `replay: ${events.length} events → accepted ${stats.packets.accepted}, duplicate ${stats.packets.duplicate}, rejected ${stats.packets.rejected} ${JSON.stringify(stats.rejectedByCode)}; ${stats.readingsStored} readings stored`,
    );
    expect(total()).toBe(events.length);
    expect(stats.packets.rejected).toBe(expectedRejected);
    expect(stats.rejectedByCode.HJ212_BAD_TIME ?? 0).toBe(expectedBadTime);
    expect(expectedBadTime).toBeGreaterThan(0);
    expect(stats.rejectedByCode.HJ212_UNKNOWN_DEVICE ?? 0).toBe(0);
    expect(stats.rejectedByCode.HJ212_BAD_PASSWORD ?? 0).toBe(0);
    expect(stats.readingsStored).toBe(expectedKeys.size);
    expect(await t.store.readings.count()).toBe(expectedKeys.size);
    // Every event is in the durable packet log, each rejection with a code and a reason.
    const counts = await t.store.packets.countByCode(new Date(0));
    expect(counts.reduce((s, c) => s + c.n, 0)).toBe(events.length);
    const rejected = counts.filter((c) => c.outcome === 'rejected');
    expect(rejected.every((c) => c.code !== null)).toBe(true);
    const sample = await t.store.packets.query({ outcome: 'rejected', limit: 1000 });
    expect(sample.items.every((e) => (e.reason ?? '').length > 0)).toBe(true);
    expect(sample.items.every((e) => !/PW=123456/.test(e.raw))).toBe(true);
  });
});
