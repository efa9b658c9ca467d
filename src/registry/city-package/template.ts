/**
 * The empty city package workbook a bureau fills in (docs/city-package.md §5): one sheet per table
 * with its header, drop-down lists for the closed value sets, code columns formatted as text (so
 * that Excel keeps long MNs and leading zeros), and an instructions sheet describing every column
 * in Chinese and English. Also the package export as files: a folder of CSVs or one workbook.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { ExportTable } from '../../reports/table-export.js';
import { tableCsv, tablesXlsx } from '../../reports/table-export.js';
import { BOUNDARIES_FILE, IGNORED_DEVICE_COLUMNS, TABLE_SPECS } from './format.js';

/** Rows of a template sheet that carry the drop-down lists. */
const TEMPLATE_ROWS = 500;
/** Columns that hold numbers; every other column is text. */
const NUMBER_COLUMNS = new Set(['lon', 'lat', 'reference_o2']);

function emptyTables(): ExportTable<unknown>[] {
  return TABLE_SPECS.map((spec) => ({
    title: { zh: spec.sheet, en: spec.sheet },
    columns: spec.columns
      .filter((c) => !(spec.table === 'devices' && IGNORED_DEVICE_COLUMNS.includes(c.name)))
      .map((c) => ({
        header: { zh: c.name, en: c.name },
        value: () => null,
        width: Math.max(12, c.name.length + 4),
      })),
    rows: [],
  }));
}

/** Drop-down lists, text formats and the instructions sheet. */
function finishTemplate(workbook: ExcelJS.Workbook): void {
  for (const spec of TABLE_SPECS) {
    const sheet = workbook.getWorksheet(spec.sheet);
    if (sheet === undefined) continue;
    const columns = spec.columns.filter(
      (c) => !(spec.table === 'devices' && IGNORED_DEVICE_COLUMNS.includes(c.name)),
    );
    columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      if (!NUMBER_COLUMNS.has(c.name)) column.numFmt = '@';
      if (c.choices === undefined) return;
      for (let row = 2; row <= TEMPLATE_ROWS + 1; row += 1) {
        sheet.getCell(row, i + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${c.choices.join(',')}"`],
          showErrorMessage: true,
          errorTitle: c.name,
          error: `${c.choices.join(' / ')}`,
        };
      }
    });
  }
  const help = workbook.addWorksheet('instructions', { views: [{ state: 'frozen', ySplit: 1 }] });
  help.columns = [
    { header: '工作表 sheet', width: 16 },
    { header: '列 column', width: 16 },
    { header: '必需 required', width: 12 },
    { header: '说明', width: 60 },
    { header: 'description', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  help.addRow([
    '',
    '',
    '',
    `每张工作表一个表；第一行为表头，不要改名。边界另附 ${BOUNDARIES_FILE}（GeoJSON FeatureCollection，properties.code 为区县代码）。导入：qingshan city import <文件.xlsx> [--boundaries ${BOUNDARIES_FILE}]。`,
    `One sheet per table; the first row is the header, keep its names. Boundaries go in ${BOUNDARIES_FILE} beside the workbook (a GeoJSON FeatureCollection, properties.code = district code). Import: qingshan city import <file.xlsx> [--boundaries ${BOUNDARIES_FILE}].`,
  ]);
  for (const spec of TABLE_SPECS) {
    help.addRow([spec.sheet, '', '', spec.doc.zh, spec.doc.en]).font = { bold: true };
    for (const c of spec.columns) {
      if (spec.table === 'devices' && IGNORED_DEVICE_COLUMNS.includes(c.name)) continue;
      help.addRow([spec.sheet, c.name, c.required ? '是 yes' : '否 no', c.doc.zh, c.doc.en]);
    }
  }
  help.getColumn(4).alignment = { wrapText: true };
  help.getColumn(5).alignment = { wrapText: true };
}

/** The empty package workbook. */
export function templateXlsx(): Promise<Buffer> {
  return tablesXlsx(emptyTables(), 'en', finishTemplate);
}

/** A package's tables as one workbook (boundaries go beside it). */
export function packageXlsx(tables: readonly ExportTable<unknown>[]): Promise<Buffer> {
  return tablesXlsx(tables, 'en');
}

/** A package's tables and boundaries as a folder of CSV files and boundaries.geojson. */
export async function writePackageFolder(
  folder: string,
  pkg: { tables: readonly ExportTable<unknown>[]; boundaries: string },
): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const table of pkg.tables) {
    const file = `${table.title.en}.csv`;
    await writeFile(join(folder, file), `\uFEFF${tableCsv(table, 'en')}`, 'utf8');
    written.push(file);
  }
  await writeFile(join(folder, BOUNDARIES_FILE), pkg.boundaries, 'utf8');
  written.push(BOUNDARIES_FILE);
  return written;
}
