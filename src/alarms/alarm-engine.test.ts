import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmServiceOver } from '../../test/alarm-service.js';
import { TestLogger } from '../../test/hj212-client.js';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { ManualClock, systemClock } from '../clock.js';
import { encodeDataUpload } from '../hj212/index.js';
import type { Hj212Server } from '../ingest/hj212-server.js';
import { startHj212Server } from '../ingest/hj212-server.js';
import type { Reading } from '../store/types.js';
import type { AlarmChange } from './alarm.service.js';
import { AlarmEngine } from './alarm-engine.js';

const HOUR = 3_600_000;

async function outletWithLimit(t: TestStore, code: string): Promise<number> {
  await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  const e = await t.store.sites.create({
    kind: 'enterprise',
    code: `${code}-E`,
    name: '企业',
    districtCode: '330502',
  });
  const site = await t.store.sites.create({
    kind: 'outlet',
    code,
    name: '排口',
    districtCode: '330502',
    parentId: e.id,
    attributes: { medium: 'gas', emissionStandard: 'GB 13271-2014', parameters: ['a21026'] },
  });
  await t.store.limits.add([
    {
      siteId: site.id,
      parameter: 'a21026',
      value: 100,
      lowerValue: null,
      unit: 'mg/m3',
      averaging: 'hour',
      referenceO2Pct: null,
      standard: 'GB 13271-2014',
      clause: 'Table 1',
      validFrom: null,
      validTo: null,
      source: 'bureau',
      createdBy: 'test',
    },
  ]);
  return site.id;
}

describe('AlarmEngine over the store with a held clock', () => {
  let t: TestStore;
  let siteId = 0;
  const clock = new ManualClock('2026-03-15T04:10:00Z');
  const hour0 = new Date('2026-03-15T01:00:00Z');
  const reading = (h: number, value: number, flag = 'N'): Reading => ({
    siteId,
    parameter: 'a21026',
    interval: 'hour',
    periodStart: new Date(hour0.getTime() + h * HOUR),
    value,
    valueText: String(value),
    min: null,
    max: null,
    cumulative: null,
    flag,
    source: 'test',
    receivedAt: clock.now(),
  });

  beforeAll(async () => {
    t = await openTestStore(clock);
    siteId = await outletWithLimit(t, 'E1-G1');
  });
  afterAll(() => t.cleanup());

  it('opens on an exceeding hour, keeps it open through a flagged hour, clears it after a clear hour (still unhandled)', async () => {
    const engine = new AlarmEngine(t.store, clock, {
      service: alarmServiceOver(t.store, clock, { autoCloseAfterMs: HOUR }),
    });
    await t.store.readings.insertBatch([reading(0, 130)]);
    const exceedances = (changes: readonly AlarmChange[]): AlarmChange[] =>
      changes.filter((c) => c.alarm.rule === 'exceedance');
    const first = await engine.evaluate([siteId]);
    expect(exceedances(first.changes).map((c) => c.kind)).toEqual(['opened']);
    expect(first.changes[0]?.alarm).toMatchObject({
      rule: 'exceedance',
      parameter: 'a21026',
      severity: 'critical',
    });
    // The hours after it have no data yet: the site has a gap too.
    expect(first.changes.map((c) => c.alarm.rule)).toContain('missing-data');

    await t.store.readings.insertBatch([reading(1, 150, 'M')]);
    const flagged = await engine.evaluate([siteId]);
    expect(exceedances(flagged.changes)).toEqual([]);
    expect((await t.store.alarms.findOpen(siteId, 'a21026', 'exceedance'))?.clearedSince).toBeNull();

    await t.store.readings.insertBatch([reading(2, 40)]);
    const cleared = await engine.evaluate([siteId]);
    // Clear since 02:00 (the end of the evidence): due at 03:00, but never stamped before the
    // alarm's own opening at 04:10 (the hours arrived late).
    const closed = exceedances(cleared.changes);
    expect(closed.map((c) => c.kind)).toEqual(['cleared']);
    expect(closed[0]?.alarm).toMatchObject({ condition: 'cleared', handling: 'unhandled' });
    expect(closed[0]?.alarm.clearedAt?.toISOString()).toBe('2026-03-15T02:00:00.000Z');
    expect(closed[0]?.event.at.toISOString()).toBe('2026-03-15T04:10:00.000Z');
  });

  it('the timer judges a device offline from its last packet, and escalates it', async () => {
    const engine = new AlarmEngine(t.store, clock, {
      service: alarmServiceOver(t.store, clock, { autoCloseAfterMs: HOUR }),
    });
    await t.store.devices.add({ mn: 'MN-OFF', password: 'pw-1234', siteId, protocol: '2017' });
    await t.store.devices.markSeen(['MN-OFF'], clock.now());
    expect(await engine.tick()).toEqual([]);
    clock.advance(61 * 60_000);
    const warn = await engine.tick();
    expect(warn.map((c) => [c.kind, c.alarm.rule, c.alarm.severity])).toEqual([
      ['opened', 'device-offline', 'warning'],
    ]);
    clock.advance(24 * HOUR);
    const crit = await engine.tick();
    expect(crit.map((c) => [c.kind, c.alarm.severity])).toEqual([['updated', 'critical']]);
    await t.store.devices.markSeen(['MN-OFF'], clock.now());
    expect(await engine.tick()).toEqual([]);
    clock.advance(HOUR);
    const closed = await engine.tick();
    // The condition cleared; a critical alarm still waits for a person (nothing resolved, nothing audited).
    expect(closed.map((c) => c.kind)).toEqual(['cleared']);
    expect(closed[0]?.alarm).toMatchObject({ condition: 'cleared', handling: 'unhandled' });
    const audit = await t.store.audit.query({
      action: 'alarm.auto_resolved',
      targetId: String(closed[0]?.alarm.id),
    });
    expect(audit.items).toEqual([]);
  });
});

