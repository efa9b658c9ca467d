/**
 * One way to hand a list to a spreadsheet: the columns (a key, a header in both languages and how
 * to print a cell) and the rows become a CSV file (RFC 4180, UTF-8 with a byte-order mark so that
 * spreadsheet programs read Chinese right) or an XLSX workbook with one sheet. Every list export of
 * the API (alarms, cases, enterprises, devices, master data) goes through here, so a cell that a
 * spreadsheet would run as a formula is defused in one place.
 */
import ExcelJS from 'exceljs';

/** The languages of an export (the user's language). */
export const EXPORT_LANGS = ['zh', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

/** The file formats of an export. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * A printed cell: text, a number (kept a number in XLSX), a calendar date (a `Date` at UTC midnight
 * of the date; an XLSX date cell, `YYYY-MM-DD` in text), a yes/no, or empty.
 */
export type Cell = string | number | boolean | Date | null;

/** One column of an exported table. */
export interface ExportColumn<Row> {
  /** Header in Chinese and English. */
  header: { zh: string; en: string };
  /** The cell of a row, in the export's language. */
  value: (row: Row, lang: ExportLang) => Cell;
  /** Column width in characters (XLSX only); 14 when absent. */
  width?: number;
  /** XLSX number format of the column's cells, e.g. `0.0` or `yyyy-mm-dd` (XLSX only). */
  numFmt?: string;
}

/** A table to export: its sheet title, columns and rows. */
export interface ExportTable<Row> {
  /** Sheet name and file-name stem, e.g. { zh: '报警', en: 'alarms' }. */
  title: { zh: string; en: string };
  columns: readonly ExportColumn<Row>[];
  rows: readonly Row[];
}

/** A file ready to send: bytes, content type and a file name. */
export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

const YES_NO: Record<ExportLang, [string, string]> = { zh: ['是', '否'], en: ['yes', 'no'] };

/** A cell as text: booleans in the export's language; a leading = + - @ (a formula) gets a quote mark. */
export function cellText(v: Cell, lang: ExportLang): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? YES_NO[lang][0] : YES_NO[lang][1];
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = String(v);
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV text (without the byte-order mark). */
export function tableCsv<Row>(table: ExportTable<Row>, lang: ExportLang): string {
  const lines = [table.columns.map((c) => csvField(c.header[lang])).join(',')];
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => csvField(cellText(c.value(row, lang), lang))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Adds the table to a workbook as a sheet, header row bold and frozen. */
export function addTableSheet<Row>(
  workbook: ExcelJS.Workbook,
  table: ExportTable<Row>,
  lang: ExportLang,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(sheetName(table.title[lang]), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((c) => ({
    header: c.header[lang],
    width: c.width ?? 14,
    ...(c.numFmt !== undefined ? { style: { numFmt: c.numFmt } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      table.columns.map((c) => {
        const v = c.value(row, lang);
        return typeof v === 'number' || v instanceof Date ? v : cellText(v, lang);
      }),
    );
  }
  return sheet;
}

/** The table as an XLSX workbook of one sheet, header row bold and frozen. */
export async function tableXlsx<Row>(table: ExportTable<Row>, lang: ExportLang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Qingshan';
  addTableSheet(workbook, table, lang);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Several tables as one XLSX workbook, a sheet each (a city package); `finish` may add to the
 * workbook before it is written (drop-down lists, an instructions sheet).
 */
export async function tablesXlsx(
  tables: readonly ExportTable<unknown>[],
  lang: ExportLang,
  finish?: (workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Qingshan';
  for (const table of tables) addTableSheet(workbook, table, lang);
  finish?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** The table as a file of the format asked for, named `<title>-<stamp>.<ext>`. */
export async function exportTable<Row>(
  table: ExportTable<Row>,
  format: ExportFormat,
  lang: ExportLang,
  stamp: string,
): Promise<ExportFile> {
  const stem = `${table.title[lang]}-${stamp}`.replace(/[\\/:*?"<>|\s]+/g, '_');
  if (format === 'csv') {
    return {
      body: Buffer.from(`\uFEFF${tableCsv(table, lang)}`, 'utf8'),
      contentType: 'text/csv; charset=utf-8',
      filename: `${stem}.csv`,
    };
  }
  return {
    body: await tableXlsx(table, lang),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${stem}.xlsx`,
  };
}

/** A Content-Disposition header value for a file name that may hold Chinese (RFC 6266 / 5987). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
