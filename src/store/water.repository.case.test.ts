/**
 * Store conformance cases of the surface-water repositories (day sums with corrections applied;
 * black-odorous bodies, points and samples, a sample inside a caller's transaction), run on SQLite
 * and PostgreSQL by `store.case.test.ts`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.js';
import { DAY_MS, HOUR_MS } from '../standards/china-time.js';
import { DuplicateSampleError } from './black-odorous.repository.js';
import type { Store } from './store.js';
import type { Reading } from './types.js';
/** 2026-03-14T00:00+08:00. */
const DAY0 = new Date('2026-03-13T16:00:00Z');
const DAY0_NUMBER = Math.floor((DAY0.getTime() + 8 * HOUR_MS) / DAY_MS);

function hourly(siteId: number, parameter: string, hour: number, value: number, flag = 'N'): Reading {
  return {
    siteId,
    parameter,
    interval: 'hour',
    periodStart: new Date(DAY0.getTime() + hour * HOUR_MS),
    value,
    valueText: String(value),
    min: null,
    max: null,
    cumulative: null,
    flag,
    source: 'hj212',
    receivedAt: DAY0,
  };
}

export function runWaterStoreCases(getStore: () => Store): void {
  let siteId = 0;

  beforeAll(async () => {
    const store = getStore();
    siteId = (
      await store.sites.create({
        kind: 'water_section',
        code: 'WQ-CASE-1',
        name: '断面',
        districtCode: '330502',
        attributes: {
          waterType: 'river',
          targetClass: 'III',
          waterBody: '河',
          basin: '流域',
          automatic: true,
        },
      })
    ).id;
  });

  describe('water day sums', () => {
    it('sums per China-local day, origin and flag, with the newest correction in force', async () => {
      const store = getStore();
      await store.readings.insertBatch([
        hourly(siteId, 'w21003', 0, 0.4),
        hourly(siteId, 'w21003', 1, 0.6),
        hourly(siteId, 'w21003', 2, 9.9, 'D'),
        hourly(siteId, 'w21003', 3, 5.0),
        hourly(siteId, 'w21003', 4, 7.0),
        // 23:00 on day 0 and 00:00 on day 1, China time.
        hourly(siteId, 'w21003', 23, 1.0),
        hourly(siteId, 'w21003', 24, 2.0),
        {
          ...hourly(siteId, 'w21003', 0, 0.3),
          interval: 'day',
          source: 'lab:alice',
        },
      ]);
      const rows = (await store.readings.query({ siteId, parameter: 'w21003', interval: 'hour' })).items;
      const at = (h: number) => rows.find((r) => r.periodStart.getTime() === DAY0.getTime() + h * HOUR_MS);
      await store.corrections.add({
        readingId: at(3)?.id ?? 0,
        value: 0.8,
        reason: 'drift',
        correctedBy: 'op',
        correctedAt: DAY0,
      });
      await store.corrections.add({
        readingId: at(4)?.id ?? 0,
        invalid: true,
        reason: 'maintenance',
        correctedBy: 'op',
        correctedAt: DAY0,
      });

      const sums = await store.water.daySums({
        siteIds: [siteId],
        parameters: ['w21003'],
        intervals: ['hour', 'day'],
        from: DAY0,
        to: new Date(DAY0.getTime() + 2 * DAY_MS),
      });
      const key = (s: (typeof sums)[number]) => `${s.interval}|${s.origin}|${s.day - DAY0_NUMBER}|${s.flag}`;
      const byKey = new Map(sums.map((s) => [key(s), s]));
      expect([...byKey.keys()].sort()).toEqual([
        'day|lab|0|N',
        'hour|device|0|D',
        'hour|device|0|N',
        'hour|device|1|N',
      ]);
      const normal = byKey.get('hour|device|0|N');
      expect(normal?.count).toBe(4);
      expect(normal?.sum).toBeCloseTo(0.4 + 0.6 + 0.8 + 1.0, 9);
      expect(byKey.get('hour|device|0|D')?.count).toBe(1);
      expect(byKey.get('hour|device|1|N')?.sum).toBeCloseTo(2.0, 9);
      expect(byKey.get('day|lab|0|N')?.sum).toBeCloseTo(0.3, 9);
    });

    it('filters by site, parameter and interval, and answers nothing for empty lists', async () => {
      const store = getStore();
      const range = { from: DAY0, to: new Date(DAY0.getTime() + 2 * DAY_MS) };
      expect(
        await store.water.daySums({
          siteIds: [siteId],
          parameters: ['w01009'],
          intervals: ['hour'],
          ...range,
        }),
      ).toEqual([]);
      expect(
        await store.water.daySums({ siteIds: [], parameters: ['w21003'], intervals: ['hour'], ...range }),
      ).toEqual([]);
      const dayOnly = await store.water.daySums({
        siteIds: [siteId],
        parameters: ['w21003'],
        intervals: ['day'],
        ...range,
      });
      expect(dayOnly.map((s) => s.origin)).toEqual(['lab']);
    });

    it('names the parameters that already have a day value', async () => {
      const store = getStore();
      expect(await store.water.existingDayParameters(siteId, DAY0, ['w21003', 'w21011'])).toEqual(['w21003']);
      expect(await store.water.existingDayParameters(siteId, DAY0, [])).toEqual([]);
    });
  });

  describe('black-odorous water bodies', () => {
    it('creates a body with ordered points, stores samples once, lists by window', async () => {
      const store = getStore();
      const before = await store.blackOdorous.countBodies();
      const { body, points } = await store.blackOdorous.createBody({
        code: 'BO-CASE-1',
        name: '黑臭河',
        districtCode: '330503',
        location: '某处',
        lengthM: 800,
        points: [
          { code: 'P1', name: '上游' },
          { code: 'P2', name: '中游', longitude: 120.1, latitude: 30.8 },
          { code: 'P3', name: '下游' },
        ],
      });
      expect(body).toMatchObject({ code: 'BO-CASE-1', districtCode: '330503', lengthM: 800, demo: false });
      expect(points.map((p) => [p.code, p.seq])).toEqual([
        ['P1', 0],
        ['P2', 1],
        ['P3', 2],
      ]);
      expect(await store.blackOdorous.countBodies()).toBe(before + 1);
      const p1 = points[0]?.id ?? 0;
      const sample = {
        pointId: p1,
        sampledAt: DAY0,
        sd: 12,
        do: 0.5,
        orp: -100,
        nh3n: 9,
        depth: 60,
        enteredBy: 'alice',
      };
      const stored = await store.blackOdorous.addSample(sample);
      expect(stored).toMatchObject({ sd: 12, do: 0.5, orp: -100, nh3n: 9, depth: 60, enteredBy: 'alice' });
      const duplicate = store.blackOdorous.addSample(sample);
      await expect(duplicate).rejects.toBeInstanceOf(DuplicateSampleError);
      await expect(duplicate).rejects.toBeInstanceOf(ConflictError);
      await store.blackOdorous.addSample({
        ...sample,
        sampledAt: new Date(DAY0.getTime() + DAY_MS),
        depth: null,
      });
      const all = await store.blackOdorous.listSamples([p1], DAY0, new Date(DAY0.getTime() + 2 * DAY_MS));
      expect(all.map((s) => s.depth)).toEqual([60, null]);
      expect(
        await store.blackOdorous.listSamples(
          [p1],
          new Date(DAY0.getTime() + 1),
          new Date(DAY0.getTime() + DAY_MS),
        ),
      ).toEqual([]);
      expect((await store.blackOdorous.listBodies({ districtCode: '330503' })).map((b) => b.code)).toContain(
        'BO-CASE-1',
      );
      expect(
        (await store.blackOdorous.listBodies({ districtCode: '330502' })).map((b) => b.code),
      ).not.toContain('BO-CASE-1');
      expect((await store.blackOdorous.getBodyByCode('BO-CASE-1'))?.id).toBe(body.id);
      expect(await store.blackOdorous.getBodyByCode('nope')).toBeNull();
      expect((await store.blackOdorous.listPoints([body.id])).map((p) => p.code)).toEqual(['P1', 'P2', 'P3']);
    });

    it('stores a sample inside a caller’s transaction: kept on commit, gone on rollback', async () => {
      const store = getStore();
      const { points } = await store.blackOdorous.createBody({
        code: 'BO-CASE-TRX',
        name: '事务河',
        districtCode: '330503',
        points: [{ code: 'P1', name: '上游' }],
      });
      const pointId = points[0]?.id ?? 0;
      const sample = (at: Date) => ({
        pointId,
        sampledAt: at,
        sd: 20,
        do: 1,
        orp: -50,
        nh3n: 8,
        depth: null,
        enteredBy: 'bob',
      });
      const window = [DAY0, new Date(DAY0.getTime() + DAY_MS)] as const;
      await expect(
        store.db.transaction().execute(async (trx) => {
          await store.blackOdorous.addSample(sample(DAY0), trx);
          throw new Error('the caller fails after the sample');
        }),
      ).rejects.toThrow('the caller fails after the sample');
      expect(await store.blackOdorous.listSamples([pointId], ...window)).toEqual([]);
      const stored = await store.db
        .transaction()
        .execute((trx) => store.blackOdorous.addSample(sample(DAY0), trx));
      expect((await store.blackOdorous.listSamples([pointId], ...window)).map((s) => s.id)).toEqual([
        stored.id,
      ]);
      await expect(
        store.db.transaction().execute((trx) => store.blackOdorous.addSample(sample(DAY0), trx)),
      ).rejects.toBeInstanceOf(DuplicateSampleError);
    });
  });
}
