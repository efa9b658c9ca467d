import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { readCsv } from '../ingest/csv.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import type { CityImportReport } from './city-import.service.js';
import { TABLE_SPECS } from './city-package/format.js';

const MINI = new URL('../../test/fixtures/city-packages/mini/', import.meta.url).pathname;
const ACTOR = { username: 'importer', role: 'admin' };
const work = mkdtempSync(join(tmpdir(), 'qingshan-city-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let t: TestStore;
let services: Services;
beforeEach(async () => {
  const clock = new ManualClock('2026-03-15T00:00:00Z');
  t = await openTestStore(clock);
  services = createServices({ store: t.store, clock });
});
afterEach(async () => {
  await t.cleanup();
});

let copies = 0;
/** A copy of the mini package with some files replaced (name → text). */
function edited(changes: Record<string, string>): string {
  copies += 1;
  const dir = join(work, `pkg-${copies}`);
  cpSync(MINI, dir, { recursive: true });
  for (const [name, text] of Object.entries(changes)) writeFileSync(join(dir, name), text);
  return dir;
}

const miniFile = (name: string): string => readFileSync(join(MINI, name), 'utf8');

function counts(r: CityImportReport): Record<string, [number, number, number, number]> {
  return Object.fromEntries(
    Object.entries(r.entities)
      .filter(([e]) => r.present.includes(e as never))
      .map(([e, c]) => [e, [c.created, c.updated, c.unchanged, c.rejected]]),
  );
}

async function auditActions(): Promise<string[]> {
  const page = await services.audit.query({ limit: 500 });
  return page.items.map((e) => e.action).reverse();
}

describe('CityImportService.importPackage on a CSV folder', () => {
  it('loads a package into an empty store in one audited transaction, with nothing rejected', async () => {
    const r = await services.cityImport.importPackage(MINI, { actor: ACTOR, lang: 'en' });
    expect(r.rejections).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.applied).toBe(true);
    expect(counts(r)).toEqual({
      city: [1, 0, 0, 0],
      districts: [4, 0, 0, 0],
      air_stations: [3, 0, 0, 0],
      water_sections: [2, 0, 0, 0],
      enterprises: [2, 0, 0, 0],
      outlets: [2, 0, 0, 0],
      devices: [5, 0, 0, 0],
      boundaries: [3, 0, 0, 0],
    });
    const { store } = t;
    expect(await store.city.get()).toEqual({ code: '339900', name: '青溪市', nameEn: 'Qingxi' });
    expect((await store.districts.get('339991'))?.parentCode).toBe('339901');
    expect((await store.districts.boundaries()).map((b) => b.code)).toEqual(['339901', '339902', '339921']);
    expect((await store.sites.getByCode('QX-AIR-02'))?.attributes).toEqual({
      network: 'provincial',
      cityAqi: true,
    });
    expect((await store.sites.getByCode('QX-W-02'))?.attributes).toEqual({
      waterType: 'lake',
      targetClass: 'III',
      waterBody: '翠湖',
      basin: '钱塘江',
      network: 'provincial',
      automatic: false,
    });
    const enterprise = await store.sites.getByCode('QX-E-001');
    expect(enterprise?.attributes).toEqual({
      industry: '热电联产',
      industryCode: '4412',
      performanceGrade: 'B',
      creditCode: '91339901MA2QX0001H',
      address: '青溪市东湖区热电路 1 号',
      permit: '91339901MA2QX0001H001P',
      categories: ['air', 'water'],
    });
    const outlet = await store.sites.getByCode('QX-E-002-W1');
    expect(outlet).toMatchObject({
      parentId: (await store.sites.getByCode('QX-E-002'))?.id,
      districtCode: '339991',
      longitude: 118.35,
      latitude: 29.18,
      attributes: {
        medium: 'water',
        emissionStandard: 'GB 8978-1996',
        parameters: ['w01018', 'w21003', 'w21011', 'w01001'],
      },
    });
    expect((await store.sites.getByCode('QX-E-001-G1'))?.attributes).toMatchObject({ referenceO2Pct: 6 });
    expect(await store.devices.authenticate('QX339991000005', 'qx-e2-w1')).toMatchObject({ ok: true });
    expect((await store.devices.getByMn('010339901000021000000003'))?.protocol).toBe('2025');
    const actions = await auditActions();
    expect(actions.filter((a) => a === 'city.imported')).toHaveLength(1);
    expect(actions.filter((a) => a === 'district.created')).toHaveLength(4);
    expect(actions.filter((a) => a === 'district.boundary_changed')).toHaveLength(3);
    expect(actions.filter((a) => a === 'site.created')).toHaveLength(9);
    expect(actions.filter((a) => a === 'device.registered')).toHaveLength(5);
    expect(await services.audit.verify()).toMatchObject({ ok: true });
  });

  it('changes nothing and audits nothing when the same package is imported again', async () => {
    await services.cityImport.importPackage(MINI, { actor: ACTOR });
    const before = await auditActions();
    const again = await services.cityImport.importPackage(MINI, { actor: ACTOR, lang: 'en' });
    expect(again.applied).toBe(false);
    expect(again.rejections).toEqual([]);
    for (const c of Object.values(counts(again))) expect(c[0] + c[1] + c[3]).toBe(0);
    expect(counts(again).air_stations).toEqual([0, 0, 3, 0]);
    expect(counts(again).devices).toEqual([0, 0, 5, 0]);
    expect(again.notes).toEqual(['Nothing changed: the store already holds this package.']);
    expect(await auditActions()).toEqual(before);
  });

  it('updates what an edited package changed, by code, and audits the fields before → after', async () => {
    await services.cityImport.importPackage(MINI, { actor: ACTOR });
    const dir = edited({
      'air_stations.csv': miniFile('air_stations.csv').replace(
        'QX-AIR-03,南溪镇,118.1,29.05,339921,city,no',
        'QX-AIR-03,南溪新镇,118.1,29.05,339921,provincial,no',
      ),
      'districts.csv': miniFile('districts.csv').replace(
        '339902,西山区,,Xishan District',
        '339902,西山区,,Xishan',
      ),
      'devices.csv': miniFile('devices.csv').replace(
        '010339902000022000000002,qx-air-2,QX-AIR-02,2017',
        '010339902000022000000002,,QX-AIR-03,2025',
      ),
    });
    const r = await services.cityImport.importPackage(dir, { actor: ACTOR, lang: 'en' });
    expect(r.applied).toBe(true);
    expect(counts(r).air_stations).toEqual([0, 1, 2, 0]);
    expect(counts(r).districts).toEqual([0, 1, 3, 0]);
    expect(counts(r).devices).toEqual([0, 1, 4, 0]);
    expect(await t.store.sites.getByCode('QX-AIR-03')).toMatchObject({
      name: '南溪新镇',
      attributes: { network: 'provincial', cityAqi: false },
    });
    const entries = (await services.audit.query({ limit: 100 })).items;
    const siteUpdate = entries.find((e) => e.action === 'site.updated');
    expect(siteUpdate?.targetId).toBe('QX-AIR-03');
    expect(siteUpdate?.details).toEqual({
      kind: 'air_station',
      source: 'city import',
      changes: {
        name: { from: '南溪镇', to: '南溪新镇' },
        'attributes.network': { from: 'city', to: 'provincial' },
      },
    });
    expect(entries.find((e) => e.action === 'district.updated')?.details).toEqual({
      changes: { nameEn: { from: 'Xishan District', to: 'Xishan' } },
    });
    expect(entries.find((e) => e.action === 'device.updated')?.details).toMatchObject({
      changes: { site: { from: 'QX-AIR-02', to: 'QX-AIR-03' }, protocol: { from: '2017', to: '2025' } },
      credentialChanged: false,
    });
    // The password column left empty kept the device's password.
    expect((await t.store.devices.authenticate('010339902000022000000002', 'qx-air-2')).ok).toBe(true);
  });
});

describe('another city', () => {
  it('warns that a package with another city code replaces the city the platform serves', async () => {
    await services.cityImport.importPackage(MINI, { actor: ACTOR });
    const dir = edited({ 'city.csv': 'name,code,name_en\n青山市,339800,Qingshan\n' });
    const r = await services.cityImport.importPackage(dir, { actor: ACTOR, lang: 'en', dryRun: true });
    expect(r.warnings.map((w) => w.text)).toContain(
      'city.csv, line 2, column code: the platform serves 青溪市 (339900); this package replaces it with 青山市 (339800)',
    );
    expect(r.entities.city).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(r.notes[0]).toBe('Dry run: nothing was written.');
    expect((await t.store.city.get())?.code).toBe('339900');
  });
});

describe('rejections: exact messages, nothing written unless partial', () => {
  const BAD = {
    'enterprises.csv': miniFile('enterprises.csv').replace('91339901MA2QX0002L', '91339901MA2QX0002M'),
    'air_stations.csv': miniFile('air_stations.csv').replace(
      'QX-AIR-03,南溪镇,118.1,29.05,339921',
      'QX-AIR-03,南溪镇,118.1,29.05,339977',
    ),
    'outlets.csv': miniFile('outlets.csv').replace(
      'QX-E-001-G1,QX-E-001,1号锅炉烟气排放口 DA001,gas,GB 13223-2011',
      'QX-E-001-G1,QX-E-001,1号锅炉烟气排放口 DA001,water,GB 13223-2011',
    ),
  };

  it('names file, line, column and value in the language asked for, and writes nothing', async () => {
    const dir = edited(BAD);
    const en = await services.cityImport.importPackage(dir, { actor: ACTOR, lang: 'en' });
    expect(en.applied).toBe(false);
    expect(en.rejections.map((i) => i.text)).toEqual([
      'air_stations.csv, line 4, column district: district 339977 is neither in districts of the package nor in the platform',
      'enterprises.csv, line 3, column credit_code: "91339901MA2QX0002M" is not a valid unified social credit code (GB 32100-2015): the check character should be L',
      "outlets.csv, line 2, column standard: GB 13223-2011 (thermal power plants, air) does not limit water; it does not fit the outlet's kind",
      'outlets.csv, line 2, column reference_o2: a water outlet has no reference O2',
      'outlets.csv, line 3, column enterprise: enterprise QX-E-002 (enterprises.csv line 3) was rejected',
      'devices.csv, line 5, column site: site QX-E-001-G1 (outlets.csv line 2) was rejected',
      'devices.csv, line 6, column site: site QX-E-002-W1 (outlets.csv line 3) was rejected',
    ]);
    expect(en.rejections[0]).toMatchObject({
      file: 'air_stations.csv',
      sheet: null,
      line: 4,
      column: 'district',
      value: '339977',
    });
    expect(counts(en).enterprises?.[3]).toBe(1);
    expect(en.notes[0]).toMatch(/^7 error\(s\): nothing was written/);
    expect(await t.store.sites.count()).toBe(0);
    expect(await t.store.city.get()).toBeNull();
    expect(await auditActions()).toEqual([]);

    const zh = await services.cityImport.importPackage(dir, { actor: ACTOR, lang: 'zh' });
    expect(zh.rejections[1]?.text).toBe(
      'enterprises.csv，第 3 行，credit_code 列：“91339901MA2QX0002M”不是有效的统一社会信用代码（GB 32100-2015）：校验码应为 L',
    );
  });

  it('rejects a whole file whose header has an unknown or missing column', async () => {
    const dir = edited({
      'outlets.csv': miniFile('outlets.csv').replace(
        'code,enterprise,name,kind,standard,parameters',
        'code,enterprise,name,kind,limits,parameters',
      ),
    });
    const r = await services.cityImport.importPackage(dir, { actor: ACTOR, lang: 'en' });
    expect(r.rejections.slice(0, 2).map((i) => i.text)).toEqual([
      'outlets.csv, line 1, column limits: unknown column "limits"; the columns of outlets.csv are code,enterprise,name,kind,standard,parameters,reference_o2,lon,lat',
      'outlets.csv, line 1, column standard: the header lacks column standard',
    ]);
    expect(counts(r).outlets).toEqual([0, 0, 0, 2]);
  });

  it('imports the rows that passed with partial, and counts the rest as rejected', async () => {
    const r = await services.cityImport.importPackage(edited(BAD), {
      actor: ACTOR,
      lang: 'en',
      partial: true,
    });
    expect(r.applied).toBe(true);
    expect(counts(r)).toMatchObject({
      air_stations: [2, 0, 0, 1],
      enterprises: [1, 0, 0, 1],
      outlets: [0, 0, 0, 2],
      devices: [3, 0, 0, 2],
    });
    expect(await t.store.sites.getByCode('QX-AIR-03')).toBeNull();
    expect(await t.store.sites.getByCode('QX-E-001')).not.toBeNull();
    expect(r.notes[0]).toBe('Partial import: the 6 rejected row(s) were left out, the rest was written.');
  });

  it('warns about a site outside the city or outside its own district, naming the nearest district', async () => {
    const dir = edited({
      'air_stations.csv': miniFile('air_stations.csv')
        .replace('QX-AIR-01,东湖公园,118.3,29.2', 'QX-AIR-01,东湖公园,118.5,29.2')
        .replace('QX-AIR-02,西山中学,118.1,29.2', 'QX-AIR-02,西山中学,118.3,29.25'),
    });
    const r = await services.cityImport.importPackage(dir, { actor: ACTOR, lang: 'en' });
    expect(r.applied).toBe(true);
    expect(r.warnings.map((w) => w.text)).toEqual([
      "air_stations.csv, line 2, column lon: QX-AIR-01 at 118.5,29.2 lies outside the city's boundaries; the nearest district is 东湖区 (339901), 9.7 km away",
      'air_stations.csv, line 3, column lon: QX-AIR-02 at 118.3,29.25 lies outside its district 西山区 (339902), inside 东湖区 (339901)',
    ]);
  });
});

/** The mini package as one workbook, a sheet per CSV file, written with exceljs. */
async function miniXlsx(path: string, change?: (sheet: string, rows: string[][]) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of TABLE_SPECS) {
    const rows = [...readCsv(miniFile(spec.file))].map((r) => r.fields);
    change?.(spec.sheet, rows);
    const sheet = workbook.addWorksheet(spec.sheet);
    for (const row of rows) sheet.addRow(row);
  }
  workbook.addWorksheet('instructions').addRow(['说明']);
  await workbook.xlsx.writeFile(path);
}

