/**
 * ECharts with only the parts the dashboard draws (tree-shaken): line, bar, scatter, heatmap,
 * funnel and gauge charts over grid, geo, calendar, tooltip, legend and visualMap, on canvas.
 */
import { BarChart, FunnelChart, GaugeChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import type {
  BarSeriesOption,
  FunnelSeriesOption,
  GaugeSeriesOption,
  HeatmapSeriesOption,
  LineSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import {
  CalendarComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import type {
  CalendarComponentOption,
  GeoComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  FunnelChart,
  GaugeChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  CalendarComponent,
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | FunnelSeriesOption
  | GaugeSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | CalendarComponentOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

export { echarts };

/** Shared look of the dark cockpit: axis and text colours. */
export const CHART_TEXT = '#a9bccb';
export const CHART_LINE = 'rgba(120, 160, 190, 0.25)';
export const CHART_ACCENT = '#3fd1c1';

export const axisStyle = {
  axisLine: { lineStyle: { color: CHART_LINE } },
  axisLabel: { color: CHART_TEXT },
  splitLine: { lineStyle: { color: CHART_LINE } },
} as const;
