import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportTable } from './table-export.js';
import { attachmentDisposition, exportTable, tableCsv } from './table-export.js';

interface Row {
  name: string;
  value: number | null;
  ok: boolean;
}

const TABLE: ExportTable<Row> = {
  title: { zh: '测试表', en: 'test table' },
  columns: [
    { header: { zh: '名称', en: 'Name' }, value: (r) => r.name },
    { header: { zh: '数值', en: 'Value' }, value: (r) => r.value },
    { header: { zh: '达标', en: 'Compliant' }, value: (r) => r.ok },
  ],
  rows: [
    { name: '甲, "乙"', value: 1.5, ok: true },
    { name: '=HYPERLINK("x")', value: null, ok: false },
  ],
};

describe('table export', () => {
  it('writes CSV with quoted fields, defused formulas and booleans in the language asked for', () => {
    expect(tableCsv(TABLE, 'zh')).toBe(
      '名称,数值,达标\r\n"甲, ""乙""",1.5,是\r\n"\'=HYPERLINK(""x"")",,否\r\n',
    );
    expect(tableCsv(TABLE, 'en').split('\r\n')[0]).toBe('Name,Value,Compliant');
  });

  it('starts a CSV file with a byte-order mark and names it after the title', async () => {
    const file = await exportTable(TABLE, 'csv', 'en', '2026-12-07');
    expect(file.filename).toBe('test_table-2026-12-07.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes an XLSX sheet whose numbers stay numbers', async () => {
    const file = await exportTable(TABLE, 'xlsx', 'zh', '2026-12-07');
    expect(file.filename).toBe('测试表-2026-12-07.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(file.body).buffer);
    const sheet = wb.getWorksheet('测试表');
    expect(sheet?.getRow(1).values).toEqual([undefined, '名称', '数值', '达标']);
    expect(sheet?.getRow(2).getCell(2).value).toBe(1.5);
    expect(sheet?.getRow(3).getCell(1).value).toBe('\'=HYPERLINK("x")');
  });

  it('gives an ASCII fallback and an encoded name in Content-Disposition', () => {
    expect(attachmentDisposition('报警-1.csv')).toBe(
      'attachment; filename="__-1.csv"; filename*=UTF-8\'\'%E6%8A%A5%E8%AD%A6-1.csv',
    );
  });
});
