import net from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { systemClock } from '../clock.js';
import { DAY_MS } from '../standards/china-time.js';
import type { Hj212Server } from '../ingest/hj212-server.js';
import { startHj212Server } from '../ingest/hj212-server.js';
import { AIR_STATION_PARAMETERS } from './demo-city.js';
import { loadDevices, runLoad } from './load.js';
import { NO_ANOMALIES } from './models.js';
import type { SimDevice } from './simulator.js';
import { DeviceSimulator, latencyStats, legacyCodeFor, scaledClock } from './simulator.js';

let t: TestStore;
let server: Hj212Server;
const siteIds = new Map<string, number>();

const GAS: SimDevice = {
  mn: '010330502000031000000001',
  password: 'gAs123',
  protocol: '2017',
  site: {
    kind: 'outlet',
    code: 'S-E1-G1',
    parameters: ['a34013', 'a21026', 'a21002', 'a19001', 'a01012', 'a01013', 'a01011', 'a00000'],
    medium: 'gas',
    emissionStandard: 'GB 13271-2014',
    referenceO2Pct: 3.5,
  },
};
const LEGACY_WATER: SimDevice = {
  mn: 'QS330502000002',
  password: 'wAt456',
  protocol: '2005',
  site: {
    kind: 'outlet',
    code: 'S-E1-W1',
    parameters: ['w01018', 'w21003', 'w21011', 'w21001', 'w01001', 'w00000'],
    medium: 'water',
    emissionStandard: 'GB 4287-2012',
  },
};
const AIR: SimDevice = {
  mn: '010330502000022000000003',
  password: 'aIr789',
  protocol: '2025',
  site: { kind: 'air_station', code: 'S-AIR-1', parameters: AIR_STATION_PARAMETERS },
};
const LOAD = loadDevices(4, { mnPrefix: 'FF' });

async function register(device: SimDevice, parentId?: number): Promise<void> {
  const kind = device.site.kind;
  const site = await t.store.sites.create({
    kind,
    code: device.site.code,
    name: device.site.code,
    districtCode: '330502',
    ...(parentId !== undefined ? { parentId } : {}),
  });
  siteIds.set(device.site.code, site.id);
  await t.store.devices.add({
    mn: device.mn,
    password: device.password,
    siteId: site.id,
    protocol: device.protocol,
  });
}

