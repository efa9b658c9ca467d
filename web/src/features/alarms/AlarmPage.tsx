/** One alarm: message, evidence values, history, and acknowledge/close for the roles that may. */
import type { AlarmAcknowledgeBody, AlarmCloseBody } from '@server/api/alarm.schemas.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import { hasRole, useRole } from '../../auth/AuthContext';
import { Link } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime, formatValue } from '../../lib/format';
import { SeverityPill } from './AlarmsPage';
import { useAlarmQuery } from './queries';

const ACTING_ROLES = ['admin', 'supervisor', 'district', 'operator'] as const;

export default function AlarmPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { t, i18n } = useTranslation();
  const role = useRole();
  const alarm = useAlarmQuery(id);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = (action: 'acknowledge' | 'close'): void => {
    setBusy(true);
    setError(null);
    const body: AlarmCloseBody | AlarmAcknowledgeBody =
      action === 'close' ? { reason: note || '—' } : note ? { comment: note } : {};
    apiFetch(`/alarms/${encodeURIComponent(id)}/${action}`, { method: 'POST', body }).then(
      () => {
        setBusy(false);
        setNote('');
        alarm.reload();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e.message : String(e));
      },
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
        {({ alarm: a, events }) => (
          <div className="grid-2">
            <Panel title={i18n.language === 'en' ? a.message.en : a.message.zh}>
              <dl className="facts">
                <dt>{t('alarms.status')}</dt>
                <dd data-testid="alarm-state">{t(`alarms.${a.state}`)}</dd>
                <dt>{t('alarms.level')}</dt>
                <dd>
                  <SeverityPill severity={a.severity} />
                </dd>
                <dt>{t('alarms.site')}</dt>
                <dd>
                  {a.site.name} <span className="muted">{a.site.code}</span>
                </dd>
                <dt>{t('alarms.rule')}</dt>
                <dd>{a.rule}</dd>
                <dt>{t('sources.parameter')}</dt>
                <dd>{a.parameter}</dd>
                <dt>{t('sources.limit')}</dt>
                <dd>{formatValue(a.limit)}</dd>
                <dt>{t('alarms.opened')}</dt>
                <dd>{formatChinaTime(a.openedAt)}</dd>
              </dl>
              {hasRole(role, ACTING_ROLES) && a.state !== 'closed' && (
                <div className="actions" style={{ marginTop: 14 }}>
                  <input
                    placeholder={t('alarms.note')}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                  />
                  {a.state === 'open' && (
                    <button
                      type="button"
                      className="btn"
                      disabled={busy}
                      data-testid="alarm-acknowledge"
                      onClick={() => act('acknowledge')}
                    >
                      {t('alarms.acknowledge')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn-danger"
                    disabled={busy}
                    onClick={() => act('close')}
                  >
                    {t('alarms.close')}
                  </button>
                </div>
              )}
              {error !== null && <p className="form-error">{error}</p>}
            </Panel>
            <Panel title={t('alarms.evidence')}>
              <DataTable
                rows={a.evidence}
                rowKey={(e) => `${String(e.at)}-${e.siteId ?? ''}`}
                columns={[
                  { key: 'at', header: t('air.time'), cell: (e) => formatChinaTime(e.at) },
                  { key: 'v', header: t('sources.value'), numeric: true, cell: (e) => formatValue(e.value) },
                  { key: 'f', header: 'Flag', cell: (e) => e.flag ?? '' },
                  { key: 'n', header: '', cell: (e) => e.note ?? '' },
                ]}
              />
              <h3 style={{ margin: '14px 0 8px' }}>{t('cases.events')}</h3>
              <ul className="timeline">
                {events.map((e) => (
                  <li key={e.id}>
                    {formatChinaTime(e.at)} · <b>{e.kind}</b> · {e.actor ?? 'system'}{' '}
                    {e.comment ? `· ${e.comment}` : ''}
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
