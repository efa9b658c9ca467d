/**
 * Case lists as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read the
 * Chinese right). Cells that a spreadsheet would run as a formula are prefixed with a quote.
 */
import type { CaseRecord } from '../store/case.repository.js';
import { formatChinaIso } from '../standards/china-time.js';
import { DEADLINE_STATES } from './case-machine.js';
import type { CaseState } from './case-machine.js';

const CASE_CSV_COLUMNS = [
  'id',
  'state',
  'source',
  'category',
  'title',
  'district_code',
  'subject_type',
  'subject',
  'responsible_type',
  'responsible',
  'deadline',
  'overdue',
  'escalation',
  'created_at',
  'created_by',
  'rectified_at',
  'rectified_on_time',
  'closed_at',
  'reopen_count',
  'alarm_id',
  'external_ref',
] as const;

/** One CSV cell: quoted when needed; a leading = + - @ (a formula) is defused with a quote mark. */
function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const time = (d: Date | null): string | null => (d === null ? null : formatChinaIso(d));

/** The CSV document of a case list, times in China local time (+08:00). */
export function casesCsv(cases: readonly CaseRecord[], now: Date): string {
  const lines = [CASE_CSV_COLUMNS.join(',')];
  for (const c of cases) {
    const overdue =
      DEADLINE_STATES.includes(c.state as CaseState) &&
      c.deadline !== null &&
      c.deadline.getTime() < now.getTime();
    const row: (string | number | boolean | null)[] = [
      c.id,
      c.state,
      c.source,
      c.category,
      c.title,
      c.districtCode,
      c.subjectType,
      c.subjectName,
      c.responsibleType,
      c.responsibleName,
      time(c.deadline),
      overdue,
      c.escalation,
      time(c.createdAt),
      c.createdBy,
      time(c.rectifiedAt),
      c.rectifiedOnTime,
      time(c.closedAt),
      c.reopenCount,
      c.alarmId,
      c.externalRef,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
