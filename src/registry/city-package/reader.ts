/**
 * Reads a city package as it arrives — a folder of CSV files with `boundaries.geojson`, or one XLSX
 * workbook with a sheet per table (boundaries beside it or named apart) — into raw tables of text
 * cells with their line numbers. Nothing is judged here (validate.ts does that), except what makes a
 * file unreadable.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { readCsv } from '../../ingest/csv.js';
import { BOUNDARIES_FILE, TABLE_SPECS } from './format.js';
import type { PackageTable } from './format.js';
import type { PackageIssue } from './issues.js';
import { issue } from './issues.js';

/** A row of a table: its 1-based line (CSV) or row number (XLSX) and its cells as text. */
export interface RawRow {
  line: number;
  fields: string[];
}

export interface RawTable {
  table: PackageTable;
  file: string;
  /** The sheet of an XLSX package; null for a CSV file. */
  sheet: string | null;
  header: string[];
  headerLine: number;
  rows: RawRow[];
}

/** The boundaries file as text (parsed by the validator). */
export interface RawBoundaries {
  file: string;
  text: string;
}

export interface RawPackage {
  kind: 'folder' | 'xlsx';
  /** What was read (a folder or file path, or the upload's name). */
  source: string;
  tables: Partial<Record<PackageTable, RawTable>>;
  boundaries: RawBoundaries | null;
  /** Problems of reading: unknown files or sheets, unreadable files. */
  issues: PackageIssue[];
}

/** A leading quote that an export put before = + - @ (a spreadsheet formula) is taken away again. */
function unquote(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

function csvTable(pkg: RawPackage, table: PackageTable, file: string, text: string): RawTable {
  const rows = readCsv(text);
  const first = rows.next();
  const header = first.done === true ? [] : first.value.fields;
  const out: RawTable = { table, file, sheet: null, header, headerLine: 1, rows: [] };
  for (const row of [...(first.done === true ? [] : [first.value]), ...rows]) {
    if (row.problem !== undefined) {
      pkg.issues.push(
        issue(
          'error',
          'malformed-csv',
          { file, sheet: null, line: row.line },
          { zh: `CSV 格式错误：${row.problem}`, en: `malformed CSV: ${row.problem}` },
        ),
      );
    } else if (row !== first.value) {
      out.rows.push({ line: row.line, fields: row.fields.map(unquote) });
    }
  }
  return out;
}

/** Reads a folder package: the CSV files of the format and `boundaries.geojson`. */
export async function readPackageFolder(folder: string): Promise<RawPackage> {
  const pkg: RawPackage = { kind: 'folder', source: folder, tables: {}, boundaries: null, issues: [] };
  const names = new Set(await readdir(folder));
  for (const spec of TABLE_SPECS) {
    if (!names.has(spec.file)) continue;
    pkg.tables[spec.table] = csvTable(
      pkg,
      spec.table,
      spec.file,
      await readFile(join(folder, spec.file), 'utf8'),
    );
  }
  if (names.has(BOUNDARIES_FILE)) {
    pkg.boundaries = { file: BOUNDARIES_FILE, text: await readFile(join(folder, BOUNDARIES_FILE), 'utf8') };
  }
  const known = new Set([...TABLE_SPECS.map((s) => s.file), BOUNDARIES_FILE]);
  for (const name of [...names].sort()) {
    if (known.has(name) || !/\.(csv|geojson|json)$/i.test(name)) continue;
    pkg.issues.push(
      issue(
        'warning',
        'unknown-file',
        { file: name, sheet: null, line: null },
        {
          zh: `不是城市数据包的文件，已忽略（可用的文件：${[...known].join('、')}）`,
          en: `not a file of a city package; ignored (the files are ${[...known].join(', ')})`,
        },
      ),
    );
  }
  return pkg;
}

/** A cell's value as text, whatever Excel stored (number, rich text, formula result, date, yes/no). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined ? '' : cellText(result);
  }
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/** Reads an XLSX package from its bytes; `boundaries` is the GeoJSON to go with it, if any. */
export async function readPackageXlsxBuffer(
  bytes: Buffer | Uint8Array,
  name: string,
  boundaries: RawBoundaries | null,
): Promise<RawPackage> {
  const pkg: RawPackage = { kind: 'xlsx', source: name, tables: {}, boundaries, issues: [] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    pkg.issues.push(
      issue(
        'error',
        'unreadable-file',
        { file: name, sheet: null, line: null },
        {
          zh: `不是可读的 XLSX 工作簿（${e instanceof Error ? e.message : String(e)}）`,
          en: `not a readable XLSX workbook (${e instanceof Error ? e.message : String(e)})`,
        },
      ),
    );
    return pkg;
  }
  const sheets = new Set(TABLE_SPECS.map((s) => s.sheet));
  for (const sheet of workbook.worksheets) {
    const spec = TABLE_SPECS.find((s) => s.sheet === sheet.name.trim());
    if (spec === undefined) {
      if (!/^(instructions|说明)/i.test(sheet.name)) {
        pkg.issues.push(
          issue(
            'warning',
            'unknown-sheet',
            { file: name, sheet: sheet.name, line: null },
            {
              zh: `不是城市数据包的工作表，已忽略（可用的工作表：${[...sheets].join('、')}）`,
              en: `not a sheet of a city package; ignored (the sheets are ${[...sheets].join(', ')})`,
            },
          ),
        );
      }
      continue;
    }
    const raw: RawTable = {
      table: spec.table,
      file: name,
      sheet: sheet.name,
      header: [],
      headerLine: 1,
      rows: [],
    };
    let headerSeen = false;
    const width = sheet.columnCount;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const fields: string[] = [];
      for (let col = 1; col <= width; col += 1) fields.push(unquote(cellText(row.getCell(col).value)));
      while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
      if (fields.length === 0) return;
      if (!headerSeen) {
        headerSeen = true;
        raw.header = fields;
        raw.headerLine = rowNumber;
      } else {
        raw.rows.push({ line: rowNumber, fields });
      }
    });
    pkg.tables[spec.table] = raw;
  }
  return pkg;
}

