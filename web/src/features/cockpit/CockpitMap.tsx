/**
 * The city map of the cockpit and the public page: air stations coloured by their newest AQI,
 * water sections by class (outlined in red when the latest class misses the target), enterprises
 * by alarm state, over the city the server describes (GET /city). A marker whose newest value is
 * older than expected is drawn faded and says so in its popup.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GB3838_ITEMS, isItemKey } from '@server/standards/gb3838-2002.js';
import { useCityQuery } from '../../api/city-queries';
import type { AirLatestDto, SiteDto } from '../../api/types';
import type { MapLayer } from '../../charts/CityMap';
import { CityMap } from '../../charts/CityMap';
import { navigate } from '../../app/router';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime, formatHourLabel, formatValue } from '../../lib/format';
import { aqiColor, waterClassColor } from '../../lib/levels';
import { categoryOf, primaryOf } from '../air/aqi-text';
import { POLLUTANT_ORDER, pollutantUnit } from '../air/pollutants';
import { isAirStale, isSourceStale } from './staleness';

export interface SectionState {
  /** Latest class (GB 3838), or null without an assessment. */
  cls: string | null;
  meetsTarget: boolean | null;
  /** Items over class III, worst first (GB 3838 item keys). */
  mainPollutants?: readonly string[];
  /** Newest China-local day with data. */
  latestDay?: string | null;
}

interface Props {
  stations: readonly SiteDto[];
  sections: readonly SiteDto[];
  enterprises: readonly SiteDto[];
  latest: AirLatestDto | undefined;
  /** Latest class of each section, by code, when the water service answers. */
  sectionStates?: ReadonlyMap<string, SectionState>;
  /** Site codes of enterprises with an open alarm (and the count). */
  alarmedEnterprises?: ReadonlyMap<string, number>;
  /** When each enterprise's devices were last heard (newest; null: never), for roles that may see devices. */
  lastSeen?: ReadonlyMap<string, string | null>;
  height?: number | string;
  /** District drill-down: the district shown, and what a click on a district does. */
  district?: string | null;
  onDistrict?: (code: string) => void;
}

const located = (s: SiteDto): s is SiteDto & { longitude: number; latitude: number } =>
  s.longitude !== null && s.latitude !== null;

