/**
 * The city map of the cockpit: air stations coloured by their newest AQI, water sections by
 * target class (outlined in red when the latest class misses it), enterprises by alarm state.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AirLatestDto, SiteDto } from '../../api/types';
import type { MapLayer } from '../../charts/HuzhouMap';
import { HuzhouMap } from '../../charts/HuzhouMap';
import { navigate } from '../../app/router';
import { formatHourLabel } from '../../lib/format';
import { aqiColor, waterClassColor } from '../../lib/levels';
import { categoryOf, primaryOf } from '../air/aqi-text';

export interface SectionState {
  /** Latest class (GB 3838), or null without an assessment. */
  cls: string | null;
  meetsTarget: boolean | null;
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
  height?: number | string;
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
  height,
}: Props) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';

  const layers = useMemo<MapLayer[]>(() => {
    const byCode = new Map(latest?.stations.map((s) => [s.code, s]) ?? []);
    const air: MapLayer = {
      name: t('cockpit.legendAir'),
      symbol: 'circle',
      size: 16,
      points: stations.filter(located).map((s) => {
        const entry = byCode.get(s.code);
        const aqi = entry?.result?.aqi ?? null;
        return {
          id: s.code,
          name: s.name,
          lng: s.longitude,
          lat: s.latitude,
          color: aqiColor(aqi),
          label: aqi === null ? undefined : String(aqi),
          detail: [
            s.name,
            `AQI ${aqi ?? '—'} · ${categoryOf(entry?.result, english)}`,
            `${t('cockpit.primary')}: ${primaryOf(entry?.result, t)}`,
            formatHourLabel(entry?.label, entry?.hourStart),
          ],
        };
      }),
    };
    const water: MapLayer = {
      name: t('cockpit.legendWater'),
      symbol: 'triangle',
      size: 13,
      points: sections.filter(located).map((s) => {
        const target = typeof s.attributes.targetClass === 'string' ? s.attributes.targetClass : null;
        const state = sectionStates?.get(s.code);
        return {
          id: s.code,
          name: s.name,
          lng: s.longitude,
          lat: s.latitude,
          color: waterClassColor(state?.cls ?? null),
          border: state?.meetsTarget === false ? '#ff3b3b' : undefined,
          detail: [
            s.name,
            `${t('water.class')}: ${state?.cls ?? '—'} · ${t('water.target')}: ${target ?? '—'}`,
            state?.meetsTarget === null || state === undefined
              ? ''
              : state.meetsTarget
                ? t('water.met')
                : t('water.notMet'),
          ],
        };
      }),
    };
    const sources: MapLayer = {
      name: t('cockpit.legendEnterprise'),
      symbol: 'diamond',
      size: 10,
      points: enterprises.filter(located).map((s) => {
        const alarms = alarmedEnterprises?.get(s.code) ?? 0;
        return {
          id: s.code,
          name: s.name,
          lng: s.longitude,
          lat: s.latitude,
          color: alarmedEnterprises === undefined ? '#8aa4b8' : alarms > 0 ? '#ff5a5a' : '#37d67a',
          detail: [
            s.name,
            typeof s.attributes.industry === 'string' ? s.attributes.industry : '',
            alarmedEnterprises === undefined ? '' : `${t('cockpit.openAlarms')}: ${alarms}`,
          ],
        };
      }),
    };
    return [air, water, sources].filter((l) => l.points.length > 0);
  }, [stations, sections, enterprises, latest, sectionStates, alarmedEnterprises, t, english]);

  return (
    <HuzhouMap
      layers={layers}
      height={height}
      label={t('cockpit.map')}
      onPointClick={(layer, code) => {
        if (layer === t('cockpit.legendAir')) navigate(`/air/${encodeURIComponent(code)}`);
        else if (layer === t('cockpit.legendWater')) navigate(`/water/${encodeURIComponent(code)}`);
        else navigate(`/sources/${encodeURIComponent(code)}`);
      }}
    />
  );
}
