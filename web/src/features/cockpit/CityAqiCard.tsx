/** Today's city AQI: the newest hour with its category, primary pollutant and the pollutant values. */
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatHourLabel, formatValue } from '../../lib/format';
import { aqiColor } from '../../lib/levels';
import { categoryOf, primaryOf } from '../air/aqi-text';
import { POLLUTANT_ORDER, pollutantUnit } from '../air/pollutants';
import type { AirLatestDto } from '../../api/types';
import type { QueryState } from '../../api/use-api-query';

export function CityAqiCard({ latest }: { latest: QueryState<AirLatestDto> }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <Panel title={t('cockpit.cityAqi')} testId="city-aqi">
      <QueryView state={latest} minHeight={170}>
        {(data) => {
          const r = data.city.result;
          const conc = data.city.concentrations as Record<string, number | undefined>;
          return (
            <div className="city-aqi">
              <div
                className="city-aqi-ring"
                style={{ borderColor: aqiColor(r?.aqi), color: aqiColor(r?.aqi) }}
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
                  {formatHourLabel(data.city.label, data.city.hourStart)} · {r?.standard ?? ''}
                </div>
              </div>
              <dl className="pollutant-grid">
                {POLLUTANT_ORDER.filter((k) => conc[k] !== undefined).map((k) => (
                  <div key={k}>
                    <dt>{t(`pollutant.${k}`)}</dt>
                    <dd>{formatValue(conc[k], pollutantUnit(k), k === 'co' ? 1 : 0)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          );
        }}
      </QueryView>
    </Panel>
  );
}
