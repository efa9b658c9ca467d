/** 案件: cases filtered by state, overdue first-class, paged by cursor; CSV export for bureau roles. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStateDto } from '@server/api/case.schemas.js';
import { apiDownload, apiUrl } from '../../api/client';
import { navigate } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { cursorFor, Pager } from '../../components/Pager';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import { useCasesQuery } from './queries';

/** The state filter's choices ('' = every state), typed by the API so that a misspelt state fails to compile. */
const STATES: readonly ('' | CaseStateDto)[] = [
  '',
  'discovered',
  'verified',
  'assigned',
  'rectifying',
  'self_checked',
  'under_acceptance',
  'publicised',
  'closed',
  'dismissed',
];

function downloadCsv(): Promise<void> {
  return apiDownload(apiUrl('/cases.csv'), 'cases.csv');
}

export default function CasesPage() {
  const { t } = useTranslation();
  const [state, setState] = useState('');
  const [page, setPage] = useState(1);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cases = useCasesQuery({ state: state || undefined, cursor: cursorFor(cursors, page) });
  const next = cases.data?.nextCursor ?? null;
  return (
    <div className="stack" data-testid="cases-page">
      <Panel
        title={t('cases.title')}
        extra={
          <button type="button" className="btn btn-small" onClick={() => void downloadCsv()}>
            {t('cases.export')}
          </button>
        }
      >
        <div className="toolbar">
          <label>
            {t('cases.state')}
            <select
              value={state}
              onChange={(e) => {
                setState(e.target.value);
                setPage(1);
                setCursors([null]);
              }}
            >
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {s ? t(`cases.states.${s}`) : t('alarms.all')}
                </option>
              ))}
            </select>
          </label>
        </div>
        <QueryView state={cases} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <>
              <DataTable
                rows={d.items}
                rowKey={(c) => c.id}
                onRow={(c) => navigate(`/cases/${c.id}`)}
                columns={[
                  { key: 'id', header: t('cases.number'), cell: (c) => c.id },
                  { key: 'title', header: t('cases.subject'), cell: (c) => c.title },
                  { key: 'who', header: '', cell: (c) => c.subject.name },
                  { key: 'state', header: t('cases.state'), cell: (c) => t(`cases.states.${c.state}`) },
                  {
                    key: 'deadline',
                    header: t('cases.deadline'),
                    cell: (c) => (
                      <span className={c.overdue ? 'bad' : ''}>
                        {formatChinaTime(c.deadline)}{' '}
                        {c.overdue && <span className="pill pill-bad">{t('cases.overdue')}</span>}
                      </span>
                    ),
                  },
                  { key: 'created', header: t('alarms.opened'), cell: (c) => formatChinaTime(c.createdAt) },
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
