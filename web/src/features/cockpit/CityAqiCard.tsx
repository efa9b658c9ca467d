/**
 * The newest hour's AQI of the city (or of the district the cockpit shows) with its category,
 * primary pollutant and pollutant values, saying which stations it is computed from: the city's
 * value comes from the stations that count for the city (the national stations when there are
 * any, src/monitor/air-assessment.ts `airUnits`), named on hover and in the list under the card.
 */
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatHourLabel, formatValue } from '../../lib/format';
import { aqiColor } from '../../lib/levels';
import { categoryOf, primaryOf } from '../air/aqi-text';
import { POLLUTANT_ORDER, pollutantUnit } from '../air/pollutants';
import type { AirLatestDto, SiteDto } from '../../api/types';
import type { QueryState } from '../../api/use-api-query';
import { isAirStale } from './staleness';

interface Props {
  latest: QueryState<AirLatestDto>;
  /** The air stations (for names and networks). */
  stations: readonly SiteDto[];
  /** District shown, or null for the city. */
  district: string | null;
  /** The place's name in the title (city or district), null when unknown. */
  placeName: string | null;
}

export function CityAqiCard({ latest, stations, district, placeName }: Props) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const title =
    placeName === null
      ? t('cockpit.cityAqi')
      : t(district === null ? 'cityView.cityAqiTitle' : 'cityView.districtAqiTitle', { place: placeName });
  return (
    <Panel title={title} testId="city-aqi">
      <QueryView state={latest} minHeight={170}>
        {(data) => {
          const unit = district === null ? data.city : data.districts.find((d) => d.code === district);
          if (unit === undefined) {
            return <div className="state state-empty">{t('cityView.noStationsInDistrict')}</div>;
          }
          const r = unit.result;
          const conc = unit.concentrations as Record<string, number | undefined>;
          const byCode = new Map(stations.map((s) => [s.code, s]));
          const members = unit.stationCodes.map((code) => byCode.get(code)?.name ?? code);
          const national =
            unit.stationCodes.length > 0 &&
            unit.stationCodes.every((code) => byCode.get(code)?.attributes.network === 'national');
          const basis = t('cityView.computedFrom', {
            count: unit.stationCodes.length,
            kind: t(
              district === null
                ? national
                  ? 'cityView.nationalStations'
                  : 'cityView.cityStations'
                : 'cityView.districtStations',
            ),
          });
          const stale = isAirStale(unit.ageHours);
          return (
            <div className="city-aqi">
              <div
                className="city-aqi-ring"
                style={{ borderColor: aqiColor(r?.aqi), color: aqiColor(r?.aqi), opacity: stale ? 0.5 : 1 }}
              >
                <strong data-testid="city-aqi-value">{r?.aqi ?? '—'}</strong>
                <span>AQI</span>
              </div>
              <div className="city-aqi-text">
                <div className="city-aqi-category" style={{ color: aqiColor(r?.aqi) }}>
                  {categoryOf(r, english)}
                </div>
                <div>
                  {t('cockpit.primary')}: <b>{primaryOf(r, t)}</b>
                </div>
                <div className="muted small">
                  {formatHourLabel(unit.label, unit.hourStart)} · {r?.standard ?? ''}
                </div>
                {stale && (
                  <div className="stale-mark" data-testid="city-aqi-stale">
                    ⚠ {t('cityView.staleReading', { hours: unit.ageHours ?? '—' })}
                  </div>
                )}
              </div>
              <dl className="pollutant-grid">
                {POLLUTANT_ORDER.filter((k) => conc[k] !== undefined).map((k) => (
                  <div key={k}>
                    <dt>{t(`pollutant.${k}`)}</dt>
                    <dd>{formatValue(conc[k], pollutantUnit(k), k === 'co' ? 1 : 0)}</dd>
                  </div>
                ))}
              </dl>
              <details className="aqi-basis" data-testid="city-aqi-basis">
                <summary title={members.join('、')}>{basis}</summary>
                <span className="muted small">{members.join('、')}</span>
              </details>
            </div>
          );
        }}
      </QueryView>
    </Panel>
  );
}
