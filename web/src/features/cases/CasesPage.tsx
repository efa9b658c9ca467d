/**
 * 案件: the case list, filtered by the address bar (so that a cockpit figure links to exactly the
 * cases it counts), newest first by time, in cursor pages; CSV and Excel export of the same filter
 * in the page's language; the new-case form for the bureau and district officers.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStateDto } from '@server/api/case.schemas.js';
import { apiDownload, apiUrl } from '../../api/client';
import { useSitesQuery } from '../../api/site-queries';
import { hasRole, useRole } from '../../auth/AuthContext';
import { navigate, useLocation } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { FilterSelect } from '../../components/FilterSelect';
import { cursorFor, Pager } from '../../components/Pager';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import type { CaseFilter, CaseFilterKey } from './case-filter';
import { caseListHref, filterOfSearch, statesOf } from './case-filter';
import { NewCaseForm } from './NewCaseForm';
import { formatDeadline, useDistrictNames, useResponsibleText } from './parts';
import { useCasesQuery } from './queries';

const STATES: readonly CaseStateDto[] = [
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
const SOURCES = ['alarm', 'inspection', 'complaint', 'superior', 'manual'] as const;
const CATEGORIES = [
  'air',
  'water',
  'emission_exceedance',
  'monitoring_data',
  'solid_waste',
  'noise',
  'soil',
  'ecology',
  'other',
] as const;

/** The filters bar: every control writes the address bar, which the list reads. */
function Filters({ filter, onChange }: { filter: CaseFilter; onChange: (next: CaseFilter) => void }) {
  const { t } = useTranslation();
  const names = useDistrictNames();
  const enterprises = useSitesQuery('enterprise');
  const enterpriseNames = new Map((enterprises.data?.items ?? []).map((s) => [String(s.id), s.name]));
  const set = (key: CaseFilterKey, value: string): void => onChange({ ...filter, [key]: value });
  const states = statesOf(filter);
  const stateValue = states.length === 1 ? (states[0] ?? '') : states.length > 1 ? (filter.state ?? '') : '';
  return (
    <div className="toolbar" data-testid="case-filters" role="search" aria-label={t('caseWork.filters')}>
      <label>
        {t('cases.state')}
        <select
          value={stateValue}
          aria-label={t('cases.state')}
          data-testid="case-filter-state"
          onChange={(e) => set('state', e.target.value)}
        >
          <option value="">{t('caseWork.all')}</option>
          {states.length > 1 && (
            <option value={filter.state}>{states.map((s) => t(`cases.states.${s}`)).join('、')}</option>
          )}
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`cases.states.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={filter.overdue === 'true'}
          data-testid="case-filter-overdue"
          onChange={(e) => set('overdue', e.target.checked ? 'true' : '')}
        />{' '}
        {t('caseWork.overdueOnly')}
      </label>
      <label>
        {t('caseWork.from')}
        <input
          type="date"
          value={filter.from ?? ''}
          aria-label={t('caseWork.from')}
          data-testid="case-filter-from"
          onChange={(e) => set('from', e.target.value)}
        />
      </label>
      <label>
        {t('caseWork.to')}
        <input
          type="date"
          value={filter.to ?? ''}
          aria-label={t('caseWork.to')}
          data-testid="case-filter-to"
          onChange={(e) => set('to', e.target.value)}
        />
      </label>
      <FilterSelect
        label={t('caseWork.district')}
        value={filter.districtCode}
        values={[...names.keys()]}
        name={(code) => names.get(code) ?? code}
        onChange={(v) => set('districtCode', v ?? '')}
        allLabel={t('caseWork.all')}
        testId="case-filter-district"
      />
      <FilterSelect
        label={t('caseWork.enterprise')}
        value={filter.enterpriseSiteId}
        values={(enterprises.data?.items ?? []).map((s) => String(s.id))}
        name={(id) => enterpriseNames.get(id) ?? id}
        onChange={(v) => set('enterpriseSiteId', v ?? '')}
        allLabel={t('caseWork.all')}
        testId="case-filter-enterprise"
      />
      <FilterSelect
        label={t('caseWork.category')}
        value={filter.category}
        values={CATEGORIES}
        name={(c) => t(`caseWork.categories.${c}`)}
        onChange={(v) => set('category', v ?? '')}
        allLabel={t('caseWork.all')}
        testId="case-filter-category"
      />
      <FilterSelect
        label={t('caseWork.source')}
        value={filter.source}
        values={SOURCES}
        name={(c) => t(`caseWork.sources.${c}`)}
        onChange={(v) => set('source', v ?? '')}
        allLabel={t('caseWork.all')}
        testId="case-filter-source"
      />
      <label>
        {t('caseWork.unitType')}
        <select
          value={filter.responsibleType ?? ''}
          aria-label={t('caseWork.unitType')}
          data-testid="case-filter-responsible-type"
          onChange={(e) => onChange({ ...filter, responsibleType: e.target.value, responsibleCode: '' })}
        >
          <option value="">{t('caseWork.all')}</option>
          {(['district', 'enterprise', 'department'] as const).map((r) => (
            <option key={r} value={r}>
              {t(`caseWork.responsibleTypes.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {filter.responsibleType === 'district' && (
        <label>
          {t('caseWork.responsible')}
          <select
            value={filter.responsibleCode ?? ''}
            aria-label={t('caseWork.responsible')}
            data-testid="case-filter-responsible"
            onChange={(e) => set('responsibleCode', e.target.value)}
          >
            <option value="">{t('caseWork.all')}</option>
            {[...names].map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      {filter.responsibleType === 'enterprise' && (
        <label>
          {t('caseWork.responsible')}
          <select
            value={filter.responsibleCode ?? ''}
            aria-label={t('caseWork.responsible')}
            data-testid="case-filter-responsible"
            onChange={(e) => set('responsibleCode', e.target.value)}
          >
            <option value="">{t('caseWork.all')}</option>
            {(enterprises.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('caseWork.sort')}
        <select
          value={filter.sort ?? 'created'}
          aria-label={t('caseWork.sort')}
          data-testid="case-sort"
          onChange={(e) => set('sort', e.target.value === 'created' ? '' : e.target.value)}
        >
          <option value="created">{t('caseWork.sorts.created')}</option>
          <option value="updated">{t('caseWork.sorts.updated')}</option>
        </select>
      </label>
      <button
        type="button"
        className="btn btn-small btn-ghost"
        data-testid="case-filter-reset"
        onClick={() => onChange({})}
      >
        {t('caseWork.reset')}
      </button>
    </div>
  );
}

export default function CasesPage() {
  const { t, i18n } = useTranslation();
  const role = useRole();
  const { search } = useLocation();
  const filter = filterOfSearch(search);
  const filterKey = JSON.stringify(filter);
  const [paging, setPaging] = useState<{ key: string; page: number; cursors: (string | null)[] }>({
    key: filterKey,
    page: 1,
    cursors: [null],
  });
  // A new filter starts again at page 1.
  const { page, cursors } = paging.key === filterKey ? paging : { page: 1, cursors: [null] };
  const alarmParam = Number(search.get('alarmId') ?? '');
  const alarmId = Number.isInteger(alarmParam) && alarmParam > 0 ? alarmParam : undefined;
  const [creating, setCreating] = useState(search.get('new') === '1' || alarmId !== undefined);
  const [exportError, setExportError] = useState<string | null>(null);
  const cases = useCasesQuery({ ...filter, cursor: cursorFor(cursors, page) });
  const next = cases.data?.nextCursor ?? null;
  const mayCreate = hasRole(role, ['admin', 'supervisor', 'district']);
  const districtNames = useDistrictNames();
  const responsibleText = useResponsibleText();
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  const download = (format: 'csv' | 'xlsx'): void => {
    setExportError(null);
    apiDownload(apiUrl('/cases/export', { ...filter, format, lang }), `cases.${format}`).catch((e: unknown) =>
      setExportError(e instanceof Error ? e.message : String(e)),
    );
  };

  return (
    <div className="stack" data-testid="cases-page">
      {creating && mayCreate && (
        <Panel title={t('caseWork.newCase')} testId="new-case-panel">
          <NewCaseForm onCancel={() => setCreating(false)} alarmId={alarmId} />
        </Panel>
      )}
      <Panel
        title={t('cases.title')}
        extra={
          <div className="actions">
            {mayCreate && !creating && (
              <button
                type="button"
                className="btn btn-small btn-primary"
                data-testid="case-new"
                onClick={() => setCreating(true)}
              >
                {t('caseWork.newCase')}
              </button>
            )}
            <button
              type="button"
              className="btn btn-small"
              data-testid="case-export-csv"
              onClick={() => download('csv')}
            >
              {t('caseWork.exportCsv')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              data-testid="case-export-xlsx"
              onClick={() => download('xlsx')}
            >
              {t('caseWork.exportXlsx')}
            </button>
          </div>
        }
      >
        <Filters filter={filter} onChange={(f) => navigate(caseListHref(f), { replace: true })} />
        {exportError !== null && <p className="notice notice-error">{exportError}</p>}
        <QueryView state={cases} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <>
              <p className="small muted" data-testid="case-total">
                {t('caseWork.total', { n: d.total ?? d.items.length })}
              </p>
              <DataTable
                rows={d.items}
                rowKey={(c) => c.id}
                onRow={(c) => navigate(`/cases/${c.id}`)}
                testId="case-list"
                columns={[
                  { key: 'id', header: t('cases.number'), cell: (c) => c.id },
                  { key: 'title', header: t('cases.subject'), cell: (c) => c.title },
                  {
                    key: 'who',
                    header: t('caseWork.subjectColumn'),
                    cell: (c) =>
                      c.subject.type === 'district'
                        ? (districtNames.get(c.districtCode) ?? c.subject.name)
                        : c.subject.name,
                  },
                  {
                    key: 'district',
                    header: t('caseWork.district'),
                    cell: (c) => districtNames.get(c.districtCode) ?? c.districtCode,
                  },
                  {
                    key: 'category',
                    header: t('caseWork.category'),
                    cell: (c) => t(`caseWork.categories.${c.category}`),
                  },
                  {
                    key: 'source',
                    header: t('caseWork.source'),
                    cell: (c) => t(`caseWork.sources.${c.source}`),
                  },
                  { key: 'state', header: t('cases.state'), cell: (c) => t(`cases.states.${c.state}`) },
                  {
                    key: 'unit',
                    header: t('cases.responsible'),
                    cell: (c) => responsibleText(c.responsible),
                  },
                  {
                    key: 'deadline',
                    header: t('cases.deadline'),
                    cell: (c) => (
                      <span className={c.overdue ? 'bad' : ''}>
                        {formatDeadline(c.deadline)}{' '}
                        {c.overdue && <span className="pill pill-bad">{t('cases.overdue')}</span>}
                      </span>
                    ),
                  },
                  { key: 'created', header: t('caseWork.opened'), cell: (c) => formatChinaTime(c.createdAt) },
                ]}
              />
              <Pager
                page={page}
                total={d.total}
                hasNext={next !== null}
                onPage={(n) =>
                  setPaging({
                    key: filterKey,
                    page: n,
                    cursors: n > page && next !== null ? [...cursors.slice(0, page), next] : cursors,
                  })
                }
              />
            </>
          )}
        </QueryView>
      </Panel>
    </div>
  );
}
