/**
 * Enterprise energy accounts from CSV (`POST /api/v1/carbon/accounts/import`, docs/carbon.md §2):
 * a header row (any order, case-insensitive) with `enterprise` (site code) and `month` (YYYY-MM),
 * then any carrier columns (`electricity`, `natural_gas`, …), `value_added`, `output_value`,
 * `sector`, `reason`. Each row is recorded by the carbon service as one API entry with source
 * `csv`, the columns given merged over the month's account in force (so the grid company's
 * electricity-only file fills in electricity and keeps the rest). A month that already has an
 * account gets a new version, with the row's reason or "CSV import". Empty cells are skipped.
 */
import type { ScopedCaller } from '../auth/scope.js';
import type { CarbonService } from '../carbon/carbon.service.js';
import { isDomainError } from '../errors.js';
import { ENERGY_CARRIERS } from '../standards/energy-carriers.js';
import { readCsv } from './csv.js';

export interface EnergyAccountImportReport {
  rows: number;
  stored: number;
  replaced: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
}

const OTHER_COLUMNS = ['enterprise', 'month', 'value_added', 'output_value', 'sector', 'reason'];

/** Imports accounts; a row with a problem is reported by line and skipped, the others stored. */
export async function importEnergyAccountsCsv(
  carbon: CarbonService,
  caller: ScopedCaller,
  text: string,
): Promise<EnergyAccountImportReport> {
  const report: EnergyAccountImportReport = { rows: 0, stored: 0, replaced: 0, unchanged: 0, rejected: [] };
  const rows = readCsv(text);
  const header = rows.next();
  if (header.done === true) {
    report.rejected.push({
      line: 1,
      reason: 'empty file: expected a header row enterprise,month,<carrier>,…',
    });
    return report;
  }
  const columns = header.value.fields.map((f) => f.trim().toLowerCase());
  const known = (c: string): boolean =>
    OTHER_COLUMNS.includes(c) || (ENERGY_CARRIERS as readonly string[]).includes(c);
  const unknown = columns.filter((c) => c !== '' && !known(c));
  const missing = ['enterprise', 'month'].filter((c) => !columns.includes(c));
  if (unknown.length > 0 || missing.length > 0) {
    report.rejected.push({
      line: header.value.line,
      reason: [
        ...missing.map((c) => `header lacks column ${c}`),
        ...(unknown.length > 0
          ? [`unknown column(s) ${unknown.join(', ')} (carriers: ${ENERGY_CARRIERS.join(', ')})`]
          : []),
      ].join('; '),
    });
    return report;
  }
  for (const row of rows) {
    if (row.problem !== undefined) {
      report.rows += 1;
      report.rejected.push({ line: row.line, reason: `not a well-formed CSV row: ${row.problem}` });
      continue;
    }
    if (row.fields.every((f) => f.trim() === '')) continue;
    report.rows += 1;
    const cell = (c: string): string | undefined => {
      const i = columns.indexOf(c);
      const v = i < 0 ? undefined : row.fields[i]?.trim();
      return v === '' ? undefined : v;
    };
    const quantities: Record<string, string> = {};
    for (const c of ENERGY_CARRIERS) {
      const v = cell(c);
      if (v !== undefined) quantities[c] = v;
    }
    try {
      const { outcome } = await carbon.recordAccount(
        caller,
        {
          enterprise: cell('enterprise') ?? '',
          month: cell('month') ?? '',
          quantities,
          valueAdded: cell('value_added'),
          outputValue: cell('output_value'),
          sector: cell('sector'),
          reason: cell('reason') ?? 'CSV import',
        },
        'csv',
        { merge: true },
      );
      report[outcome] += 1;
    } catch (e) {
      if (!isDomainError(e)) throw e;
      report.rejected.push({ line: row.line, reason: e.message });
    }
  }
  return report;
}
