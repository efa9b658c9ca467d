/**
 * The store conformance suite: every store feature, run against each backend by
 * `sqlite.test.ts` and `postgres.test.ts` (a shared suite in the manner of Hono's router cases).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import type { AuditDraft, LinkedAuditEntry } from './audit.repository.js';
import { AUDIT_GENESIS_HASH } from './audit.repository.js';
import { runCaseStoreSuite } from './case.repository.case.test.js';
import type { Store } from './store.js';
import type { Reading } from './types.js';
import { runWaterStoreCases } from './water.repository.case.test.js';
import { runAlarmStoreCases } from './alarm.repository.case.test.js';
import { runAirStoreCases } from './air.repository.case.test.js';
import { runUserStoreCases } from './user.repository.case.test.js';
import { runDeviceStoreCases } from './device.repository.case.test.js';
import { runSiteStoreCases } from './site.repository.case.test.js';
import { runCorrectionStoreCases } from './correction.repository.case.test.js';
import { runSettingsStoreCases } from './settings.repository.case.test.js';
import { runMasterDataStoreCases } from './master-data.repository.case.test.js';
import { runCarbonStoreCases } from './carbon.repository.case.test.js';
import { runWasteStoreCases } from './waste.repository.case.test.js';
import { runResponseStoreCases } from './response.repository.case.test.js';
import { runIndicatorStoreCases } from './indicator.repository.case.test.js';

export interface StoreSuiteOptions {
  /** Opens a fresh, empty, migrated store. */
  open: (clock: ManualClock) => Promise<Store>;
}

const T0 = new Date('2026-03-15T00:00:00Z');

/** A stand-in seal for the repository tests (the real one is src/audit/chain.ts). */
function fakeSeal(e: LinkedAuditEntry): string {
  return createHash('sha256').update(`${e.prevHash}|${e.seq}|${e.action}`).digest('hex');
}

function draft(action: string, extra: Partial<AuditDraft> = {}): AuditDraft {
  return {
    at: T0,
    actor: 'admin1',
    actorRole: 'admin',
    action,
    targetType: null,
    targetId: null,
    details: {},
    address: '127.0.0.1',
    ...extra,
  };
}

function reading(
  siteId: number,
  parameter: string,
  minute: number,
  value: number | null,
  extra: Partial<Reading> = {},
): Reading {
  return {
    siteId,
    parameter,
    interval: 'min',
    periodStart: new Date(T0.getTime() + minute * 60_000),
    value,
    valueText: value === null ? null : String(value),
    min: null,
    max: null,
    cumulative: null,
    flag: 'N',
    source: 'test',
    receivedAt: T0,
    ...extra,
  };
}

