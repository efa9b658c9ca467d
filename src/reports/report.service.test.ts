/**
 * Reports read back (docs/reports.md): PDF text through `pdftotext` (poppler-utils), XLSX cells
 * through exceljs (numbers as numbers, dates as dates), HTML as text; the stored record, who may
 * see what, and the schedule's timed pass on a ManualClock.
 *
 * Data: 2026-03-14 at S1 (吴兴区) PM2.5 70 all day → HJ 633-2026: 100 + 50·(70 − 60)/(115 − 60) =
 * 109.1 → AQI 110 轻度污染, primary PM2.5; the city is S1 alone (S2 and S3 have no data that day).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { airCity, CLEAN_AIR, insertAirDays } from '../../test/air-days.js';
import { openTestStore, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { createServices, type Services } from '../services.js';
import { findCjkFont } from './cjk-font.js';
import type { ReportCaller } from './report.service.js';

function pdftotextMissing(): string | null {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'pdftotext (poppler-utils) is not installed';
  }
}
const PDF_SKIP =
  pdftotextMissing() ?? (findCjkFont() === null ? 'Noto Sans CJK (fonts-noto-cjk) is not installed' : null);

let t: TestStore;
let clock: ManualClock;
let services: Services;
let ids: Record<'S1' | 'S2' | 'S3', number>;
let dir: string;

const admin: ReportCaller = {
  actor: { username: 'admin1', role: 'admin' },
  role: 'admin',
  scope: { kind: 'all' },
  address: null,
};

beforeEach(async () => {
  clock = new ManualClock('2026-03-15T02:00:00Z');
  t = await openTestStore(clock);
  ids = await airCity(t.store);
  services = createServices({ store: t.store, clock });
  await insertAirDays(t.store, [
    { siteId: ids.S1, date: '2026-03-14', values: { ...CLEAN_AIR, pm25: 70 } },
    { siteId: ids.S1, date: '2026-02-27', values: { ...CLEAN_AIR, pm25: 70 } },
  ]);
  dir = mkdtempSync(join(tmpdir(), 'qingshan-report-'));
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe.skipIf(PDF_SKIP !== null)(
  `PDF read back with pdftotext${PDF_SKIP === null ? '' : ` — skipped: ${PDF_SKIP}`}`,
  () => {
    it('air-daily: the title, the city AQI and category, the station table and the chart title in Chinese', async () => {
      const r = await services.reports.render(
        { kind: 'air-daily', period: '2026-03-14' },
        'pdf',
        { kind: 'all' },
        'admin1',
      );
      expect(r.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const file = join(dir, r.filename);
      writeFileSync(file, r.bytes);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('环境空气质量日报 2026-03-14');
      expect(text).toMatch(/全市环境空气质量指数（AQI）为 110，轻度污染，首要污染物：细颗粒物\(PM2\.5\)/);
      expect(text).toContain('站点S1');
      expect(text).toContain('全市逐时AQI');
    });

    it('environment-monthly: the comparable series across the switch reads back', async () => {
      const r = await services.reports.render(
        { kind: 'environment-monthly', period: '2026-03' },
        'pdf',
        { kind: 'all' },
        'admin1',
      );
      const file = join(dir, r.filename);
      writeFileSync(file, r.bytes);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('生态环境质量月报 2026-03');
      expect(text).toContain('可比序列');
      expect(text).toContain('HJ 633-2026');
    });
  },
);

describe('XLSX read back with exceljs', () => {
  it('air-daily: one sheet per table; AQI a number, the date a date', async () => {
    const r = await services.reports.render(
      { kind: 'air-daily', period: '2026-03-14' },
      'xlsx',
      { kind: 'all' },
      'admin1',
    );
    const wb = await workbookOf(r.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '全市与区县日AQI', '站点日AQI']);
    const sheet = wb.getWorksheet('全市与区县日AQI');
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['类型', '名称', '日期', 'AQI', '级别']);
    const city = sheet?.getRow(2);
    expect(city?.getCell(1).value).toBe('全市');
    expect(city?.getCell(3).value).toEqual(new Date('2026-03-14T00:00:00Z'));
    expect(city?.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(city?.getCell(4).value).toBe(110);
    expect(city?.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(city?.getCell(5).value).toBe('轻度污染');
    expect(city?.getCell(7).value).toBe(70);
  });

  it('environment-monthly: February 2026 official (HJ 633-2012, AQI 94, good) beside the comparable (HJ 633-2026, 110)', async () => {
    const r = await services.reports.render(
      { kind: 'environment-monthly', period: '2026-03' },
      'xlsx',
      { kind: 'all' },
      'admin1',
    );
    const wb = await workbookOf(r.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '空气质量与同比',
      '可比序列',
      '地表水断面',
      '案件',
      '指标进度',
    ]);
    const rows = wb.getWorksheet('可比序列')?.getSheetValues() as unknown[][];
    // 13 months 2025-03 … 2026-03 after the header.
    const feb = rows.find((row) => Array.isArray(row) && row[1] === '2026-02');
    // PM2.5 70: 2012 → 94 (good) = 100 %; 2026 → 110 (not good) = 0 %.
    expect(feb?.slice(1)).toEqual(['2026-02', 'HJ 633-2012', 100, 'HJ 633-2026', 0, 0]);
    const mar = rows.find((row) => Array.isArray(row) && row[1] === '2026-03');
    expect(mar?.slice(1)).toEqual(['2026-03', 'HJ 633-2026', 0, 'HJ 633-2026', 0, 0]);
  });
});

describe('HTML', () => {
  it('is one page with an inline SVG chart and a print layout', async () => {
    const r = await services.reports.render(
      { kind: 'air-daily', period: '2026-03-14' },
      'html',
      { kind: 'all' },
      'admin1',
    );
    const html = r.bytes.toString('utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('@media print');
    expect(html).toContain('轻度污染');
  });
});

describe('stored reports', () => {
  it('stores the bytes with their SHA-256, who and when; serves them; audits the generation', async () => {
    const rec = await services.reports.generate(admin, { kind: 'air-daily', period: '2026-03-14' }, 'xlsx');
    const { record, bytes } = await services.reports.file(admin, rec.id);
    expect(record).toMatchObject({
      kind: 'air-daily',
      period: '2026-03-14',
      format: 'xlsx',
      createdBy: 'admin1',
    });
    expect(record.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await t.store.audit.query({ action: 'report.generated' })).items.length).toBe(1);
    // An enterprise account sees no city-wide report.
    const ent: ReportCaller = {
      ...admin,
      actor: { username: 'ent', role: 'enterprise' },
      role: 'enterprise',
      scope: { kind: 'sites', siteIds: [] },
    };
    await expect(services.reports.file(ent, rec.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await services.reports.list(ent, { limit: 10, offset: 0 })).toEqual([]);
  });

  it('lets an enterprise generate only its own enterprise-monthly', async () => {
    const e1 = await t.store.sites.create({
      kind: 'enterprise',
      code: 'E1',
      name: '甲企业',
      districtCode: '330502',
    });
    await t.store.sites.create({ kind: 'enterprise', code: 'E2', name: '乙企业', districtCode: '330503' });
    const ent: ReportCaller = {
      actor: { username: 'ent1', role: 'enterprise' },
      role: 'enterprise',
      scope: { kind: 'sites', siteIds: [e1.id] },
      address: null,
    };
    await expect(
      services.reports.generate(ent, { kind: 'air-daily', period: '2026-03-14' }, 'html'),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      services.reports.generate(
        ent,
        { kind: 'enterprise-monthly', period: '2026-03', enterprise: 'E2' },
        'html',
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const own = await services.reports.generate(
      ent,
      { kind: 'enterprise-monthly', period: '2026-03' },
      'xlsx',
    );
    expect(own).toMatchObject({ enterpriseCode: 'E1', kind: 'enterprise-monthly' });
    expect((await services.reports.list(ent, { limit: 10, offset: 0 })).map((r) => r.id)).toEqual([own.id]);
    const wb = await workbookOf((await services.reports.file(ent, own.id)).bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '排放口', '报警']);
    expect(wb.getWorksheet('说明')?.getCell('A1').value).toBe('企业环境监管月报 甲企业 2026-03');
  });
});

describe('the schedule', () => {
  it('makes yesterday’s bulletin from the set hour and the previous month’s report on the 1st, each once', async () => {
    await services.reports.setSchedule(admin.actor, {
      daily: { enabled: true, hour: 8, format: 'xlsx' },
      monthly: { enabled: true, hour: 9, format: 'html' },
    });
    // 2026-03-15 07:30 China time: before 08:00 — nothing; the monthly catch-up (day 15 > 1) is due.
    clock.set(new Date('2026-03-14T23:30:00Z'));
    expect((await services.reports.scheduledPass()).map((r) => [r.kind, r.period])).toEqual([
      ['environment-monthly', '2026-02'],
    ]);
    // 08:10: the bulletin of 2026-03-14.
    clock.set(new Date('2026-03-15T00:10:00Z'));
    expect(
      (await services.reports.scheduledPass()).map((r) => [r.kind, r.period, r.format, r.createdBy]),
    ).toEqual([['air-daily', '2026-03-14', 'xlsx', 'system:reports']]);
    expect(await services.reports.scheduledPass()).toEqual([]);
    // 2026-04-01 08:30: the bulletin of 03-31; the monthly waits for 09:00, then March.
    clock.set(new Date('2026-04-01T00:30:00Z'));
    expect((await services.reports.scheduledPass()).map((r) => [r.kind, r.period])).toEqual([
      ['air-daily', '2026-03-31'],
    ]);
    clock.set(new Date('2026-04-01T01:00:00Z'));
    expect((await services.reports.scheduledPass()).map((r) => [r.kind, r.period])).toEqual([
      ['environment-monthly', '2026-03'],
    ]);
  });

  it('refuses a bad schedule, naming the field', async () => {
    await expect(
      services.reports.setSchedule(admin.actor, {
        daily: { enabled: true, hour: 24, format: 'pdf' },
        monthly: {},
      }),
    ).rejects.toThrow(/^daily\.hour/);
  });
});

// The written file is what the CLI and the download give; keep a sample for a human to open.
it('writes a sample PDF when it can (for a look by hand)', async () => {
  if (PDF_SKIP !== null) return;
  const r = await services.reports.render(
    { kind: 'environment-monthly', period: '2026-03' },
    'pdf',
    { kind: 'all' },
    'admin1',
  );
  writeFileSync(join(dir, 'sample.pdf'), r.bytes);
  expect(readFileSync(join(dir, 'sample.pdf')).length).toBeGreaterThan(1000);
});
