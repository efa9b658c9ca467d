/**
 * 报警: two tabs (exceedances, data quality), filters (China dates, district, enterprise, site,
 * rule, severity, condition, handling), unhandled critical first by default, paged by cursor,
 * exported as CSV or Excel in the user's language; live from /events.
 */
import type { AlarmListQuery } from '@server/api/alarm.schemas.js';
import { ALARM_RULE_KIND, ALARM_RULES, ALARM_SEVERITIES } from '@server/api/alarm.schemas.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDownload, apiUrl } from '../../api/client';
import { districtNames, useDistrictsQuery } from '../../api/site-queries';
import { navigate, useLocation } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { FilterSelect } from '../../components/FilterSelect';
import { cursorFor, Pager } from '../../components/Pager';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatChinaTime } from '../../lib/format';
import { HandlingText, parameterLabel, ruleName, SeverityPill } from './labels';
import { useAlarmsQuery } from './queries';

export { SeverityPill } from './labels';

/** A tab: one kind of alarm, or 'all' (where a link from another page counts both kinds). */
type Kind = NonNullable<AlarmListQuery['kind']> | 'all';
type Filters = Omit<AlarmListQuery, 'kind' | 'limit' | 'cursor'>;

const KINDS: readonly Kind[] = ['exceedance', 'data_quality', 'all'];
const HANDLINGS = ['unhandled', 'acknowledged', 'handled'] as const;
const CONDITIONS = ['active', 'cleared'] as const;
const SORTS = ['priority', 'time'] as const;
const TEXT_KEYS = ['district', 'enterprise', 'site', 'from', 'to'] as const;

function oneOf<V extends string>(values: readonly V[], v: string | null): V | undefined {
  return values.find((x) => x === v);
}

/**
 * The tab and filters a link asks for in the address bar (`/alarms?kind=exceedance&handling=unhandled&district=…`,
 * the cockpit's and the enterprise file's figures); without any, unhandled exceedances by priority.
 */
export function alarmViewOfSearch(search: URLSearchParams): { kind: Kind; filters: Filters } {
  const kind = oneOf(KINDS, search.get('kind')) ?? 'exceedance';
  const linked = [...search.keys()].length > 0;
  const filters: Filters = { sort: oneOf(SORTS, search.get('sort')) ?? 'priority' };
  const handling = oneOf(HANDLINGS, search.get('handling'));
  if (handling !== undefined) filters.handling = handling;
  else if (!linked) filters.handling = 'unhandled';
  const condition = oneOf(CONDITIONS, search.get('condition'));
  if (condition !== undefined) filters.condition = condition;
  const active = search.get('active');
  if (active === 'true' || active === 'false') filters.active = active === 'true';
  const rule = oneOf(ALARM_RULES, search.get('rule'));
  if (rule !== undefined) filters.rule = rule;
  const severity = oneOf(ALARM_SEVERITIES, search.get('severity'));
  if (severity !== undefined) filters.severity = severity;
  for (const key of TEXT_KEYS) {
    const v = search.get(key);
    if (v !== null && v.trim() !== '') filters[key] = v.trim();
  }
  return { kind, filters };
}

