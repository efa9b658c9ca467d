/**
 * One alarm: message, condition and handling, evidence values (named, rounded), history; the
 * handling buttons for the roles that may (acknowledge, confirm a data-quality issue, dismiss with a
 * reason, 立案 after a confirmation showing the derived responsible unit, decide the enterprise's
 * explanation) and the enterprise's own explanation form.
 */
import type {
  AlarmCaseOpenedDto,
  AlarmDto,
  AlarmExplainBody,
  AlarmExplanationDecisionBody,
  AlarmHandleBody,
} from '@server/api/alarm.schemas.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDownload, apiFetch, apiUpload } from '../../api/client';
import { districtNames, useDistrictsQuery } from '../../api/site-queries';
import { hasRole, useRole } from '../../auth/AuthContext';
import { Link, navigate } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import { HandlingText, parameterLabel, parameterValue, ruleName, SeverityPill } from './labels';
import { useAlarmQuery, useCasePreviewQuery } from './queries';

const ACTING_ROLES = ['admin', 'supervisor', 'district', 'operator'] as const;
const CASE_ROLES = ['admin', 'supervisor', 'district'] as const;

/** The 立案 confirmation: what the case module derived, shown before the person confirms. */
function OpenCaseDialog({
  id,
  busy,
  onConfirm,
  onCancel,
}: {
  id: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const preview = useCasePreviewQuery(id, true);
  return (
    <div className="notice" data-testid="open-case-dialog" style={{ marginTop: 14 }}>
      <h3 style={{ margin: '0 0 8px' }}>{t('alarmHandling.openCaseTitle')}</h3>
      <QueryView state={preview}>
        {(p) => (
          <>
            <dl className="facts">
              <dt>{t('alarmHandling.subject')}</dt>
              <dd>{p.subjectName}</dd>
              <dt>{t('alarmHandling.category')}</dt>
              <dd>{t(`alarmHandling.categories.${p.category}`, { defaultValue: p.category })}</dd>
              <dt>{t('alarmHandling.responsible')}</dt>
              <dd data-testid="open-case-responsible">
                <b>{p.responsible.name}</b>
                {p.responsible.type !== 'department' && <span className="muted"> {p.responsible.code}</span>}
              </dd>
            </dl>
            <p className="muted">
              {p.existingCaseId !== null
                ? `${t('alarmHandling.existingCase')} (#${p.existingCaseId})`
                : t('alarmHandling.openCaseCheck')}
            </p>
            <div className="actions">
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                data-testid="open-case-confirm"
                onClick={onConfirm}
              >
                {t('alarmHandling.confirm')}
              </button>
              <button type="button" className="btn" disabled={busy} onClick={onCancel}>
                {t('alarmHandling.cancel')}
              </button>
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}

export default function AlarmPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const role = useRole();
  const alarm = useAlarmQuery(id);
  const districts = useDistrictsQuery();
  const districtName = districtNames(districts.data?.items, english);
  const [note, setNote] = useState('');
  const [explanation, setExplanation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const uploadFile = (file: File): void => {
    setBusy(true);
    setError(null);
    apiUpload(`/alarms/${encodeURIComponent(id)}/attachments`, file, {
      filename: file.name,
      type: file.type || undefined,
    }).then(
      () => {
        setBusy(false);
        alarm.reload();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };

  const post = <T,>(path: string, body?: object, then?: (r: T) => void): void => {
    setBusy(true);
    setError(null);
    apiFetch<T>(`/alarms/${encodeURIComponent(id)}/${path}`, {
      method: 'POST',
      ...(body ? { body } : {}),
    }).then(
      (r) => {
        setBusy(false);
        setNote('');
        setExplanation('');
        setConfirming(false);
        alarm.reload();
        then?.(r);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  const needReason = (): boolean => {
    if (note.trim() !== '') return true;
    setError(t('alarmHandling.reasonRequired'));
    return false;
  };
  const handle = (disposition: AlarmHandleBody['disposition']): void => {
    if (disposition === 'dismissed' && !needReason()) return;
    const body: AlarmHandleBody = { disposition, ...(note.trim() ? { reason: note.trim() } : {}) };
    post('handle', body);
  };
  const decide = (accept: boolean): void => {
    if (!accept && !needReason()) return;
    const body: AlarmExplanationDecisionBody = { accept, ...(note.trim() ? { comment: note.trim() } : {}) };
    post('explanation/decision', body);
  };

  const actions = (a: AlarmDto) => {
    if (a.handling === 'handled') return null;
    if (role === 'enterprise') {
      return (
        <div className="stack" style={{ marginTop: 14 }}>
          <textarea
            rows={3}
            data-testid="alarm-explanation-text"
            placeholder={t('alarmHandling.explainPlaceholder')}
            value={explanation}
            onChange={(e) => setExplanation(e.target.value)}
          />
          <label className="small">
            {t('alarmHandling.addFile')}{' '}
            <input
              type="file"
              data-testid="alarm-evidence-file"
              accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file !== undefined) uploadFile(file);
                e.target.value = '';
              }}
            />
          </label>
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || explanation.trim() === ''}
              data-testid="alarm-explain"
              onClick={() => post('explanation', { text: explanation.trim() } satisfies AlarmExplainBody)}
            >
              {t('alarmHandling.explain')}
            </button>
          </div>
        </div>
      );
    }
    if (!hasRole(role, ACTING_ROLES)) return null;
    const mayCase = hasRole(role, CASE_ROLES);
    return (
      <div className="stack" style={{ marginTop: 14 }}>
        <input
          placeholder={
            a.explanation !== null ? t('alarmHandling.rejectComment') : t('alarmHandling.dismissReason')
          }
          value={note}
          data-testid="alarm-note"
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="actions">
          {a.handling === 'unhandled' && (
            <button
              type="button"
              className="btn"
              disabled={busy}
              data-testid="alarm-acknowledge"
              onClick={() => post('acknowledge', note.trim() ? { comment: note.trim() } : {})}
            >
              {t('alarmHandling.acknowledge')}
            </button>
          )}
          {a.explanation !== null && mayCase && (
            <>
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                data-testid="alarm-accept-explanation"
                onClick={() => decide(true)}
              >
                {t('alarmHandling.accept')}
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => decide(false)}>
                {t('alarmHandling.reject')}
              </button>
            </>
          )}
          {a.kind === 'data_quality' && (
            <button
              type="button"
              className="btn"
              disabled={busy}
              data-testid="alarm-confirm-dq"
              onClick={() => handle('data_quality_confirmed')}
            >
              {t('alarmHandling.confirmDataQuality')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            data-testid="alarm-dismiss"
            onClick={() => handle('dismissed')}
          >
            {t('alarmHandling.dismiss')}
          </button>
          {mayCase && (
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || confirming}
              data-testid="alarm-open-case"
              onClick={() => setConfirming(true)}
            >
              {t('alarmHandling.openCase')}
            </button>
          )}
        </div>
        {confirming && (
          <OpenCaseDialog
            id={id}
            busy={busy}
            onCancel={() => setConfirming(false)}
            onConfirm={() =>
              post<AlarmCaseOpenedDto>('case', undefined, (r) => navigate(`/cases/${r.case.id}`))
            }
          />
        )}
      </div>
    );
  };

  return (
    <div className="stack" data-testid="alarm-page">
      <div className="detail-head">
        <Link to="/alarms">← {t('alarms.title')}</Link>
        <h1>
          {t('alarms.detail')} #{id}
        </h1>
      </div>
      <QueryView state={alarm}>
        {({ alarm: a, events, attachments }) => (
          <div className="grid-2">
            <Panel title={english ? a.message.en : a.message.zh}>
              <dl className="facts">
                <dt>{t('alarmHandling.handling')}</dt>
                <dd data-testid="alarm-state">
                  <HandlingText handling={a.handling} disposition={a.disposition} />
                </dd>
                {a.dispositionReason !== null && (
                  <>
                    <dt>{t('alarmHandling.reason')}</dt>
                    <dd>
                      {a.dispositionReason}
                      {a.dispositionCaseId !== null && (
                        <>
                          {' '}
                          <Link to={`/cases/${a.dispositionCaseId}`}>{t('alarmHandling.viewCase')}</Link>
                        </>
                      )}
                    </dd>
                  </>
                )}
                {a.handledAt !== null && (
                  <>
                    <dt>{t('alarmHandling.handledBy')}</dt>
                    <dd>
                      {a.handledBy ?? t('alarmHandling.system')} · {formatChinaTime(a.handledAt)}
                    </dd>
                  </>
                )}
                <dt>{t('alarmHandling.condition')}</dt>
                <dd data-testid="alarm-condition">
                  {t(`alarmHandling.conditions.${a.condition}`)}
                  {a.clearedAt !== null && ` · ${formatChinaTime(a.clearedAt)}`}
                </dd>
                <dt>{t('alarms.level')}</dt>
                <dd>
                  <SeverityPill severity={a.severity} />
                </dd>
                <dt>{t('alarms.site')}</dt>
                <dd>
                  {a.site.name} <span className="muted">{districtName.get(a.site.districtCode) ?? ''}</span>
                </dd>
                <dt>{t('alarms.rule')}</dt>
                <dd>{ruleName(t, a.rule)}</dd>
                <dt>{t('alarmHandling.parameter')}</dt>
                <dd>{parameterLabel(a.parameter, english)}</dd>
                <dt>{t('alarmHandling.limit')}</dt>
                <dd>{parameterValue(a.parameter, a.limit)}</dd>
                <dt>{t('alarms.opened')}</dt>
                <dd>{formatChinaTime(a.openedAt)}</dd>
                <dt>{t('alarmHandling.lastSeen')}</dt>
                <dd>{formatChinaTime(a.lastSeenAt)}</dd>
              </dl>
              {a.explanation !== null && (
                <div className="notice" data-testid="alarm-explanation" style={{ marginTop: 14 }}>
                  <b>{t('alarmHandling.explanationPending')}</b> · {a.explanation.by} ·{' '}
                  {formatChinaTime(a.explanation.at)}
                  <p style={{ margin: '6px 0 0' }}>{a.explanation.text}</p>
                </div>
              )}
              {attachments.length > 0 && (
                <div style={{ marginTop: 14 }} data-testid="alarm-evidence-files">
                  <b>{t('alarmHandling.evidenceFiles')}</b>
                  <ul>
                    {attachments.map((f) => (
                      <li key={f.id}>
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() =>
                            void apiDownload(f.url, f.filename).catch((e: unknown) =>
                              setError(e instanceof Error ? e.message : String(e)),
                            )
                          }
                        >
                          {f.filename}
                        </button>{' '}
                        <span className="muted">
                          {f.uploadedBy} · {formatChinaTime(f.uploadedAt)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {actions(a)}
              {error !== null && <p className="form-error">{error}</p>}
            </Panel>
            <Panel title={t('alarms.evidence')}>
              <DataTable
                rows={a.evidence}
                rowKey={(e) => `${String(e.at)}-${e.siteId ?? ''}-${e.note ?? ''}`}
                columns={[
                  { key: 'at', header: t('air.time'), cell: (e) => formatChinaTime(e.at) },
                  {
                    key: 'v',
                    header: t('alarmHandling.value'),
                    numeric: true,
                    cell: (e) => parameterValue(a.parameter, e.value),
                  },
                  { key: 'f', header: t('alarmHandling.flag'), cell: (e) => e.flag ?? '' },
                  { key: 'n', header: t('alarmHandling.note'), cell: (e) => e.note ?? '' },
                ]}
              />
              <h3 style={{ margin: '14px 0 8px' }}>{t('cases.events')}</h3>
              <ul className="timeline" data-testid="alarm-history">
                {events.map((e) => (
                  <li key={e.id}>
                    {formatChinaTime(e.at)} · <b>{t(`alarmHandling.events.${e.kind}`)}</b> ·{' '}
                    {e.actor ?? t('alarmHandling.system')} {e.comment ? `· ${e.comment}` : ''}
                  </li>
                ))}
              </ul>
            </Panel>
          </div>
        )}
      </QueryView>
    </div>
  );
}
