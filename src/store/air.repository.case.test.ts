/**
 * Store conformance cases of the air repository (hourly values and day sums in the corrected view,
 * each station's newest hour, the air stations), run on SQLite and PostgreSQL by
 * `store.case.test.ts`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../standards/china-time.js';
import type { Store } from './store.js';
import type { Reading } from './types.js';

/** 2026-03-14T00:00+08:00. */
const DAY0 = new Date('2026-03-13T16:00:00Z');
const PM25 = 'a34004';
const PM10 = 'a34002';
const SO2 = 'a21026';

/** An hourly reading `hour` hours after DAY0 began. */
function hourly(
  siteId: number,
  parameter: string,
  hour: number,
  value: number | null,
  extra: Partial<Reading> = {},
): Reading {
  const at = new Date(DAY0.getTime() + hour * HOUR_MS);
  return {
    siteId,
    parameter,
    interval: 'hour',
    periodStart: at,
    value,
    valueText: value === null ? null : String(value),
    min: null,
    max: null,
    cumulative: null,
    flag: 'N',
    source: 'test',
    receivedAt: at,
    ...extra,
  };
}

export function runAirStoreCases(getStore: () => Store): void {
  let s1 = 0;
  let s2 = 0;
  let quiet = 0;

  beforeAll(async () => {
    const store = getStore();
    const station = async (code: string, attributes: Record<string, unknown>) =>
      (
        await store.sites.create({
          kind: 'air_station',
          code,
          name: code,
          districtCode: '330502',
          attributes,
        })
      ).id;
    s1 = await station('AQ-CASE-1', { network: 'national' });
    s2 = await station('AQ-CASE-2', { network: 'provincial' });
    quiet = await station('AQ-CASE-3', {});
    await store.readings.insertBatch([
      hourly(s1, PM25, 0, 30),
      hourly(s1, PM25, 1, 40),
      hourly(s1, PM25, 2, 999, { flag: 'D' }),
      hourly(s1, PM25, 3, 1200, { flag: 'T' }),
      hourly(s1, PM25, 4, 50),
      hourly(s1, PM25, 5, 60),
      // 23:00 on day 0 and 00:00 on day 1, China time.
      hourly(s1, PM25, 23, 10.5),
      hourly(s1, PM25, 24, 20.25),
      hourly(s1, PM10, 0, null, { valueText: '<30' }),
      hourly(s1, SO2, 30, 8),
      hourly(s1, PM25, 40, 7, { interval: 'min' }),
      hourly(s2, PM25, 1, 55, { flag: null }),
      hourly(s2, PM25, 26, 35),
    ]);
    const rows = (await store.readings.query({ siteId: s1, parameter: PM25, interval: 'hour' })).items;
    const at = (h: number) =>
      rows.find((r) => r.periodStart.getTime() === DAY0.getTime() + h * HOUR_MS)?.id ?? 0;
    const correct = (readingId: number, change: { value?: number; invalid?: boolean }) =>
      store.corrections.add({ readingId, ...change, reason: 'audit', correctedBy: 'op', correctedAt: DAY0 });
    await correct(at(4), { value: 45 });
    await correct(at(4), { value: 48 });
    await correct(at(5), { invalid: true });
  });

  describe('air hours', () => {
    it('gives hourly values in the corrected view, oldest first, invalid flags as null', async () => {
      const rows = await getStore().air.hours({
        siteIds: [s1, s2],
        parameters: [PM25, PM10],
        from: DAY0,
        to: new Date(DAY0.getTime() + 6 * HOUR_MS),
      });
      expect(
        rows.map((r) => [r.siteId, r.parameter, (r.periodStart - DAY0.getTime()) / HOUR_MS, r.value]),
      ).toEqual([
        [s1, PM10, 0, null],
        [s1, PM25, 0, 30],
        [s1, PM25, 1, 40],
        [s2, PM25, 1, 55],
        [s1, PM25, 2, null],
        [s1, PM25, 3, 1200],
        [s1, PM25, 4, 48],
        [s1, PM25, 5, null],
      ]);
      expect(rows[0]?.valueText).toBe('<30');
      expect(rows[6]?.valueText).toBeNull();
    });

    it('reads [from, to), only the sites and parameters asked, and nothing for empty lists', async () => {
      const store = getStore();
      const rows = await store.air.hours({
        siteIds: [s1],
        parameters: [PM25],
        from: new Date(DAY0.getTime() + HOUR_MS),
        to: new Date(DAY0.getTime() + 2 * HOUR_MS),
      });
      expect(rows.map((r) => [r.siteId, r.value])).toEqual([[s1, 40]]);
      const range = { from: DAY0, to: new Date(DAY0.getTime() + 2 * DAY_MS) };
      expect(await store.air.hours({ siteIds: [], parameters: [PM25], ...range })).toEqual([]);
      expect(await store.air.hours({ siteIds: [s1], parameters: [], ...range })).toEqual([]);
    });
  });

  describe('air day sums', () => {
    it('counts, sums and takes the maximum of valid values per China-local day', async () => {
      const sums = await getStore().air.daySums({
        siteIds: [s1, s2],
        parameters: [PM25, PM10, SO2],
        from: DAY0,
        to: new Date(DAY0.getTime() + 2 * DAY_MS),
      });
      const byKey = new Map(sums.map((s) => [`${s.siteId}|${s.parameter}|${s.date}`, s]));
      expect([...byKey.keys()].sort()).toEqual(
        [
          `${s1}|${PM25}|2026-03-14`,
          `${s1}|${PM25}|2026-03-15`,
          `${s1}|${SO2}|2026-03-15`,
          `${s2}|${PM25}|2026-03-14`,
          `${s2}|${PM25}|2026-03-15`,
        ].sort(),
      );
      // 30 + 40 + 1200 (T counts) + 48 (corrected) + 10.5; 999 (D) and the invalidated hour do not.
      const day0 = byKey.get(`${s1}|${PM25}|2026-03-14`);
      expect(day0).toMatchObject({ hours: 5, max: 1200 });
      expect(day0?.sum).toBeCloseTo(1328.5, 9);
      expect(byKey.get(`${s1}|${PM25}|2026-03-15`)).toMatchObject({ hours: 1, sum: 20.25, max: 20.25 });
      expect(byKey.get(`${s2}|${PM25}|2026-03-14`)).toMatchObject({ hours: 1, sum: 55, max: 55 });
    });

    it('answers nothing for empty lists', async () => {
      const range = { from: DAY0, to: new Date(DAY0.getTime() + DAY_MS) };
      expect(await getStore().air.daySums({ siteIds: [], parameters: [PM25], ...range })).toEqual([]);
    });
  });

  describe('air latest hours', () => {
    it('gives each site’s newest hour of any of the parameters, not after the bound', async () => {
      const store = getStore();
      const hour = (h: number) => DAY0.getTime() + h * HOUR_MS;
      const all = await store.air.latestHours([s1, s2, quiet], [PM25, SO2], new Date(hour(100)));
      expect(all).toEqual(
        new Map([
          [s1, hour(30)],
          [s2, hour(26)],
        ]),
      );
      const early = await store.air.latestHours([s1, s2], [PM25], new Date(hour(3)));
      expect(early).toEqual(
        new Map([
          [s1, hour(3)],
          [s2, hour(1)],
        ]),
      );
      expect(await store.air.latestHours([], [PM25], new Date(hour(100)))).toEqual(new Map());
      expect(await store.air.latestHours([s1], [], new Date(hour(100)))).toEqual(new Map());
    });
  });

  describe('air stations', () => {
    it('lists every air station by code, with its attributes, and no other kind of site', async () => {
      const stations = await getStore().air.airStations();
      expect(stations.every((s) => s.kind === 'air_station')).toBe(true);
      const codes = stations.map((s) => s.code);
      expect(codes).toEqual([...codes].sort());
      expect(stations.filter((s) => s.code.startsWith('AQ-CASE-'))).toMatchObject([
        {
          id: s1,
          code: 'AQ-CASE-1',
          districtCode: '330502',
          attributes: { network: 'national' },
          demo: false,
        },
        { id: s2, code: 'AQ-CASE-2', attributes: { network: 'provincial' } },
        { id: quiet, code: 'AQ-CASE-3', attributes: {} },
      ]);
    });

    it('replaces a station’s attributes', async () => {
      const store = getStore();
      await store.air.setSiteAttributes(s2, { network: 'provincial', notMonitored: ['co'] });
      const s = (await store.air.airStations()).find((x) => x.id === s2);
      expect(s?.attributes).toEqual({ network: 'provincial', notMonitored: ['co'] });
    });
  });
}
