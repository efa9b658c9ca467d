import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import type { App } from './app.js';
import { PACKAGE_ENTITIES } from '../registry/city-package/format.js';
import type { CityImportReportDto } from './city-import.schemas.js';
import { CITY_PACKAGE_ENTITIES } from './city-import.schemas.js';

const MINI = new URL('../../test/fixtures/city-packages/mini/', import.meta.url).pathname;
const FILES = Object.fromEntries(
  readdirSync(MINI)
    .filter((f) => f !== 'README.md')
    .map((f) => [f, readFileSync(join(MINI, f), 'utf8')]),
);

let t: TestStore;
let app: App;
let headers: Awaited<ReturnType<typeof loginAll>>;

beforeAll(async () => {
  t = await openTestStore();
  await seedAccessFixture(t.store);
  app = await testApp(t.store);
  headers = await loginAll(app);
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

const IMPORT = '/api/v1/city/import';
const EXPORT = '/api/v1/city/export';

describe('the report schema', () => {
  it('names the entities of the package format', () => {
    expect(CITY_PACKAGE_ENTITIES).toEqual(PACKAGE_ENTITIES);
  });
});

describe('POST /api/v1/city/import', () => {
  it('is for administrators only', async () => {
    expect((await app.inject({ method: 'POST', url: IMPORT, payload: { files: FILES } })).statusCode).toBe(
      401,
    );
    for (const who of ['supervisor', 'operator', 'wuxing', 'ent1'] as const) {
      const r = await app.inject({
        method: 'POST',
        url: IMPORT,
        headers: headers[who],
        payload: { files: FILES },
      });
      expect(r.statusCode).toBe(403);
    }
  });

  it('checks only with dryRun, then imports the files of a folder package, then changes nothing', async () => {
    const dry = await app.inject({
      method: 'POST',
      url: `${IMPORT}?dryRun=true&lang=en`,
      headers: headers.admin,
      payload: { files: FILES },
    });
    expect(dry.statusCode).toBe(200);
    const dryReport = dry.json<CityImportReportDto>();
    expect(dryReport).toMatchObject({ applied: false, dryRun: true, rejections: [] });
    expect(dryReport.entities.air_stations).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(await t.store.sites.getByCode('QX-AIR-01')).toBeNull();

    const done = await app.inject({
      method: 'POST',
      url: IMPORT,
      headers: headers.admin,
      payload: { files: FILES },
    });
    const report = done.json<CityImportReportDto>();
    expect(report.applied).toBe(true);
    expect(report.lang).toBe('zh');
    expect(report.notInPackage.sites).toBeGreaterThan(0);
    expect(report.notes.at(-2)).toMatch(/^系统中有 \d+ 个站点不在本包中；导入不会撤销它们/);
    expect((await t.store.audit.query({ action: 'city.imported', limit: 5 })).items[0]?.actor).toBe('admin');

    const again = await app.inject({
      method: 'POST',
      url: IMPORT,
      headers: { ...headers.admin, 'accept-language': 'en-GB,en;q=0.9' },
      payload: { files: FILES },
    });
    expect(again.json<CityImportReportDto>()).toMatchObject({ applied: false, lang: 'en' });
  });

  it('takes the workbook as the raw body and names the sheet and row of a rejected cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('air_stations');
    sheet.addRow(['code', 'name', 'lon', 'lat', 'district', 'level', 'city_aqi']);
    sheet.addRow(['QX-AIR-09', '新站', 118.3, 29.2, '339901', 'national', 'maybe']);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const r = await app.inject({
      method: 'POST',
      url: `${IMPORT}?lang=en&filename=stations.xlsx`,
      headers: {
        ...headers.admin,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      payload: body,
    });
    expect(r.statusCode).toBe(200);
    const report = r.json<CityImportReportDto>();
    expect(report.applied).toBe(false);
    expect(report.rejections).toEqual([
      {
        severity: 'error',
        code: 'bad-value',
        file: 'stations.xlsx',
        sheet: 'air_stations',
        line: 2,
        column: 'city_aqi',
        value: 'maybe',
        message: '"maybe" is not one of yes, no, 是, 否',
        text: 'stations.xlsx [air_stations], line 2, column city_aqi: "maybe" is not one of yes, no, 是, 否',
      },
    ]);
  });

  it('refuses a JSON body without files or xlsx, naming the field', async () => {
    const r = await app.inject({ method: 'POST', url: IMPORT, headers: headers.admin, payload: {} });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'bad-request', details: [{ field: 'body' }] } });
  });
});

describe('GET /api/v1/city/export', () => {
  it('sends the package as a workbook, one table as CSV, the boundaries as GeoJSON', async () => {
    expect((await app.inject({ method: 'GET', url: EXPORT, headers: headers.operator })).statusCode).toBe(
      403,
    );
    const xlsx = await app.inject({ method: 'GET', url: EXPORT, headers: headers.supervisor });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers['content-disposition']).toMatch(
      /^attachment; filename="city-package-\d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toContain('outlets');

    const csv = await app.inject({
      method: 'GET',
      url: `${EXPORT}?format=csv&table=air_stations`,
      headers: headers.admin,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'code,name,lon,lat,district,level,city_aqi',
    );
    expect(csv.body).toContain('QX-AIR-02,西山中学,118.1,29.2,339902,provincial,yes');

    const geo = await app.inject({
      method: 'GET',
      url: `${EXPORT}?format=csv&table=boundaries`,
      headers: headers.admin,
    });
    expect(geo.headers['content-type']).toBe('application/geo+json');
    expect(geo.json<{ features: unknown[] }>().features).toHaveLength(3);

    const missing = await app.inject({ method: 'GET', url: `${EXPORT}?format=csv`, headers: headers.admin });
    expect(missing.statusCode).toBe(400);
  });
});
