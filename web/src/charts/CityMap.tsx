/**
 * The city map: the district boundaries the server serves (GET /city) registered with ECharts
 * under the city's code, fitted to the city's extent, with point layers on top. Nothing here knows
 * which city it is: a city without boundaries gets a frame around its sites. District names are
 * drawn above the markers so that no marker hides them; layers can be switched off; clicking a
 * district reports its code (drill-down).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CityDto } from '../api/types';
import { CHART_TEXT, echarts } from './echarts';
import type { ChartOption } from './echarts';
import { EChart } from './EChart';
import { htmlText } from '../lib/html';

/** One point on the map. */
export interface MapPoint {
  id: string;
  name: string;
  lng: number;
  lat: number;
  color: string;
  /** Short text drawn beside the symbol (e.g. the AQI). */
  label?: string;
  /** Lines of the popup: the first is its title. */
  detail: string[];
  /** Outline colour, e.g. red for a section that misses its target. */
  border?: string;
  /** Drawn faded: the newest value is older than expected. */
  stale?: boolean;
}

export interface MapLayer {
  /** Stable key (click handling, toggles); `name` is the translated legend text. */
  key: string;
  name: string;
  symbol: 'circle' | 'triangle' | 'diamond' | 'rect' | 'pin';
  size: number;
  points: MapPoint[];
}

type LonLat = [number, number];
type Geometry = CityDto['boundaries']['features'][number]['geometry'];

/** Signed area and centroid of a ring (shoelace formula), in degrees. */
function ringCentroid(ring: readonly LonLat[]): { area: number; at: LonLat } {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] ?? [0, 0];
    const [x1, y1] = ring[i] ?? [0, 0];
    const f = x0 * y1 - x1 * y0;
    a += f;
    x += (x0 + x1) * f;
    y += (y0 + y1) * f;
  }
  if (a === 0) return { area: 0, at: ring[0] ?? [0, 0] };
  return { area: Math.abs(a / 2), at: [x / (3 * a), y / (3 * a)] };
}

/** Where a district's name goes: the centroid of its largest outer ring. */
export function labelPoint(geometry: Geometry): LonLat | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: { area: number; at: LonLat } | null = null;
  for (const polygon of polygons) {
    const outer = Array.isArray(polygon) ? (polygon[0] as LonLat[] | undefined) : undefined;
    if (!Array.isArray(outer) || outer.length < 3) continue;
    const c = ringCentroid(outer);
    if (best === null || c.area > best.area) best = c;
  }
  return best?.at ?? null;
}

/** A frame around the points, for a city with no boundaries on record. */
function frameOf(layers: readonly MapLayer[]): CityDto['boundaries'] {
  const pts = layers.flatMap((l) => l.points);
  if (pts.length === 0) return { type: 'FeatureCollection', features: [] };
  const lngs = pts.map((p) => p.lng);
  const lats = pts.map((p) => p.lat);
  const pad = 0.05;
  const [x0, x1] = [Math.min(...lngs) - pad, Math.max(...lngs) + pad];
  const [y0, y1] = [Math.min(...lats) - pad, Math.max(...lats) + pad];
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: '', name: '' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x0, y0],
              [x1, y0],
              [x1, y1],
              [x0, y1],
              [x0, y0],
            ],
          ],
        },
      },
    ],
  };
}

interface Props {
  city: CityDto;
  layers: MapLayer[];
  height?: number | string;
  label: string;
  onPointClick?: (layer: string, id: string) => void;
  /** Called with a district's code when its area is clicked. */
  onDistrictClick?: (code: string) => void;
  /** Code of the district drawn highlighted (the drill-down). */
  selectedDistrict?: string | null;
}

