/** 大气: every station's newest AQI, rankings, the city's daily AQI calendar and the monthly evaluation. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { useDistrictsQuery, districtNames } from '../../api/site-queries';
import type { AirRealtimeEntryDto } from '../../api/types';
import { chinaToday, formatHourLabel, formatValue, standardName } from '../../lib/format';
import { AirRanking } from './AirRanking';
import { AqiBadge } from './AqiBadge';
import { AqiCalendar } from './AqiCalendar';
import { categoryOf, primaryOf } from './aqi-text';
import { EvaluationTable } from './EvaluationTable';
import { pollutantUnit } from './pollutants';
import { useAirLatestQuery } from './queries';

export default function AirPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const latest = useAirLatestQuery();
  const districts = useDistrictsQuery();
  const names = districtNames(districts.data?.items, english);
  const [year, setYear] = useState(chinaToday().slice(0, 4));
  const conc = (e: AirRealtimeEntryDto, k: string): number | undefined =>
    (e.concentrations as Record<string, number>)[k];

  return (
    <div className="stack" data-testid="air-page">
      <Panel title={t('air.stations')}>
        <QueryView state={latest} isEmpty={(d) => d.stations.length === 0}>
          {(d) => (
            <DataTable
              testId="station-table"
              rows={d.stations}
              rowKey={(s) => s.code}
              onRow={(s) => navigate(`/air/${encodeURIComponent(s.code)}`)}
              columns={[
                { key: 'name', header: t('air.station'), cell: (s) => s.name },
                {
                  key: 'district',
                  header: t('air.district'),
                  cell: (s) => names.get(s.districtCode ?? '') ?? s.districtCode,
                },
                { key: 'aqi', header: 'AQI', cell: (s) => <AqiBadge aqi={s.result?.aqi} /> },
                { key: 'cat', header: t('air.level'), cell: (s) => categoryOf(s.result, english) },
                { key: 'primary', header: t('air.primary'), cell: (s) => primaryOf(s.result, t) },
                ...(['pm25', 'pm10', 'o3', 'no2', 'so2', 'co'] as const).map((k) => ({
                  key: k,
                  header: `${t(`pollutant.${k}`)} (${pollutantUnit(k)})`,
                  numeric: true,
                  cell: (s: AirRealtimeEntryDto) => formatValue(conc(s, k), '', k === 'co' ? 1 : 0),
                })),
                { key: 'time', header: t('air.time'), cell: (s) => formatHourLabel(s.label, s.hourStart) },
                { key: 'std', header: t('air.standard'), cell: (s) => standardName(s.result?.standard) },
              ]}
            />
          )}
        </QueryView>
      </Panel>
      <Panel title={t('air.ranking')} testId="ranking-panel">
        <AirRanking />
      </Panel>
      <Panel
        title={`${t('air.calendar')} · ${latest.data?.city.name ?? ''}`}
        extra={
          <select value={year} onChange={(e) => setYear(e.target.value)} aria-label={t('air.year')}>
            {[0, 1, 2].map((i) => {
              const y = String(Number(chinaToday().slice(0, 4)) - i);
              return (
                <option key={y} value={y}>
                  {y}
                </option>
              );
            })}
          </select>
        }
      >
        <AqiCalendar scope="city" code={latest.data?.city.code} year={year} />
      </Panel>
      <Panel title={t('air.evaluation')}>
        <EvaluationTable year={year} />
      </Panel>
    </div>
  );
}
