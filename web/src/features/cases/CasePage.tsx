/**
 * One case: its facts, its append-only history with evidence, and what the caller may do next —
 * transitions (with the assign form for `assigned`), evidence upload, deadline extensions.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDownload, apiFetch, apiUpload } from '../../api/client';
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
import { chinaToday, formatChinaTime } from '../../lib/format';
import type { ResponsibleDto, ResponsibleInput } from './parts';
import { formatDeadline, ResponsiblePicker, useDistrictNames, useResponsibleText } from './parts';
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

/** The label of the button that moves a case from one state to another. */
function actionLabel(t: (key: string) => string, from: CaseState, to: CaseState): string {
  if (to !== 'rectifying') return t(`caseWork.actions.${to}`);
  if (from === 'assigned') return t('caseWork.actions.rectifying');
  if (from === 'under_acceptance') return t('caseWork.actions.rectifyingAgain');
  return t('caseWork.actions.reopen');
}

/** A unit the API sent, as a request names it. */
function inputOf(r: NonNullable<ResponsibleDto>): ResponsibleInput {
  switch (r.type) {
    case 'district':
      return { type: 'district', code: r.code };
    case 'enterprise':
      return { type: 'enterprise', siteId: r.siteId };
    case 'department':
      return { type: 'department', name: r.name };
    default:
      throw new Error(`unknown responsible unit ${JSON.stringify(r)}`);
  }
}

/**
 * The next steps: comment, deadline, evidence, one button per allowed state. Assigning shows the
 * responsible unit — the one set on the case or derived from its subject, or one chosen here;
 * never a preselected company — and the deadline, and asks to confirm before it is sent.
 */
