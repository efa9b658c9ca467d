/**
 * The city map: the vendored Huzhou district polygons (assets/geo/huzhou.geojson, GCJ-02, offline)
 * registered with ECharts, with point layers on top. Demo site coordinates are chosen against the
 * same file, so no datum shift is applied.
 */
import { useEffect, useMemo, useState } from 'react';
import huzhouGeoUrl from '../../../assets/geo/huzhou.geojson?url';
import { CHART_TEXT, echarts } from './echarts';
import type { ChartOption } from './echarts';
import { EChart } from './EChart';

export const HUZHOU_MAP = 'huzhou';

let registration: Promise<void> | null = null;

/** Fetches and registers the district polygons once per page load. */
export function registerHuzhouMap(): Promise<void> {
  registration ??= fetch(huzhouGeoUrl)
    .then((res) => {
      if (!res.ok) throw new Error(`map: HTTP ${res.status}`);
      return res.json() as Promise<Parameters<typeof echarts.registerMap>[1]>;
    })
    .then((geoJSON) => {
      echarts.registerMap(HUZHOU_MAP, geoJSON);
    })
    .catch((e: unknown) => {
      registration = null;
      throw e;
    });
  return registration;
}

/** One point on the map. */
export interface MapPoint {
  id: string;
  name: string;
  lng: number;
  lat: number;
  color: string;
  /** Short text drawn beside the symbol (e.g. the AQI). */
  label?: string;
  /** Lines of the tooltip. */
  detail: string[];
  /** Outline colour, e.g. red for a section that misses its target. */
  border?: string;
}

export interface MapLayer {
  name: string;
  symbol: 'circle' | 'triangle' | 'diamond' | 'rect' | 'pin';
  size: number;
  points: MapPoint[];
}

interface Props {
  layers: MapLayer[];
  height?: number | string;
  label: string;
  onPointClick?: (layer: string, id: string) => void;
}

export function HuzhouMap({ layers, height = 480, label, onPointClick }: Props) {
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    registerHuzhouMap().then(
      () => live && setReady(true),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  const option = useMemo<ChartOption>(
    () => ({
      backgroundColor: 'transparent',
      tooltip: {
        trigger: 'item',
        backgroundColor: 'rgba(8, 22, 36, 0.92)',
        borderColor: '#2b6f8f',
        textStyle: { color: '#e6f1f8' },
        formatter: (p: unknown) => {
          const data = (p as { data?: { detail?: string[]; name?: string } }).data;
          if (data?.detail === undefined) return (p as { name?: string }).name ?? '';
          return data.detail.map((line, i) => (i === 0 ? `<b>${line}</b>` : line)).join('<br/>');
        },
      },
      legend: {
        bottom: 6,
        left: 'center',
        textStyle: { color: CHART_TEXT },
        itemWidth: 12,
        itemHeight: 12,
        data: layers.map((l) => l.name),
      },
      geo: {
        map: HUZHOU_MAP,
        roam: true,
        layoutCenter: ['50%', '47%'],
        layoutSize: '92%',
        aspectScale: 0.86,
        label: { show: true, color: 'rgba(190, 220, 240, 0.55)', fontSize: 12 },
        itemStyle: {
          areaColor: '#0f2f47',
          borderColor: '#3f93c0',
          borderWidth: 1.2,
          shadowColor: 'rgba(0, 180, 255, 0.35)',
          shadowBlur: 12,
        },
        emphasis: {
          label: { color: '#e6f1f8' },
          itemStyle: { areaColor: '#17486b' },
        },
        select: { disabled: true },
      },
      series: layers.map((layer) => ({
        type: 'scatter' as const,
        name: layer.name,
        coordinateSystem: 'geo',
        symbol: layer.symbol,
        symbolSize: layer.size,
        zlevel: 2,
        itemStyle: { color: layer.points[0]?.color ?? '#888' },
        label: {
          show: layer.points.some((p) => p.label !== undefined),
          position: 'right',
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
            borderColor: pt.border ?? 'rgba(255,255,255,0.7)',
            borderWidth: pt.border !== undefined ? 2.5 : 1,
          },
        })),
      })),
    }),
    [layers],
  );

  if (error !== null) return <div className="state state-error">{error}</div>;
  if (!ready) return <div className="state state-loading" style={{ height }} />;
  return (
    <EChart
      option={option}
      height={height}
      label={label}
      onClick={(p) => {
        const data = p.data as { id?: string } | undefined;
        if (data?.id !== undefined && p.seriesName !== undefined) onPointClick?.(p.seriesName, data.id);
      }}
    />
  );
}
