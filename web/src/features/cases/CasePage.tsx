/**
 * One case: its facts, its append-only history with evidence, and what the caller may do next —
 * transitions (with the assign form for `assigned`), evidence upload, deadline extensions.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDownload, apiFetch, apiUpload } from '../../api/client';
import { districtNames, useDistrictsQuery, useSitesQuery } from '../../api/site-queries';
import type {
  AttachmentDto,
  CaseDetailDto,
  CaseTransitionBody,
  ExtensionDecisionBody,
  ExtensionRequestBody,
} from '@server/api/case.schemas.js';
import type { MutationNotice } from '../../api/use-mutation';
import { Link } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import { useCaseQuery } from './queries';

type CaseState = CaseTransitionBody['to'];

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Transitions that set a deadline: assigning, and reopening a closed case on look-back. */
function needsDeadline(from: CaseState, to: CaseState): boolean {
  return to === 'assigned' || (from === 'closed' && to === 'rectifying');
}

function AttachmentLink({ a, onError }: { a: AttachmentDto; onError: (text: string) => void }) {
  return (
    <button
      type="button"
      className="btn btn-ghost"
      title={`${a.mediaType} · ${Math.ceil(a.sizeBytes / 1024)} KiB · ${a.uploadedBy}`}
      onClick={() => void apiDownload(a.url, a.filename).catch((e: unknown) => onError(errorText(e)))}
    >
      ↓ {a.filename}
    </button>
  );
}