export default function AlarmsPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const { search } = useLocation();
  const [linked] = useState(() => alarmViewOfSearch(search));
  const [kind, setKind] = useState<Kind>(linked.kind);
  const [filters, setFilters] = useState<Filters>(linked.filters);
  const [page, setPage] = useState(1);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [exportError, setExportError] = useState<string | null>(null);
  const districts = useDistrictsQuery();
  const districtName = districtNames(districts.data?.items, english);
  const kindQuery = kind === 'all' ? undefined : kind;
  const alarms = useAlarmsQuery({ ...filters, kind: kindQuery, cursor: cursorFor(cursors, page), limit: 20 });
  const next = alarms.data?.nextCursor ?? null;
  const reset = (): void => {
    setPage(1);
    setCursors([null]);
  };
  const set = (patch: Partial<Filters>): void => {
    setFilters((f) => ({ ...f, ...patch }));
    reset();
  };
  const rules = Object.entries(ALARM_RULE_KIND)
    .filter(([, k]) => kind === 'all' || k === kind)
    .map(([r]) => r as NonNullable<Filters['rule']>);
  const text = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());

  const download = (format: 'csv' | 'xlsx'): void => {
    setExportError(null);
    const query = { ...filters, kind: kindQuery, format, lang: english ? 'en' : 'zh' } as const;
    const name = `${english ? 'alarms' : '报警'}-${chinaToday()}.${format}`;
    apiDownload(apiUrl('/alarms/export', query), name).catch((e: unknown) =>
      setExportError(e instanceof Error ? e.message : String(e)),
    );
  };

  return (
    <div className="stack" data-testid="alarms-page">
      <div className="tabs" role="tablist">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            data-testid={`alarm-tab-${k}`}
            className={k === kind ? 'active' : ''}
            onClick={() => {
              setKind(k);
              set({ rule: undefined });
            }}
          >
            {k === 'all' ? t('alarms.all') : t(`alarmHandling.tabs.${k}`)}
          </button>
        ))}
      </div>
      <Panel title={t('alarms.title')}>
        <div className="toolbar">
          <label>
            {t('alarmHandling.from')}
            <input
              type="date"
              value={filters.from ?? ''}
              onChange={(e) => set({ from: text(e.target.value) })}
            />
          </label>
          <label>
            {t('alarmHandling.to')}
            <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: text(e.target.value) })} />
          </label>
          <FilterSelect
            allLabel={t('alarms.all')}
            label={t('alarmHandling.district')}
            value={filters.district}
            values={(districts.data?.items ?? []).map((d) => d.code)}
            name={(c) => districtName.get(c) ?? c}
            onChange={(district) => set({ district })}
          />
          <label>
            {t('alarmHandling.enterprise')}
            <input
              size={10}
              value={filters.enterprise ?? ''}
              onChange={(e) => set({ enterprise: text(e.target.value) })}
            />
          </label>
          <label>
            {t('alarmHandling.site')}
            <input
              size={10}
              value={filters.site ?? ''}
              onChange={(e) => set({ site: text(e.target.value) })}
            />
          </label>
          <FilterSelect
            allLabel={t('alarms.all')}
            label={t('alarms.rule')}
            value={filters.rule}
            values={rules}
            name={(r) => ruleName(t, r)}
            onChange={(rule) => set({ rule })}
          />
          <FilterSelect
            allLabel={t('alarms.all')}
            label={t('alarms.level')}
            value={filters.severity}
            values={[...ALARM_SEVERITIES].reverse()}
            name={(s) => t(`alarmHandling.severities.${s}`)}
            onChange={(severity) => set({ severity })}
          />
          <FilterSelect
            allLabel={t('alarms.all')}
            label={t('alarmHandling.handling')}
            value={filters.handling}
            values={HANDLINGS}
            name={(h) => t(`alarmHandling.handlings.${h}`)}
            onChange={(handling) => set({ handling })}
            testId="alarm-filter-handling"
          />
          <FilterSelect
            allLabel={t('alarms.all')}
            label={t('alarmHandling.condition')}
            value={filters.condition}
            values={CONDITIONS}
            name={(c) => t(`alarmHandling.conditions.${c}`)}
            onChange={(condition) => set({ condition })}
          />
          <label>
            {t('alarmHandling.sort')}
            <select
              value={filters.sort ?? 'priority'}
              onChange={(e) => set({ sort: e.target.value as (typeof SORTS)[number] })}
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(s === 'priority' ? 'alarmHandling.sortPriority' : 'alarmHandling.sortTime')}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-small" onClick={() => download('csv')}>
            {t('alarmHandling.exportCsv')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => download('xlsx')}>
            {t('alarmHandling.exportXlsx')}
          </button>
        </div>
        {exportError !== null && <p className="form-error">{exportError}</p>}
        <QueryView state={alarms} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <>
              <DataTable
                testId="alarm-table"
                rows={d.items}
                rowKey={(a) => a.id}
                onRow={(a) => navigate(`/alarms/${a.id}`)}
                columns={[
                  { key: 'opened', header: t('alarms.opened'), cell: (a) => formatChinaTime(a.openedAt) },
                  {
                    key: 'sev',
                    header: t('alarms.level'),
                    cell: (a) => <SeverityPill severity={a.severity} />,
                  },
                  {
                    key: 'site',
                    header: t('alarms.site'),
                    cell: (a) => (
                      <>
                        {a.site.name}{' '}
                        <span className="muted">{districtName.get(a.site.districtCode) ?? ''}</span>
                      </>
                    ),
                  },
                  { key: 'rule', header: t('alarms.rule'), cell: (a) => ruleName(t, a.rule) },
                  {
                    key: 'param',
                    header: t('alarmHandling.parameter'),
                    cell: (a) => parameterLabel(a.parameter, english),
                  },
                  {
                    key: 'msg',
                    header: '',
                    wrap: true,
                    cell: (a) => (english ? a.message.en : a.message.zh),
                  },
                  {
                    key: 'cond',
                    header: t('alarmHandling.condition'),
                    cell: (a) => t(`alarmHandling.conditions.${a.condition}`),
                  },
                  {
                    key: 'handling',
                    header: t('alarmHandling.handling'),
                    cell: (a) => <HandlingText handling={a.handling} disposition={a.disposition} />,
                  },
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
