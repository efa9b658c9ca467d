/**
 * One transfer manifest: its parties, items and timeline (append-only events), and the moves the
 * caller's enterprise may make in the party it holds — each with the fields the move needs.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ManifestDto,
  ManifestTransitionBody,
  WasteManifestStateDto,
} from '@server/api/waste.schemas.js';
import { apiFetch } from '../../api/client';
import type { MutationNotice } from '../../api/use-mutation';
import { Link } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatChinaTime } from '../../lib/format';
import { formatTonnes, ManifestStateBadge } from './parts';
import { useManifestQuery } from './queries';

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function Actions({ m, onDone }: { m: ManifestDto; onDone: () => void }) {
  const { t } = useTranslation();
  const [vehicle, setVehicle] = useState('');
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState('');
  const [disposedOn, setDisposedOn] = useState(chinaToday());
  const [received, setReceived] = useState<Record<number, string>>(() =>
    Object.fromEntries(m.items.map((i) => [i.line, String(i.quantityT)])),
  );
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<MutationNotice>(null);
  const moves = m.allowedMoves.filter((s): s is Exclude<WasteManifestStateDto, 'draft'> => s !== 'draft');
  if (moves.length === 0)
    return (
      <p className="muted small">
        {m.callerParties.length === 0 ? t('waste.supervisorNote') : t('waste.noActions')}
      </p>
    );

  const move = (to: Exclude<WasteManifestStateDto, 'draft'>): void => {
    const body: ManifestTransitionBody = { to };
    if (to === 'in_transit') body.vehicle = vehicle;
    if (to === 'void' || to === 'rejected') body.reason = reason;
    if (to === 'received')
      body.received = m.items.map((i) => ({
        line: i.line,
        quantityT: Number(received[i.line] ?? i.quantityT),
      }));
    if (to === 'disposed') {
      body.method = method;
      body.disposedOn = disposedOn;
    }
    setBusy(true);
    setNotice(null);
    apiFetch(`/waste/manifests/${m.id}/transitions`, { method: 'POST', body })
      .then(
        () => {
          setNotice({ ok: true, text: `${t('waste.done')}: ${t(`waste.states.${to}`)}` });
          onDone();
        },
        (e: unknown) => setNotice({ ok: false, text: errorText(e) }),
      )
      .finally(() => setBusy(false));
  };
  const needs = (s: WasteManifestStateDto) => moves.includes(s as Exclude<WasteManifestStateDto, 'draft'>);
  return (
    <div className="stack-tight" data-testid="manifest-actions">
      <div className="form-grid">
        {needs('in_transit') && (
          <label>
            {t('waste.vehicle')}
            <input
              value={vehicle}
              aria-label={t('waste.vehicle')}
              data-testid="manifest-vehicle"
              onChange={(e) => setVehicle(e.target.value)}
            />
          </label>
        )}
        {(needs('void') || needs('rejected')) && (
          <label>
            {t('waste.reason')}
            <input
              value={reason}
              aria-label={t('waste.reason')}
              data-testid="manifest-reason"
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
        )}
        {needs('received') &&
          m.items.map((i) => (
            <label key={i.line}>
              {t('waste.received')} · {i.code} (t)
              <input
                type="number"
                step="0.001"
                min="0"
                value={received[i.line] ?? ''}
                aria-label={`${t('waste.received')} ${i.line}`}
                data-testid={`manifest-received-${i.line}`}
                onChange={(e) => setReceived({ ...received, [i.line]: e.target.value })}
              />
            </label>
          ))}
        {needs('disposed') && (
          <>
            <label>
              {t('waste.method')}
              <input
                value={method}
                aria-label={t('waste.method')}
                data-testid="manifest-method"
                onChange={(e) => setMethod(e.target.value)}
              />
            </label>
            <label>
              {t('waste.disposedOn')}
              <input
                type="date"
                value={disposedOn}
                max={chinaToday()}
                aria-label={t('waste.disposedOn')}
                onChange={(e) => setDisposedOn(e.target.value)}
              />
            </label>
          </>
        )}
      </div>
      <div className="toolbar">
        {moves.map((to) => (
          <button
            key={to}
            type="button"
            className="btn"
            disabled={busy}
            data-testid={`manifest-move-${to}`}
            onClick={() => move(to)}
          >
            {t(`waste.actions.${to}`)}
          </button>
        ))}
      </div>
      <Notice notice={notice} />
    </div>
  );
}

export default function ManifestPage({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation();
  const id = params.id ?? '';
  const detail = useManifestQuery(id);
  return (
    <div className="page stack">
      <p className="small">
        <Link to="/waste/manifests">← {t('waste.manifests')}</Link>
      </p>
      <QueryView state={detail}>
        {(m) => (
          <>
            <Panel
              title={`${t('waste.manifest')} ${m.number}`}
              testId="manifest-detail"
              extra={<ManifestStateBadge state={m.state} />}
            >
              <dl className="facts">
                {(['consignor', 'carrier', 'receiver'] as const).map((p) => (
                  <div key={p}>
                    <dt>{t(`waste.partyOnManifest.${p}`)}</dt>
                    <dd>
                      <Link to={`/waste/enterprises/${encodeURIComponent(m[p].code)}`}>{m[p].name}</Link>
                    </dd>
                  </div>
                ))}
                <div>
                  <dt>{t('waste.vehicle')}</dt>
                  <dd>{m.vehicle ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('waste.pickedUpAt')}</dt>
                  <dd>{formatChinaTime(m.pickedUpAt)}</dd>
                </div>
                <div>
                  <dt>{t('waste.receiptDueAt')}</dt>
                  <dd>{formatChinaTime(m.receiptDueAt)}</dd>
                </div>
                <div>
                  <dt>{t('waste.receivedAt')}</dt>
                  <dd>{formatChinaTime(m.receivedAt)}</dd>
                </div>
                <div>
                  <dt>{t('waste.method')}</dt>
                  <dd>{m.method ?? '—'}</dd>
                </div>
              </dl>
              {m.discrepancies.length > 0 && (
                <ul className="bad" data-testid="manifest-discrepancies">
                  {m.discrepancies.map((d, i) => (
                    <li key={i}>
                      {t(`waste.discrepancies.${d.kind}`)}：{d.detail}
                    </li>
                  ))}
                </ul>
              )}
              <Actions key={m.state} m={m} onDone={detail.reload} />
            </Panel>
            <Panel title={t('waste.items')}>
              <DataTable
                rows={m.items}
                rowKey={(i) => i.line}
                columns={[
                  { key: 'code', header: t('waste.code'), cell: (i) => i.code },
                  { key: 'name', header: t('waste.name'), cell: (i) => i.name, wrap: true },
                  { key: 'form', header: t('waste.form'), cell: (i) => i.form || '—' },
                  { key: 'hazard', header: t('waste.hazard'), cell: (i) => i.hazard || '—' },
                  { key: 'packaging', header: t('waste.packaging'), cell: (i) => i.packaging || '—' },
                  {
                    key: 'q',
                    header: t('waste.quantity'),
                    numeric: true,
                    cell: (i) => formatTonnes(i.quantityT),
                  },
                  {
                    key: 'r',
                    header: t('waste.received'),
                    numeric: true,
                    cell: (i) => formatTonnes(i.receivedT),
                  },
                ]}
              />
            </Panel>
            <Panel title={t('waste.timeline')} testId="manifest-timeline">
              <ul className="timeline">
                {m.events.map((e) => (
                  <li key={e.seq}>
                    <strong>{formatChinaTime(e.at)}</strong> {e.actor} ·{' '}
                    {e.toState !== null
                      ? t(`waste.states.${e.toState as WasteManifestStateDto}`)
                      : t('waste.discrepancy')}
                    {e.comment !== '' && <span className="muted"> — {e.comment}</span>}
                  </li>
                ))}
              </ul>
            </Panel>
          </>
        )}
      </QueryView>
    </div>
  );
}