/** Reads a package from a folder or an .xlsx file; `boundariesFile` overrides the GeoJSON beside an XLSX. */
export async function readPackage(
  path: string,
  options: { boundariesFile?: string } = {},
): Promise<RawPackage> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const pkg = await readPackageFolder(path);
    if (options.boundariesFile !== undefined) pkg.boundaries = await readBoundaries(options.boundariesFile);
    return pkg;
  }
  let boundaries: RawBoundaries | null = null;
  if (options.boundariesFile !== undefined) boundaries = await readBoundaries(options.boundariesFile);
  else if (existsSync(join(dirname(path), BOUNDARIES_FILE))) {
    boundaries = await readBoundaries(join(dirname(path), BOUNDARIES_FILE));
  }
  return readPackageXlsxBuffer(await readFile(path), basename(path), boundaries);
}

async function readBoundaries(file: string): Promise<RawBoundaries> {
  return { file: basename(file), text: await readFile(file, 'utf8') };
}

/**
 * Reads a folder package handed over as texts by file name (an upload): the CSV files of the
 * format and `boundaries.geojson`; other names are reported and ignored.
 */
export function readPackageFiles(files: Readonly<Record<string, string>>, source = 'upload'): RawPackage {
  const pkg: RawPackage = { kind: 'folder', source, tables: {}, boundaries: null, issues: [] };
  for (const [name, text] of Object.entries(files)) {
    const spec = TABLE_SPECS.find((s) => s.file === name);
    if (spec !== undefined) pkg.tables[spec.table] = csvTable(pkg, spec.table, spec.file, text);
    else if (name === BOUNDARIES_FILE) pkg.boundaries = { file: name, text };
    else {
      pkg.issues.push(
        issue(
          'warning',
          'unknown-file',
          { file: name, sheet: null, line: null },
          {
            zh: '不是城市数据包的文件，已忽略',
            en: 'not a file of a city package; ignored',
          },
        ),
      );
    }
  }
  return pkg;
}