describe('end to end: HJ 212 packets over real TCP raise and clear an exceedance alarm', () => {
  const MN = '010330502310000000000099';
  const PW = 'a1b2c3';
  let t: TestStore;
  let server: Hj212Server;
  let engine: AlarmEngine;
  let siteId = 0;
  const seen: AlarmChange[] = [];

  beforeAll(async () => {
    t = await openTestStore(systemClock);
    siteId = await outletWithLimit(t, 'E9-G1');
    await t.store.devices.add({ mn: MN, password: PW, siteId, protocol: '2017' });
    engine = new AlarmEngine(t.store, systemClock, {
      service: alarmServiceOver(t.store, systemClock, {
        autoCloseAfterMs: HOUR,
        onChange: (c) => seen.push(c),
      }),
    });
    server = await startHj212Server({
      store: t.store,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      host: '127.0.0.1',
      port: 0,
      onCommitted: engine.onCommitted,
    });
  });
  afterAll(async () => {
    await server.close();
    await engine.stop();
    await t.cleanup();
  });

  async function waitFor(kind: AlarmChange['kind'], timeoutMs = 5000): Promise<AlarmChange> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = seen.find((c) => c.kind === kind && c.alarm.rule === 'exceedance');
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${kind} change within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('opens within a second of the exceeding hourly packet, clears after the clean one', async () => {
    const peer = await TestLogger.connect(server.port);
    const hour = new Date(Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR);
    const send = async (qn: string, at: Date, so2: string, n: number): Promise<void> => {
      await peer.write(
        encodeDataUpload({ qn, st: '31', pw: PW, mn: MN, edition: '2017' }, '2061', at, [
          { code: 'a21026', values: { Avg: so2, Min: so2, Max: so2 }, flag: 'N' },
        ]),
      );
      await peer.waitForAnswers(n);
    };
    const sentAt = Date.now();
    await send('20260315100000001', hour, '135.5', 1);
    const opened = await waitFor('opened');
    expect(Date.now() - sentAt).toBeLessThan(1000);
    expect(opened.alarm).toMatchObject({ siteId, parameter: 'a21026', rule: 'exceedance', state: 'open' });
    expect(opened.alarm.evidence).toMatchObject([{ value: 135.5 }]);

    await send('20260315110000001', new Date(hour.getTime() + HOUR), '42.0', 2);
    const closed = await waitFor('cleared');
    expect(closed.alarm).toMatchObject({
      id: opened.alarm.id,
      condition: 'cleared',
      handling: 'unhandled',
      state: 'open',
    });
    const history = await t.store.alarms.getById(opened.alarm.id);
    expect(history?.events.map((e) => e.kind)).toEqual(['opened', 'cleared']);
    peer.close();
  });
});
