/** The city's hourly AQI over the last 24 hours, bars in level colours. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HOUR_MS } from '@server/standards/china-time.js';
import { EChart } from '../../charts/EChart';
import { axisStyle, CHART_TEXT } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaClock } from '../../lib/format';
import { aqiColor } from '../../lib/levels';
import type { AirSeriesDto } from '../../api/types';
import { useAirSeriesQuery } from '../air/queries';
import { placeTitle } from './cockpit-scope';

function optionOf(series: AirSeriesDto): ChartOption {
  const points = series.points.slice(-24);
  return {
    grid: { left: 36, right: 12, top: 16, bottom: 24 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: points.map((p) => formatChinaClock(new Date(new Date(p.at).getTime() + HOUR_MS))),
      ...axisStyle,
      axisLabel: { color: CHART_TEXT, interval: 3 },
    },
    yAxis: { type: 'value', name: 'AQI', nameTextStyle: { color: CHART_TEXT }, ...axisStyle },
    series: [
      {
        type: 'bar',
        name: 'AQI',
        barWidth: '60%',
        data: points.map((p) => ({
          value: p.result?.aqi ?? null,
          itemStyle: { color: aqiColor(p.result?.aqi), borderRadius: [3, 3, 0, 0] },
        })),
      },
    ],
  };
}

/** The last 24 hours of the city (`district` null) or of one district. */
export function Aqi24hChart({
  cityCode,
  district,
  place = null,
}: {
  cityCode: string | undefined;
  district: string | null;
  place?: string | null;
}) {
  const { t } = useTranslation();
  const from = useMemo(() => new Date(Date.now() - 26 * HOUR_MS).toISOString(), []);
  const series = useAirSeriesQuery(
    district === null
      ? { scope: 'city', code: cityCode, kind: 'hourly', from }
      : { scope: 'district', code: district, kind: 'hourly', from },
    district !== null || cityCode !== undefined,
  );
  return (
    <Panel title={placeTitle(t('cockpit.last24h'), place)} testId="aqi-24h">
      <QueryView state={series} isEmpty={(s) => s.points.length === 0} minHeight={170}>
        {(s) => <EChart option={optionOf(s)} height={170} label={t('cockpit.last24h')} />}
      </QueryView>
    </Panel>
  );
}
