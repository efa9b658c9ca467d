/**
 * What a package check found: an error rejects its row (or its file), a warning is reported and
 * imported. Each issue names where it is — file, sheet (XLSX), line (row), column, value — and says
 * what is wrong in Chinese and English (docs/city-package.md §4).
 */
import type { Bilingual } from './format.js';

export const ISSUE_LANGS = ['zh', 'en'] as const;
export type IssueLang = (typeof ISSUE_LANGS)[number];

export interface PackageIssue {
  severity: 'error' | 'warning';
  /** Stable code of the check, e.g. "unknown-column", "credit-code-check". */
  code: string;
  /** File name (a CSV, the XLSX, boundaries.geojson). */
  file: string;
  /** Sheet of an XLSX package; null for a CSV or GeoJSON file. */
  sheet: string | null;
  /** 1-based line (CSV), row (XLSX) or feature number (GeoJSON); null for the whole file. */
  line: number | null;
  column: string | null;
  value: string | null;
  message: Bilingual;
}

/** Where an issue is, before what it says. */
export interface IssuePlace {
  file: string;
  sheet: string | null;
  line: number | null;
  column?: string | null;
  value?: string | null;
}

export function issue(
  severity: PackageIssue['severity'],
  code: string,
  place: IssuePlace,
  message: Bilingual,
): PackageIssue {
  return {
    severity,
    code,
    file: place.file,
    sheet: place.sheet,
    line: place.line,
    column: place.column ?? null,
    value: place.value ?? null,
    message,
  };
}

/** One line for a person: `file [sheet] line 4, column code: message`. */
export function formatIssue(i: PackageIssue, lang: IssueLang): string {
  const where: string[] = [i.sheet === null ? i.file : `${i.file} [${i.sheet}]`];
  if (lang === 'zh') {
    if (i.line !== null) where.push(`第 ${i.line} 行`);
    if (i.column !== null) where.push(`${i.column} 列`);
    return `${where.join('，')}：${i.message.zh}`;
  }
  if (i.line !== null) where.push(`line ${i.line}`);
  if (i.column !== null) where.push(`column ${i.column}`);
  return `${where.join(', ')}: ${i.message.en}`;
}
