/**
 * Display helpers: every time shown in China time (UTC+8) whatever the browser's zone, and every
 * number with its unit. Built on the server's China-time module, the one tested conversion.
 */
import { chinaDate, utcToChinaLocal } from '@server/standards/china-time.js';

const pad = (n: number): string => String(n).padStart(2, '0');

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `YYYY-MM-DD HH:mm` in China time, or an em dash. */
export function formatChinaTime(value: string | Date | null | undefined): string {
  const d = toDate(value);
  if (d === null) return '—';
  const p = utcToChinaLocal(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `HH:mm` in China time. */
export function formatChinaClock(value: string | Date | null | undefined): string {
  const d = toDate(value);
  if (d === null) return '—';
  const p = utcToChinaLocal(d);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** `YYYY-MM-DD`, the China-local date. */
export function formatChinaDate(value: string | Date | null | undefined): string {
  const d = toDate(value);
  return d === null ? '—' : chinaDate(d);
}

/** `MM-DD HH:00` for chart axes of hourly data. */
export function formatChinaHour(value: string | Date): string {
  const d = toDate(value);
  if (d === null) return '';
  const p = utcToChinaLocal(d);
  return `${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:00`;
}

/** A number with a fixed count of decimals and its unit, e.g. `35 µg/m³`; em dash when missing. */
export function formatValue(value: number | null | undefined, unit = '', decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = decimals ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  const text = value.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

/**
 * A number with exactly `decimals` fraction digits (trailing zeros kept: a reading printed to its
 * parameter's precision) and its unit; with `decimals` undefined, as `formatValue` chooses. An em
 * dash when missing.
 */
export function formatFixed(
  value: number | null | undefined,
  decimals: number | undefined,
  unit = '',
): string {
  if (decimals === undefined) return formatValue(value, unit);
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toLocaleString('zh-CN', {
    maximumFractionDigits: decimals,
    minimumFractionDigits: decimals,
    useGrouping: false,
  });
  return unit ? `${text} ${unit}` : text;
}

/** `YYYY-MM-DD HH:mm:ss` in China time, or an em dash. */
export function formatChinaTimeSeconds(value: string | Date | null | undefined): string {
  const d = toDate(value);
  if (d === null) return '—';
  const p = utcToChinaLocal(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * How long ago an instant was, in words of the language (`5 分钟前` / `5 min ago`), or the China
 * time when it is more than a day ago or in the future.
 */
export function formatAgo(
  value: string | Date | null | undefined,
  english: boolean,
  now = new Date(),
): string {
  const d = toDate(value);
  if (d === null) return '—';
  const minutes = Math.floor((now.getTime() - d.getTime()) / 60_000);
  if (minutes < 0 || minutes >= 24 * 60) return formatChinaTime(d);
  if (minutes < 1) return english ? 'just now' : '刚刚';
  if (minutes < 60) return english ? `${minutes} min ago` : `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  return english ? `${hours} h ago` : `${hours} 小时前`;
}

/** A ratio 0–1 as a percentage with one decimal. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(1)}%`;
}

/** The current China-local date as `YYYY-MM-DD`. */
export function chinaToday(now = new Date()): string {
  return chinaDate(now);
}

/** An hour label as the API sends it (ISO with +08:00) shown as China time `YYYY-MM-DD HH:mm`. */
export function formatHourLabel(label: string | null | undefined, fallback?: string | null): string {
  return formatChinaTime(label ?? fallback ?? null);
}

/**
 * A standard's rule id as a person reads it: `HJ 663-2026 (assumed identical to HJ 663-2013; text
 * not obtained)` → `HJ 663-2026`. The parenthesis is the project's note on how it read the text,
 * which belongs in docs/standards/, not on a page.
 */
export function standardName(id: string | null | undefined): string {
  if (id === null || id === undefined || id === '') return '—';
  return id.replace(/\s*[(（][^)）]*[)）]\s*$/, '').trim();
}
