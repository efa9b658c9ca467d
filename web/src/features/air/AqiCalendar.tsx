/** A year of daily AQI as a calendar heatmap in HJ 633 level colours. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart';
import { CHART_TEXT } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { QueryView } from '../../components/QueryView';
import { AQI_LEVELS } from '../../lib/levels';
import type { AirSeriesDto } from '../../api/types';
import { useAirSeriesQuery } from './queries';
import { htmlText } from '../../lib/html';

function optionOf(series: AirSeriesDto, year: string, english: boolean): ChartOption {
  return {
    tooltip: {
      formatter: (p: unknown) => {
        const v = (p as { value?: [string, number | null] }).value;
        return v ? `${htmlText(v[0])}<br/>AQI ${v[1] ?? '—'}` : '';
      },
    },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      textStyle: { color: CHART_TEXT },
      pieces: AQI_LEVELS.map((l) => ({
        min: l.min,
        max: Number.isFinite(l.max) ? l.max : 9999,
        color: l.color,
        label: english ? l.categoryEn : l.category,
      })),
    },
    calendar: {
      range: year,
      top: 30,
      left: 40,
      right: 20,
      cellSize: ['auto', 16],
      itemStyle: { color: 'rgba(120,160,190,0.08)', borderColor: '#06121e', borderWidth: 2 },
      splitLine: { lineStyle: { color: 'rgba(63,147,192,0.5)' } },
      dayLabel: { color: CHART_TEXT, nameMap: english ? 'EN' : 'ZH', firstDay: 1 },
      monthLabel: { color: CHART_TEXT, nameMap: english ? 'EN' : 'ZH' },
      yearLabel: { show: false },
    },
    series: [
      {
        type: 'heatmap',
        coordinateSystem: 'calendar',
        data: series.points.map((p) => [p.at, p.result?.aqi ?? null]),
      },
    ],
  };
}

export function AqiCalendar({
  scope,
  code,
  year,
}: {
  scope: 'station' | 'city';
  code: string | undefined;
  year: string;
}) {
  const { t, i18n } = useTranslation();
  const series = useAirSeriesQuery(
    { scope, code, kind: 'daily', from: `${year}-01-01`, to: `${year}-12-31` },
    code !== undefined,
  );
  const english = i18n.language === 'en';
  const option = useMemo(
    () => (series.data ? optionOf(series.data, year, english) : null),
    [series.data, year, english],
  );
  return (
    <QueryView state={series} isEmpty={(s) => s.points.length === 0} minHeight={200}>
      {() => (option ? <EChart option={option} height={200} label={t('air.calendar')} /> : null)}
    </QueryView>
  );
}
