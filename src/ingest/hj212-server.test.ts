import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestLogger } from '../../test/hj212-client.js';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { systemClock } from '../clock.js';
import type { UploadMeasurement } from '../hj212/index.js';
import { encodeDataUpload, encodeFrame, encodeRequest } from '../hj212/index.js';
import type { Hj212Server } from './hj212-server.js';
import { maskPassword, startHj212Server } from './hj212-server.js';

const MN = '010330502310000000000001';
const PW = 'a1b2c3';
let t: TestStore;
let server: Hj212Server;
let siteId = 0;

const MINUTE = new Date('2026-03-15T02:01:00Z'); // 10:01 China time
const measurements: UploadMeasurement[] = [
  { code: 'a21026', values: { Min: '10.1', Avg: '12.30', Max: '15.0', Cou: '0.52' }, flag: 'N' },
  { code: 'a19001', values: { Avg: '8.5' }, flag: 'N' },
  { code: 'a34013', values: { Avg: '3.2' }, flag: 'M' },
];

function upload(qn: string, at = MINUTE, mn = MN, pw = PW): Buffer {
  return encodeDataUpload({ qn, st: '31', pw, mn, edition: '2017' }, '2051', at, measurements);
}

beforeAll(async () => {
  t = await openTestStore(systemClock);
  await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  const e = await t.store.sites.create({
    kind: 'enterprise',
    code: 'E1',
    name: '企业',
    districtCode: '330502',
  });
  siteId = (
    await t.store.sites.create({
      kind: 'outlet',
      code: 'E1-G1',
      name: '排口',
      districtCode: '330502',
      parentId: e.id,
    })
  ).id;
  await t.store.devices.add({ mn: MN, password: PW, siteId, protocol: '2017' });
  server = await startHj212Server({
    store: t.store,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    host: '127.0.0.1',
    port: 0,
    limits: { maxDataBytes: 2000, idleTimeoutMs: 60_000 },
  });
});
afterAll(async () => {
  await server.close();
  await t.cleanup();
});