export function runStoreSuite({ open }: StoreSuiteOptions): void {
  let store: Store;
  const clock = new ManualClock(T0);
  let stationId = 0;
  let enterpriseId = 0;
  let outletId = 0;

  beforeAll(async () => {
    store = await open(clock);
    await store.districts.upsertMany([
      { code: '330502', name: '吴兴区', nameEn: 'Wuxing' },
      { code: '330503', name: '南浔区', nameEn: 'Nanxun' },
    ]);
    stationId = (
      await store.sites.create({
        kind: 'air_station',
        code: 'A1',
        name: '站一',
        districtCode: '330502',
        longitude: 120.1,
        latitude: 30.87,
      })
    ).id;
    enterpriseId = (
      await store.sites.create({
        kind: 'enterprise',
        code: 'E1',
        name: '企业一',
        districtCode: '330503',
        attributes: { industry: '印染' },
      })
    ).id;
    outletId = (
      await store.sites.create({
        kind: 'outlet',
        code: 'E1-G1',
        name: '排口',
        districtCode: '330503',
        parentId: enterpriseId,
        attributes: { medium: 'gas' },
      })
    ).id;
  });
  afterAll(async () => {
    await store.close();
  });

  describe('migrations', () => {
    it('are idempotent: a second run applies nothing', async () => {
      expect(await store.migrate()).toEqual([]);
    });
    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });

  describe('districts', () => {
    it('upserts names and lists by code', async () => {
      await store.districts.upsertMany([{ code: '330503', name: '南浔区', nameEn: 'Nanxun District' }]);
      const list = await store.districts.list();
      expect(list.map((d) => d.code)).toEqual(['330502', '330503']);
      expect(list[1]?.nameEn).toBe('Nanxun District');
      expect(await store.districts.get('999999')).toBeNull();
    });
  });

  describe('sites', () => {
    it('filters by kind, district and parent, with totals', async () => {
      const stations = await store.sites.list({ kind: 'air_station' });
      expect(stations.items.map((s) => s.code)).toEqual(['A1']);
      expect(stations.total).toBe(1);
      const nanxun = await store.sites.list({ districtCode: '330503' });
      expect(nanxun.total).toBe(2);
      const outlets = await store.sites.list({ parentId: enterpriseId });
      expect(outlets.items[0]?.code).toBe('E1-G1');
      expect((await store.sites.list({ ids: [] })).items).toEqual([]);
      expect((await store.sites.list({ ids: [outletId] })).items.map((s) => s.id)).toEqual([outletId]);
    });
    it('lists the ids of a district or of some kinds (row scoping)', async () => {
      expect(await store.sites.idsWhere({ kinds: ['air_station'] })).toEqual([stationId]);
      expect(await store.sites.idsWhere({ districtCode: '330503' })).toHaveLength(2);
      expect(await store.sites.idsWhere({ kinds: [] })).toEqual([]);
      expect(await store.sites.idsWhere({ districtCode: '999999' })).toEqual([]);
    });
    it('keeps attributes as structured data and coordinates as numbers', async () => {
      const e = await store.sites.getByCode('E1');
      expect(e?.attributes).toEqual({ industry: '印染' });
      const a = await store.sites.getById(stationId);
      expect(a).toMatchObject({ longitude: 120.1, latitude: 30.87, demo: false });
    });
    it('pages with a next cursor', async () => {
      const p = await store.sites.list({ limit: 2 });
      expect(p.items).toHaveLength(2);
      expect(p.nextCursor).toBe('2');
      const rest = await store.sites.list({ limit: 2, offset: 2 });
      expect(rest.items).toHaveLength(1);
      expect(rest.nextCursor).toBeNull();
    });
    it('refuses a duplicate code and an unknown district', async () => {
      await expect(
        store.sites.create({ kind: 'air_station', code: 'A1', name: 'x', districtCode: '330502' }),
      ).rejects.toThrow();
      await expect(
        store.sites.create({ kind: 'air_station', code: 'A9', name: 'x', districtCode: '000000' }),
      ).rejects.toThrow();
    });
  });

  describe('devices', () => {
    it('stores only a hash of the password and authenticates MN + PW', async () => {
      await store.devices.add({
        mn: '88888880000001',
        password: '123456',
        siteId: outletId,
        protocol: '2017',
      });
      const row = await store.db
        .selectFrom('devices')
        .selectAll()
        .where('mn', '=', '88888880000001')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).not.toContain('123456');
      expect(row.password_hash).toMatch(/^scrypt\$/);
      const ok = await store.devices.authenticate('88888880000001', '123456');
      expect(ok.ok && ok.device.siteCode).toBe('E1-G1');
      expect(await store.devices.authenticate('88888880000001', '654321')).toEqual({
        ok: false,
        reason: 'bad_password',
      });
      expect(await store.devices.authenticate('nope', '123456')).toEqual({ ok: false, reason: 'unknown' });
      // the cached verification is still right after the password changes
      expect(await store.devices.setPassword('88888880000001', 'abcdef')).toBe(true);
      expect(await store.devices.authenticate('88888880000001', '123456')).toEqual({
        ok: false,
        reason: 'bad_password',
      });
      expect((await store.devices.authenticate('88888880000001', 'abcdef')).ok).toBe(true);
    });
    it('honours disabled devices and allowed addresses', async () => {
      await store.devices.add({
        mn: 'MN-ADDR',
        password: 'pw1234',
        siteId: stationId,
        protocol: '2025',
        allowedAddresses: ['10.0.0.5'],
      });
      expect(await store.devices.authenticate('MN-ADDR', 'pw1234', '10.0.0.6')).toEqual({
        ok: false,
        reason: 'address_not_allowed',
      });
      expect((await store.devices.authenticate('MN-ADDR', 'pw1234', '10.0.0.5')).ok).toBe(true);
      await store.devices.setEnabled('MN-ADDR', false);
      expect(await store.devices.authenticate('MN-ADDR', 'pw1234', '10.0.0.5')).toEqual({
        ok: false,
        reason: 'disabled',
      });
    });
    it('lists with site codes, scoped, and never returns a password', async () => {
      const all = await store.devices.list();
      expect(all.map((d) => d.mn)).toEqual(['88888880000001', 'MN-ADDR']);
      expect(JSON.stringify(all)).not.toMatch(/password|scrypt/);
      expect((await store.devices.list({ siteIds: [stationId] })).map((d) => d.mn)).toEqual(['MN-ADDR']);
    });
    it('moves last seen only forward', async () => {
      await store.devices.markSeen(['88888880000001'], new Date('2026-03-15T01:00:00Z'));
      await store.devices.markSeen(['88888880000001'], new Date('2026-03-15T00:30:00Z'));
      expect((await store.devices.getByMn('88888880000001'))?.lastSeenAt?.toISOString()).toBe(
        '2026-03-15T01:00:00.000Z',
      );
    });
  });

  describe('readings', () => {
    it('stores a batch in one transaction and reports retransmitted keys as duplicates', async () => {
      const batch = [
        reading(outletId, 'a21026', 0, 12.5),
        reading(outletId, 'a21026', 1, 13),
        reading(outletId, 'a21002', 0, 40),
      ];
      expect(await store.readings.insertBatch(batch)).toEqual({ inserted: 3, duplicates: [] });
      const again = await store.readings.insertBatch([
        reading(outletId, 'a21026', 1, 99),
        reading(outletId, 'a21026', 2, 14),
      ]);
      expect(again.inserted).toBe(1);
      expect(again.duplicates.map((r) => r.value)).toEqual([99]);
      // the original is kept, not overwritten
      const page = await store.readings.query({ siteId: outletId, parameter: 'a21026' });
      expect(page.items.map((r) => r.value)).toEqual([12.5, 13, 14]);
    });
    it('treats the same key twice inside one batch as one row and one duplicate', async () => {
      const res = await store.readings.insertBatch([
        reading(stationId, 'a34004', 0, 30),
        reading(stationId, 'a34004', 0, 31),
      ]);
      expect(res.inserted).toBe(1);
      expect(res.duplicates.map((r) => r.value)).toEqual([31]);
    });
    it('keeps distinct intervals apart', async () => {
      const res = await store.readings.insertBatch([
        reading(stationId, 'a34004', 0, 30, { interval: 'hour' }),
      ]);
      expect(res.inserted).toBe(1);
    });
    it('keeps the value text exactly and nulls as nulls', async () => {
      await store.readings.insertBatch([
        reading(stationId, 'a05024', 0, 0.1, {
          valueText: '0.100',
          min: 0.05,
          max: 0.2,
          cumulative: 1.5,
          flag: 'M',
        }),
        reading(stationId, 'a05024', 1, null),
      ]);
      const page = await store.readings.query({ siteId: stationId, parameter: 'a05024' });
      expect(page.items[0]).toMatchObject({
        value: 0.1,
        valueText: '0.100',
        min: 0.05,
        max: 0.2,
        cumulative: 1.5,
        flag: 'M',
      });
      expect(page.items[1]).toMatchObject({ value: null, valueText: null });
      expect(page.items[0]?.periodStart.toISOString()).toBe('2026-03-15T00:00:00.000Z');
    });
    it('filters by time range (from inclusive, to exclusive) and pages with a cursor', async () => {
      const rows = Array.from({ length: 25 }, (_, i) => reading(stationId, 'a21004', i, i));
      await store.readings.insertBatch(rows);
      const range = await store.readings.query({
        siteId: stationId,
        parameter: 'a21004',
        from: new Date(T0.getTime() + 5 * 60_000),
        to: new Date(T0.getTime() + 10 * 60_000),
      });
      expect(range.items.map((r) => r.value)).toEqual([5, 6, 7, 8, 9]);
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const p = await store.readings.query({ siteId: stationId, parameter: 'a21004', limit: 10, cursor });
        seen.push(...p.items.map((r) => r.value ?? -1));
        cursor = p.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual(rows.map((r) => r.value));
      expect((await store.readings.query({ siteIds: [] })).items).toEqual([]);
    });
    it('stores a large batch (more rows than one statement holds)', async () => {
      const rows = Array.from({ length: 1234 }, (_, i) => reading(enterpriseId, 'w01018', i, i / 10));
      const res = await store.readings.insertBatch(rows);
      expect(res.inserted).toBe(1234);
      expect((await store.readings.insertBatch(rows)).duplicates).toHaveLength(1234);
    });
    it('finds the latest reading of each parameter', async () => {
      const latest = await store.readings.latest(outletId, 'min');
      expect(latest.map((r) => [r.parameter, r.value])).toEqual([
        ['a21002', 40],
        ['a21026', 14],
      ]);
    });
  });

  describe('corrections', () => {
    it('never change the original; the newest correction is in force; all are listed with who and why', async () => {
      const [r] = (await store.readings.query({ siteId: outletId, parameter: 'a21026', limit: 1 })).items;
      if (!r) throw new Error('no reading');
      await store.corrections.add({
        readingId: r.id,
        value: 11,
        reason: '标定后修正',
        correctedBy: 'op1',
        correctedAt: T0,
      });
      await store.corrections.add({
        readingId: r.id,
        invalid: true,
        reason: '停运期间数据',
        correctedBy: 'sup1',
        correctedAt: T0,
      });
      expect((await store.readings.getById(r.id))?.value).toBe(12.5);
      const eff = await store.readings.queryEffective({ siteId: outletId, parameter: 'a21026' });
      expect(eff.items[0]).toMatchObject({ value: null, invalid: true, originalValue: 12.5 });
      expect(eff.items[1]).toMatchObject({ value: 13, invalid: false, correctionId: null });
      const list = await store.corrections.listForReading(r.id);
      expect(list.map((c) => [c.correctedBy, c.reason, c.invalid])).toEqual([
        ['op1', '标定后修正', false],
        ['sup1', '停运期间数据', true],
      ]);
    });
    it('refuse a correction without a reason or without content', async () => {
      await expect(
        store.corrections.add({ readingId: 1, value: 1, reason: ' ', correctedBy: 'x', correctedAt: T0 }),
      ).rejects.toThrow(/reason/);
      await expect(
        store.corrections.add({ readingId: 1, reason: 'r', correctedBy: 'x', correctedAt: T0 }),
      ).rejects.toThrow(/value, a flag/);
    });
  });

  describe('packet log', () => {
    it('appends, filters newest first, pages, counts and prunes', async () => {
      const base = { peer: '127.0.0.1:5000', qn: null, cn: '2051', raw: '##0000...' };
      await store.packets.append([
        {
          ...base,
          receivedAt: new Date('2026-03-15T00:00:00Z'),
          mn: 'M1',
          outcome: 'accepted',
          code: null,
          reason: null,
        },
        {
          ...base,
          receivedAt: new Date('2026-03-15T00:01:00Z'),
          mn: 'M1',
          outcome: 'rejected',
          code: 'HJ212_BAD_CRC',
          reason: 'crc 1234 != abcd',
        },
        {
          ...base,
          receivedAt: new Date('2026-03-15T00:02:00Z'),
          mn: 'M2',
          outcome: 'duplicate',
          code: null,
          reason: null,
        },
        {
          ...base,
          receivedAt: new Date('2026-03-15T00:03:00Z'),
          mn: 'M1',
          outcome: 'accepted',
          code: null,
          reason: null,
          raw: 'x'.repeat(10_000),
        },
      ]);
      const m1 = await store.packets.query({ mn: 'M1' });
      expect(m1.items.map((e) => e.outcome)).toEqual(['accepted', 'rejected', 'accepted']);
      expect(m1.items[0]?.raw.length).toBeLessThan(8300);
      const rejected = await store.packets.query({ outcome: 'rejected' });
      expect(rejected.items[0]).toMatchObject({ code: 'HJ212_BAD_CRC', reason: 'crc 1234 != abcd' });
      const p1 = await store.packets.query({ limit: 2 });
      const p2 = await store.packets.query({ limit: 2, cursor: p1.nextCursor ?? undefined });
      expect([...p1.items, ...p2.items].map((e) => e.mn)).toEqual(['M1', 'M2', 'M1', 'M1']);
      expect(p2.nextCursor).toBeNull();
      const counts = await store.packets.countByCode(new Date('2026-03-15T00:00:00Z'));
      expect(counts.find((c) => c.code === 'HJ212_BAD_CRC')?.n).toBe(1);
      expect(await store.packets.prune(new Date('2026-03-15T00:02:00Z'))).toBe(2);
      expect((await store.packets.query({})).items).toHaveLength(2);
    });
  });

  describe('users', () => {
    it('hash passwords, verify them and bind scoped roles', async () => {
      const u = await store.users.add({
        username: 'district1',
        password: 'correct horse',
        role: 'district',
        districtCode: '330502',
      });
      expect(u).toMatchObject({ role: 'district', districtCode: '330502', enabled: true });
      expect((await store.users.verify('district1', 'correct horse'))?.id).toBe(u.id);
      expect(await store.users.verify('district1', 'wrong password')).toBeNull();
      expect(await store.users.verify('nobody', 'correct horse')).toBeNull();
      const row = await store.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', u.id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).not.toContain('correct horse');
    });
    it('refuse weak or incomplete accounts with the field named', async () => {
      await expect(
        store.users.add({ username: 'x1', password: 'long enough!', role: 'admin' }),
      ).rejects.toThrow(/username/);
      await expect(store.users.add({ username: 'abc', password: 'short', role: 'admin' })).rejects.toThrow(
        /password/,
      );
      await expect(
        store.users.add({ username: 'abcd', password: 'long enough!', role: 'district' }),
      ).rejects.toThrow(/district/);
      await expect(
        store.users.add({ username: 'district1', password: 'long enough!', role: 'admin' }),
      ).rejects.toThrow();
    });
  });

  describe('ingest group commit', () => {
    it('commits packets with readings and log entries; a retransmission is a duplicate stored once', async () => {
      const log = (qn: string) => ({
        receivedAt: new Date('2026-03-15T02:00:00Z'),
        peer: 'p',
        mn: '88888880000001',
        qn,
        cn: '2051',
        raw: `QN=${qn}`,
      });
      const a = [reading(outletId, 'a34013', 100, 5), reading(outletId, 'a21026', 100, 20)];
      const retransmitted = a.map((r) => ({ ...r }));
      const res = await store.ingest.commit(
        [
          { mn: '88888880000001', readings: a, log: log('q1') },
          { mn: '88888880000001', readings: retransmitted, log: log('q1') },
          { mn: '88888880000001', readings: [], log: { ...log('q2'), cn: '2081' } },
        ],
        [
          {
            receivedAt: new Date('2026-03-15T02:00:01Z'),
            peer: 'p',
            mn: null,
            qn: null,
            cn: null,
            outcome: 'rejected',
            code: 'HJ212_BAD_CRC',
            reason: 'bad crc',
            raw: '##…',
          },
        ],
      );
      expect(res).toEqual([
        { outcome: 'accepted', inserted: 2, duplicates: 0 },
        { outcome: 'duplicate', inserted: 0, duplicates: 2 },
        { outcome: 'accepted', inserted: 0, duplicates: 0 },
      ]);
      const again = await store.ingest.commit([
        { mn: '88888880000001', readings: a.map((r) => ({ ...r, value: 99 })), log: log('q3') },
      ]);
      expect(again[0]?.outcome).toBe('duplicate');
      const stored = await store.readings.query({ siteId: outletId, parameter: 'a34013' });
      expect(stored.items.map((r) => r.value)).toEqual([5]);
      const entries = await store.packets.query({
        mn: '88888880000001',
        from: new Date('2026-03-15T02:00:00Z'),
      });
      expect(entries.items.map((e) => e.outcome)).toEqual(['duplicate', 'accepted', 'duplicate', 'accepted']);
      expect((await store.packets.query({ code: 'HJ212_BAD_CRC' })).items).toHaveLength(1);
      expect((await store.devices.getByMn('88888880000001'))?.lastSeenAt?.toISOString()).toBe(
        '2026-03-15T02:00:00.000Z',
      );
    });
  });

  describe('sessions and failed logins', () => {
    it('find a live session with its account, and not after expiry, revocation or disabling', async () => {
      const u = await store.users.add({
        username: 'session1',
        password: 'session password',
        role: 'supervisor',
      });
      const in1h = new Date(T0.getTime() + 3_600_000);
      await store.sessions.create({
        tokenHash: 'h1',
        userId: u.id,
        createdAt: T0,
        expiresAt: in1h,
        address: '10.0.0.1',
      });
      await store.sessions.create({
        tokenHash: 'h2',
        userId: u.id,
        createdAt: T0,
        expiresAt: in1h,
        address: null,
      });
      await store.sessions.create({
        tokenHash: 'h3',
        userId: u.id,
        createdAt: T0,
        expiresAt: in1h,
        address: null,
      });
      const live = await store.sessions.findActive('h1', T0);
      expect(live).toMatchObject({
        tokenHash: 'h1',
        user: { username: 'session1', role: 'supervisor', demo: false },
      });
      expect(live?.expiresAt.getTime()).toBe(in1h.getTime());
      expect(await store.sessions.findActive('h1', in1h)).toBeNull();
      expect(await store.sessions.findActive('nope', T0)).toBeNull();
      expect(await store.sessions.revoke('h1', T0)).toBe(true);
      expect(await store.sessions.revoke('h1', T0)).toBe(false);
      expect(await store.sessions.findActive('h1', T0)).toBeNull();
      expect(await store.sessions.revokeAllOf(u.id, T0, 'h3')).toBe(1);
      expect(await store.sessions.findActive('h2', T0)).toBeNull();
      expect(await store.sessions.findActive('h3', T0)).not.toBeNull();
      await store.users.setEnabled('session1', false);
      expect(await store.sessions.findActive('h3', T0)).toBeNull();
      expect(await store.sessions.pruneSessions(new Date(in1h.getTime() + 1))).toBe(3);
    });
    it('change a role, a password and the enabled flag of an account', async () => {
      await store.users.setEnabled('session1', true);
      const u = await store.users.setRole('session1', { role: 'district', districtCode: '330503' });
      expect(u).toMatchObject({ role: 'district', districtCode: '330503', enterpriseSiteId: null });
      await expect(store.users.setRole('session1', { role: 'enterprise' })).rejects.toThrow(/enterprise/);
      expect(await store.users.setPassword('session1', 'a new password')).toBe(true);
      expect(await store.users.verify('session1', 'session password')).toBeNull();
      expect((await store.users.verify('session1', 'a new password'))?.username).toBe('session1');
      expect(await store.users.setPassword('nobody', 'a new password')).toBe(false);
      const demo = await store.users.add({
        username: 'demo1',
        password: 'demo password',
        role: 'admin',
        demo: true,
      });
      expect(demo.demo).toBe(true);
    });
    it('count failed logins per username and per address in a window, and forget them', async () => {
      const at = (min: number) => new Date(T0.getTime() + min * 60_000);
      await store.sessions.recordFailure('alice', '10.0.0.1', at(0));
      await store.sessions.recordFailure('alice', '10.0.0.2', at(5));
      await store.sessions.recordFailure('bob', '10.0.0.1', at(6));
      expect(await store.sessions.countFailures({ username: 'alice' }, at(0))).toBe(2);
      expect(await store.sessions.countFailures({ username: 'alice' }, at(1))).toBe(1);
      expect(await store.sessions.countFailures({ address: '10.0.0.1' }, at(0))).toBe(2);
      expect((await store.sessions.oldestFailure({ address: '10.0.0.1' }, at(0)))?.getTime()).toBe(
        at(0).getTime(),
      );
      expect(await store.sessions.oldestFailure({ username: 'carol' }, at(0))).toBeNull();
      await store.sessions.clearFailures('alice');
      expect(await store.sessions.countFailures({ username: 'alice' }, at(0))).toBe(0);
      expect(await store.sessions.pruneFailures(at(7))).toBe(1);
    });
  });

  runCaseStoreSuite(() => ({ store, open: () => open(clock), enterpriseId }));

  describe('audit log', () => {
    it('appends entries chained to the one before, with seqs 1, 2, 3… and the head at the newest', async () => {
      expect(await store.audit.head()).toEqual({ seq: 0, hash: AUDIT_GENESIS_HASH });
      const a = await store.audit.append(draft('auth.login', { details: { n: 1, 名: '值' } }), fakeSeal);
      const b = await store.audit.append(
        draft('user.created', { targetType: 'user', targetId: 'bob', actor: null, actorRole: null }),
        fakeSeal,
      );
      expect(a).toMatchObject({ seq: 1, prevHash: AUDIT_GENESIS_HASH, hash: fakeSeal(a) });
      expect(b).toMatchObject({ seq: 2, prevHash: a.hash });
      expect(await store.audit.head()).toEqual({ seq: 2, hash: b.hash });
      const scanned = await store.audit.scan(0, 10);
      expect(scanned.map((e) => e.seq)).toEqual([1, 2]);
      expect(scanned[0]).toEqual(a);
      expect(scanned[1]).toEqual(b);
    });
    it('stays linear under concurrent writers (a second connection pool on PostgreSQL)', async () => {
      const second = store.dialect === 'postgres' ? await open(clock) : null;
      try {
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            (second !== null && i % 2 === 1 ? second : store).audit.append(
              draft(`concurrent.${i}`),
              fakeSeal,
            ),
          ),
        );
      } finally {
        await second?.close();
      }
      const all = await store.audit.scan(0, 1000);
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
      let prev = AUDIT_GENESIS_HASH;
      for (const e of all) {
        expect(e.prevHash).toBe(prev);
        expect(e.hash).toBe(fakeSeal(e));
        prev = e.hash;
      }
      expect((await store.audit.head()).hash).toBe(prev);
    });
    it('filters and pages newest first', async () => {
      const logins = await store.audit.query({ action: 'auth.login' });
      expect(logins.items.map((e) => e.seq)).toEqual([1]);
      expect(
        (await store.audit.query({ targetType: 'user', targetId: 'bob' })).items.map((e) => e.seq),
      ).toEqual([2]);
      const p1 = await store.audit.query({ limit: 20 });
      expect(p1.items[0]?.seq).toBe(32);
      const p2 = await store.audit.query({ limit: 20, cursor: p1.nextCursor ?? undefined });
      expect(p2.items.map((e) => e.seq)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(p2.nextCursor).toBeNull();
      expect((await store.audit.query({ from: new Date(T0.getTime() + 1) })).items).toEqual([]);
    });
    it('refuses to change or delete an entry (append-only in the database too)', async () => {
      await expect(
        store.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 1).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(store.db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(
        /append-only/,
      );
    });
  });

  describe('surface water', () => runWaterStoreCases(() => store));
  describe('limits and alarms', () =>
    runAlarmStoreCases(
      () => store,
      () => [outletId, stationId],
    ));
  describe('air', () => runAirStoreCases(() => store));
  describe('accounts and sessions in a transaction', () => runUserStoreCases(() => store));
  describe('devices in a transaction', () =>
    runDeviceStoreCases(
      () => store,
      () => stationId,
    ));
  describe('sites in a transaction', () => runSiteStoreCases(() => store));
  describe('corrections in a transaction', () =>
    runCorrectionStoreCases(
      () => store,
      () => stationId,
    ));
  describe('bureau settings', () => runSettingsStoreCases(() => store));
  describe('master data', () => runMasterDataStoreCases(() => store));
  describe('carbon records', () =>
    runCarbonStoreCases(
      () => store,
      () => enterpriseId,
    ));
  describe('hazardous waste', () => runWasteStoreCases(() => store));
  runResponseStoreCases(() => ({ store, enterpriseId }));
  describe('indicators and reports', () => runIndicatorStoreCases(() => store));
}