function Actions({ d, caseId, onDone }: { d: CaseDetailDto; caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const responsibleText = useResponsibleText();
  const from = d.case.state;
  const canAssign = d.allowedTransitions.includes('assigned');
  const suggested = d.suggestedResponsible;
  const [comment, setComment] = useState('');
  const [deadline, setDeadline] = useState('');
  const [useSuggested, setUseSuggested] = useState(suggested !== null);
  const [chosen, setChosen] = useState<{ unit: ResponsibleInput; label: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<MutationNotice>(null);
  const pending = d.unlinkedAttachments;

  const unit: { unit: ResponsibleInput; label: string } | null =
    useSuggested && suggested !== null
      ? { unit: inputOf(suggested), label: responsibleText(suggested) }
      : chosen;

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
    if (to === 'assigned' && unit !== null) body.responsible = unit.unit;
    if (pending.length > 0) body.attachmentIds = pending.map((a) => a.id);
    setBusy(true);
    setNotice(null);
    apiFetch(`/cases/${encodeURIComponent(caseId)}/transitions`, { method: 'POST', body })
      .then(
        () => {
          setComment('');
          setDeadline('');
          setConfirming(false);
          setNotice({ ok: true, text: `${t('cases.done')}: ${t(`cases.states.${to}`)}` });
          onDone();
        },
        (e: unknown) => setNotice({ ok: false, text: errorText(e) }),
      )
      .finally(() => setBusy(false));
  };

  const showDeadline = d.allowedTransitions.some((to) => needsDeadline(from, to));
  const assignBlocked =
    unit === null
      ? t('caseWork.assignNeedsUnit')
      : deadline === ''
        ? t('caseWork.assignNeedsDeadline')
        : null;
  return (
    <div className="stack-tight" data-testid="case-actions">
      <div className="form-grid">
        <label>
          {t('cases.comment')}
          <input
            value={comment}
            aria-label={t('cases.comment')}
            onChange={(e) => setComment(e.target.value)}
            data-testid="case-comment"
          />
        </label>
        {showDeadline && (
          <label>
            {t('caseWork.deadline')}
            <input
              type="date"
              min={chinaToday()}
              value={deadline}
              aria-label={t('caseWork.deadline')}
              onChange={(e) => {
                setDeadline(e.target.value);
                setConfirming(false);
              }}
              data-testid="case-deadline"
            />
          </label>
        )}
        <label>
          {t('cases.upload')}
          <input
            type="file"
            accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx"
            disabled={busy}
            aria-label={t('cases.upload')}
            data-testid="case-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file !== undefined) upload(file);
            }}
          />
        </label>
      </div>
      {d.allowedTransitions.includes('self_checked') && (
        <p className="small muted">{t('caseWork.evidenceHint')}</p>
      )}
      {canAssign && (
        <fieldset className="form-grid" data-testid="case-assign">
          <legend>{t('caseWork.assignTo')}</legend>
          {suggested !== null && (
            <label>
              <input
                type="radio"
                name="case-unit-mode"
                checked={useSuggested}
                data-testid="case-unit-suggested"
                onChange={() => {
                  setUseSuggested(true);
                  setConfirming(false);
                }}
              />{' '}
              {d.case.responsible !== null
                ? t('caseWork.unitFromCase', { unit: responsibleText(suggested) })
                : t('caseWork.unitDerived', { unit: responsibleText(suggested) })}
            </label>
          )}
          <label>
            <input
              type="radio"
              name="case-unit-mode"
              checked={!useSuggested || suggested === null}
              data-testid="case-unit-choose"
              onChange={() => {
                setUseSuggested(false);
                setConfirming(false);
              }}
            />{' '}
            {t('caseWork.unitModes.choose')}
          </label>
          {(!useSuggested || suggested === null) && (
            <ResponsiblePicker
              testId="case-unit"
              onChange={(u, label) => {
                setChosen(u === null ? null : { unit: u, label });
                setConfirming(false);
              }}
            />
          )}
        </fieldset>
      )}
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
            disabled={busy || (to === 'assigned' && assignBlocked !== null)}
            title={to === 'assigned' ? (assignBlocked ?? undefined) : undefined}
            data-testid={`case-to-${to}`}
            onClick={() => (to === 'assigned' ? setConfirming(true) : move(to))}
          >
            {actionLabel(t, from, to)}
          </button>
        ))}
      </div>
      {canAssign && assignBlocked !== null && <p className="small muted">{assignBlocked}</p>}
      {confirming && unit !== null && deadline !== '' && (
        <div
          className="notice"
          role="alertdialog"
          aria-label={t('caseWork.assignConfirm')}
          data-testid="case-assign-summary"
        >
          <p>{t('caseWork.assignSummary', { unit: unit.label, deadline })}</p>
          <div className="actions">
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={busy}
              data-testid="case-assign-confirm"
              onClick={() => move('assigned')}
            >
              {t('caseWork.assignConfirm')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
              {t('caseWork.cancel')}
            </button>
          </div>
        </div>
      )}
      <Notice notice={notice} testId="case-notice" />
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
          {t('cases.pendingExtension', { deadline: formatDeadline(p.deadline), by: p.requestedBy })} ·{' '}
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

/** What an event did, in words: the state it moved to, or its kind, with its deadline and reason. */
function useEventText(): (e: CaseDetailDto['events'][number]) => string {
  const { t } = useTranslation();
  const responsibleText = useResponsibleText();
  return (e) => {
    const what =
      e.kind === 'escalated' && e.data.level !== undefined
        ? `${t('caseWork.eventKinds.escalated')}：${t(`caseWork.escalation.${e.data.level}`)}`
        : e.kind === 'transition' && e.to !== null
          ? t(`cases.states.${e.to}`)
          : t(`caseWork.eventKinds.${e.kind}`);
    const facts = [
      e.data.responsible ? responsibleText(e.data.responsible) : null,
      e.data.deadline ? `${t('cases.deadline')} ${formatDeadline(e.data.deadline)}` : null,
      e.data.reason ?? null,
    ].filter((x): x is string => x !== null && x !== '');
    return facts.length === 0 ? what : `${what}（${facts.join('；')}）`;
  };
}

export default function CasePage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { t } = useTranslation();
  const detail = useCaseQuery(id);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const districtNames = useDistrictNames();
  const responsibleText = useResponsibleText();
  const eventText = useEventText();

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
                <dt>{t('caseWork.source')}</dt>
                <dd data-testid="case-source">{t(`caseWork.sources.${d.case.source}`)}</dd>
                <dt>{t('caseWork.category')}</dt>
                <dd>{t(`caseWork.categories.${d.case.category}`)}</dd>
                <dt>{t('caseWork.subjectColumn')}</dt>
                <dd data-testid="case-subject">
                  {d.case.subject.type === 'district'
                    ? (districtNames.get(d.case.districtCode) ?? d.case.subject.name)
                    : d.case.subject.name}
                </dd>
                <dt>{t('caseWork.district')}</dt>
                <dd>{districtNames.get(d.case.districtCode) ?? d.case.districtCode}</dd>
                {d.case.location !== null && (
                  <>
                    <dt>{t('caseWork.location')}</dt>
                    <dd>{d.case.location}</dd>
                  </>
                )}
                {d.case.reporter !== null && (
                  <>
                    <dt>{t('caseWork.reporter')}</dt>
                    <dd>{d.case.reporter}</dd>
                  </>
                )}
                {d.case.externalRef !== null && (
                  <>
                    <dt>{t('caseWork.externalRef')}</dt>
                    <dd>{d.case.externalRef}</dd>
                  </>
                )}
                <dt>{t('cases.responsible')}</dt>
                <dd data-testid="case-responsible">{responsibleText(d.case.responsible)}</dd>
                <dt>{t('cases.deadline')}</dt>
                <dd className={d.case.overdue ? 'bad' : ''} data-testid="case-deadline-shown">
                  {formatDeadline(d.case.deadline)}
                  {d.case.overdue && <span className="pill pill-bad"> {t('cases.overdue')}</span>}
                </dd>
                {d.case.escalation !== 'none' && (
                  <>
                    <dt>{t('caseWork.eventKinds.escalated')}</dt>
                    <dd className="bad">{t(`caseWork.escalation.${d.case.escalation}`)}</dd>
                  </>
                )}
                <dt>{t('caseWork.opened')}</dt>
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
                    {formatChinaTime(e.at)} · <b>{eventText(e)}</b> · {e.actor}{' '}
                    {e.actorRole !== 'system' && e.comment && e.comment !== e.data.reason && `· ${e.comment}`}
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
