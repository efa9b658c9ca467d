/**
 * An outlet against its limits: the month's compliance summary (hours valid and exceeding, loads,
 * transmission and validity rates), the limits in force beside the newest O2-corrected hourly mean
 * (`-Zs` where the outlet has a reference O2), and 48 hours of one parameter against its limit line.
 * An outlet without limits is "not judged" in red, never a green zero (docs/sources.md §2).
 */
import { HOUR_MS } from '@server/standards/china-time.js';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LimitDto, SiteDto } from '../../api/types';
import { EChart } from '../../charts/EChart';
import { axisStyle, CHART_ACCENT, CHART_TEXT } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { DataTable } from '../../components/DataTable';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatChinaHour, formatPercent, formatValue } from '../../lib/format';
import {
  CORRECTED_SUFFIX,
  formatParameterValue,
  parameterDecimals,
  parameterLabel,
  parameterName,
  unitText,
} from '../../lib/parameters';
import type { ComplianceDto } from './queries';
import { useComplianceQuery, useLimitsQuery, useReadingsQuery } from './queries';

const CHART_HOURS = 48;
const LIMIT_COLOR = '#ff6b6b';

/** The series judged against a limit: the O2-corrected one when the limit names a reference O2. */
function judgedParameter(limit: Pick<LimitDto, 'parameter' | 'referenceO2Pct'>): string {
  return limit.referenceO2Pct === null ? limit.parameter : `${limit.parameter}${CORRECTED_SUFFIX}`;
}

function limitText(l: Pick<LimitDto, 'value' | 'lowerValue' | 'unit'>): string {
  const unit = unitText(l.unit);
  return l.lowerValue === null
    ? `≤ ${formatValue(l.value, unit)}`
    : `${formatValue(l.lowerValue)}–${formatValue(l.value, unit)}`;
}

function ComplianceSummary({ c, english }: { c: ComplianceDto; english: boolean }) {
  const { t } = useTranslation();
  const total = c.total;
  const exceeding = Object.entries(total.exceedingHoursByParameter);
  const loads = Object.entries(total.loadsKg);
  return (
    <div className="stack-tight" data-testid="compliance-summary">
      <div className="kpi-row">
        <div className="kpi-mini">
          <span>{t('sources.hoursValid')}</span>
          <strong data-testid="hours-valid">
            {total.hoursValid} / {total.hoursReceived}
          </strong>
        </div>
        <div className="kpi-mini">
          <span>{t('sources.exceedHours')}</span>
          {c.judged ? (
            <strong className={total.hoursExceeding > 0 ? 'bad' : 'good'} data-testid="outlet-exceed-hours">
              {total.hoursExceeding}
            </strong>
          ) : (
            <strong className="bad" data-testid="outlet-exceed-hours">
              {t('names.verdict.not-judged')}
            </strong>
          )}
        </div>
        <div className="kpi-mini">
          <span>{t('sources.transmissionRate')}</span>
          <strong>{formatPercent(total.transmissionRate)}</strong>
        </div>
        <div className="kpi-mini">
          <span>{t('sources.validityRate')}</span>
          <strong>{formatPercent(total.validityRate)}</strong>
        </div>
        <div className="kpi-mini">
          <span>{t('sources.effectiveRate')}</span>
          <strong>{formatPercent(total.effectiveTransmissionRate)}</strong>
        </div>
      </div>
      {!c.judged && (
        <p className="notice notice-error" data-testid="limits-not-configured">
          {t('names.file.notJudged')}
        </p>
      )}
      <p className="small muted">
        {t('sources.exceedByParam')}:{' '}
        {!c.judged
          ? '—'
          : exceeding.length === 0
            ? t('cockpit.none')
            : exceeding.map(([p, h]) => `${parameterName(p, english)} ${h} h`).join('、')}
        {' · '}
        {t('sources.load')}:{' '}
        {loads.length === 0
          ? '—'
          : loads.map(([p, kg]) => `${parameterName(p, english)} ${formatValue(kg, 'kg')}`).join('、')}
        {total.daysWithDailyExceedance > 0 &&
          ` · ${t('sources.dailyExceedDays', { count: total.daysWithDailyExceedance })}`}
      </p>
    </div>
  );
}

function chartOption(
  points: readonly { at: string; value: number | null }[],
  limit: Pick<LimitDto, 'value' | 'lowerValue' | 'unit'>,
  seriesName: string,
  limitName: string,
  decimals: number | undefined,
): ChartOption {
  // The tooltip prints the data as given: round to the parameter's decimals (never 0.561296980621902).
  const shown = (v: number | null): number | null =>
    v === null || decimals === undefined ? v : Number(v.toFixed(decimals));
  const marks = [{ yAxis: limit.value, name: limitName }];
  if (limit.lowerValue !== null) marks.push({ yAxis: limit.lowerValue, name: limitName });
  const max = Math.max(limit.value, ...points.map((p) => p.value ?? 0));
  return {
    grid: { left: 48, right: 56, top: 28, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: points.map((p) => formatChinaHour(p.at)), ...axisStyle },
    yAxis: {
      type: 'value',
      name: unitText(limit.unit),
      max: Math.ceil(max * 1.1),
      nameTextStyle: { color: CHART_TEXT },
      ...axisStyle,
    },
    series: [
      {
        type: 'line',
        name: seriesName,
        showSymbol: false,
        connectNulls: false,
        lineStyle: { color: CHART_ACCENT },
        itemStyle: { color: CHART_ACCENT },
        data: points.map((p) => shown(p.value)),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: LIMIT_COLOR, type: 'dashed' },
          label: { color: LIMIT_COLOR, formatter: `${limitName} {c}` },
          data: marks,
        },
      },
    ],
  };
}

