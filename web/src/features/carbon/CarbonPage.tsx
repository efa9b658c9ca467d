/**
 * 碳效 overview: city and district dual-control indicators against their targets, the grade
 * distribution of the latest quarter by district and sector, the grade-4/5 enterprises (each can
 * open a technical-retrofit case) and the energy-budget alerts. An enterprise user gets its own
 * carbon file instead.
 */
import type { CaseDto, CreateCaseBody } from '@server/api/case.schemas.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import { districtNames, useDistrictsQuery, useSitesQuery } from '../../api/site-queries';
import { useMutation } from '../../api/use-mutation';
import { useRole } from '../../auth/AuthContext';
import { Link, navigate } from '../../app/router';
import { EChart } from '../../charts/EChart';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatValue } from '../../lib/format';
import { CarbonFile } from './CarbonFile';
import { GRADE_COLORS, GradeBadge, levelText } from './grade';
import type { BudgetDto, GradeDto, IndicatorDto } from './queries';
import { useCarbonBudgetsQuery, useCarbonOverviewQuery } from './queries';

const GRADES = [1, 2, 3, 4, 5] as const;
/** Indicators where a higher value is better (the rest: lower is better). */
const HIGHER_IS_BETTER = new Set(['non_fossil_share', 'pv_capacity_kw']);

function IndicatorTable({ rows, testId }: { rows: readonly IndicatorDto[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <DataTable
      testId={testId}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { key: 'key', header: t('carbon.indicator'), cell: (r) => t(`carbon.indicators.${r.key}`) },
        { key: 'value', header: t('carbon.value'), numeric: true, cell: (r) => formatValue(r.value, r.unit) },
        {
          key: 'target',
          header: t('carbon.target'),
          numeric: true,
          cell: (r) => formatValue(r.target, r.unit),
        },
        {
          key: 'met',
          header: t('carbon.status'),
          cell: (r) => {
            if (r.value === null || r.target === null) return '—';
            const met = HIGHER_IS_BETTER.has(r.key) ? r.value >= r.target : r.value <= r.target;
            return (
              <span className={`pill ${met ? 'pill-good' : 'pill-bad'}`}>
                {t(met ? 'carbon.onTrack' : 'carbon.offTrack')}
              </span>
            );
          },
        },
      ]}
    />
  );
}

/** Counts of grades 1–5 per group. */
function distribution(rows: readonly GradeDto[], groupOf: (g: GradeDto) => string): [string, number[]][] {
  const by = new Map<string, number[]>();
  for (const g of rows) {
    if (g.grade === null) continue;
    const key = groupOf(g);
    const counts = by.get(key) ?? [0, 0, 0, 0, 0];
    counts[g.grade - 1] = (counts[g.grade - 1] ?? 0) + 1;
    by.set(key, counts);
  }
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function Distribution({
  rows,
  groupOf,
  label,
  testId,
}: {
  rows: readonly GradeDto[];
  groupOf: (g: GradeDto) => string;
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const data = distribution(rows, groupOf);
  return (
    <EChart
      label={label}
      height={Math.max(160, data.length * 28 + 60)}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 120, right: 16, top: 28, bottom: 20 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: data.map(([k]) => k) },
        series: GRADES.map((g) => ({
          type: 'bar' as const,
          stack: 'grades',
          name: t('carbon.gradeValue', { grade: g }),
          itemStyle: { color: GRADE_COLORS[g] },
          data: data.map(([, counts]) => counts[g - 1] ?? 0),
        })),
      }}
      className={testId}
    />
  );
}

function OpenCaseButton({ g }: { g: GradeDto }) {
  const { t } = useTranslation();
  const { run, busy, notice } = useMutation();
  const open = (): void => {
    const body: CreateCaseBody = {
      source: 'manual',
      category: 'other',
      subject: { type: 'enterprise', siteId: g.siteId },
      title: t('carbon.caseTitle', { name: g.name, grade: g.grade ?? '—' }),
      description: t('carbon.caseDescription', {
        name: g.name,
        period: g.period,
        grade: g.grade ?? '—',
        k: formatValue(g.k, '', 3),
      }),
    };
    void run(
      () => apiFetch<CaseDto>('/cases', { method: 'POST', body }),
      (c) => {
        navigate(`/cases/${c.id}`);
        return t('caseWork.created', { id: c.id });
      },
    );
  };
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={open}
        data-testid={`open-case-${g.code}`}
      >
        {t('carbon.openCase')}
      </button>
      <Notice notice={notice} />
    </>
  );
}

