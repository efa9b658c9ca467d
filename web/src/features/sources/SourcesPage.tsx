/**
 * 污染源: the key dischargers with the month's figures — exceedance hours, open alarms, overdue
 * cases, compliance, loggers online — searchable, filtered by district, industry and verdict,
 * sorted by any column and exported as CSV or XLSX; beside it the city ranking of the month.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDownload, apiUrl } from '../../api/client';
import { districtNames, useDistrictsQuery } from '../../api/site-queries';
import { navigate, useLocation } from '../../app/router';
import type { Column, SortState } from '../../components/DataTable';
import { DataTable, sortRows } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday } from '../../lib/format';
import { gradeText, VerdictPill } from './EnterprisePage';
import type { EnterpriseSummaryDto } from './queries';
import { useEnterpriseRankingQuery, useEnterprisesQuery } from './queries';

const PAGE_SIZE = 15;
const RANK_KEYS = ['hoursExceeding', 'openAlarms', 'overdueCases'] as const;
type RankKey = (typeof RANK_KEYS)[number];
const VERDICTS = ['exceeding', 'not-judged', 'compliant'] as const;
const VERDICT_ORDER: Record<EnterpriseSummaryDto['verdict'], number> = {
  exceeding: 0,
  'not-judged': 1,
  compliant: 2,
};

function matches(e: EnterpriseSummaryDto, needle: string): boolean {
  if (needle === '') return true;
  return [e.name, e.code, e.creditCode ?? ''].some((s) => s.toLowerCase().includes(needle));
}

function Ranking({ month }: { month: string }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<RankKey>('hoursExceeding');
  const ranking = useEnterpriseRankingQuery(by, month);
  return (
    <Panel
      title={t('names.list.ranking', { month })}
      testId="enterprise-ranking"
      extra={
        <div className="seg" role="radiogroup" data-testid="ranking-by">
          {RANK_KEYS.map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={k === by}
              className={k === by ? 'active' : ''}
              onClick={() => setBy(k)}
            >
              {t(`names.list.rankBy.${k}`)}
            </button>
          ))}
        </div>
      }
    >
      <QueryView state={ranking}>
        {(r) =>
          r.items.length === 0 ? (
            <p className="small muted">{t('names.list.noneToRank')}</p>
          ) : (
            <DataTable
              rows={r.items}
              rowKey={(i) => i.enterprise.code}
              onRow={(i) => navigate(`/sources/${encodeURIComponent(i.enterprise.code)}`)}
              columns={[
                { key: 'r', header: t('names.list.rank'), numeric: true, cell: (i) => i.rank },
                { key: 'n', header: t('sources.enterprise'), cell: (i) => i.enterprise.name },
                {
                  key: 'v',
                  header: t(`names.list.rankBy.${by}`),
                  numeric: true,
                  cell: (i) => <span className="bad">{i.value}</span>,
                },
              ]}
            />
          )
        }
      </QueryView>
    </Panel>
  );
}

export default function SourcesPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const { search } = useLocation();
  const [month, setMonth] = useState(chinaToday().slice(0, 7));
  const enterprises = useEnterprisesQuery(month);
  const districts = useDistrictsQuery();
  const names = districtNames(districts.data?.items, english);
  const [text, setText] = useState(search.get('q') ?? '');
  const [district, setDistrict] = useState(search.get('district') ?? '');
  const [industry, setIndustry] = useState('');
  const [verdict, setVerdict] = useState('');
  const [sort, setSort] = useState<SortState | null>({ key: 'hours', dir: 'desc' });
  const [page, setPage] = useState(1);
  const [exportError, setExportError] = useState<string | null>(null);

  const all = enterprises.data?.items;
  const industries = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of all ?? [])
      if (e.industryCode !== null) m.set(e.industryCode, e.industry ?? e.industryCode);
    return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }, [all]);

  const columns: Column<EnterpriseSummaryDto>[] = [
    { key: 'name', header: t('sources.enterprise'), cell: (e) => e.name, sortValue: (e) => e.name },
    {
      key: 'district',
      header: t('air.district'),
      cell: (e) => names.get(e.districtCode) ?? e.districtCode,
      sortValue: (e) => names.get(e.districtCode) ?? e.districtCode,
    },
    {
      key: 'industry',
      header: t('sources.industry'),
      cell: (e) => e.industry ?? '—',
      sortValue: (e) => e.industryCode,
    },
    {
      key: 'grade',
      header: t('sources.grade'),
      cell: (e) => gradeText(e.performanceGrade, t),
      sortValue: (e) => e.performanceGrade,
    },
    {
      key: 'hours',
      header: t('names.list.exceedHours'),
      numeric: true,
      cell: (e) =>
        e.hoursExceeding === null ? (
          <span className="bad">—</span>
        ) : (
          <span className={e.hoursExceeding > 0 ? 'bad' : undefined}>{e.hoursExceeding}</span>
        ),
      sortValue: (e) => e.hoursExceeding,
    },
    {
      key: 'alarms',
      header: t('names.file.openAlarms'),
      numeric: true,
      cell: (e) => <span className={e.openAlarms > 0 ? 'bad' : undefined}>{e.openAlarms}</span>,
      sortValue: (e) => e.openAlarms,
    },
    {
      key: 'overdue',
      header: t('names.file.overdueCases'),
      numeric: true,
      cell: (e) => <span className={e.overdueCases > 0 ? 'bad' : undefined}>{e.overdueCases}</span>,
      sortValue: (e) => e.overdueCases,
    },
    {
      key: 'verdict',
      header: t('names.list.compliance'),
      cell: (e) => <VerdictPill verdict={e.verdict} />,
      sortValue: (e) => VERDICT_ORDER[e.verdict],
    },
    {
      key: 'online',
      header: t('sources.devices'),
      numeric: true,
      cell: (e) =>
        e.devices === 0 ? (
          '—'
        ) : (
          <span className={`pill ${e.devicesOnline === e.devices ? 'pill-good' : 'pill-warn'}`}>
            {e.devicesOnline}/{e.devices} {t('sources.online')}
          </span>
        ),
      sortValue: (e) => (e.devices === 0 ? null : e.devicesOnline / e.devices),
    },
  ];

  const needle = text.trim().toLowerCase();
  const filtered = sortRows(
    (all ?? []).filter(
      (e) =>
        matches(e, needle) &&
        (district === '' || e.districtCode === district) &&
        (industry === '' || e.industryCode === industry) &&
        (verdict === '' || e.verdict === verdict),
    ),
    columns,
    sort,
  );
  const lastPage = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const shownPage = Math.min(page, lastPage);
  const resetPage =
    <A,>(set: (v: A) => void) =>
    (v: A) => {
      set(v);
      setPage(1);
    };

  const download = (format: 'csv' | 'xlsx'): void => {
    setExportError(null);
    const lang = english ? 'en' : 'zh';
    apiDownload(
      apiUrl('/enterprises/export', { format, lang, month }),
      `${english ? 'enterprises' : '企业'}-${month}.${format}`,
    ).catch((e: unknown) => setExportError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <div className="stack" data-testid="sources-page">
      <Panel
        title={t('sources.enterprises')}
        extra={
          <span className="small muted">
            {all !== undefined && t('names.list.count', { count: filtered.length, total: all.length })}
          </span>
        }
      >
        <div className="toolbar" data-testid="enterprise-filters">
          <input
            type="search"
            value={text}
            placeholder={t('names.list.search')}
            aria-label={t('names.list.search')}
            onChange={(e) => resetPage(setText)(e.target.value)}
            data-testid="enterprise-search"
          />
          <select
            value={district}
            onChange={(e) => resetPage(setDistrict)(e.target.value)}
            aria-label={t('air.district')}
            data-testid="enterprise-district"
          >
            <option value="">{t('names.list.allDistricts')}</option>
            {(districts.data?.items ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {english ? d.nameEn : d.name}
              </option>
            ))}
          </select>
          <select
            value={industry}
            onChange={(e) => resetPage(setIndustry)(e.target.value)}
            aria-label={t('sources.industry')}
            data-testid="enterprise-industry"
          >
            <option value="">{t('names.list.allIndustries')}</option>
            {industries.map(([code, name]) => (
              <option key={code} value={code}>
                {code} {name}
              </option>
            ))}
          </select>
          <select
            value={verdict}
            onChange={(e) => resetPage(setVerdict)(e.target.value)}
            aria-label={t('names.list.compliance')}
            data-testid="enterprise-verdict"
          >
            <option value="">{t('names.list.allVerdicts')}</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {t(`names.verdict.${v}`)}
              </option>
            ))}
          </select>
          <label>
            {t('air.month')}
            <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          </label>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => download('csv')}
            data-testid="export-csv"
          >
            {t('names.list.exportCsv')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => download('xlsx')}
            data-testid="export-xlsx"
          >
            {t('names.list.exportXlsx')}
          </button>
        </div>
        {exportError !== null && (
          <p className="notice notice-error">{t('names.list.exportFailed', { message: exportError })}</p>
        )}
        <QueryView state={enterprises} isEmpty={(d) => d.items.length === 0}>
          {() => (
            <>
              <DataTable
                testId="enterprise-table"
                rows={filtered.slice((shownPage - 1) * PAGE_SIZE, shownPage * PAGE_SIZE)}
                rowKey={(e) => e.code}
                onRow={(e) => navigate(`/sources/${encodeURIComponent(e.code)}`)}
                columns={columns}
                sort={sort}
                onSort={resetPage(setSort)}
              />
              <Pager
                page={shownPage}
                total={filtered.length}
                hasNext={shownPage < lastPage}
                onPage={setPage}
              />
            </>
          )}
        </QueryView>
      </Panel>
      <Ranking month={month} />
    </div>
  );
}