/** The next steps: comment, deadline, the responsible unit for `assigned`, evidence, one button per state. */
function Actions({ d, caseId, onDone }: { d: CaseDetailDto; caseId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const from = d.case.state;
  const canAssign = d.allowedTransitions.includes('assigned');
  const districts = useDistrictsQuery();
  const enterprises = useSitesQuery('enterprise', { enabled: canAssign });
  const [comment, setComment] = useState('');
  const [deadline, setDeadline] = useState('');
  const [unitType, setUnitType] = useState<'district' | 'enterprise'>(
    d.case.subject.type === 'site' ? 'enterprise' : 'district',
  );
  const [district, setDistrict] = useState(d.case.districtCode);
  const [enterprise, setEnterprise] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<MutationNotice>(null);
  const pending = d.unlinkedAttachments;
  const names = districtNames(districts.data?.items, i18n.language === 'en');
  const enterpriseId = Number(enterprise || enterprises.data?.items[0]?.id || 0);

  const upload = (file: File): void => {
    setBusy(true);
    setNotice(null);
    apiUpload<AttachmentDto>(`/cases/${encodeURIComponent(caseId)}/attachments`, file, {
      filename: file.name,
      type: file.type || undefined,
    })
      .then(
        () => {
          setNotice({ ok: true, text: t('cases.uploaded') });
          onDone();
        },
        (e: unknown) => setNotice({ ok: false, text: errorText(e) }),
      )
      .finally(() => setBusy(false));
  };

  const move = (to: CaseState): void => {
    const body: CaseTransitionBody = { to };
    if (comment) body.comment = comment;
    if (to === 'dismissed') body.reason = comment;
    if (deadline && needsDeadline(from, to)) body.deadline = deadline;
    if (to === 'assigned') {
      body.responsible =
        unitType === 'district'
          ? { type: 'district', code: district }
          : { type: 'enterprise', siteId: enterpriseId };
    }
    if (pending.length > 0) body.attachmentIds = pending.map((a) => a.id);
    setBusy(true);
    setNotice(null);
    apiFetch(`/cases/${encodeURIComponent(caseId)}/transitions`, { method: 'POST', body })
      .then(
        () => {
          setComment('');
          setDeadline('');
          setNotice({ ok: true, text: `${t('cases.done')}: ${t(`cases.states.${to}`)}` });
          onDone();
        },
        (e: unknown) => setNotice({ ok: false, text: errorText(e) }),
      )
      .finally(() => setBusy(false));
  };

  const showDeadline = d.allowedTransitions.some((to) => needsDeadline(from, to));
  return (
    <div className="stack-tight" data-testid="case-actions">
      <div className="form-grid">
        <label>
          {t('cases.comment')}
          <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid="case-comment" />
        </label>
        {showDeadline && (
          <label>
            {t('cases.deadline')}
            <input
              type="date"
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
              data-testid="case-deadline"
            />
          </label>
        )}
        {canAssign && (
          <>
            <label>
              {t('cases.responsibleType')}
              <select
                value={unitType}
                onChange={(e) => setUnitType(e.target.value === 'enterprise' ? 'enterprise' : 'district')}
                data-testid="case-unit-type"
              >
                <option value="district">{t('cases.district')}</option>
                <option value="enterprise">{t('cases.enterpriseUnit')}</option>
              </select>
            </label>
            <label>
              {t('cases.responsible')}
              {unitType === 'district' ? (
                <select
                  value={district}
                  onChange={(e) => setDistrict(e.target.value)}
                  data-testid="case-unit"
                >
                  {(districts.data?.items ?? []).map((x) => (
                    <option key={x.code} value={x.code}>
                      {names.get(x.code) ?? x.code}
                    </option>
                  ))}
                </select>
              ) : (
                <select
                  value={String(enterpriseId)}
                  onChange={(e) => setEnterprise(e.target.value)}
                  data-testid="case-unit"
                >
                  {(enterprises.data?.items ?? []).map((x) => (
                    <option key={x.id} value={String(x.id)}>
                      {x.name}
                    </option>
                  ))}
                </select>
              )}
            </label>
          </>
        )}
        <label>
          {t('cases.upload')}
          <input
            type="file"
            accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx"
            disabled={busy}
            data-testid="case-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file !== undefined) upload(file);
            }}
          />
        </label>
      </div>
      {pending.length > 0 && (
        <div className="chips" data-testid="case-pending">
          <span className="small muted">{t('cases.pending')}:</span>
          {pending.map((a) => (
            <AttachmentLink key={a.id} a={a} onError={(text) => setNotice({ ok: false, text })} />
          ))}
        </div>
      )}
      <div className="actions">
        {d.allowedTransitions.map((to) => (
          <button
            key={to}
            type="button"
            className="btn btn-small"
            disabled={busy}
            data-testid={`case-to-${to}`}
            onClick={() => move(to)}
          >
            {t('cases.transition')} {t(`cases.states.${to}`)}
          </button>
        ))}
      </div>
      <Notice notice={notice} />
    </div>
  );
}

