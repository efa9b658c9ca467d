/** One case: its facts, its append-only history with attachments, and the transitions the caller may make. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import type { CaseTransitionBody } from '../../api/types';
import { Link } from '../../app/router';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import { useCaseQuery } from './queries';

export default function CasePage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { t } = useTranslation();
  const detail = useCaseQuery(id);
  const [comment, setComment] = useState('');
  const [deadline, setDeadline] = useState('');
  const [error, setError] = useState<string | null>(null);

  const move = (to: CaseTransitionBody['to']): void => {
    setError(null);
    const body: CaseTransitionBody = { to, comment: comment || undefined, deadline: deadline || undefined };
    if (to === 'dismissed') body.reason = comment || '—';
    apiFetch(`/cases/${encodeURIComponent(id)}/transitions`, { method: 'POST', body }).then(
      () => {
        setComment('');
        detail.reload();
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };

  return (
    <div className="stack" data-testid="case-page">
      <div className="detail-head">
        <Link to="/cases">← {t('cases.title')}</Link>
        <h1>
          {t('cases.detail')} #{id}
        </h1>
      </div>
      <QueryView state={detail}>
        {(d) => (
          <div className="grid-2">
            <Panel title={d.case.title}>
              <dl className="facts">
                <dt>{t('cases.state')}</dt>
                <dd>{d.case.state}</dd>
                <dt>{t('cases.subject')}</dt>
                <dd>{d.case.subject.name}</dd>
                <dt>{t('cases.deadline')}</dt>
                <dd className={d.case.overdue ? 'bad' : ''}>{formatChinaTime(d.case.deadline)}</dd>
                <dt>{t('alarms.opened')}</dt>
                <dd>{formatChinaTime(d.case.createdAt)}</dd>
              </dl>
              <p>{d.case.description}</p>
              {d.allowedTransitions.length > 0 && (
                <div className="actions">
                  <input
                    placeholder={t('alarms.note')}
                    value={comment}
                    onChange={(e) => setComment(e.target.value)}
                  />
                  <input
                    type="date"
                    value={deadline}
                    onChange={(e) => setDeadline(e.target.value)}
                    aria-label={t('cases.deadline')}
                  />
                  {d.allowedTransitions.map((to) => (
                    <button key={to} type="button" className="btn btn-small" onClick={() => move(to)}>
                      {t('cases.transition')} {to}
                    </button>
                  ))}
                </div>
              )}
              {error !== null && <p className="form-error">{error}</p>}
            </Panel>
            <Panel title={t('cases.events')}>
              <ul className="timeline">
                {d.events.map((e) => (
                  <li key={e.seq}>
                    {formatChinaTime(e.at)} · <b>{e.to ?? e.kind}</b> · {e.actor}{' '}
                    {e.comment && `· ${e.comment}`}
                    {e.attachments.map((a) => (
                      <div key={a.id} className="small">
                        📎 <a href={a.url}>{a.filename}</a>
                      </div>
                    ))}
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
