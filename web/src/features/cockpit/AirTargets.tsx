/**
 * The year so far: the city's good-day ratio (HJ 663) and PM2.5 annual mean against its GB 3095
 * grade-II limit, from GET /air/evaluation?period=year.
 */
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatValue } from '../../lib/format';
import type { AirEvaluationDto } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';
import { placeTitle } from './cockpit-scope';

function gauge(percent: number | null, label: string): ChartOption {
  return {
    series: [
      {
        type: 'gauge',
        startAngle: 220,
        endAngle: -40,
        min: 0,
        max: 100,
        radius: '92%',
        progress: { show: true, width: 12, itemStyle: { color: '#3fd1c1' } },
        axisLine: { lineStyle: { width: 12, color: [[1, 'rgba(120,160,190,0.2)']] } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        title: { show: true, offsetCenter: [0, '38%'], color: '#a9bccb', fontSize: 12 },
        detail: {
          offsetCenter: [0, '0%'],
          formatter: percent === null ? '—' : '{value}%',
          color: '#e6f1f8',
          fontSize: 26,
          fontWeight: 'bold',
        },
        data: [{ value: percent ?? 0, name: label }],
      },
    ],
  };
}

/** The year so far of the city (`district` null) or of one district. */
export function AirTargets({ district, place = null }: { district: string | null; place?: string | null }) {
  const { t } = useTranslation();
  const year = chinaToday().slice(0, 4);
  const evaluation = useApiQuery<AirEvaluationDto>('/air/evaluation', {
    query:
      district === null
        ? { period: 'year', value: year }
        : { period: 'year', value: year, scope: 'district', code: district },
  });
  return (
    <Panel title={placeTitle(`${year} · ${t('cockpit.goodDays')}`, place)} testId="air-targets">
      <QueryView state={evaluation} isEmpty={(e) => e.units.length === 0} minHeight={170}>
        {(e) => {
          const city =
            e.units.find((u) => (district === null ? u.scope === 'city' : u.code === district)) ?? e.units[0];
          if (city === undefined) return null;
          const pm25 = city.pollutants.find((p) => p.pollutant === 'pm25');
          const annual = pm25?.statistics.find((s) => s.statistic === 'annual-mean');
          const value = annual?.value ?? null;
          const limit = annual?.limit ?? null;
          const over = value !== null && limit !== null && value > limit;
          return (
            <div className="targets">
              <EChart
                option={gauge(city.goodDays.ratioPercent, t('cockpit.goodDays'))}
                height={160}
                label={t('cockpit.goodDays')}
              />
              <div className="target-kpi">
                <div className="muted small">{t('cockpit.pm25Ytd')}</div>
                <div className={`kpi-value ${over ? 'bad' : 'good'}`} data-testid="pm25-ytd">
                  {formatValue(value, 'µg/m³', 0)}
                </div>
                <div className="muted small">
                  {t('cockpit.target')}: {formatValue(limit, 'µg/m³', 0)} (
                  {t(`cityView.gb3095.${e.standards.gb3095}`)})
                </div>
                <div className="muted small">
                  {city.goodDays.goodDays}/{city.goodDays.validDays} d
                </div>
              </div>
            </div>
          );
        }}
      </QueryView>
    </Panel>
  );
}
