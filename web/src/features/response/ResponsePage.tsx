/**
 * 应急: the heavy-pollution response. The bureau sees the active and past alerts, issues and moves
 * them, and for the chosen alert the obligations table, the reduction achieved against the expected
 * and a map of the listed enterprises by grade and status; an enterprise sees its own grade, its
 * measures per level, the active alerts and its own obligations with the hourly evidence.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertLevel } from '@server/standards/heavy-pollution-alert.js';
import { apiFetch } from '../../api/client';
import { useCityQuery } from '../../api/city-queries';
import { useSitesQuery } from '../../api/site-queries';
import { hasRole, useRole } from '../../auth/AuthContext';
import { navigate } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime, formatPercent, formatValue } from '../../lib/format';
import type { Alert, AlertFigures, Obligation } from './queries';
import {
  useAlertFiguresQuery,
  useAlertsQuery,
  useEnterpriseResponseQuery,
  useObligationsQuery,
} from './queries';

const BUREAU = ['admin', 'supervisor'] as const;
const FIGURE_ROLES = ['admin', 'supervisor', 'operator', 'district'] as const;
const NATIONAL: readonly AlertLevel[] = ['yellow', 'orange', 'red'];
const LEVEL_COLOURS: Record<AlertLevel, string> = {
  temporary: '#8c8c8c',
  blue: '#1677ff',
  yellow: '#d4b106',
  orange: '#fa8c16',
  red: '#f5222d',
};
const STATUS_PILL: Record<Obligation['status'], string> = {
  pending: 'pill',
  compliant: 'pill pill-good',
  non_compliant: 'pill pill-bad',
  no_data: 'pill pill-warn',
};

function LevelPill({ level }: { level: AlertLevel }) {
  const { t } = useTranslation();
  return (
    <span className="pill" style={{ background: LEVEL_COLOURS[level], color: '#fff' }}>
      {t(`response.levels.${level}`)}
    </span>
  );
}

function StatusPill({ status }: { status: Obligation['status'] }) {
  const { t } = useTranslation();
  return <span className={STATUS_PILL[status]}>{t(`response.statuses.${status}`)}</span>;
}

/** The measure in words: kind and, for a cut, the share. */
function MeasureText({ m }: { m: Obligation['measures'] }) {
  const { t } = useTranslation();
  const share =
    m.kind === 'cut'
      ? ` ${formatValue(Math.max(m.cutPct.so2, m.cutPct.nox, m.cutPct.pm, m.cutPct.vocs), '%', 0)}`
      : '';
  return (
    <span title={m.text}>
      {t(`response.kinds.${m.kind}`)}
      {share}
    </span>
  );
}

const sumLoads = (l: Partial<Record<'so2' | 'nox' | 'pm' | 'vocs', number>>): number =>
  (l.so2 ?? 0) + (l.nox ?? 0) + (l.pm ?? 0) + (l.vocs ?? 0);

