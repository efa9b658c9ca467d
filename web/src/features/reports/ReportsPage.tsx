/**
 * 报告: generate a report (kind, period, format), the stored reports with their checksum and a
 * download, and the schedule of the daily bulletin and the monthly report. An enterprise account
 * sees and makes its own enterprise-monthly only (the server enforces it).
 */
import type {
  ReportFormatDto,
  ReportKindDto,
  ReportRecordDto,
  ReportScheduleDto,
} from '@server/api/report.schemas.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDownload, apiFetch, apiUrl } from '../../api/client';
import { useMutation } from '../../api/use-mutation';
import { hasRole, useRole } from '../../auth/AuthContext';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatChinaTime } from '../../lib/format';
import { useReportScheduleQuery, useReportsQuery } from './queries';

const KINDS: readonly ReportKindDto[] = [
  'air-daily',
  'environment-monthly',
  'enterprise-monthly',
  'indicators-annual',
];
const FORMATS: readonly ReportFormatDto[] = ['pdf', 'xlsx', 'html'];

/** The default period of a kind: yesterday, last month or this year (China time). */
function defaultPeriod(kind: ReportKindDto): string {
  const today = chinaToday();
  if (kind === 'indicators-annual') return today.slice(0, 4);
  if (kind === 'air-daily') {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function Generate({ onDone, enterpriseOnly }: { onDone: () => void; enterpriseOnly: boolean }) {
  const { t } = useTranslation();
  const kinds = enterpriseOnly ? (['enterprise-monthly'] as const) : KINDS;
  const [kind, setKind] = useState<ReportKindDto>(kinds[0] ?? 'air-daily');
  const [period, setPeriod] = useState(defaultPeriod(kind));
  const [format, setFormat] = useState<ReportFormatDto>('pdf');
  const [enterprise, setEnterprise] = useState('');
  const { run, busy, notice } = useMutation();
  const submit = (): void => {
    void run(
      () =>
        apiFetch<ReportRecordDto>('/reports', {
          method: 'POST',
          body: {
            kind,
            period,
            format,
            ...(kind === 'enterprise-monthly' && enterprise !== '' ? { enterprise } : {}),
          },
        }),
      (r) => {
        onDone();
        return t('reports.generated', { name: r.filename });
      },
    );
  };
  return (
    <Panel title={t('reports.generate')} testId="report-generate" className="no-print">
      <div className="toolbar">
        <label>
          {t('reports.kind')}
          <select
            value={kind}
            data-testid="report-kind"
            onChange={(e) => {
              const k = e.target.value as ReportKindDto;
              setKind(k);
              setPeriod(defaultPeriod(k));
            }}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`reports.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.period')}
          <input
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            size={10}
            data-testid="report-period"
          />
        </label>
        {kind === 'enterprise-monthly' && !enterpriseOnly && (
          <label>
            {t('reports.enterprise')}
            <input
              value={enterprise}
              onChange={(e) => setEnterprise(e.target.value)}
              size={12}
              data-testid="report-enterprise"
            />
          </label>
        )}
        <label>
          {t('reports.format')}
          <select
            value={format}
            onChange={(e) => setFormat(e.target.value as ReportFormatDto)}
            data-testid="report-format"
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={submit} disabled={busy} data-testid="report-submit">
          {busy ? t('reports.generating') : t('reports.generate')}
        </button>
      </div>
      <Notice notice={notice} testId="report-notice" />
    </Panel>
  );
}

function Schedule({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const schedule = useReportScheduleQuery(true);
  const { run, busy, notice } = useMutation();
  const save = (next: ReportScheduleDto): void => {
    void run(
      () =>
        apiFetch<ReportScheduleDto>('/reports/schedule', {
          method: 'PUT',
          body: { daily: next.daily, monthly: next.monthly },
        }),
      () => {
        schedule.reload();
        return t('reports.scheduleSaved');
      },
    );
  };
  return (
    <Panel title={t('reports.schedule')} testId="report-schedule" className="no-print">
      <QueryView state={schedule}>
        {(s) => (
          <>
            {!s.pdfAvailable && <p className="small bad">{t('reports.noFont')}</p>}
            {(['daily', 'monthly'] as const).map((part) => (
              <div className="toolbar" key={part}>
                <label>
                  <input
                    type="checkbox"
                    checked={s[part].enabled}
                    disabled={!admin || busy}
                    onChange={(e) => save({ ...s, [part]: { ...s[part], enabled: e.target.checked } })}
                  />
                  {t(`reports.${part}`)}
                </label>
                <label>
                  {t('reports.hour')}
                  <select
                    value={s[part].hour}
                    disabled={!admin || busy}
                    onChange={(e) => save({ ...s, [part]: { ...s[part], hour: Number(e.target.value) } })}
                  >
                    {Array.from({ length: 24 }, (_, h) => (
                      <option key={h} value={h}>
                        {String(h).padStart(2, '0')}:00
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('reports.format')}
                  <select
                    value={s[part].format}
                    disabled={!admin || busy}
                    onChange={(e) =>
                      save({ ...s, [part]: { ...s[part], format: e.target.value as ReportFormatDto } })
                    }
                  >
                    {FORMATS.map((f) => (
                      <option key={f} value={f}>
                        {f.toUpperCase()}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            ))}
            {s.changedBy !== null && (
              <p className="small muted">
                {t('reports.changed', { who: s.changedBy, at: formatChinaTime(s.changedAt) })}
              </p>
            )}
            <Notice notice={notice} testId="report-notice" />
          </>
        )}
      </QueryView>
    </Panel>
  );
}

export default function ReportsPage() {
  const { t } = useTranslation();
  const role = useRole();
  const reports = useReportsQuery();
  const [error, setError] = useState<string | null>(null);
  const download = (r: ReportRecordDto): void => {
    setError(null);
    apiDownload(apiUrl(`/reports/${r.id}/file`), r.filename).catch((e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <div className="stack" data-testid="reports-page">
      <Generate onDone={reports.reload} enterpriseOnly={role === 'enterprise'} />
      <Panel title={t('reports.stored')} testId="report-list">
        <Notice notice={error === null ? null : { ok: false, text: error }} />
        <QueryView state={reports} isEmpty={(l) => l.items.length === 0}>
          {(l) => (
            <DataTable
              rows={l.items}
              rowKey={(r) => r.id}
              columns={[
                {
                  key: 'kind',
                  header: t('reports.kind'),
                  cell: (r) => t(`reports.kinds.${r.kind}`, { defaultValue: r.kind }),
                },
                { key: 'period', header: t('reports.period'), cell: (r) => r.period },
                { key: 'enterprise', header: t('reports.enterprise'), cell: (r) => r.enterpriseCode ?? '—' },
                { key: 'format', header: t('reports.format'), cell: (r) => r.format.toUpperCase() },
                { key: 'size', header: t('reports.size'), numeric: true, cell: (r) => sizeText(r.sizeBytes) },
                { key: 'by', header: t('reports.by'), cell: (r) => r.createdBy },
                { key: 'at', header: t('reports.at'), cell: (r) => formatChinaTime(r.createdAt) },
                {
                  key: 'sha',
                  header: 'SHA-256',
                  cell: (r) => (
                    <code className="small" title={r.sha256}>
                      {r.sha256.slice(0, 12)}…
                    </code>
                  ),
                },
                {
                  key: 'download',
                  header: '',
                  cell: (r) => (
                    <button type="button" onClick={() => download(r)} data-testid={`report-download-${r.id}`}>
                      {t('reports.download')}
                    </button>
                  ),
                },
              ]}
            />
          )}
        </QueryView>
      </Panel>
      {hasRole(role, ['admin', 'supervisor', 'operator']) && <Schedule admin={role === 'admin'} />}
    </div>
  );
}