export function CityMap({
  city,
  layers,
  height = 480,
  label,
  onPointClick,
  onDistrictClick,
  selectedDistrict,
}: Props) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());

  const hasBoundaries = city.boundaries.features.length > 0;
  const mapName = `city-${city.code ?? city.name}-${hasBoundaries ? 'districts' : 'frame'}`;
  // Registering again under the same name replaces the geometry, so a changed city redraws. A city
  // with neither boundaries nor located sites (yet) has no geometry: ECharts cannot lay out an
  // empty map, so none is drawn until there is something to draw.
  const drawable = useMemo(() => {
    const geo = hasBoundaries ? city.boundaries : frameOf(layers);
    if (geo.features.length === 0) return false;
    echarts.registerMap(mapName, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
    return true;
  }, [mapName, city.boundaries, hasBoundaries, layers]);

  const option = useMemo<ChartOption>(() => {
    const names = new Map(city.districts.map((d) => [d.code, english ? d.nameEn || d.name : d.name]));
    const districtLabels = city.boundaries.features.flatMap((f) => {
      const at = labelPoint(f.geometry);
      return at === null
        ? []
        : [{ name: names.get(f.properties.code) ?? f.properties.name, code: f.properties.code, value: at }];
    });
    const selectedName =
      selectedDistrict === null || selectedDistrict === undefined
        ? undefined
        : city.boundaries.features.find((f) => f.properties.code === selectedDistrict)?.properties.name;
    const visible = layers.filter((l) => !hidden.has(l.key));
    const [[minLon, minLat], [maxLon, maxLat]] = city.bounds ?? [
      [0, 0],
      [0, 0],
    ];
    return {
      backgroundColor: 'transparent',
      tooltip: {
        trigger: 'item',
        confine: true,
        backgroundColor: 'rgba(8, 22, 36, 0.94)',
        borderColor: '#2b6f8f',
        textStyle: { color: '#e6f1f8' },
        formatter: (p: unknown) => {
          const data = (p as { data?: { detail?: string[]; name?: string } }).data;
          if (data?.detail === undefined) return htmlText(data?.name ?? (p as { name?: string }).name ?? '');
          return data.detail
            .filter((line) => line !== '')
            .map((line, i) => (i === 0 ? `<b>${htmlText(line)}</b>` : htmlText(line)))
            .join('<br/>');
        },
      },
      geo: {
        map: mapName,
        roam: true,
        ...(hasBoundaries && city.bounds !== null
          ? {
              boundingCoords: [
                [minLon, maxLat],
                [maxLon, minLat],
              ],
            }
          : {}),
        // Fitted into the box whatever the city's shape (aspect kept): wide and tall cities alike.
        top: 8,
        bottom: 8,
        left: 8,
        right: 8,
        aspectScale: 0.86,
        label: { show: false },
        tooltip: { show: false },
        itemStyle: {
          areaColor: '#0f2f47',
          borderColor: hasBoundaries ? '#3f93c0' : 'rgba(63,147,192,0.3)',
          borderWidth: 1.2,
          shadowColor: 'rgba(0, 180, 255, 0.35)',
          shadowBlur: 12,
        },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#17486b' } },
        select: { disabled: true },
        regions:
          selectedName === undefined
            ? []
            : [
                {
                  name: selectedName,
                  itemStyle: { areaColor: '#1f5f86', borderColor: '#7fd3ff', borderWidth: 2 },
                },
              ],
      },
      series: [
        ...visible.map((layer) => ({
          type: 'scatter' as const,
          id: layer.key,
          name: layer.name,
          coordinateSystem: 'geo',
          symbol: layer.symbol,
          symbolSize: layer.size,
          z: 3,
          itemStyle: { color: layer.points[0]?.color ?? '#888' },
          labelLayout: { hideOverlap: true },
          label: {
            show: layer.points.some((p) => p.label !== undefined),
            position: 'right' as const,
            color: '#e6f1f8',
            fontSize: 11,
            formatter: (p: unknown) => (p as { data?: { text?: string } }).data?.text ?? '',
          },
          data: layer.points.map((pt) => ({
            name: pt.name,
            id: pt.id,
            value: [pt.lng, pt.lat],
            text: pt.label,
            detail: pt.detail,
            itemStyle: {
              color: pt.color,
              opacity: pt.stale === true ? 0.45 : 0.92,
              borderColor: pt.border ?? 'rgba(255,255,255,0.7)',
              borderWidth: pt.border !== undefined ? 2.5 : 1,
              borderType: pt.stale === true ? ('dashed' as const) : ('solid' as const),
            },
          })),
        })),
        {
          // District names above every marker, so none is hidden; they take no pointer events.
          type: 'scatter' as const,
          id: 'district-labels',
          name: 'district-labels',
          coordinateSystem: 'geo',
          symbolSize: 0,
          silent: true,
          z: 5,
          tooltip: { show: false },
          label: {
            show: true,
            position: 'inside' as const,
            color: 'rgba(214, 234, 248, 0.85)',
            fontSize: 12,
            fontWeight: 'bold' as const,
            textBorderColor: 'rgba(8, 22, 36, 0.9)',
            textBorderWidth: 3,
            formatter: (p: unknown) => (p as { name?: string }).name ?? '',
          },
          data: districtLabels,
        },
      ],
    };
  }, [city, mapName, hasBoundaries, layers, hidden, english, selectedDistrict]);

  const toggle = (key: string): void =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <div className="city-map" data-testid="city-map-canvas">
      <div className="map-layers" role="group" aria-label={t('cityView.layers')}>
        {layers.map((l) => (
          <button
            key={l.key}
            type="button"
            className={`map-layer ${hidden.has(l.key) ? 'off' : 'on'}`}
            aria-pressed={!hidden.has(l.key)}
            data-testid={`map-layer-${l.key}`}
            onClick={() => toggle(l.key)}
          >
            <i
              className={`map-layer-symbol ${l.symbol}`}
              style={{ background: l.points[0]?.color ?? CHART_TEXT }}
            />
            {l.name} <small>{l.points.length}</small>
          </button>
        ))}
        {onDistrictClick !== undefined && hasBoundaries && (
          <span className="muted small map-hint">{t('cityView.drillHint')}</span>
        )}
      </div>
      {!drawable ? (
        <p className="muted" style={{ height }}>
          {t('state.empty')}
        </p>
      ) : (
        <EChart
          option={option}
          height={height}
          label={label}
          onClick={(p) => {
            const data = p.data as { id?: string } | undefined;
            const series = (p as { seriesId?: string }).seriesId;
            if (data?.id !== undefined && series !== undefined) {
              onPointClick?.(series, data.id);
              return;
            }
            if ((p as { componentType?: string }).componentType === 'geo' && p.name !== undefined) {
              const code = city.boundaries.features.find((f) => f.properties.name === p.name)?.properties
                .code;
              if (code !== undefined && code !== '') onDistrictClick?.(code);
            }
          }}
        />
      )}
    </div>
  );
}