describe('HJ 212 listener over real TCP', () => {
  it('stores a 2051 upload and answers 9014 after the commit, echoing QN, PW, MN with ST=91', async () => {
    const peer = await TestLogger.connect(server.port);
    await peer.write(upload('20260315100100001'));
    const [ans] = await peer.waitForAnswers(1);
    expect(ans).toMatchObject({ cn: '9014', st: '91', qn: '20260315100100001', mn: MN, pw: PW });
    expect(ans?.flag.ack).toBe(false);
    expect(ans?.flag.version).toBe(1);
    const stored = await t.store.readings.query({ siteId, interval: 'min' });
    const so2 = stored.items.find((r) => r.parameter === 'a21026');
    expect(so2).toMatchObject({
      value: 12.3,
      valueText: '12.30',
      min: 10.1,
      max: 15,
      cumulative: 0.52,
      flag: 'N',
    });
    expect(so2?.periodStart.toISOString()).toBe('2026-03-15T02:01:00.000Z');
    expect(stored.items.find((r) => r.parameter === 'a34013')?.flag).toBe('M');
    peer.close();
  });

  it('handles a packet split across writes and two packets coalesced in one write', async () => {
    const peer = await TestLogger.connect(server.port);
    const a = upload('20260315100200001', new Date('2026-03-15T02:02:00Z'));
    await peer.write(a.subarray(0, 7));
    await new Promise((r) => setTimeout(r, 30));
    await peer.write(a.subarray(7, 50));
    await peer.write(a.subarray(50));
    const b = upload('20260315100300001', new Date('2026-03-15T02:03:00Z'));
    const c = upload('20260315100400001', new Date('2026-03-15T02:04:00Z'));
    await peer.write(Buffer.concat([b, c]));
    const answers = await peer.waitForAnswers(3);
    expect(answers.map((x) => x.qn)).toEqual(['20260315100200001', '20260315100300001', '20260315100400001']);
    peer.close();
  });

  it('acknowledges a retransmission again but stores it once, logging it as a duplicate', async () => {
    const peer = await TestLogger.connect(server.port);
    const p = upload('20260315100500001', new Date('2026-03-15T02:05:00Z'));
    await peer.write(p);
    await peer.waitForAnswers(1);
    await peer.write(p);
    const answers = await peer.waitForAnswers(2);
    expect(answers).toHaveLength(2);
    const rows = await t.store.readings.query({
      siteId,
      parameter: 'a21026',
      from: new Date('2026-03-15T02:05:00Z'),
      to: new Date('2026-03-15T02:06:00Z'),
    });
    expect(rows.items).toHaveLength(1);
    const log = await t.store.packets.query({ mn: MN, limit: 2 });
    expect(log.items.map((e) => e.outcome)).toEqual(['duplicate', 'accepted']);
    peer.close();
  });

  it('rejects a wrong password and an unknown MN without answering, and logs why', async () => {
    const peer = await TestLogger.connect(server.port);
    await peer.write(upload('20260315100600001', MINUTE, MN, 'wrong1'));
    await peer.write(upload('20260315100600002', MINUTE, '010330502310000000000999', PW));
    await peer.write(upload('20260315100600003', new Date('2026-03-15T02:06:00Z')));
    const answers = await peer.waitForAnswers(1);
    expect(answers.map((a) => a.qn)).toEqual(['20260315100600003']);
    const bad = await t.store.packets.query({ code: 'HJ212_BAD_PASSWORD' });
    expect(bad.items[0]?.reason).toMatch(/wrong PW/);
    expect(bad.items[0]?.raw).toContain('PW=***');
    expect(bad.items[0]?.raw).not.toContain('wrong1');
    const unknown = await t.store.packets.query({ code: 'HJ212_UNKNOWN_DEVICE' });
    expect(unknown.items[0]?.mn).toBe('010330502310000000000999');
    expect(server.stats().rejectedByCode).toMatchObject({ HJ212_BAD_PASSWORD: 1, HJ212_UNKNOWN_DEVICE: 1 });
    peer.close();
  });

  it('survives garbage, a bad CRC and an oversize frame, and still takes the next good packet', async () => {
    const peer = await TestLogger.connect(server.port);
    const good = upload('20260315100700001', new Date('2026-03-15T02:07:00Z'));
    const badCrc = Buffer.from(good);
    badCrc[badCrc.length - 3] = badCrc[badCrc.length - 3] === 0x30 ? 0x31 : 0x30;
    const oversize = encodeFrame(`QN=1;ST=31;CN=2011;PW=${PW};MN=${MN};Flag=5;CP=&&${'a'.repeat(3000)}&&`);
    await peer.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await peer.write(badCrc);
    await peer.write(oversize);
    await peer.write(good);
    const answers = await peer.waitForAnswers(1);
    expect(answers.map((a) => a.qn)).toEqual(['20260315100700001']);
    const codes = server.stats().rejectedByCode;
    expect(codes.HJ212_BAD_CRC).toBeGreaterThanOrEqual(1);
    expect(codes.HJ212_TOO_LARGE).toBeGreaterThanOrEqual(1);
    expect(codes.HJ212_GARBAGE).toBeGreaterThanOrEqual(1);
    peer.close();
  });

  it('refuses content from a logger clock stuck in 2000, keeping it in the packet log', async () => {
    const peer = await TestLogger.connect(server.port);
    await peer.write(upload('20000101000000001', new Date('2000-01-01T00:00:00Z')));
    await new Promise((r) => setTimeout(r, 200));
    const log = await t.store.packets.query({ code: 'HJ212_BAD_TIME' });
    expect(log.items[0]?.reason).toMatch(/clock not trustworthy/);
    peer.close();
  });

  it('answers a 1013 time-calibration notify with 9013', async () => {
    const peer = await TestLogger.connect(server.port);
    await peer.write(
      encodeRequest({ qn: '20260315100800001', st: '31', pw: PW, mn: MN, edition: '2017' }, '1013'),
    );
    const [ans] = await peer.waitForAnswers(1);
    expect(ans).toMatchObject({ cn: '9013', qn: '20260315100800001' });
    peer.close();
  });

  it('serves 500 concurrent connections', async () => {
    const peers = await Promise.all(Array.from({ length: 500 }, () => TestLogger.connect(server.port)));
    await Promise.all(
      peers.map((p, i) =>
        p.write(upload(`2026031511${String(i).padStart(7, '0')}`, new Date(Date.UTC(2026, 2, 16, 0, i)))),
      ),
    );
    const answered = await Promise.all(peers.map((p) => p.waitForAnswers(1)));
    expect(answered.filter((a) => a.length === 1)).toHaveLength(500);
    for (const p of peers) p.close();
  });

  it('masks the password in logged frames', () => {
    expect(maskPassword('##0100QN=1;ST=31;CN=2011;PW=123456;MN=X;CP=&&&&ABCD\r\n')).toBe(
      '##0100QN=1;ST=31;CN=2011;PW=***;MN=X;CP=&&&&ABCD',
    );
    expect(maskPassword('##0100PW=123456;MN=X')).toBe('##0100PW=***;MN=X');
  });
});

describe('HJ 212 listener limits', () => {
  it('closes an idle connection and refuses connections over the per-address limit', async () => {
    const limited = await startHj212Server({
      store: t.store,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      host: '127.0.0.1',
      port: 0,
      limits: { idleTimeoutMs: 300, maxConnectionsPerAddress: 2 },
    });
    try {
      const a = await TestLogger.connect(limited.port);
      const b = await TestLogger.connect(limited.port);
      const c = await TestLogger.connect(limited.port);
      expect(await c.waitForClose(2000)).toBe(true);
      expect(await a.waitForClose(3000)).toBe(true);
      expect(await b.waitForClose(3000)).toBe(true);
      expect(limited.stats().connectionsRefused).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });

  it('shuts down gracefully: what was received before close is committed and answered', async () => {
    const s = await startHj212Server({
      store: t.store,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      host: '127.0.0.1',
      port: 0,
    });
    const peer = await TestLogger.connect(s.port);
    await peer.write(upload('20260315120000001', new Date('2026-03-15T04:00:00Z')));
    await new Promise((r) => setTimeout(r, 20));
    await s.close();
    const answers = await peer.waitForAnswers(1, 2000);
    expect(answers.map((a) => a.qn)).toEqual(['20260315120000001']);
    expect(await peer.waitForClose(3000)).toBe(true);
  });
});