function LimitChart({
  outlet,
  limits,
  canRead,
  english,
}: {
  outlet: string;
  limits: readonly LimitDto[];
  canRead: boolean;
  english: boolean;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(limits[0]?.parameter ?? '');
  const limit = limits.find((l) => l.parameter === chosen) ?? limits[0];
  const from = useMemo(
    () => new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - CHART_HOURS * HOUR_MS).toISOString(),
    [],
  );
  const param = limit === undefined ? '' : judgedParameter(limit);
  const readings = useReadingsQuery(outlet, 'hour', from, canRead && limit !== undefined, param);
  if (limit === undefined) return null;
  if (!canRead) return <div className="state small">{t('state.forbidden')}</div>;
  const points = (readings.data?.items ?? []).map((r) => ({ at: r.periodStart, value: r.value }));
  return (
    <div data-testid="limit-chart">
      <div className="toolbar">
        <label>
          {t('sources.parameter')}
          <select value={limit.parameter} onChange={(e) => setChosen(e.target.value)}>
            {limits.map((l) => (
              <option key={l.id} value={l.parameter}>
                {parameterName(l.parameter, english)}
              </option>
            ))}
          </select>
        </label>
        <span className="small muted">
          {t('sources.last48h')} · {parameterName(param, english)} · {t('sources.limit')} {limitText(limit)}
        </span>
      </div>
      <QueryView state={readings} isEmpty={() => points.length === 0} minHeight={180}>
        {() => (
          <EChart
            height={200}
            label={`${parameterName(param, english)} ${t('sources.last48h')}`}
            option={chartOption(
              points,
              limit,
              parameterName(param, english),
              t('sources.limit'),
              parameterDecimals(param),
            )}
          />
        )}
      </QueryView>
    </div>
  );
}

/**
 * The compliance panel of one outlet (any signed-in role that sees the outlet). With `month` the
 * page chooses the month; without, the panel has its own month picker.
 */
export function OutletCompliance({
  outlet,
  canRead,
  month: pageMonth,
}: {
  outlet: SiteDto;
  canRead: boolean;
  month?: string;
}) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [ownMonth, setMonth] = useState(chinaToday().slice(0, 7));
  const month = pageMonth ?? ownMonth;
  const compliance = useComplianceQuery(outlet.code, month);
  const limits = useLimitsQuery(outlet.code);
  const hourFrom = useMemo(() => new Date(Date.now() - 3 * HOUR_MS).toISOString(), []);
  const latest = useReadingsQuery(outlet.code, 'hour', hourFrom, canRead);
  const latestBy = useMemo(() => {
    const m = new Map<string, number | null>();
    for (const r of latest.data?.items ?? []) m.set(r.parameter, r.value);
    return m;
  }, [latest.data]);
  const exceedBy = compliance.data?.total.exceedingHoursByParameter ?? {};

  return (
    <section className="outlet-compliance" data-testid="outlet-compliance">
      <div className="toolbar">
        <h3>{t('sources.compliance')}</h3>
        {pageMonth === undefined && (
          <label>
            {t('air.month')}
            <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          </label>
        )}
      </div>
      <QueryView state={compliance}>{(c) => <ComplianceSummary c={c} english={english} />}</QueryView>
      <h3>{t('sources.limitsInForce')}</h3>
      <QueryView state={limits}>
        {(l) =>
          l.inForce.length === 0 ? (
            <p className="notice notice-error" data-testid="no-limits">
              {t('names.file.notJudged')}
            </p>
          ) : (
            <>
              <DataTable
                testId="outlet-limits"
                rows={l.inForce}
                rowKey={(r) => r.id}
                columns={[
                  {
                    key: 'p',
                    header: t('sources.parameter'),
                    cell: (r) => parameterLabel(r.parameter, english),
                  },
                  { key: 'l', header: t('sources.limit'), numeric: true, cell: (r) => limitText(r) },
                  {
                    key: 'v',
                    header: t('sources.latestHour'),
                    numeric: true,
                    cell: (r) => {
                      const v = latestBy.get(judgedParameter(r));
                      if (!canRead) return '—';
                      const over =
                        v !== undefined &&
                        v !== null &&
                        (v > r.value || (r.lowerValue !== null && v < r.lowerValue));
                      return (
                        <span className={over ? 'bad' : undefined}>
                          {formatParameterValue(v, r.parameter, { withUnit: false })} {unitText(r.unit)}
                        </span>
                      );
                    },
                  },
                  {
                    key: 'o2',
                    header: t('sources.basis'),
                    cell: (r) =>
                      r.referenceO2Pct === null
                        ? t(r.averaging === 'day' ? 'sources.dailyMean' : 'sources.hourlyMean')
                        : t('sources.correctedTo', { o2: r.referenceO2Pct }),
                  },
                  {
                    key: 'x',
                    header: t('sources.exceedHours'),
                    numeric: true,
                    cell: (r) => exceedBy[r.parameter] ?? 0,
                  },
                  { key: 's', header: t('sources.standard'), cell: (r) => `${r.standard} ${r.clause}` },
                ]}
              />
              <LimitChart outlet={outlet.code} limits={l.inForce} canRead={canRead} english={english} />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
