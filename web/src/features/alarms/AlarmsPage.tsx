/** 报警: alarms filtered by state and severity, newest first, paged by cursor; live from /events. */
import type { AlarmListQuery } from '@server/api/alarm.schemas.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { cursorFor, Pager } from '../../components/Pager';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import { useAlarmsQuery } from './queries';

/** A filter choice: a value of the API, or '' for all. */
type StateChoice = NonNullable<AlarmListQuery['state']> | '';
type SeverityChoice = NonNullable<AlarmListQuery['severity']> | '';

const STATES: readonly StateChoice[] = ['', 'open', 'acknowledged', 'closed'];
const SEVERITIES: readonly SeverityChoice[] = ['', 'critical', 'warning', 'info'];

export function SeverityPill({ severity }: { severity: string }) {
  const cls = severity === 'critical' ? 'pill-bad' : severity === 'warning' ? 'pill-warn' : '';
  return <span className={`pill ${cls}`}>{severity}</span>;
}

export default function AlarmsPage() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<StateChoice>('open');
  const [severity, setSeverity] = useState<SeverityChoice>('');
  const [page, setPage] = useState(1);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const alarms = useAlarmsQuery({
    state: state || undefined,
    severity: severity || undefined,
    cursor: cursorFor(cursors, page),
    limit: 20,
  });
  const next = alarms.data?.nextCursor ?? null;
  const reset = (): void => {
    setPage(1);
    setCursors([null]);
  };

  return (
    <div className="stack" data-testid="alarms-page">
      <Panel title={t('alarms.title')}>
        <div className="toolbar">
          <label>
            {t('alarms.status')}
            <select value={state} onChange={(e) => (setState(e.target.value as StateChoice), reset())}>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {s === '' ? t('alarms.all') : t(`alarms.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('alarms.level')}
            <select
              value={severity}
              onChange={(e) => (setSeverity(e.target.value as SeverityChoice), reset())}
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s === '' ? t('alarms.all') : s}
                </option>
              ))}
            </select>
          </label>
        </div>
        <QueryView state={alarms} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <>
              <DataTable
                testId="alarm-table"
                rows={d.items}
                rowKey={(a) => a.id}
                onRow={(a) => navigate(`/alarms/${a.id}`)}
                columns={[
                  { key: 'id', header: '#', cell: (a) => a.id },
                  { key: 'opened', header: t('alarms.opened'), cell: (a) => formatChinaTime(a.openedAt) },
                  {
                    key: 'sev',
                    header: t('alarms.level'),
                    cell: (a) => <SeverityPill severity={a.severity} />,
                  },
                  { key: 'site', header: t('alarms.site'), cell: (a) => a.site.name },
                  { key: 'rule', header: t('alarms.rule'), cell: (a) => a.rule },
                  { key: 'param', header: t('sources.parameter'), cell: (a) => a.parameter },
                  {
                    key: 'msg',
                    header: '',
                    cell: (a) => (i18n.language === 'en' ? a.message.en : a.message.zh),
                  },
                  { key: 'state', header: t('alarms.status'), cell: (a) => t(`alarms.${a.state}`) },
                ]}
              />
              <Pager
                page={page}
                total={d.total}
                hasNext={next !== null}
                onPage={(n) => {
                  if (n > page && next !== null) setCursors((c) => [...c.slice(0, page), next]);
                  setPage(n);
                }}
              />
            </>
          )}
        </QueryView>
      </Panel>
    </div>
  );
}
