/**
 * An enterprise's carbon file: grade and intensity by quarter (trend), the budget burn-down with
 * its year-end projection, the months of the year with their versions, and the QR code of the
 * public carbon-code page.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { EChart } from '../../charts/EChart';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatValue } from '../../lib/format';
import { GRADE_COLORS, GradeBadge, levelText } from './grade';
import type { BudgetDto, EnterpriseCarbonFileDto } from './queries';
import { useCarbonFileQuery } from './queries';

function Trend({ f }: { f: EnterpriseCarbonFileDto }) {
  const { t } = useTranslation();
  const graded = f.history.filter((h) => h.intensity !== null);
  if (graded.length === 0) return <div className="state state-empty">{t('state.empty')}</div>;
  return (
    <EChart
      label={t('carbon.trend')}
      height={260}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 56, right: 56, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: graded.map((h) => h.period) },
        yAxis: [
          { type: 'value', name: t('carbon.intensityUnit') },
          { type: 'value', name: t('carbon.grade'), min: 1, max: 5, inverse: true, interval: 1 },
        ],
        series: [
          { type: 'line', name: t('carbon.intensity'), data: graded.map((h) => h.intensity) },
          {
            type: 'line',
            name: t('carbon.sectorIntensity'),
            lineStyle: { type: 'dashed' },
            data: graded.map((h) => h.sectorIntensity),
          },
          {
            type: 'scatter',
            name: t('carbon.grade'),
            yAxisIndex: 1,
            symbolSize: 14,
            data: graded.map((h) => ({ value: h.grade, itemStyle: { color: GRADE_COLORS[h.grade ?? 3] } })),
          },
        ],
      }}
    />
  );
}

function BurnDown({ b }: { b: BudgetDto }) {
  const { t } = useTranslation();
  return (
    <>
      <p data-testid="carbon-burn-text">
        {t('carbon.burnText', {
          used: formatValue(b.usedTce, 'tce', 0),
          budget: formatValue(b.availableTce, 'tce', 0),
          pct: formatValue(b.usedPct, '%', 1),
          projected: formatValue(b.projectedTce, 'tce', 0),
        })}{' '}
        {b.projectedOverrun && <span className="pill pill-bad">{t('carbon.alerts.projected')}</span>}{' '}
        {b.alert !== null && <span className="pill pill-bad">{t(`carbon.alerts.${b.alert}`)}</span>}
      </p>
      <EChart
        label={t('carbon.burnDown')}
        height={220}
        option={{
          tooltip: { trigger: 'axis' },
          grid: { left: 64, right: 24, top: 24, bottom: 28 },
          xAxis: { type: 'category', data: b.months.map((m) => m.month) },
          yAxis: {
            type: 'value',
            name: 'tce',
            max: (v: { max: number }) => Math.max(v.max, b.availableTce) * 1.05,
          },
          series: [
            {
              type: 'bar',
              name: t('carbon.used'),
              data: b.months.map((m) => m.cumulativeTce),
              markLine: {
                symbol: 'none',
                data: [{ yAxis: b.availableTce, name: t('carbon.budget') }],
                label: { formatter: t('carbon.budget') },
              },
            },
          ],
        }}
      />
    </>
  );
}

export function CarbonFile({ code }: { code: string }) {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => Number(chinaToday().slice(0, 4)));
  const file = useCarbonFileQuery(code, year);
  return (
    <div className="stack" data-testid="carbon-file">
      <QueryView state={file} minHeight={200}>
        {(f) => {
          const latest = [...f.history].reverse().find((h) => h.grade !== null) ?? null;
          return (
            <>
              <div className="toolbar">
                <h1 className="page-title">{t('carbon.fileTitle', { name: f.name })}</h1>
                <label>
                  {t('carbon.year')}{' '}
                  <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
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
              <div className="grid-2">
                <Panel
                  title={t('carbon.latestGrade', { period: latest?.period ?? '—' })}
                  testId="carbon-file-grade"
                >
                  <div style={{ display: 'flex', gap: 24, alignItems: 'center' }}>
                    <div>
                      <GradeBadge grade={latest?.grade ?? null} large />
                      <dl className="facts">
                        <dt>{t('carbon.industry')}</dt>
                        <dd>{f.industry ?? '—'}</dd>
                        <dt>{t('carbon.intensity')}</dt>
                        <dd>{formatValue(latest?.intensity, t('carbon.intensityUnit'), 3)}</dd>
                        <dt>{t('carbon.levelTitle')}</dt>
                        <dd>{levelText(t, latest?.level ?? null)}</dd>
                        <dt>K</dt>
                        <dd>{formatValue(latest?.k, '', 2)}</dd>
                      </dl>
                    </div>
                    <figure style={{ margin: 0, textAlign: 'center' }}>
                      <img
                        src={`/api/v1/public/carbon-code/${encodeURIComponent(f.code)}/qr.svg`}
                        alt={t('carbon.qrAlt', { name: f.name })}
                        width={140}
                        height={140}
                        data-testid="carbon-qr"
                      />
                      <figcaption>
                        <Link to={`/carbon/code/${encodeURIComponent(f.code)}`}>
                          {t('carbon.publicPage')}
                        </Link>
                      </figcaption>
                    </figure>
                  </div>
                </Panel>
                <Panel title={t('carbon.trend')} testId="carbon-trend">
                  <Trend f={f} />
                </Panel>
              </div>
              <Panel title={t('carbon.burnDown')} testId="carbon-burn">
                {f.budget === null ? (
                  <div className="state state-empty">{t('carbon.noBudget')}</div>
                ) : (
                  <BurnDown b={f.budget} />
                )}
              </Panel>
              <Panel title={t('carbon.months', { year: f.year })} testId="carbon-months">
                <DataTable
                  rows={f.accounts}
                  rowKey={(a) => a.month}
                  columns={[
                    { key: 'month', header: t('carbon.month'), cell: (a) => a.month },
                    {
                      key: 'el',
                      header: t('carbon.electricity'),
                      numeric: true,
                      cell: (a) => formatValue(Number(a.quantities.electricity ?? 0), 'MWh'),
                    },
                    {
                      key: 'co2',
                      header: t('carbon.co2'),
                      numeric: true,
                      cell: (a) => formatValue(a.co2, 't'),
                    },
                    {
                      key: 'tce',
                      header: t('carbon.tce'),
                      numeric: true,
                      cell: (a) => formatValue(a.tce, 'tce'),
                    },
                    {
                      key: 'va',
                      header: t('carbon.valueAdded'),
                      numeric: true,
                      cell: (a) =>
                        formatValue(
                          a.valueAdded === null ? null : Number(a.valueAdded),
                          t('carbon.tenThousandCny'),
                        ),
                    },
                    {
                      key: 'version',
                      header: t('carbon.version'),
                      wrap: true,
                      cell: (a) =>
                        a.version > 1
                          ? t('carbon.corrected', {
                              version: a.version,
                              reason: a.reason ?? '',
                              by: a.recordedBy,
                            })
                          : '—',
                    },
                  ]}
                />
              </Panel>
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
