/**
 * 指标: the board a bureau is judged by — each indicator's year-to-date value against its annual
 * target with a status colour, the remaining-days arithmetic for PM2.5 and good days, the good-day
 * ratio official beside comparable across the 2026-03-01 switch, and district rankings. Prints.
 */
import type { IndicatorItemDto, IndicatorStatusDto } from '@server/api/indicator.schemas.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDistrictsQuery } from '../../api/site-queries';
import { EChart } from '../../charts/EChart';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatValue } from '../../lib/format';
import { useComparabilityQuery, useIndicatorBoardQuery, useIndicatorRankingQuery } from './queries';

const GROUPS = ['air', 'water', 'sources', 'enforcement', 'carbon', 'waste'] as const;

export function StatusPill({ status }: { status: IndicatorStatusDto }) {
  const { t } = useTranslation();
  return (
    <span className={`pill status-${status}`} data-testid={`status-${status}`}>
      {t(`indicators.status.${status}`)}
    </span>
  );
}

function valueText(v: number | null, unit: string): string {
  return formatValue(v, unit, Number.isInteger(v ?? 0) ? 0 : 1);
}

function Progress({ item }: { item: IndicatorItemDto }) {
  const { t } = useTranslation();
  const lines: string[] = [];
  if (item.remainingMean?.maxMeanRemaining !== undefined && item.remainingMean.maxMeanRemaining !== null) {
    lines.push(
      t(item.remainingMean.reachable ? 'indicators.remainingMean' : 'indicators.remainingMeanOut', {
        days: item.remainingMean.remainingDays,
        max: formatValue(item.remainingMean.maxMeanRemaining, '', 1),
      }),
    );
  }
  if (item.goodDaysNeeded !== undefined) {
    lines.push(
      t(item.goodDaysNeeded.reachable ? 'indicators.goodDaysNeeded' : 'indicators.goodDaysOut', {
        needed: item.goodDaysNeeded.needed,
        days: item.goodDaysNeeded.remainingDays,
      }),
    );
  }
  if (item.comparable !== undefined) {
    lines.push(
      t('indicators.comparable', {
        standard: item.comparable.standard,
        ratio: formatValue(item.comparable.ratioPercent, '%', 1),
      }),
    );
  }
  if (lines.length === 0) return null;
  return (
    <ul className="small arithmetic" data-testid={`progress-${item.key}`}>
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

function Ranking({ items, year }: { items: readonly IndicatorItemDto[]; year: number }) {
  const { t, i18n } = useTranslation();
  const [key, setKey] = useState('air.pm25');
  const ranking = useIndicatorRankingQuery(key, year);
  const unit = items.find((i) => i.key === key)?.unit ?? '';
  return (
    <Panel
      title={t('indicators.ranking')}
      testId="indicator-ranking"
      extra={
        <select value={key} onChange={(e) => setKey(e.target.value)} aria-label={t('indicators.indicator')}>
          {items.map((i) => (
            <option key={i.key} value={i.key}>
              {i18n.language === 'en' ? i.name.en : i.name.zh}
            </option>
          ))}
        </select>
      }
    >
      <QueryView state={ranking}>
        {(r) => (
          <DataTable
            rows={r.items}
            rowKey={(i) => i.code}
            columns={[
              { key: 'rank', header: t('indicators.rank'), numeric: true, cell: (i) => i.rank ?? '—' },
              { key: 'name', header: t('air.district'), cell: (i) => i.name },
              {
                key: 'value',
                header: t('indicators.value'),
                numeric: true,
                cell: (i) => valueText(i.value, unit),
              },
              {
                key: 'target',
                header: t('indicators.target'),
                numeric: true,
                cell: (i) => valueText(i.target, unit),
              },
              {
                key: 'status',
                header: t('indicators.statusHeader'),
                cell: (i) => <StatusPill status={i.status} />,
              },
            ]}
          />
        )}
      </QueryView>
    </Panel>
  );
}

function Trend({ year, code }: { year: number; code: string }) {
  const { t } = useTranslation();
  const to = chinaToday().slice(0, 7);
  const end = to < `${year}-12` ? to : `${year}-12`;
  const series = useComparabilityQuery(
    `${year - 1}-01`,
    end < `${year - 1}-01` ? `${year - 1}-12` : end,
    code,
  );
  return (
    <Panel title={t('indicators.trend')} testId="indicator-trend">
      <p className="small muted">{t('indicators.trendNote')}</p>
      <QueryView state={series} isEmpty={(s) => s.months.length === 0}>
        {(s) => (
          <EChart
            label={t('indicators.trend')}
            height={260}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 40, right: 16, top: 32, bottom: 28 },
              xAxis: { type: 'category', data: s.months.map((m) => m.month) },
              yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
              series: [
                {
                  name: t('indicators.official'),
                  type: 'line',
                  connectNulls: false,
                  data: s.months.map((m) => m.official.ratioPercent),
                },
                {
                  name: t('indicators.comparableSeries', { standard: s.comparableStandard }),
                  type: 'line',
                  connectNulls: false,
                  data: s.months.map((m) => m.comparable.ratioPercent),
                },
              ],
            }}
          />
        )}
      </QueryView>
    </Panel>
  );
}

export default function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [code, setCode] = useState('');
  const districts = useDistrictsQuery();
  const board = useIndicatorBoardQuery(year, code);
  return (
    <div className="stack printable" data-testid="indicators-page">
      <div className="toolbar no-print" data-testid="indicator-filters">
        <label>
          {t('indicators.year')}
          <select
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
            aria-label={t('indicators.year')}
          >
            {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('indicators.place')}
          <select
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-label={t('indicators.place')}
            data-testid="indicator-place"
          >
            <option value="">{t('app.city')}</option>
            {(districts.data?.items ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {english ? d.nameEn : d.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => window.print()}>
          {t('indicators.print')}
        </button>
      </div>
      <QueryView state={board}>
        {(b) => (
          <>
            <p className="small muted" data-testid="indicator-asof">
              {t('indicators.asOf', { name: b.name, date: b.asOf })}
            </p>
            {GROUPS.map((g) => {
              const items = b.items.filter((i) => i.group === g);
              if (items.length === 0) return null;
              return (
                <Panel key={g} title={t(`indicators.group.${g}`)} testId={`indicator-group-${g}`}>
                  <DataTable
                    rows={items}
                    rowKey={(i) => i.key}
                    columns={[
                      {
                        key: 'name',
                        header: t('indicators.indicator'),
                        wrap: true,
                        cell: (i) => (
                          <>
                            <div>{english ? i.name.en : i.name.zh}</div>
                            <Progress item={i} />
                          </>
                        ),
                      },
                      {
                        key: 'value',
                        header: t('indicators.value'),
                        numeric: true,
                        cell: (i) => valueText(i.value, i.unit),
                      },
                      {
                        key: 'target',
                        header: t('indicators.target'),
                        numeric: true,
                        cell: (i) => valueText(i.target, i.unit),
                      },
                      {
                        key: 'status',
                        header: t('indicators.statusHeader'),
                        cell: (i) => <StatusPill status={i.status} />,
                      },
                      {
                        key: 'source',
                        header: t('indicators.source'),
                        cell: (i) =>
                          i.source.kind === 'computed'
                            ? t('indicators.computed')
                            : i.source.enteredBy === null
                              ? t('indicators.notEntered')
                              : t('indicators.entered', { who: i.source.enteredBy }),
                      },
                    ]}
                  />
                </Panel>
              );
            })}
            <Ranking items={b.items} year={year} />
          </>
        )}
      </QueryView>
      <Trend year={year} code={code} />
    </div>
  );
}