function BudgetAlerts({ rows }: { rows: readonly BudgetDto[] }) {
  const { t } = useTranslation();
  const alerting = rows.filter((b) => b.alert !== null || b.projectedOverrun);
  return (
    <>
      <p>
        <Link to="/alarms?kind=exceedance&rule=energy-budget" data-testid="budget-alarms-link">
          {t('carbon.budgetAlarmsLink')}
        </Link>
      </p>
      <DataTable
        testId="carbon-budget-alerts"
        rows={alerting}
        rowKey={(b) => b.code}
        onRow={(b) => navigate(`/carbon/${encodeURIComponent(b.code)}`)}
        columns={[
          { key: 'name', header: t('carbon.enterprise'), cell: (b) => b.name },
          {
            key: 'budget',
            header: t('carbon.budget'),
            numeric: true,
            cell: (b) => formatValue(b.availableTce, 'tce', 0),
          },
          {
            key: 'used',
            header: t('carbon.used'),
            numeric: true,
            cell: (b) => formatValue(b.usedTce, 'tce', 0),
          },
          {
            key: 'pct',
            header: t('carbon.usedPct'),
            numeric: true,
            sortValue: (b) => b.usedPct,
            cell: (b) => formatValue(b.usedPct, '%', 1),
          },
          {
            key: 'projected',
            header: t('carbon.projected'),
            numeric: true,
            cell: (b) => formatValue(b.projectedTce, 'tce', 0),
          },
          {
            key: 'alert',
            header: t('carbon.alert'),
            cell: (b) => (
              <span className="pill pill-bad">
                {b.alert !== null ? t(`carbon.alerts.${b.alert}`) : t('carbon.alerts.projected')}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}

function Overview() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [year, setYear] = useState(() => Number(chinaToday().slice(0, 4)));
  const overview = useCarbonOverviewQuery(year);
  const budgets = useCarbonBudgetsQuery(year);
  const districts = useDistrictsQuery();
  const districtName = districtNames(districts.data?.items, english);
  return (
    <div className="stack" data-testid="carbon-page">
      <div className="toolbar">
        <h1 className="page-title">{t('carbon.title')}</h1>
        <label>
          {t('carbon.year')}{' '}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="carbon-year">
            {[0, 1, 2].map((i) => {
              const y = Number(chinaToday().slice(0, 4)) - i;
              return (
                <option key={y} value={y}>
                  {y}
                </option>
              );
            })}
          </select>
        </label>
      </div>
      <QueryView state={overview} minHeight={200}>
        {(o) => {
          const bad = o.grades.filter((g) => g.grade !== null && g.grade >= 4);
          return (
            <>
              <div className="grid-2">
                <Panel title={t('carbon.cityIndicators', { year: o.year })} testId="carbon-city">
                  <IndicatorTable rows={o.city} testId="carbon-city-table" />
                </Panel>
                <Panel title={t('carbon.districtIndicators')} testId="carbon-districts">
                  <DataTable
                    rows={o.districts}
                    rowKey={(d) => d.code}
                    columns={[
                      {
                        key: 'name',
                        header: t('carbon.district'),
                        cell: (d: (typeof o.districts)[number]) => d.name,
                      },
                      ...['energy_tce', 'co2_t', 'carbon_intensity', 'non_fossil_share'].map((key) => ({
                        key,
                        header: t(`carbon.indicators.${key}`),
                        numeric: true,
                        cell: (d: (typeof o.districts)[number]) => {
                          const i = d.indicators.find((x) => x.key === key);
                          return formatValue(i?.value, i?.unit ?? '');
                        },
                      })),
                    ]}
                  />
                </Panel>
              </div>
              <div className="grid-2">
                <Panel title={t('carbon.byDistrict', { period: o.period })} testId="carbon-by-district">
                  <Distribution
                    rows={o.grades}
                    groupOf={(g) => districtName.get(g.districtCode) ?? g.districtCode}
                    label={t('carbon.byDistrict', { period: o.period })}
                    testId="carbon-dist-district"
                  />
                </Panel>
                <Panel title={t('carbon.bySector', { period: o.period })} testId="carbon-by-sector">
                  <Distribution
                    rows={o.grades}
                    groupOf={(g) => t('carbon.division', { code: g.division })}
                    label={t('carbon.bySector', { period: o.period })}
                    testId="carbon-dist-sector"
                  />
                </Panel>
              </div>
              <Panel
                title={t('carbon.lowGrades', { period: o.period, n: bad.length })}
                testId="carbon-low-grades"
              >
                <DataTable
                  testId="carbon-low-table"
                  rows={bad}
                  rowKey={(g) => g.code}
                  columns={[
                    {
                      key: 'name',
                      header: t('carbon.enterprise'),
                      cell: (g) => <Link to={`/carbon/${encodeURIComponent(g.code)}`}>{g.name}</Link>,
                    },
                    {
                      key: 'district',
                      header: t('carbon.district'),
                      cell: (g) => districtName.get(g.districtCode) ?? g.districtCode,
                    },
                    { key: 'industry', header: t('carbon.industry'), cell: (g) => g.industry ?? '—' },
                    {
                      key: 'l',
                      header: t('carbon.intensity'),
                      numeric: true,
                      cell: (g) => formatValue(g.intensity, t('carbon.intensityUnit'), 3),
                    },
                    { key: 'level', header: t('carbon.levelTitle'), cell: (g) => levelText(t, g.level) },
                    {
                      key: 'k',
                      header: 'K',
                      numeric: true,
                      sortValue: (g) => g.k,
                      cell: (g) => formatValue(g.k, '', 2),
                    },
                    { key: 'grade', header: t('carbon.grade'), cell: (g) => <GradeBadge grade={g.grade} /> },
                    { key: 'case', header: '', cell: (g) => <OpenCaseButton g={g} /> },
                  ]}
                />
              </Panel>
            </>
          );
        }}
      </QueryView>
      <Panel title={t('carbon.budgetAlerts', { year })} testId="carbon-budgets">
        <QueryView state={budgets}>{(b) => <BudgetAlerts rows={b.items} />}</QueryView>
      </Panel>
    </div>
  );
}

/** The enterprise user's own carbon file. */
function OwnFile() {
  const sites = useSitesQuery('enterprise');
  const code = sites.data?.items[0]?.code;
  return (
    <QueryView state={sites}>{() => (code === undefined ? null : <CarbonFile code={code} />)}</QueryView>
  );
}

export default function CarbonPage() {
  const role = useRole();
  return role === 'enterprise' ? <OwnFile /> : <Overview />;
}
