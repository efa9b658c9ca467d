import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';

const MINI = new URL('../../test/fixtures/city-packages/mini/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'qingshan-city-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qingshan city', () => {
  const db = `sqlite:${join(dir, 'q.db')}`;

  it('template: writes the empty workbook with headers, drop-down lists and instructions', async () => {
    const file = join(dir, 'template.xlsx');
    const r = await runCli('city', 'template', '--out', file);
    expect(r.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'city',
      'districts',
      'air_stations',
      'water_sections',
      'enterprises',
      'outlets',
      'devices',
      'instructions',
    ]);
    const air = workbook.getWorksheet('air_stations');
    expect(air?.getRow(1).values).toEqual([
      undefined,
      'code',
      'name',
      'lon',
      'lat',
      'district',
      'level',
      'city_aqi',
    ]);
    expect(air?.getCell('F2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"national,provincial,city"'],
    });
    expect(air?.getCell('G2').dataValidation).toMatchObject({ type: 'list', formulae: ['"yes,no"'] });
    const help = workbook.getWorksheet('instructions');
    const rows: string[] = [];
    help?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).join('|')));
    expect(rows).toContain(
      'enterprises|credit_code|是 yes|统一社会信用代码（GB 32100-2015，18 位，含校验码）|unified social credit code (GB 32100-2015, 18 characters with its check character)',
    );
  });

  it('import: prints the counts; again: nothing changed; exit 0', async () => {
    const first = await runCli('city', 'import', MINI, '--db', db, '--lang', 'en');
    expect(first.code).toBe(0);
    expect(first.errLines).toEqual([]);
    expect(first.outLines).toEqual([
      'city: 1 created, 0 updated, 0 unchanged, 0 rejected',
      'districts: 4 created, 0 updated, 0 unchanged, 0 rejected',
      'air_stations: 3 created, 0 updated, 0 unchanged, 0 rejected',
      'water_sections: 2 created, 0 updated, 0 unchanged, 0 rejected',
      'enterprises: 2 created, 0 updated, 0 unchanged, 0 rejected',
      'outlets: 2 created, 0 updated, 0 unchanged, 0 rejected',
      'devices: 5 created, 0 updated, 0 unchanged, 0 rejected',
      'boundaries: 3 created, 0 updated, 0 unchanged, 0 rejected',
    ]);
    const again = await runCli('city', 'import', MINI, '--db', db, '--lang', 'zh');
    expect(again.code).toBe(0);
    expect(again.outLines).toContain('air_stations：新建 0，更新 0，未变 3，拒绝 0');
    expect(again.outLines.at(-1)).toBe('数据与系统一致，没有任何变化。');
  });

  it('import: a rejected row is named on stderr, nothing is written and the exit code is 1', async () => {
    const bad = join(dir, 'bad');
    cpSync(MINI, bad, { recursive: true });
    const file = join(bad, 'water_sections.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'QX-W-02,翠湖中心,翠湖,钱塘江,lake,III',
        'QX-W-02,翠湖中心,翠湖,钱塘江,sea,III',
      ),
    );
    const other = `sqlite:${join(dir, 'other.db')}`;
    const r = await runCli('city', 'import', bad, '--db', other, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([
      'error: water_sections.csv, line 3, column water_type: "sea" is not one of river, lake, 河流, 湖库',
    ]);
    expect(r.outLines).toContain('water_sections: 1 to create, 0 to update, 0 unchanged, 1 rejected');
    expect(r.outLines.at(-1)).toMatch(/^1 error\(s\): nothing was written/);
    const json = await runCli('city', 'import', bad, '--db', other, '--lang', 'en', '--json', '--partial');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as {
      applied: boolean;
      entities: { water_sections: { created: number } };
    };
    expect(report.applied).toBe(true);
    expect(report.entities.water_sections.created).toBe(1);
  });

  it('import: names a path that does not exist (exit 2)', async () => {
    const r = await runCli('city', 'import', join(dir, 'nowhere'), '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/does not exist/);
  });

  it('export: a folder and a workbook that import again as a no-op', async () => {
    const folder = join(dir, 'exported');
    const r = await runCli('city', 'export', '--out', folder, '--db', db);
    expect(r.code).toBe(0);
    expect(r.outLines.at(-1)).toBe(
      'rows: city 1, districts 4, air_stations 3, water_sections 2, enterprises 2, outlets 2, devices 5',
    );
    expect(existsSync(join(folder, 'boundaries.geojson'))).toBe(true);
    const back = await runCli('city', 'import', folder, '--db', db, '--lang', 'en');
    expect(back.code).toBe(0);
    expect(back.outLines.at(-1)).toBe('Nothing changed: the store already holds this package.');

    const xlsx = join(dir, 'x', 'city.xlsx');
    cpSync(MINI, join(dir, 'x'), { recursive: true });
    const rx = await runCli('city', 'export', '--out', xlsx, '--db', db);
    expect(rx.code).toBe(0);
    const backX = await runCli('city', 'import', xlsx, '--db', db, '--lang', 'en');
    expect(backX.errLines).toEqual([]);
    expect(backX.outLines.at(-1)).toBe('Nothing changed: the store already holds this package.');
  });
});
