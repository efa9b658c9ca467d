/**
 * The indicator board on hand-worked examples and against the modules that own the figures
 * (docs/indicators.md). Air: ten days 2026-01-01…10 at S1 (吴兴区): eight with PM2.5 40, two with
 * PM2.5 160; at S3 (南浔区) PM2.5 20 every day; S2 has no data. HJ 633-2012 Table 1 (in force in
 * January 2026): PM2.5 160 → 200 + 100·(160 − 150)/(250 − 150) = 210; the city (the mean of S1 and
 * S3) has 30 on eight days (AQI 43) and 90 on two (100 + 50·15/40 = 118.75 → 119).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { airCity, CLEAN_AIR, insertAirDays } from '../../test/air-days.js';
import { openTestStore, type TestStore } from '../../test/helpers.js';
import type { CaseCaller } from '../cases/case.service.js';
import { ManualClock } from '../clock.js';
import { ConflictError } from '../errors.js';
import { createServices, type Services } from '../services.js';
import { parseChinaPeriod } from '../standards/china-time.js';
import type { IndicatorBoard, IndicatorItem } from './indicator.service.js';
import { percentOf } from './providers.js';

let t: TestStore;
let services: Services;
let ids: Record<'S1' | 'S2' | 'S3', number>;
const admin = { username: 'admin1', role: 'admin' };

beforeEach(async () => {
  // 2026-01-11 08:00 China time: the year so far runs to 2026-01-10.
  const clock = new ManualClock('2026-01-11T00:00:00Z');
  t = await openTestStore(clock);
  ids = await airCity(t.store);
  services = createServices({ store: t.store, clock });
  const days = Array.from({ length: 10 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`);
  await insertAirDays(t.store, [
    ...days.map((date, i) => ({ siteId: ids.S1, date, values: { ...CLEAN_AIR, pm25: i < 8 ? 40 : 160 } })),
    ...days.map((date) => ({ siteId: ids.S3, date, values: { ...CLEAN_AIR, pm25: 20 } })),
  ]);
});
afterEach(() => t.cleanup());

const item = (board: IndicatorBoard, key: string): IndicatorItem | undefined =>
  board.items.find((i) => i.key === key);

describe('air indicators', () => {
  it('city: PM2.5 (8·30 + 2·90)/10 = 42, good days 8/10 = 80 %, none above 150', async () => {
    const board = await services.indicators.board(2026, 'city');
    expect(board).toMatchObject({ year: 2026, scope: 'city', code: 'city', asOf: '2026-01-10' });
    expect(item(board, 'air.pm25')).toMatchObject({ value: 42, unit: 'µg/m³', status: 'no-target' });
    expect(item(board, 'air.good-day-ratio')).toMatchObject({ value: 80 });
    expect(item(board, 'air.days-above-150')?.value).toBe(0);
    expect(item(board, 'air.pm25')?.source).toEqual({
      kind: 'computed',
      by: 'AirService.evaluate (src/monitor/air.service.ts)',
    });
  });

  it('equals the annual evaluation of the air service for the same year (one computation)', async () => {
    const board = await services.indicators.board(2026, 'district', '330502');
    const ev = await services.air.evaluate({ kind: 'year', year: 2026 }, 'district', '330502');
    const unit = ev.units[0];
    const pm25 = unit?.pollutants.find((p) => p.pollutant === 'pm25')?.statistics[0]?.value;
    // 吴兴区 = S1: (8·40 + 2·160)/10 = 64; two days at AQI 210 (> 150 and > 200).
    expect(item(board, 'air.pm25')?.value).toBe(pm25);
    expect(pm25).toBe(64);
    expect(item(board, 'air.good-day-ratio')?.value).toBe(unit?.goodDays.ratioPercent);
    expect(item(board, 'air.days-above-150')?.value).toBe(2);
    expect(item(board, 'air.days-above-200')?.value).toBe(2);
  });

  it('gives status and the remaining-days arithmetic against the targets', async () => {
    await services.indicators.enter(admin, {
      kind: 'target',
      key: 'air.pm25',
      year: 2026,
      scope: 'city',
      value: 35,
    });
    await services.indicators.enter(admin, {
      kind: 'target',
      key: 'air.good-day-ratio',
      year: 2026,
      scope: 'city',
      value: 85,
    });
    const board = await services.indicators.board(2026, 'city');
    const pm = item(board, 'air.pm25');
    // 42 > 35 · 1.05 = 36.75 → off track; (35·365 − 420)/355 = 12355/355 = 34.80 → 34.8 still reachable.
    expect(pm).toMatchObject({ target: 35, status: 'off-track' });
    expect(pm?.remainingMean).toEqual({
      validDays: 10,
      sum: 420,
      remainingDays: 355,
      maxMeanRemaining: 34.8,
      reachable: true,
    });
    const good = item(board, 'air.good-day-ratio');
    // ⌈0.85 · 365⌉ = 311 good days in the year; 8 so far → 303 more in 355 days.
    expect(good?.goodDaysNeeded).toMatchObject({
      needed: 303,
      reachable: true,
    });
    // Under HJ 633-2026: 30 → 43 (good), 90 → 100 + 50·30/55 = 127.3 → 128 (not good): 8/10 as well.
    expect(good?.comparable).toEqual({
      standard: 'HJ 633-2026',
      goodDays: 8,
      validDays: 10,
      ratioPercent: 80,
    });
    // 80 < 85 · 0.95 = 80.75 → off track.
    expect(good?.status).toBe('off-track');
  });

  it('ranks districts best first by the indicator’s direction', async () => {
    const r = await services.indicators.rankings('air.days-above-200', 2026);
    expect(r.items.map((i) => [i.rank, i.code, i.value])).toEqual([
      [1, '330503', 0],
      [2, '330502', 2],
    ]);
    const pm = await services.indicators.rankings('air.pm25', 2026);
    expect(pm.items.map((i) => [i.code, i.value])).toEqual([
      ['330503', 20],
      ['330502', 64],
    ]);
  });
});

describe('entered statistics and targets', () => {
  it('records a statistic with who and when, audited; the newest entry is in force', async () => {
    await services.indicators.enter(admin, {
      kind: 'value',
      key: 'carbon.pv-capacity',
      year: 2026,
      scope: 'city',
      value: 100,
    });
    await services.indicators.enter(admin, {
      kind: 'value',
      key: 'carbon.pv-capacity',
      year: 2026,
      scope: 'city',
      value: 120,
      note: '供电公司年报',
    });
    await services.indicators.enter(admin, {
      kind: 'target',
      key: 'carbon.pv-capacity',
      year: 2026,
      scope: 'city',
      value: 150,
    });
    const pv = item(await services.indicators.board(2026, 'city'), 'carbon.pv-capacity');
    // 120 < 150 · 0.95 = 142.5 → off track.
    expect(pv).toMatchObject({ value: 120, target: 150, status: 'off-track', asOf: '2026-01-11' });
    expect(pv?.source).toMatchObject({ kind: 'statistics', enteredBy: 'admin1', note: '供电公司年报' });
    expect((await services.indicators.history('carbon.pv-capacity', 2026)).length).toBe(3);
    expect((await t.store.audit.query({ action: 'indicator.value_entered' })).items.length).toBe(2);
  });

  it('refuses a value for a computed indicator (409) and an unknown district (404)', async () => {
    await expect(
      services.indicators.enter(admin, {
        kind: 'value',
        key: 'air.pm25',
        year: 2026,
        scope: 'city',
        value: 1,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      services.indicators.enter(admin, {
        kind: 'target',
        key: 'air.pm25',
        year: 2026,
        scope: 'district',
        code: '999',
        value: 1,
      }),
    ).rejects.toThrow(/district 999 not found/);
  });

  it('imports entries from CSV, reporting bad rows by line', async () => {
    const csv = [
      'kind,key,year,scope,code,value,note',
      'target,air.pm25,2026,district,330502,33,',
      'value,carbon.non-fossil-share,2026,city,,24.5,统计局',
      'value,air.pm25,2026,city,,30,',
      'target,nope,2026,city,,1,',
    ].join('\n');
    const r = await services.indicators.importCsv(admin, csv);
    expect(r.stored).toBe(2);
    expect(r.errors.map((e) => e.line)).toEqual([4, 5]);
  });
});

describe('water, sources and enforcement: the owning module’s figure', () => {
  it('gives the water year report, the enterprise compliance and the case figures of the same period', async () => {
    const caller: CaseCaller = {
      username: 'sup',
      role: 'supervisor',
      districtCode: null,
      enterpriseSiteId: null,
      scope: { kind: 'all' },
      address: null,
    };
    await services.cases.create(caller, {
      source: 'inspection',
      subject: { type: 'site', siteId: ids.S1 },
      category: 'air',
      description: '站点附近秸秆焚烧',
    });
    const board = await services.indicators.board(2026, 'city');
    const water = await services.water.cityReport(parseChinaPeriod('year', '2026'));
    expect(item(board, 'water.share-i-iii')?.value).toBe(percentOf(water.city.shareGoodIToIII));
    const figures = await services.cases.figures(
      caller,
      'district',
      new Date('2025-12-31T16:00:00Z'),
      new Date('2026-12-31T16:00:00Z'),
    );
    // One open case: closed 0 of 1 → 0 %.
    expect(item(board, 'enforcement.closure-rate')?.value).toBe(percentOf(figures.total.closureRate));
    expect(item(board, 'enforcement.closure-rate')?.value).toBe(0);
    expect(item(board, 'sources.compliance')?.value).toBeNull();
  });
});
