/**
 * A report document as an XLSX workbook (docs/reports.md §3): an 说明 sheet with the title and
 * lines, then one sheet per table through the one table exporter (./table-export.ts), so numbers
 * stay numbers and dates dates.
 */
import ExcelJS from 'exceljs';
import type { ReportDoc } from './report-doc.js';
import { addTableSheet } from './table-export.js';

/** Renders the document's tables, a sheet each, after a sheet about the report. */
export async function renderXlsx(doc: ReportDoc): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Qingshan';
  const about = workbook.addWorksheet('说明');
  about.getColumn(1).width = 100;
  about.addRow([doc.title]).font = { bold: true, size: 14 };
  for (const line of doc.lines) about.addRow([line]);
  for (const s of doc.sections) for (const p of s.paragraphs ?? []) about.addRow([`${s.heading}：${p}`]);
  const seen = new Map<string, number>();
  for (const t of doc.sections.flatMap((s) => s.tables ?? [])) {
    // Sheet names must be unique: a second table of the same title gets a number.
    const n = (seen.get(t.title.zh) ?? 0) + 1;
    seen.set(t.title.zh, n);
    addTableSheet(
      workbook,
      n === 1 ? t : { ...t, title: { zh: `${t.title.zh}${n}`, en: `${t.title.en}${n}` } },
      'zh',
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
