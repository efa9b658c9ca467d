/**
 * The machine-readable case list of `GET /api/v1/cases.csv`: the columns named by their API keys
 * and the values as codes (states, sources, categories), times in China local time (+08:00) —
 * for scripts. People get `GET /api/v1/cases/export` (case-export.ts), in their language. Both go
 * through the one table writer (src/reports/table-export.ts), which defuses formula cells.
 */
import type { ExportColumn } from '../reports/table-export.js';
import { tableCsv } from '../reports/table-export.js';
import { formatChinaIso } from '../standards/china-time.js';
import type { CaseRecord } from '../store/case.repository.js';
import type { CaseState } from './case-machine.js';
import { DEADLINE_STATES } from './case-machine.js';

const time = (d: Date | null): string | null => (d === null ? null : formatChinaIso(d));

/** A column named by its key in both languages. */
const col = (key: string, value: ExportColumn<CaseRecord>['value']): ExportColumn<CaseRecord> => ({
  header: { zh: key, en: key },
  value,
});

/** The columns of the machine-readable CSV; `overdue` judged at `now`. */
function machineColumns(now: Date): ExportColumn<CaseRecord>[] {
  return [
    col('id', (c) => c.id),
    col('state', (c) => c.state),
    col('source', (c) => c.source),
    col('category', (c) => c.category),
    col('title', (c) => c.title),
    col('district_code', (c) => c.districtCode),
    col('subject_type', (c) => c.subjectType),
    col('subject', (c) => c.subjectName),
    col('responsible_type', (c) => c.responsibleType),
    col('responsible', (c) => c.responsibleName),
    col('deadline', (c) => time(c.deadline)),
    col('overdue', (c) =>
      DEADLINE_STATES.includes(c.state as CaseState) && c.deadline !== null && c.deadline < now
        ? 'true'
        : 'false',
    ),
    col('escalation', (c) => c.escalation),
    col('created_at', (c) => time(c.createdAt)),
    col('created_by', (c) => c.createdBy),
    col('rectified_at', (c) => time(c.rectifiedAt)),
    col('rectified_on_time', (c) => (c.rectifiedOnTime === null ? null : String(c.rectifiedOnTime))),
    col('closed_at', (c) => time(c.closedAt)),
    col('reopen_count', (c) => c.reopenCount),
    col('alarm_id', (c) => c.alarmId),
    col('external_ref', (c) => c.externalRef),
    col('location', (c) => c.location),
    col('reporter', (c) => c.reporter),
  ];
}

/** The CSV document of a case list (UTF-8 with a byte-order mark), values as codes. */
export function casesCsv(cases: readonly CaseRecord[], now: Date): string {
  return `\ufeff${tableCsv({ title: { zh: 'cases', en: 'cases' }, columns: machineColumns(now), rows: cases }, 'en')}`;
}
