/**
 * The case list's filter as it lives in the address bar (`/cases?state=verified,assigned&from=…`),
 * so that a cockpit figure can link to exactly the cases it counts and a filtered list can be
 * bookmarked. The same keys are the query of `GET /api/v1/cases` and of its export.
 */
import type { CaseStateDto, FigureQueryDto } from '@server/api/case.schemas.js';

/** The filter keys of the case list, in the order the address bar shows them. */
export const CASE_FILTER_KEYS = [
  'state',
  'overdue',
  'from',
  'to',
  'districtCode',
  'enterpriseSiteId',
  'category',
  'source',
  'responsibleType',
  'responsibleCode',
  'sort',
] as const;
export type CaseFilterKey = (typeof CASE_FILTER_KEYS)[number];

/** A filter: each key's text as it appears in the address bar ('' or absent = no filter). */
export type CaseFilter = Partial<Record<CaseFilterKey, string>>;

/** The filter of the address bar's query string. */
export function filterOfSearch(search: URLSearchParams): CaseFilter {
  const f: CaseFilter = {};
  for (const key of CASE_FILTER_KEYS) {
    const all = search.getAll(key).filter((v) => v !== '');
    if (all.length > 0) f[key] = all.join(',');
  }
  return f;
}

/** The filter as a query string (without `?`), keys in a fixed order. */
export function searchOfFilter(f: CaseFilter): string {
  const params = new URLSearchParams();
  for (const key of CASE_FILTER_KEYS) {
    const v = f[key];
    if (v !== undefined && v !== '') params.set(key, v);
  }
  return params.toString().replace(/%2C/g, ',');
}

/** The case list's address for a filter. */
export function caseListHref(f: CaseFilter): string {
  const qs = searchOfFilter(f);
  return qs === '' ? '/cases' : `/cases?${qs}`;
}

/** The list filter a figure of `GET /cases/figures` carries, as an address-bar filter. */
export function filterOfFigure(q: FigureQueryDto): CaseFilter {
  const f: CaseFilter = {};
  if (q.state !== undefined && q.state.length > 0) f.state = q.state.join(',');
  if (q.overdue === true) f.overdue = 'true';
  if (q.from !== undefined) f.from = q.from;
  if (q.to !== undefined) f.to = q.to;
  if (q.districtCode !== undefined) f.districtCode = q.districtCode;
  if (q.category !== undefined) f.category = q.category;
  if (q.source !== undefined) f.source = q.source;
  return f;
}

/** The states of a filter, for the state picker. */
export function statesOf(f: CaseFilter): CaseStateDto[] {
  return (f.state ?? '').split(',').filter((s) => s !== '') as CaseStateDto[];
}