/** The bureau's form to issue an alert for the city (its code) from a start time. */
function IssueForm({ onDone }: { onDone: (id: number) => void }) {
  const { t } = useTranslation();
  const city = useCityQuery();
  const [level, setLevel] = useState<AlertLevel>('yellow');
  const [startsAt, setStartsAt] = useState('');
  const [basis, setBasis] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    setError(null);
    try {
      const res = await apiFetch<{ id: number }>('/response/alerts', {
        method: 'POST',
        body: {
          level,
          region: city.data?.code ?? '',
          startsAt: startsAt === '' ? new Date().toISOString() : new Date(startsAt).toISOString(),
          basis,
        },
      });
      onDone(res.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : t('response.error'));
    }
  };
  return (
    <form
      className="toolbar"
      data-testid="response-issue"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('response.level')}
        <select
          value={level}
          onChange={(e) => setLevel(e.target.value as AlertLevel)}
          data-testid="response-issue-level"
        >
          {NATIONAL.map((l) => (
            <option key={l} value={l}>
              {t(`response.levels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('response.startsAt')}
        <input type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
      </label>
      <label>
        {t('response.basis')}
        <input
          value={basis}
          onChange={(e) => setBasis(e.target.value)}
          data-testid="response-issue-basis"
          required
        />
      </label>
      <button type="submit" className="btn" data-testid="response-issue-submit">
        {t('response.issueSubmit')}
      </button>
      {error !== null && <span className="form-error">{error}</span>}
    </form>
  );
}

/** Upgrade / downgrade / lift buttons of an active alert. */
function Transitions({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const idx = NATIONAL.indexOf(alert.level);
  const move = async (to: 'upgraded' | 'downgraded' | 'lifted', level?: AlertLevel): Promise<void> => {
    setError(null);
    try {
      await apiFetch(`/response/alerts/${alert.id}/transitions`, {
        method: 'POST',
        body: level === undefined ? { to } : { to, level },
      });
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : t('response.error'));
    }
  };
  const up = idx >= 0 ? NATIONAL[idx + 1] : undefined;
  const down = idx > 0 ? NATIONAL[idx - 1] : undefined;
  return (
    <div className="toolbar" data-testid="response-transitions">
      {up !== undefined && (
        <button type="button" className="btn btn-small" onClick={() => void move('upgraded', up)}>
          {t('response.transitions.upgraded')} → {t(`response.levels.${up}`)}
        </button>
      )}
      {down !== undefined && (
        <button type="button" className="btn btn-small" onClick={() => void move('downgraded', down)}>
          {t('response.transitions.downgraded')} → {t(`response.levels.${down}`)}
        </button>
      )}
      <button
        type="button"
        className="btn btn-small"
        data-testid="response-lift"
        onClick={() => void move('lifted')}
      >
        {t('response.transitions.lifted')}
      </button>
      {error !== null && <span className="form-error">{error}</span>}
    </div>
  );
}

/** Listed enterprises placed by longitude and latitude: colour = status, letter = grade. */
function EnterpriseMap({ items }: { items: readonly Obligation[] }) {
  const { t } = useTranslation();
  const placed = items.filter((o) => o.enterprise.longitude !== null && o.enterprise.latitude !== null);
  if (placed.length === 0) return <div className="state state-empty">{t('state.empty')}</div>;
  const lons = placed.map((o) => o.enterprise.longitude ?? 0);
  const lats = placed.map((o) => o.enterprise.latitude ?? 0);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const W = 520;
  const H = 300;
  const x = (v: number): number => 20 + ((v - x0) / (x1 - x0 || 1)) * (W - 40);
  const y = (v: number): number => H - 20 - ((v - y0) / (y1 - y0 || 1)) * (H - 40);
  const colour: Record<Obligation['status'], string> = {
    pending: '#8c8c8c',
    compliant: '#389e0d',
    non_compliant: '#cf1322',
    no_data: '#d48806',
  };
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={t('response.map')}
      data-testid="response-map"
    >
      {placed.map((o) => (
        <g
          key={o.id}
          transform={`translate(${x(o.enterprise.longitude ?? 0)},${y(o.enterprise.latitude ?? 0)})`}
        >
          <title>{`${o.enterprise.name} · ${t(`response.grades.${o.grade}`)} · ${t(`response.statuses.${o.status}`)}`}</title>
          <circle r={9} fill={colour[o.status]} opacity={0.85} />
          <text textAnchor="middle" dy={4} fontSize={9} fill="#fff">
            {o.grade === 'leading' ? 'L' : o.grade === 'other' ? 'O' : o.grade}
          </text>
        </g>
      ))}
    </svg>
  );
}

function ReductionTable({ f }: { f: AlertFigures }) {
  const { t } = useTranslation();
  return (
    <>
      <p data-testid="response-compliance-rate">
        {t('response.complianceRate')}: <strong>{formatPercent(f.complianceRate)}</strong> ·{' '}
        {t('response.target')}:{' '}
        {f.cityCut.targetPct === null ? '—' : formatValue(f.cityCut.targetPct, '%', 0)}
      </p>
      <DataTable
        testId="response-reduction"
        rows={f.byPollutant}
        rowKey={(r) => r.pollutant}
        columns={[
          { key: 'p', header: t('response.pollutant'), cell: (r) => t(`response.pollutants.${r.pollutant}`) },
          {
            key: 'e',
            header: t('response.expected'),
            numeric: true,
            cell: (r) => formatValue(r.expectedKg, '', 1),
          },
          {
            key: 'a',
            header: t('response.achieved'),
            numeric: true,
            cell: (r) => formatValue(r.achievedKg, '', 1),
          },
          {
            key: 'pct',
            header: t('response.expectedPct'),
            numeric: true,
            cell: (r) => {
              const v = f.cityCut.expectedPct[r.pollutant];
              return v === null ? '—' : formatValue(v, '%', 0);
            },
          },
        ]}
      />
    </>
  );
}

function ObligationsTable({ items }: { items: readonly Obligation[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      testId="response-obligations"
      rows={items}
      rowKey={(o) => o.id}
      columns={[
        {
          key: 'e',
          header: t('response.enterprise'),
          cell: (o) => o.enterprise.name,
          sortValue: (o) => o.enterprise.name,
        },
        {
          key: 'g',
          header: t('response.grade'),
          cell: (o) => t(`response.grades.${o.grade}`),
          sortValue: (o) => o.grade,
        },
        { key: 'i', header: t('response.industry'), cell: (o) => o.industry },
        {
          key: 'm',
          header: t('response.measure'),
          cell: (o) => (
            <>
              <MeasureText m={o.measures} />
              {o.protectedBasis !== null && (
                <span className="pill" title={o.protectedBasis}>
                  {t('response.protected')}
                </span>
              )}
            </>
          ),
        },
        {
          key: 'x',
          header: t('response.expectedCut'),
          numeric: true,
          cell: (o) => formatValue(sumLoads(o.expectedCut), '', 1),
          sortValue: (o) => sumLoads(o.expectedCut),
        },
        {
          key: 'a',
          header: t('response.achievedCut'),
          numeric: true,
          cell: (o) => formatValue(sumLoads(o.achievedCutKg), '', 1),
        },
        {
          key: 's',
          header: t('response.status'),
          cell: (o) => <StatusPill status={o.status} />,
          sortValue: (o) => o.status,
        },
      ]}
    />
  );
}

/** The newest hours of one obligation's evidence. */
function EvidenceTable({ o }: { o: Obligation }) {
  const { t } = useTranslation();
  const rows = [...o.evidence].reverse().slice(0, 48);
  return (
    <DataTable
      testId="response-evidence"
      rows={rows}
      rowKey={(e) => e.hour}
      columns={[
        { key: 'h', header: t('response.hour'), cell: (e) => formatChinaTime(e.hour) },
        { key: 'l', header: t('response.level'), cell: (e) => t(`response.levels.${e.level as AlertLevel}`) },
        {
          key: 'a',
          header: t('response.actual'),
          numeric: true,
          cell: (e) => formatValue(sumLoads(e.actualKg), '', 2),
        },
        {
          key: 'b',
          header: t('response.baseline'),
          numeric: true,
          cell: (e) => formatValue(sumLoads(e.baselineKg), '', 2),
        },
        {
          key: 'w',
          header: t('response.allowed'),
          numeric: true,
          cell: (e) => formatValue(sumLoads(e.allowedKg), '', 2),
        },
        {
          key: 'v',
          header: t('response.verdict'),
          cell: (e) => <StatusPill status={e.verdict} />,
        },
      ]}
    />
  );
}

function AlertSummary({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  return (
    <div data-testid="response-alert">
      <p>
        <LevelPill level={alert.level} /> {alert.regionName} · {t(`response.states.${alert.state}`)} ·{' '}
        {t('response.startsAt')} {formatChinaTime(alert.startsAt)}
        {alert.endsAt !== null && ` · ${t('response.endsAt')} ${formatChinaTime(alert.endsAt)}`}
        {alert.liftedAt !== null && ` · ${t('response.liftedAt')} ${formatChinaTime(alert.liftedAt)}`}
      </p>
      <p className="muted">
        {t('response.basis')}: {alert.basis}
      </p>
      <ul className="muted">
        {alert.history.map((e, i) => (
          <li key={i}>
            {formatChinaTime(e.at)} {t(`response.history.${e.kind as 'issued'}`)}{' '}
            {t(`response.levels.${e.level}`)}
            {e.note !== '' && ` — ${e.note}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The bureau's (and district's, operator's) view. */
function BureauView({ selected }: { selected: number | null }) {
  const { t } = useTranslation();
  const role = useRole();
  const alerts = useAlertsQuery();
  const all = alerts.data?.items ?? [];
  const current =
    all.find((a) => a.id === selected) ?? all.find((a) => a.state === 'active') ?? all[0] ?? null;
  const id = current?.id ?? null;
  const obligations = useObligationsQuery(id);
  const figures = useAlertFiguresQuery(id, hasRole(role, FIGURE_ROLES));
  const reload = (): void => {
    alerts.reload();
    obligations.reload();
    figures.reload();
  };
  return (
    <div className="grid-2">
      <Panel title={t('response.alerts')} testId="response-alerts">
        {hasRole(role, BUREAU) && (
          <IssueForm
            onDone={(newId) => {
              reload();
              navigate(`/response/${newId}`);
            }}
          />
        )}
        <QueryView state={alerts} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <DataTable
              rows={d.items}
              rowKey={(a) => a.id}
              onRow={(a) => navigate(`/response/${a.id}`)}
              columns={[
                { key: 'l', header: t('response.level'), cell: (a) => <LevelPill level={a.level} /> },
                { key: 'r', header: t('response.region'), cell: (a) => a.regionName },
                { key: 's', header: t('response.startsAt'), cell: (a) => formatChinaTime(a.startsAt) },
                { key: 'st', header: t('response.status'), cell: (a) => t(`response.states.${a.state}`) },
              ]}
            />
          )}
        </QueryView>
      </Panel>
      {current !== null && (
        <Panel title={`${t('response.title')} #${current.id}`}>
          <AlertSummary alert={current} />
          {hasRole(role, BUREAU) && current.state === 'active' && (
            <Transitions alert={current} onDone={reload} />
          )}
        </Panel>
      )}
      {current !== null && (
        <Panel title={t('response.obligations')} className="span-2">
          <QueryView state={obligations} isEmpty={(d) => d.items.length === 0}>
            {(d) => <ObligationsTable items={d.items} />}
          </QueryView>
        </Panel>
      )}
      {current !== null && hasRole(role, FIGURE_ROLES) && (
        <Panel title={t('response.reduction')}>
          <QueryView state={figures}>{(f) => <ReductionTable f={f} />}</QueryView>
        </Panel>
      )}
      {current !== null && (
        <Panel title={t('response.map')}>
          <QueryView state={obligations}>{(d) => <EnterpriseMap items={d.items} />}</QueryView>
        </Panel>
      )}
    </div>
  );
}

/** An enterprise's own view. */
function EnterpriseView() {
  const { t } = useTranslation();
  const own = useSitesQuery('enterprise');
  const code = own.data?.items[0]?.code ?? null;
  const view = useEnterpriseResponseQuery(code);
  return (
    <QueryView state={view}>
      {(d) => (
        <div className="grid-2">
          <Panel title={t('response.myGrade')} testId="response-my-grade">
            {d.plan.grade === null ? (
              <p>{t('response.noGrade')}</p>
            ) : (
              <p>
                <strong>{t(`response.grades.${d.plan.grade.grade}`)}</strong> · {d.plan.grade.industry}
                {d.plan.grade.protectedBasis !== null &&
                  ` · ${t('response.protected')}: ${d.plan.grade.protectedBasis}`}
              </p>
            )}
            <h3>{t('response.myMeasures')}</h3>
            <ul>
              {d.plan.measures.map((m) => (
                <li key={m.level}>
                  <LevelPill level={m.level} /> <MeasureText m={m} />{' '}
                  {m.text !== '' && <span className="muted">{m.text}</span>}
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title={t('response.active')}>
            {d.activeAlerts.length === 0 ? (
              <p>{t('response.none')}</p>
            ) : (
              d.activeAlerts.map((a) => <AlertSummary key={a.id} alert={a} />)
            )}
          </Panel>
          <Panel title={t('response.myObligations')} className="span-2" testId="response-my-obligations">
            {d.obligations.length === 0 ? (
              <div className="state state-empty">{t('state.empty')}</div>
            ) : (
              d.obligations.map((o) => (
                <div key={o.id}>
                  <p>
                    #{o.alertId} <MeasureText m={o.measures} /> <StatusPill status={o.status} />
                  </p>
                  <EvidenceTable o={o} />
                </div>
              ))
            )}
          </Panel>
        </div>
      )}
    </QueryView>
  );
}

export default function ResponsePage({ params }: { params: Record<string, string> }) {
  const role = useRole();
  const id = params.id === undefined ? null : Number(params.id);
  return (
    <div data-testid="response-page">
      {role === 'enterprise' ? (
        <EnterpriseView />
      ) : (
        <BureauView selected={Number.isInteger(id) ? id : null} />
      )}
    </div>
  );
}