beforeAll(async () => {
  t = await openTestStore(systemClock);
  await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  const e = await t.store.sites.create({
    kind: 'enterprise',
    code: 'S-E1',
    name: '企业',
    districtCode: '330502',
  });
  for (const d of [GAS, LEGACY_WATER, ...LOAD]) await register(d, e.id);
  await register(AIR);
  server = await startHj212Server({
    store: t.store,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    host: '127.0.0.1',
    port: 0,
  });
});
afterAll(async () => {
  await server.close();
  await t.cleanup();
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/** A TCP proxy in front of the listener that can cut the connection instead of passing an answer on. */
async function startProxy(
  target: number,
): Promise<{ port: number; dropNextAnswer: () => void; close: () => Promise<void> }> {
  let drop = false;
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: target });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (drop) {
        drop = false;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    dropNextAnswer: () => {
      drop = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  };
}

describe('DeviceSimulator against the real HJ 212 listener', () => {
  it('plays 2017, 2005 and 2025 devices at high speed: every packet acknowledged, readings stored', async () => {
    const speed = 3600;
    const sim = new DeviceSimulator({
      host: '127.0.0.1',
      port: server.port,
      devices: [GAS, LEGACY_WATER, AIR],
      // One real second is one simulated hour, starting a day back so no DataTime is ahead of the server.
      clock: scaledClock(speed, new Date(Date.now() - DAY_MS)),
      intervalsMs: { rt: 200 * speed, min: 250 * speed, hour: 400 * speed, day: 1000 * speed },
      speed,
      model: { anomalies: NO_ANOMALIES },
    });
    await sim.start();
    expect(sim.stats().connected).toBe(3);
    await new Promise((r) => setTimeout(r, 2000));
    const stats = await sim.stop(5000);
    expect(stats.sent).toBeGreaterThan(3 * 10);
    expect(stats.acked).toBe(stats.sent);
    expect(stats.unacked).toBe(0);
    expect(stats.retransmitted).toBe(0);
    expect(stats.ackLatencyMs.count).toBe(stats.sent);
    expect(stats.ackLatencyMs.p50).not.toBeNull();
    expect(stats.ackLatencyMs.p99 ?? 0).toBeGreaterThanOrEqual(stats.ackLatencyMs.p50 ?? 0);

    for (const interval of ['rt', 'min', 'hour'] as const) {
      const gas = await t.store.readings.query({ siteId: siteIds.get(GAS.site.code), interval, limit: 1000 });
      expect(gas.items.length, interval).toBeGreaterThan(0);
    }
    const zs = await t.store.readings.query({ siteId: siteIds.get(GAS.site.code), parameter: 'a21026-Zs' });
    expect(zs.items.length).toBeGreaterThan(0);
    // The 2005 device sent old codes (011 COD, 060 NH3-N, B01 flow); the platform maps them back.
    const legacy = await t.store.readings.query({ siteId: siteIds.get(LEGACY_WATER.site.code), limit: 1000 });
    const codes = new Set(legacy.items.map((r) => r.parameter));
    expect([...codes].sort()).toEqual(['w00000', 'w01001', 'w01018', 'w21001', 'w21003', 'w21011']);
    const log = await t.store.packets.query({ mn: LEGACY_WATER.mn, limit: 1 });
    expect(log.items[0]?.raw).toMatch(/Flag=1;CP=&&DataTime=\d{14};011-/);
    const air = await t.store.readings.query({ siteId: siteIds.get(AIR.site.code), parameter: 'a34004' });
    expect(air.items.length).toBeGreaterThan(0);
    expect(server.stats().rejectedByCode).toEqual({});
  });

  it('retransmits a packet whose answer was lost with a dropped connection, and it is stored once', async () => {
    const proxy = await startProxy(server.port);
    const sim = new DeviceSimulator({
      host: '127.0.0.1',
      port: proxy.port,
      devices: [GAS],
      schedule: false,
      reconnect: { initialMs: 20, maxMs: 100 },
      model: { anomalies: NO_ANOMALIES },
    });
    await sim.start();
    const period = new Date('2026-03-01T02:00:00Z');
    proxy.dropNextAnswer();
    expect(sim.send(GAS.mn, 'hour', period)).toBe(true);
    await until(() => sim.stats().acked === 1);
    const stats = await sim.stop(2000);
    await proxy.close();
    expect(stats).toMatchObject({ sent: 1, acked: 1, retransmitted: 1, unacked: 0 });
    expect(stats.connects).toBe(2);
    const rows = await t.store.readings.query({
      siteId: siteIds.get(GAS.site.code),
      interval: 'hour',
      parameter: 'a21026',
      from: period,
      to: new Date(period.getTime() + 1),
    });
    expect(rows.items).toHaveLength(1);
    const log = await t.store.packets.query({ mn: GAS.mn, limit: 2 });
    expect(log.items.map((e) => e.outcome)).toEqual(['duplicate', 'accepted']);
    expect(log.items[0]?.qn).toBe(log.items[1]?.qn);
  });

  it('resends an unanswered packet with the same QN up to the retry limit, then counts it unacknowledged', async () => {
    const received: string[] = [];
    const open = new Set<net.Socket>();
    const silent = net.createServer((s) => {
      open.add(s);
      s.on('data', (c: Buffer) => received.push(c.toString('latin1')));
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const sim = new DeviceSimulator({
      host: '127.0.0.1',
      port,
      devices: [GAS],
      schedule: false,
      ackTimeoutMs: 60,
      maxRetries: 2,
      model: { anomalies: NO_ANOMALIES },
    });
    await sim.start();
    sim.send(GAS.mn, 'min', new Date('2026-03-01T02:00:00Z'));
    await until(() => sim.stats().unacked === 1, 2000);
    const stats = await sim.stop(100);
    for (const s of open) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    expect(stats).toMatchObject({ sent: 1, acked: 0, retransmitted: 2, unacked: 1, inFlight: 0 });
    const qns = received.join('').match(/QN=\d{17}/g) ?? [];
    expect(qns).toHaveLength(3);
    expect(new Set(qns).size).toBe(1);
  });

  it('reconnects with backoff when the server is not there yet', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    const sim = new DeviceSimulator({
      host: '127.0.0.1',
      port,
      devices: [GAS],
      schedule: false,
      reconnect: { initialMs: 20, maxMs: 50 },
    });
    await sim.start();
    expect(sim.stats().connected).toBe(0);
    await until(() => sim.stats().connectionFailures >= 3, 2000);
    const stats = await sim.stop(10);
    expect(stats.connectionFailures).toBeGreaterThanOrEqual(3);
    expect(stats.connects).toBe(0);
  });
});

describe('load generator', () => {
  it('sends N devices × rate for a duration, every packet acknowledged and stored', async () => {
    const before = server.stats().packets.accepted;
    const progress: number[] = [];
    const stats = await runLoad({
      host: '127.0.0.1',
      port: server.port,
      devices: LOAD,
      rate: 400,
      durationS: 1,
      progressIntervalMs: 200,
      onProgress: (s) => progress.push(s.sent),
    });
    expect(stats).toMatchObject({ devices: 4, sent: 400, acked: 400, unacked: 0, retransmitted: 0 });
    expect(stats.packetsPerSecond).toBeGreaterThan(200);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(server.stats().packets.accepted - before).toBe(400);
    const rows = await t.store.readings.query({
      siteId: siteIds.get(LOAD[0]?.site.code ?? ''),
      parameter: 'a21026',
      interval: 'min',
      limit: 1000,
    });
    expect(rows.items).toHaveLength(100);
  });

  it('generates identities: prefix + zero-padded index, 24 characters (14 for 2005)', () => {
    expect(loadDevices(2).map((d) => d.mn)).toEqual(['990000000000000000000001', '990000000000000000000002']);
    expect(loadDevices(1, { protocol: '2005', mnPrefix: 'QS' })[0]).toMatchObject({
      mn: 'QS000000000001',
      password: '123456',
      protocol: '2005',
    });
    expect(() => loadDevices(100, { protocol: '2005', mnPrefix: 'ABCDEFGHIJKLM' })).toThrow(/too few/);
  });
});

describe('helpers', () => {
  it('maps 2017 codes to 2005 codes only where the map round-trips for the ST', () => {
    expect(legacyCodeFor('a21026', '31')).toBe('02');
    expect(legacyCodeFor('a00000', '31')).toBe('B02');
    expect(legacyCodeFor('w01018', '32')).toBe('011');
    expect(legacyCodeFor('w00000', '32')).toBe('B01');
    expect(legacyCodeFor('w21003', '21')).toBe('060');
    expect(legacyCodeFor('w01009', '21')).toBeUndefined();
    expect(legacyCodeFor('a34004', '22')).toBeUndefined();
    expect(legacyCodeFor('w01018', '31')).toBeUndefined();
  });

  it('computes latency percentiles by nearest rank', () => {
    expect(latencyStats([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(latencyStats(xs)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });
});
