/**
 * A report as a format-neutral document (docs/reports.md §2): a title, lines about it, and sections
 * of paragraphs, charts and tables. The builders (./report-builders.ts) make one from the services'
 * figures; the renderers turn the same document into PDF (./render-pdf.ts), XLSX (./render-xlsx.ts)
 * and HTML (./render-html.ts), so the three formats never disagree.
 */
import type { ExportTable } from './table-export.js';

/** The kinds of report (issue 15 §3). */
export const REPORT_KINDS = [
  'air-daily',
  'environment-monthly',
  'enterprise-monthly',
  'indicators-annual',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The file formats of a report. */
export const REPORT_FORMATS = ['pdf', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What period each kind covers: a China-local date, month or year. */
export const REPORT_PERIOD_KIND: Readonly<Record<ReportKind, 'day' | 'month' | 'year'>> = {
  'air-daily': 'day',
  'environment-monthly': 'month',
  'enterprise-monthly': 'month',
  'indicators-annual': 'year',
};

/** A bar or line chart: labels along x, one or more series of values (null = no value). */
export interface ReportChart {
  kind: 'bar' | 'line';
  title: string;
  unit: string;
  labels: string[];
  series: { name: string; values: (number | null)[]; color: string }[];
  /** Bar charts of one series: a colour per bar (e.g. the AQI level colour), overriding the series colour. */
  barColors?: (string | null)[];
  /** A horizontal reference line (a limit or a target). */
  reference?: { value: number; label: string };
}

/** A table whose row type is erased (each table only ever sees its own rows). */
export type ReportTable = ExportTable<unknown>;

/** Erases a table's row type so tables of different rows sit in one list. */
export function reportTable<Row>(table: ExportTable<Row>): ReportTable {
  return table as unknown as ReportTable;
}

export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  chart?: ReportChart;
  tables?: ReportTable[];
}

export interface ReportDoc {
  kind: ReportKind;
  period: string;
  title: string;
  /** Lines under the title: the period, the standards used, who generated it when. */
  lines: string[];
  sections: ReportSection[];
}

/** A rendered report. */
export interface RenderedReport {
  bytes: Buffer;
  mediaType: string;
  filename: string;
}

export const REPORT_MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};