export function CockpitMap({
  stations,
  sections,
  enterprises,
  latest,
  sectionStates,
  alarmedEnterprises,
  lastSeen,
  height,
  district,
  onDistrict,
}: Props) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const city = useCityQuery();

  const layers = useMemo<MapLayer[]>(() => {
    const inDistrict = (s: SiteDto): boolean =>
      district === null || district === undefined || s.districtCode === district;
    const byCode = new Map(latest?.stations.map((s) => [s.code, s]) ?? []);
    const air: MapLayer = {
      key: 'air',
      name: t('cockpit.legendAir'),
      symbol: 'circle',
      size: 16,
      points: stations
        .filter(located)
        .filter(inDistrict)
        .map((s) => {
          const entry = byCode.get(s.code);
          const aqi = entry?.result?.aqi ?? null;
          const stale = isAirStale(entry?.ageHours);
          const conc = (entry?.concentrations ?? {}) as Record<string, number | undefined>;
          return {
            id: s.code,
            name: s.name,
            lng: s.longitude,
            lat: s.latitude,
            color: aqiColor(aqi),
            stale,
            label: aqi === null ? undefined : String(aqi),
            detail: [
              s.name,
              `AQI ${aqi ?? '—'} · ${categoryOf(entry?.result, english)}`,
              `${t('cockpit.primary')}: ${primaryOf(entry?.result, t)}`,
              ...POLLUTANT_ORDER.filter((k) => conc[k] !== undefined).map(
                (k) =>
                  `${t(`pollutant.${k}`)}: ${formatValue(conc[k], pollutantUnit(k), k === 'co' ? 1 : 0)}`,
              ),
              `${t('cityView.time')}: ${formatHourLabel(entry?.label, entry?.hourStart)}`,
              stale ? `⚠ ${t('cityView.staleReading', { hours: entry?.ageHours ?? '—' })}` : '',
            ],
          };
        }),
    };
    const itemName = (item: string): string =>
      isItemKey(item) ? (english ? GB3838_ITEMS[item].nameEn : GB3838_ITEMS[item].nameZh) : item;
    const water: MapLayer = {
      key: 'water',
      name: t('cockpit.legendWater'),
      symbol: 'triangle',
      size: 13,
      points: sections
        .filter(located)
        .filter(inDistrict)
        .map((s) => {
          const target = typeof s.attributes.targetClass === 'string' ? s.attributes.targetClass : null;
          const body = typeof s.attributes.waterBody === 'string' ? s.attributes.waterBody : '';
          const state = sectionStates?.get(s.code);
          return {
            id: s.code,
            name: s.name,
            lng: s.longitude,
            lat: s.latitude,
            color: waterClassColor(state?.cls ?? null),
            border: state?.meetsTarget === false ? '#ff3b3b' : undefined,
            detail: [
              body === '' ? s.name : `${s.name} · ${body}`,
              `${t('water.class')}: ${state?.cls ?? '—'} · ${t('water.target')}: ${target ?? '—'}`,
              state?.meetsTarget === null || state === undefined
                ? ''
                : state.meetsTarget
                  ? t('water.met')
                  : t('water.notMet'),
              state?.mainPollutants === undefined || state.mainPollutants.length === 0
                ? ''
                : `${t('cityView.mainPollutants')}: ${state.mainPollutants.map(itemName).join('、')}`,
              state?.latestDay === undefined || state.latestDay === null
                ? ''
                : `${t('cityView.latestDay')}: ${state.latestDay}`,
            ],
          };
        }),
    };
    const sources: MapLayer = {
      key: 'enterprise',
      name: t('cockpit.legendEnterprise'),
      symbol: 'diamond',
      size: 10,
      points: enterprises
        .filter(located)
        .filter(inDistrict)
        .map((s) => {
          const alarms = alarmedEnterprises?.get(s.code) ?? 0;
          const seen = lastSeen?.get(s.code);
          const stale = seen !== undefined && isSourceStale(seen);
          return {
            id: s.code,
            name: s.name,
            lng: s.longitude,
            lat: s.latitude,
            color: alarmedEnterprises === undefined ? '#8aa4b8' : alarms > 0 ? '#ff5a5a' : '#37d67a',
            stale,
            detail: [
              s.name,
              typeof s.attributes.industry === 'string'
                ? `${t('cityView.industry')}: ${s.attributes.industry}`
                : '',
              alarmedEnterprises === undefined ? '' : `${t('cockpit.openAlarms')}: ${alarms}`,
              seen === undefined
                ? ''
                : `${stale ? '⚠ ' : ''}${t('cityView.lastHeard')}: ${seen === null ? '—' : formatChinaTime(seen)}`,
            ],
          };
        }),
    };
    return [air, water, sources].filter((l) => l.points.length > 0);
  }, [
    stations,
    sections,
    enterprises,
    latest,
    sectionStates,
    alarmedEnterprises,
    lastSeen,
    t,
    english,
    district,
  ]);

  return (
    <QueryView state={city} minHeight={typeof height === 'number' ? height : 420}>
      {(c) => (
        <CityMap
          city={c}
          layers={layers}
          height={height}
          label={t('cockpit.map')}
          selectedDistrict={district ?? null}
          onDistrictClick={onDistrict}
          onPointClick={(layer, code) => {
            if (layer === 'air') navigate(`/air/${encodeURIComponent(code)}`);
            else if (layer === 'water') navigate(`/water/${encodeURIComponent(code)}`);
            else navigate(`/sources/${encodeURIComponent(code)}`);
          }}
        />
      )}
    </QueryView>
  );
}