describe('the XLSX variant', () => {
  it('imports the same as the folder, boundaries from --boundaries, and names the sheet and row of a problem', async () => {
    const file = join(work, 'mini.xlsx');
    await miniXlsx(file);
    const r = await services.cityImport.importPackage(file, {
      actor: ACTOR,
      lang: 'en',
      boundariesFile: join(MINI, 'boundaries.geojson'),
    });
    expect(r.kind).toBe('xlsx');
    expect(r.rejections).toEqual([]);
    expect(counts(r).devices).toEqual([5, 0, 0, 0]);
    expect(counts(r).boundaries).toEqual([3, 0, 0, 0]);
    const again = await services.cityImport.importPackage(MINI, { actor: ACTOR });
    expect(again.applied).toBe(false);

    const bad = join(work, 'bad.xlsx');
    await miniXlsx(bad, (sheet, rows) => {
      if (sheet === 'water_sections' && rows[2]) rows[2][5] = 'VI';
    });
    const rb = await services.cityImport.importPackage(bad, { actor: ACTOR, lang: 'en' });
    expect(rb.rejections.map((i) => i.text)).toEqual([
      'bad.xlsx [water_sections], line 3, column target_class: "VI" is not one of I, II, III, IV, V',
    ]);
    expect(rb.rejections[0]?.sheet).toBe('water_sections');
  });
});

describe('export', () => {
  it('exports the master data in the package shape; importing the export changes nothing', async () => {
    await services.cityImport.importPackage(MINI, { actor: ACTOR });
    const exported = await services.cityImport.exportPackage();
    expect(exported.tables.map((x) => x.title.en)).toEqual(TABLE_SPECS.map((s) => s.sheet));
    const { tableCsv } = await import('../reports/table-export.js');
    const dir = join(work, 'exported');
    cpSync(MINI, dir, { recursive: true });
    for (const table of exported.tables)
      writeFileSync(join(dir, `${table.title.en}.csv`), tableCsv(table, 'en'));
    writeFileSync(join(dir, 'boundaries.geojson'), exported.boundaries);
    const r = await services.cityImport.importPackage(dir, { actor: ACTOR, lang: 'en' });
    expect(r.rejections).toEqual([]);
    expect(r.applied).toBe(false);
    expect(counts(r).outlets).toEqual([0, 0, 2, 0]);
  });
});
