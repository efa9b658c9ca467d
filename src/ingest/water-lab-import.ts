/**
 * Manual lab results of surface-water sections from CSV (`qingshan water import-lab <file>`).
 * Columns (header row, any order, case-insensitive): `section` (code) and `date` (China-local
 * sampling day, `YYYY-MM-DD`; `sampled_on` also accepted), then one column per GB 3838-2002 item
 * key (`ph, do, codmn, cod, bod5, nh3n, tp, tn, cu, zn, f, se, as, hg, cd, cr6, pb, cn, phenol, oil,
 * las, s2, fcoli, wt`) in the standard's units; optional `lab` and `note`. Empty cells are skipped.
 * Each row is stored by the water service as the API stores one entry (readings with source
 * `lab:<user>`, audited in the same transaction with `via: 'csv'` and the line).
 */
import type { AuditActor } from '../audit/audit.service.js';
import { LabEntryError } from '../monitor/water-lab.js';
import type { WaterService } from '../monitor/water.service.js';
import { ITEM_KEYS } from '../standards/gb3838-2002.js';
import { readCsv } from './csv.js';

export interface WaterLabImportReport {
  /** Data rows read. */
  rows: number;
  /** Rows stored. */
  entries: number;
  /** Item values stored. */
  values: number;
  errors: { line: number; message: string }[];
}

const DATE_COLUMNS = ['date', 'sampled_on'] as const;
const OTHER_COLUMNS = ['section', ...DATE_COLUMNS, 'lab', 'note'];

/** Imports lab results; rows with a problem are reported by line and skipped, the others stored. */
export async function importWaterLabCsv(
  water: WaterService,
  text: string,
  actor: AuditActor,
): Promise<WaterLabImportReport> {
  const report: WaterLabImportReport = { rows: 0, entries: 0, values: 0, errors: [] };
  const rows = readCsv(text);
  const header = rows.next();
  if (header.done === true) {
    report.errors.push({ line: 1, message: 'empty file: expected a header row section,date,<item>,…' });
    return report;
  }
  const columns = header.value.fields.map((f) => f.trim().toLowerCase());
  const dateColumn = DATE_COLUMNS.find((c) => columns.includes(c));
  const unknown = columns.filter(
    (c) => c !== '' && !OTHER_COLUMNS.includes(c) && !(ITEM_KEYS as readonly string[]).includes(c),
  );
  const problems = [
    ...(columns.includes('section') ? [] : ['lacks column section']),
    ...(dateColumn === undefined ? ['lacks column date'] : []),
    ...(columns.some((c) => (ITEM_KEYS as readonly string[]).includes(c)) ? [] : ['has no item column']),
    ...(unknown.length > 0
      ? [`has unknown column(s) ${unknown.join(', ')} (items: ${ITEM_KEYS.join(', ')})`]
      : []),
  ];
  if (problems.length > 0 || dateColumn === undefined) {
    report.errors.push({ line: header.value.line, message: `header ${problems.join('; ')}` });
    return report;
  }
  for (const row of rows) {
    if (row.fields.every((f) => f.trim() === '')) continue;
    report.rows += 1;
    if (row.problem !== undefined) {
      report.errors.push({ line: row.line, message: `not a well-formed CSV row: ${row.problem}` });
      continue;
    }
    const get = (name: string): string => (row.fields[columns.indexOf(name)] ?? '').trim();
    const values: Record<string, unknown> = {};
    let bad: string | null = null;
    for (const item of ITEM_KEYS) {
      if (!columns.includes(item)) continue;
      const cell = get(item);
      if (cell === '') continue;
      const n = Number(cell);
      if (!Number.isFinite(n)) {
        bad = `${item}: "${cell}" is not a number`;
        break;
      }
      values[item] = n;
    }
    if (bad !== null) {
      report.errors.push({ line: row.line, message: bad });
      continue;
    }
    try {
      const result = await water.enterLabResults(
        {
          sectionCode: get('section'),
          sampledOn: get(dateColumn),
          values,
          lab: get('lab') || null,
          note: get('note') || null,
        },
        actor,
        { via: 'csv', line: row.line },
      );
      report.entries += 1;
      report.values += result.stored.length;
    } catch (e) {
      if (!(e instanceof LabEntryError)) throw e;
      report.errors.push({ line: row.line, message: e.message });
    }
  }
  return report;
}
