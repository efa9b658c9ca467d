import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { AirService } from '../monitor/air.service.js';
import { CNEMC_POLLUTANT_NAMES_ZH, type PollutantKey } from '../standards/aqi.js';
import { HOUR_MS } from '../standards/china-time.js';
import { cnemcDistrictCode, cnemcHourStart, importCnemc, type CnemcImportReport } from './cnemc-import.js';
import { readCsv } from './csv.js';

const FIXTURES = new URL('../../test/fixtures/cnemc/', import.meta.url).pathname;
const CSV_FILES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.csv'))
  .sort();

function rowsOf(file: string): Record<string, string>[] {
  const [header, ...body] = [...readCsv(readFileSync(join(FIXTURES, file), 'utf8'))];
  if (header === undefined) return [];
  return body.map((r) => Object.fromEntries(header.fields.map((h, i) => [h, r.fields[i] ?? ''])));
}

const NAME_TO_KEY = new Map(Object.entries(CNEMC_POLLUTANT_NAMES_ZH).map(([k, v]) => [v, k as PollutantKey]));
const blank = (v: string | undefined): boolean => v === undefined || v === '' || v === 'NA';

describe('cnemcHourStart: the hour-ending label → the start of the hour (China time → UTC)', () => {
  it.each([
    ['2017-07-07T16:00:00', '2017-07-07T07:00:00.000Z'],
    ['2026-03-15T0800', '2026-03-14T23:00:00.000Z'],
    ['2026-03-01T00:00', '2026-02-28T15:00:00.000Z'],
  ])('%s → %s', (label, start) => {
    expect(cnemcHourStart(label).toISOString()).toBe(start);
  });
  it('refuses a label that is not on the hour', () => {
    expect(() => cnemcHourStart('2026-03-15T0830')).toThrow(/hour label/);
  });
});

describe('import of every CNEMC fixture, then the real-time AQI from the stored readings', () => {
  let t: TestStore;
  let report: CnemcImportReport;
  beforeAll(async () => {
    t = await openTestStore();
    report = await importCnemc(t.store, FIXTURES, { clock: new ManualClock('2026-04-01T00:00:00Z') });
  });
  afterAll(() => t.cleanup());

  it('reads every row, creates stations and a district per city, rejects nothing', () => {
    const total = CSV_FILES.reduce((n, f) => n + rowsOf(f).length, 0);
    expect(report.files).toBe(CSV_FILES.length);
    expect(report.rows).toBe(total);
    expect(report.rejected).toEqual([]);
    expect(report.stored + report.duplicated + report.empty).toBe(total);
    expect(report.duplicated).toBe(0);
    expect(report.stationsCreated.length).toBeGreaterThan(1400);
    expect(report.districtsCreated).toContainEqual({ code: cnemcDistrictCode('北京市'), name: '北京市' });
  });

  it('is idempotent: a second import stores nothing and counts every row as duplicated', async () => {
    const again = await importCnemc(t.store, FIXTURES, { clock: new ManualClock('2026-04-01T00:00:00Z') });
    expect(again.readingsStored).toBe(0);
    expect(again.stored).toBe(0);
    expect(again.duplicated).toBe(report.stored);
    expect(again.stationsCreated).toEqual([]);
  });

  it('records "/" as not monitored on the station (1957A: SO2 and CO)', async () => {
    const site = await t.store.sites.getByCode('1957A');
    expect(site?.attributes.notMonitored).toEqual(['co', 'so2']);
  });

  it('reproduces the published AQI, category and primary pollutants of every published station-hour', async () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const file of CSV_FILES) {
      const rows = rowsOf(file).filter((r) => !blank(r.aqi));
      const label = rows[0]?.timepoint ?? '';
      const clock = new ManualClock(new Date(cnemcHourStart(label).getTime() + HOUR_MS));
      const service = new AirService({
        air: t.store.air,
        districts: t.store.districts,
        clock,
      });
      const latest = await service.latest();
      const byCode = new Map(latest.stations.map((s) => [s.code, s]));
      for (const r of rows) {
        compared += 1;
        const got = byCode.get(r.stationcode ?? '');
        const expectedPrimary = blank(r.primarypollutant)
          ? []
          : (r.primarypollutant ?? '').split(',').map((n) => NAME_TO_KEY.get(n) ?? `?${n}`);
        const ok =
          got?.hourStart === cnemcHourStart(label).toISOString() &&
          got.result?.aqi === Number(r.aqi) &&
          (r.quality === undefined || got.result.category === r.quality) &&
          JSON.stringify([...got.result.primary].sort()) === JSON.stringify(expectedPrimary.sort());
        if (!ok)
          mismatches.push(
            `${file} ${r.stationcode}: published ${r.aqi} ${r.quality} ${r.primarypollutant}; got ${JSON.stringify(got?.result)}`,
          );
      }
    }
    console.log(
      `CNEMC import → service: ${compared - mismatches.length} / ${compared} published station-hours reproduced`,
    );
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBe(3089);
  });

  it('withholds the AQI of 2594A as CNEMC did (SO2 missing, the rest ≤ 100)', async () => {
    const clock = new ManualClock('2026-03-15T00:00:00Z');
    const service = new AirService({
      air: t.store.air,
      districts: t.store.districts,
      clock,
    });
    const s = (await service.latest()).stations.find((e) => e.code === '2594A');
    expect(s?.result?.aqi).toBeNull();
    expect(s?.result?.missing).toEqual(['so2']);
  });

  it('rejects a bad row naming the field, and stores the good ones', async () => {
    const file = join(t.dir, 'bad.csv');
    writeFileSync(
      file,
      [
        'timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h',
        '2026-03-16T0100,9999A,120,30,测试市,测试站,,20,20,20,10,10,30,30,30,30,10,10,5,5,0.5,0.5',
        '2026-03-16T0130,9999A,120,30,测试市,测试站,,20,20,20,10,10,30,30,30,30,10,10,5,5,0.5,0.5',
        '2026-03-16T0200,9999A,120,30,测试市,测试站,,20,20,20,-3,10,30,30,30,30,10,10,5,5,0.5,0.5',
        '2026-03-16T0300,9999A,120,30,测试市,测试站,,NA,NA,,NA,,NA,,,,NA,,NA,,NA,',
      ].join('\n'),
    );
    const r = await importCnemc(t.store, file, { clock: new ManualClock('2026-04-01T00:00:00Z') });
    expect(r).toMatchObject({ rows: 4, stored: 1, duplicated: 0, empty: 1, readingsStored: 6 });
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([
      [3, 'timepoint'],
      [4, 'pm2_5'],
    ]);
  });
});
