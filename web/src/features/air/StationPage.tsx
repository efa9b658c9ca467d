/** One air station: hourly AQI and each pollutant over three days, daily AQI over a month, the calendar. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DAY_MS, HOUR_MS } from '@server/standards/china-time.js';
import { Link } from '../../app/router';
import { EChart } from '../../charts/EChart';
import { axisStyle, CHART_TEXT } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatChinaHour, standardName } from '../../lib/format';
import { aqiColor } from '../../lib/levels';
import { AqiBadge } from './AqiBadge';
import { AqiCalendar } from './AqiCalendar';
import { categoryOf, primaryOf } from './aqi-text';
import { pollutantUnit } from './pollutants';
import type { AirSeriesDto } from '../../api/types';
import { useAirLatestQuery, useAirSeriesQuery } from './queries';

const POLLUTANTS = ['pm25', 'pm10', 'o3', 'no2', 'so2', 'co'] as const;

function aqiOption(s: AirSeriesDto, hourly: boolean): ChartOption {
  return {
    grid: { left: 44, right: 16, top: 20, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: s.points.map((p) => (hourly ? formatChinaHour(p.at) : p.label)),
      ...axisStyle,
    },
    yAxis: { type: 'value', name: 'AQI', nameTextStyle: { color: CHART_TEXT }, ...axisStyle },
    series: [
      {
        type: 'bar',
        name: 'AQI',
        data: s.points.map((p) => ({
          value: p.result?.aqi ?? null,
          itemStyle: { color: aqiColor(p.result?.aqi) },
        })),
      },
    ],
  };
}

function pollutantOption(s: AirSeriesDto, names: Record<string, string>): ChartOption {
  const value = (c: unknown, k: string): number | null =>
    (c as Record<string, number | null | undefined>)[k] ?? null;
  return {
    grid: { left: 44, right: 44, top: 36, bottom: 28 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: CHART_TEXT } },
    xAxis: { type: 'category', data: s.points.map((p) => formatChinaHour(p.at)), ...axisStyle },
    yAxis: [
      { type: 'value', name: 'µg/m³', nameTextStyle: { color: CHART_TEXT }, ...axisStyle },
      {
        type: 'value',
        name: 'mg/m³',
        nameTextStyle: { color: CHART_TEXT },
        ...axisStyle,
        splitLine: { show: false },
      },
    ],
    series: POLLUTANTS.map((k) => ({
      type: 'line' as const,
      name: `${names[k] ?? k} (${pollutantUnit(k)})`,
      yAxisIndex: k === 'co' ? 1 : 0,
      showSymbol: false,
      smooth: true,
      data: s.points.map((p) => value(p.concentrations, k)),
    })),
  };
}

export default function StationPage({ params }: { params: Record<string, string> }) {
  const code = params.code ?? '';
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const latest = useAirLatestQuery();
  const from72h = useMemo(() => new Date(Date.now() - 72 * HOUR_MS).toISOString(), []);
  const from30d = useMemo(() => chinaToday(new Date(Date.now() - 30 * DAY_MS)), []);
  const hourly = useAirSeriesQuery({ scope: 'station', code, kind: 'hourly', from: from72h });
  const daily = useAirSeriesQuery({ scope: 'station', code, kind: 'daily', from: from30d });
  const [year] = useState(chinaToday().slice(0, 4));
  const entry = latest.data?.stations.find((s) => s.code === code);
  const names = Object.fromEntries(POLLUTANTS.map((k) => [k, t(`pollutant.${k}`)]));

  return (
    <div className="stack" data-testid="station-page">
      <div className="detail-head">
        <Link to="/air">← {t('air.back')}</Link>
        <h1>{entry?.name ?? hourly.data?.name ?? code}</h1>
        {entry !== undefined && (
          <>
            <AqiBadge aqi={entry.result?.aqi} />
            <span>{categoryOf(entry.result, english)}</span>
            <span className="muted">
              {t('air.primary')}: {primaryOf(entry.result, t)}
            </span>
            <span className="muted">
              {t('air.standard')}: {standardName(entry.result?.standard)}
            </span>
          </>
        )}
      </div>
      <div className="grid-2">
        <Panel title={t('air.hourly')}>
          <QueryView state={hourly} isEmpty={(s) => s.points.length === 0} minHeight={240}>
            {(s) => (
              <>
                <EChart option={aqiOption(s, true)} height={240} label={t('air.hourly')} />
                <p className="muted small">{t('names.air.hourNote')}</p>
              </>
            )}
          </QueryView>
        </Panel>
        <Panel title={t('air.daily')}>
          <QueryView state={daily} isEmpty={(s) => s.points.length === 0} minHeight={240}>
            {(s) => (
              <>
                <EChart option={aqiOption(s, false)} height={240} label={t('air.daily')} />
                <p className="muted small">{t('names.air.dayNote')}</p>
              </>
            )}
          </QueryView>
        </Panel>
      </div>
      <Panel title={t('air.pollutants')}>
        <QueryView state={hourly} isEmpty={(s) => s.points.length === 0} minHeight={280}>
          {(s) => <EChart option={pollutantOption(s, names)} height={300} label={t('air.pollutants')} />}
        </QueryView>
      </Panel>
      <Panel title={`${t('air.calendar')} · ${year}`}>
        <AqiCalendar scope="station" code={code} year={year} />
      </Panel>
    </div>
  );
}