/** Asking for a later deadline (the responsible unit) and deciding on it (the bureau). */
function Extension({ d, caseId, onDone }: { d: CaseDetailDto; caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [deadline, setDeadline] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<MutationNotice>(null);
  const base = `/cases/${encodeURIComponent(caseId)}/extensions`;
  const send = (path: string, body: ExtensionRequestBody | ExtensionDecisionBody): void => {
    setNotice(null);
    apiFetch(path, { method: 'POST', body }).then(
      () => {
        setReason('');
        setDeadline('');
        setNotice({ ok: true, text: t('cases.done') });
        onDone();
      },
      (e: unknown) => setNotice({ ok: false, text: errorText(e) }),
    );
  };
  const request = (e: FormEvent): void => {
    e.preventDefault();
    const body: ExtensionRequestBody = { deadline, reason };
    if (d.unlinkedAttachments.length > 0) body.attachmentIds = d.unlinkedAttachments.map((a) => a.id);
    send(base, body);
  };
  const decide = (approve: boolean): void => {
    const body: ExtensionDecisionBody = { approve };
    if (reason) body.comment = reason;
    if (approve && deadline) body.deadline = deadline;
    send(`${base}/decision`, body);
  };
  const p = d.pendingExtension;
  return (
    <div className="stack-tight" data-testid="case-extension">
      {p !== null && (
        <p className="small">
          {t('cases.pendingExtension', { deadline: formatChinaTime(p.deadline), by: p.requestedBy })} ·{' '}
          {p.reason}
        </p>
      )}
      {(d.mayRequestExtension || (d.mayDecideExtension && p !== null)) && (
        <form className="form-grid" onSubmit={request}>
          <label>
            {t('cases.newDeadline')}
            <input
              type="date"
              value={deadline}
              required={d.mayRequestExtension}
              onChange={(e) => setDeadline(e.target.value)}
            />
          </label>
          <label>
            {d.mayRequestExtension ? t('cases.reason') : t('cases.comment')}
            <input
              value={reason}
              required={d.mayRequestExtension}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {d.mayRequestExtension && (
            <button type="submit" className="btn btn-small">
              {t('cases.requestExtension')}
            </button>
          )}
          {d.mayDecideExtension && p !== null && (
            <>
              <button type="button" className="btn btn-small" onClick={() => decide(true)}>
                {t('cases.approve')}
              </button>
              <button type="button" className="btn btn-small btn-danger" onClick={() => decide(false)}>
                {t('cases.reject')}
              </button>
            </>
          )}
        </form>
      )}
      <Notice notice={notice} />
    </div>
  );
}

function responsibleText(r: CaseDetailDto['case']['responsible']): string {
  if (r === null) return '—';
  return r.type === 'department' ? r.name : `${r.name} (${r.code})`;
}

export default function CasePage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { t } = useTranslation();
  const detail = useCaseQuery(id);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  return (
    <div className="stack" data-testid="case-page">
      <div className="detail-head">
        <Link to="/cases">← {t('cases.title')}</Link>
        <h1>
          {t('cases.detail')} #{id}
        </h1>
        <span className="small muted">{t('cases.autoRefresh')}</span>
      </div>
      <QueryView state={detail}>
        {(d) => (
          <div className="grid-2">
            <Panel title={d.case.title}>
              <dl className="facts">
                <dt>{t('cases.state')}</dt>
                <dd data-testid="case-state">{t(`cases.states.${d.case.state}`)}</dd>
                <dt>{t('cases.subject')}</dt>
                <dd>{d.case.subject.name}</dd>
                <dt>{t('cases.responsible')}</dt>
                <dd>{responsibleText(d.case.responsible)}</dd>
                <dt>{t('cases.deadline')}</dt>
                <dd className={d.case.overdue ? 'bad' : ''}>{formatChinaTime(d.case.deadline)}</dd>
                <dt>{t('alarms.opened')}</dt>
                <dd>{formatChinaTime(d.case.createdAt)}</dd>
              </dl>
              <p>{d.case.description}</p>
              {d.allowedTransitions.length > 0 && (
                <Actions key={d.case.state} d={d} caseId={id} onDone={detail.reload} />
              )}
              {(d.mayRequestExtension || d.pendingExtension !== null) && (
                <>
                  <h3>{t('cases.extension')}</h3>
                  <Extension d={d} caseId={id} onDone={detail.reload} />
                </>
              )}
            </Panel>
            <Panel title={t('cases.events')}>
              <ul className="timeline" data-testid="case-events">
                {d.events.map((e) => (
                  <li key={e.seq}>
                    {formatChinaTime(e.at)} · <b>{e.to === null ? e.kind : t(`cases.states.${e.to}`)}</b> ·{' '}
                    {e.actor} {e.comment && `· ${e.comment}`}
                    {e.attachments.length > 0 && (
                      <div className="chips">
                        {e.attachments.map((a) => (
                          <AttachmentLink key={a.id} a={a} onError={setDownloadError} />
                        ))}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
              {downloadError !== null && <p className="notice notice-error">{downloadError}</p>}
            </Panel>
          </div>
        )}
      </QueryView>
    </div>
  );
}
