/**
 * 信息公开: what the public may see without logging in — the city's and each station's real-time
 * AQI with health advice, and the class of each surface-water section against its target.
 */
import { useTranslation } from 'react-i18next';
import { cityName, useCityQuery } from '../../api/city-queries';
import { useSitesQuery } from '../../api/site-queries';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatHourLabel, standardName } from '../../lib/format';
import { AQI_LEVELS, aqiColor, waterClassColor, waterClassText, WATER_CLASS_COLORS } from '../../lib/levels';
import { adviceOf } from '../air/advice';
import { AqiBadge } from '../air/AqiBadge';
import { categoryOf, primaryOf } from '../air/aqi-text';
import { useAirLatestQuery } from '../air/queries';
import { CockpitMap } from '../cockpit/CockpitMap';
import { useSectionStates } from '../cockpit/WaterCompliance';
import { useWaterSectionsQuery } from '../water/queries';

function AqiLegend() {
  const { i18n } = useTranslation();
  return (
    <div className="legend">
      {AQI_LEVELS.map((l) => (
        <span key={l.level}>
          <i style={{ background: l.color }} />
          {l.min}–{Number.isFinite(l.max) ? l.max : ''} {i18n.language === 'en' ? l.categoryEn : l.category}
        </span>
      ))}
    </div>
  );
}

export default function PublicPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const latest = useAirLatestQuery();
  const stations = useSitesQuery('air_station');
  const sectionSites = useSitesQuery('water_section');
  const sections = useWaterSectionsQuery();
  const water = useSectionStates();
  const city = useCityQuery();
  const name = cityName(city.data, english);

  return (
    <div className="public" data-testid="public-page">
      <h1 className="page-title">
        {name === null ? t('public.title') : t('cityView.publicTitle', { city: name })}
      </h1>
      <Panel title={t('public.cityAqi')} testId="public-city">
        <QueryView state={latest} minHeight={140}>
          {(d) => {
            const r = d.city.result;
            const advice = adviceOf(r);
            return (
              <div className="public-hero">
                <div style={{ textAlign: 'center' }}>
                  <AqiBadge aqi={r?.aqi} large />
                  <div style={{ color: aqiColor(r?.aqi), fontSize: 20, fontWeight: 700, marginTop: 6 }}>
                    {categoryOf(r, english)}
                  </div>
                </div>
                <div className="advice">
                  <div>
                    {t('cockpit.primary')}: <b>{primaryOf(r, t)}</b> ·{' '}
                    {formatHourLabel(d.city.label, d.city.hourStart)} ·{' '}
                    <span className="muted">{standardName(r?.standard)}</span>
                  </div>
                  {advice !== null && (
                    <>
                      <div>
                        <b>{t('air.advice')}:</b> {english ? advice.effects.en : advice.effects.zh}
                      </div>
                      <div>
                        <b>{t('air.measures')}:</b> {english ? advice.measures.en : advice.measures.zh}
                      </div>
                    </>
                  )}
                  <AqiLegend />
                </div>
              </div>
            );
          }}
        </QueryView>
      </Panel>
      <div className="grid-2">
        <Panel title={t('public.stations')} testId="public-stations">
          <QueryView state={latest} isEmpty={(d) => d.stations.length === 0}>
            {(d) => (
              <div className="station-cards">
                {d.stations.map((s) => (
                  <div
                    key={s.code}
                    className="station-card"
                    style={{ borderLeftColor: aqiColor(s.result?.aqi) }}
                  >
                    <strong>{s.name}</strong>
                    <div className="aqi-line">
                      <b style={{ color: aqiColor(s.result?.aqi) }}>{s.result?.aqi ?? '—'}</b>
                      <span>{categoryOf(s.result, english)}</span>
                    </div>
                    <span className="muted small">
                      {t('cockpit.primary')}: {primaryOf(s.result, t)}
                    </span>
                  </div>
                ))}
              </div>
            )}
          </QueryView>
        </Panel>
        <Panel title={name === null ? t('cockpit.map') : t('cityView.mapOf', { place: name })}>
          <QueryView state={stations} minHeight={420}>
            {(s) => (
              <CockpitMap
                stations={s.items}
                sections={sectionSites.data?.items ?? []}
                enterprises={[]}
                latest={latest.data}
                sectionStates={water.states}
                height={440}
              />
            )}
          </QueryView>
        </Panel>
      </div>
      <Panel title={t('public.sections')} testId="public-sections">
        <QueryView state={sections} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th>{t('water.section')}</th>
                    <th>{t('water.waterBody')}</th>
                    <th>{t('water.class')}</th>
                    <th>{t('water.target')}</th>
                    <th>{t('water.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((a) => (
                    <tr key={a.section.code}>
                      <td>{a.section.name}</td>
                      <td>{a.section.waterBody}</td>
                      <td>
                        <span className="class-chip" style={{ background: waterClassColor(a.class) }}>
                          {waterClassText(a.class, english)}
                        </span>
                      </td>
                      <td>{waterClassText(a.section.targetClass, english)}</td>
                      <td>
                        {a.meetsTarget === null ? (
                          '—'
                        ) : a.meetsTarget ? (
                          <span className="pill pill-good">{t('water.met')}</span>
                        ) : (
                          <span className="pill pill-bad">{t('water.notMet')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="legend" style={{ marginTop: 8 }}>
                {Object.entries(WATER_CLASS_COLORS).map(([c, color]) => (
                  <span key={c}>
                    <i style={{ background: color }} />
                    {waterClassText(c, english)}
                  </span>
                ))}
              </div>
            </div>
          )}
        </QueryView>
      </Panel>
      <p className="footer-note">
        {t('public.source')} · {t('app.demoNotice')}
      </p>
    </div>
  );
}
