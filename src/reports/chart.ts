/**
 * Charts of the reports as plain shapes (docs/reports.md §3): a chart and a box become rectangles,
 * lines, a polyline and texts, which the PDF renderer draws with pdfkit's vector primitives and the
 * HTML renderer writes as SVG — one layout for both. Pure: no I/O, no fonts (texts are placed by
 * anchor; the renderer measures nothing).
 */
import type { ReportChart } from './report-doc.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Shape =
  | { t: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | {
      t: 'line';
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      stroke: string;
      width: number;
      dash?: boolean;
    }
  | { t: 'polyline'; points: [number, number][]; stroke: string; width: number }
  | {
      t: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      fill: string;
    };

const AXIS = '#555555';
const GRID = '#dddddd';
/** Most x labels printed (the others are skipped evenly). */
const MAX_X_LABELS = 12;

/** A round upper bound of the axis: 1, 2, 2.5 or 5 × 10ⁿ at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** The shapes of a chart laid out in a box (y grows downwards, as in PDF and SVG). */
export function chartShapes(chart: ReportChart, box: Box): Shape[] {
  const out: Shape[] = [];
  const titleH = 16;
  const legendH = chart.series.length > 1 ? 12 : 0;
  const left = box.x + 34;
  const right = box.x + box.w - 6;
  const top = box.y + titleH + legendH + 6;
  const bottom = box.y + box.h - 16;
  out.push({
    t: 'text',
    x: box.x,
    y: box.y + 11,
    text: `${chart.title}（${chart.unit}）`,
    size: 10,
    anchor: 'start',
    fill: '#000000',
  });
  chart.series.forEach((s, i) => {
    if (chart.series.length < 2) return;
    const lx = left + i * 110;
    out.push({ t: 'rect', x: lx, y: box.y + titleH + 2, w: 8, h: 8, fill: s.color });
    out.push({
      t: 'text',
      x: lx + 11,
      y: box.y + titleH + 9,
      text: s.name,
      size: 7,
      anchor: 'start',
      fill: AXIS,
    });
  });
  const all = chart.series.flatMap((s) => s.values.flatMap((v) => (v === null ? [] : [v])));
  const top100 = niceMax(Math.max(0, ...all, chart.reference?.value ?? 0));
  const yOf = (v: number): number => bottom - ((bottom - top) * v) / top100;
  for (let i = 0; i <= 4; i += 1) {
    const v = (top100 * i) / 4;
    const y = yOf(v);
    out.push({ t: 'line', x1: left, y1: y, x2: right, y2: y, stroke: i === 0 ? AXIS : GRID, width: 0.5 });
    out.push({ t: 'text', x: left - 3, y: y + 3, text: fmt(v), size: 7, anchor: 'end', fill: AXIS });
  }
  const n = Math.max(1, chart.labels.length);
  const step = (right - left) / n;
  const every = Math.max(1, Math.ceil(n / MAX_X_LABELS));
  chart.labels.forEach((label, i) => {
    if (i % every !== 0) return;
    out.push({
      t: 'text',
      x: left + step * (i + 0.5),
      y: bottom + 10,
      text: label,
      size: 7,
      anchor: 'middle',
      fill: AXIS,
    });
  });
  if (chart.kind === 'bar') {
    const k = chart.series.length;
    const barW = (step * 0.7) / k;
    chart.series.forEach((s, j) => {
      s.values.forEach((v, i) => {
        if (v === null) return;
        const x = left + step * i + step * 0.15 + barW * j;
        const color = (k === 1 ? chart.barColors?.[i] : null) ?? s.color;
        out.push({ t: 'rect', x, y: yOf(v), w: barW, h: bottom - yOf(v), fill: color });
      });
    });
  } else {
    for (const s of chart.series) {
      // A gap in the values breaks the line.
      let run: [number, number][] = [];
      const flush = (): void => {
        if (run.length > 1) out.push({ t: 'polyline', points: run, stroke: s.color, width: 1.2 });
        if (run.length === 1) {
          const [p] = run;
          if (p !== undefined)
            out.push({ t: 'rect', x: p[0] - 1.5, y: p[1] - 1.5, w: 3, h: 3, fill: s.color });
        }
        run = [];
      };
      s.values.forEach((v, i) => {
        if (v === null) flush();
        else run.push([left + step * (i + 0.5), yOf(v)]);
      });
      flush();
    }
  }
  if (chart.reference !== undefined) {
    const y = yOf(chart.reference.value);
    out.push({ t: 'line', x1: left, y1: y, x2: right, y2: y, stroke: '#cc0000', width: 0.8, dash: true });
    out.push({
      t: 'text',
      x: right,
      y: y - 2,
      text: chart.reference.label,
      size: 7,
      anchor: 'end',
      fill: '#cc0000',
    });
  }
  return out;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart as an inline SVG element of `w` × `h`. */
export function chartSvg(chart: ReportChart, w = 640, h = 220): string {
  const parts = chartShapes(chart, { x: 0, y: 0, w, h }).map((s) => {
    switch (s.t) {
      case 'rect':
        return `<rect x="${s.x.toFixed(1)}" y="${s.y.toFixed(1)}" width="${s.w.toFixed(1)}" height="${s.h.toFixed(1)}" fill="${s.fill}"/>`;
      case 'line':
        return `<line x1="${s.x1.toFixed(1)}" y1="${s.y1.toFixed(1)}" x2="${s.x2.toFixed(1)}" y2="${s.y2.toFixed(1)}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash === true ? ' stroke-dasharray="4 3"' : ''}/>`;
      case 'polyline':
        return `<polyline fill="none" stroke="${s.stroke}" stroke-width="${s.width}" points="${s.points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`;
      case 'text':
        return `<text x="${s.x.toFixed(1)}" y="${s.y.toFixed(1)}" font-size="${s.size}" text-anchor="${s.anchor}" fill="${s.fill}">${esc(s.text)}</text>`;
      default: {
        const impossible: never = s;
        throw new RangeError(`unknown shape ${JSON.stringify(impossible)}`);
      }
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(chart.title)}">${parts.join('')}</svg>`;
}
