/**
 * Every limit set of ./index.ts together, and the lookup {@link limitsFor}: which rows apply to an
 * installation on a China-local day.
 *
 * Pure: no I/O.
 */
import { chinaDate } from '../china-time.js';
import { GB13223_2011_LIMITS_MG_M3, GB13223_2011_STANDARD } from './gb13223-2011.js';
import { GB13271_2014_LIMITS_MG_M3, GB13271_2014_STANDARD } from './gb13271-2014.js';
import { GB18485_2014_LIMITS_MG_M3, GB18485_2014_STANDARD } from './gb18485-2014.js';
import { GB18918_2002_CLASS_1A_LIMITS_MG_L, GB18918_2002_STANDARD } from './gb18918-2002.js';
import { GB8978_1996_GRADE1_LIMITS_MG_L, GB8978_1996_STANDARD } from './gb8978-1996.js';
import {
  APPLICABILITY_KEYS,
  EMISSION_STANDARD_IDS,
  isEmissionStandardId,
  type EmissionLimit,
  type EmissionStandardId,
  type EmissionStandardInfo,
  type LimitApplicability,
  type LimitAveraging,
} from './types.js';
import { ULTRA_LOW_2015_LIMITS_MG_M3, ULTRA_LOW_2015_STANDARD } from './ultra-low-2015.js';

/** Descriptions of the limit sets (docs/standards/emission-limits.md §4). */
export const EMISSION_STANDARDS: Readonly<Record<EmissionStandardId, EmissionStandardInfo>> = {
  'ultra-low-2015': ULTRA_LOW_2015_STANDARD,
  'GB 13223-2011': GB13223_2011_STANDARD,
  'GB 13271-2014': GB13271_2014_STANDARD,
  'GB 18485-2014': GB18485_2014_STANDARD,
  'GB 18918-2002': GB18918_2002_STANDARD,
  'GB 8978-1996': GB8978_1996_STANDARD,
};

/** Every row of every limit set. */
export const EMISSION_LIMITS: readonly EmissionLimit[] = [
  ...ULTRA_LOW_2015_LIMITS_MG_M3,
  ...GB13223_2011_LIMITS_MG_M3,
  ...GB13271_2014_LIMITS_MG_M3,
  ...GB18485_2014_LIMITS_MG_M3,
  ...GB18918_2002_CLASS_1A_LIMITS_MG_L,
  ...GB8978_1996_GRADE1_LIMITS_MG_L,
];

/** Stable error codes of {@link limitsFor}. */
export type EmissionLimitErrorCode = 'EMISSION_LIMIT_AMBIGUOUS' | 'EMISSION_LIMIT_BAD_ARGUMENT';

/** Thrown by {@link limitsFor} when the query is under-specified or malformed. */
export class EmissionLimitError extends RangeError {
  constructor(
    readonly code: EmissionLimitErrorCode,
    message: string,
    /** For ambiguity: the applicability dimensions that tell the candidate rows apart. */
    readonly dimensions: readonly (keyof LimitApplicability)[] = [],
  ) {
    super(message);
    this.name = 'EmissionLimitError';
  }
}

function dayOf(date: Date | string): string {
  if (typeof date === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new EmissionLimitError('EMISSION_LIMIT_BAD_ARGUMENT', `date "${date}" must be YYYY-MM-DD`);
    }
    return date;
  }
  if (Number.isNaN(date.getTime())) {
    throw new EmissionLimitError('EMISSION_LIMIT_BAD_ARGUMENT', 'date is an invalid Date');
  }
  return chinaDate(date);
}

function applies(row: EmissionLimit, query: LimitApplicability): boolean {
  return APPLICABILITY_KEYS.every((key) => {
    const wanted = query[key];
    const has = row.applicability[key];
    return wanted === undefined || has === undefined || wanted === has;
  });
}

/**
 * The limits of `standard` that apply to an installation described by `options` on `date` (a
 * China-local day `YYYY-MM-DD`, or an instant read in China time), one row per parameter and
 * averaging period. A row applies when every applicability dimension it names is absent from
 * `options` or equal to it, and `validFrom ≤ day ≤ validTo`.
 *
 * Throws `EmissionLimitError` `EMISSION_LIMIT_AMBIGUOUS` naming the dimensions to add when two rows
 * remain for the same parameter and averaging (e.g. GB 13271-2014 without `tier`), and
 * `EMISSION_LIMIT_BAD_ARGUMENT` for a malformed date. An empty array means nothing applies that day.
 */
export function limitsFor(
  standard: EmissionStandardId,
  options: LimitApplicability,
  date: Date | string,
): EmissionLimit[] {
  return selectLimits(standard, options, date, () => true);
}

function selectLimits(
  standard: EmissionStandardId,
  options: LimitApplicability,
  date: Date | string,
  wanted: (row: EmissionLimit) => boolean,
): EmissionLimit[] {
  if (!isEmissionStandardId(standard)) {
    throw new EmissionLimitError(
      'EMISSION_LIMIT_BAD_ARGUMENT',
      `unknown standard "${String(standard)}" (expected one of ${EMISSION_STANDARD_IDS.join(', ')})`,
    );
  }
  const day = dayOf(date);
  const candidates = EMISSION_LIMITS.filter(
    (row) =>
      row.standard === standard &&
      wanted(row) &&
      (row.validFrom === null || row.validFrom <= day) &&
      (row.validTo === null || day <= row.validTo) &&
      applies(row, options),
  );
  const byKey = new Map<string, EmissionLimit[]>();
  for (const row of candidates) {
    const key = `${row.parameter}/${row.averaging}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const out: EmissionLimit[] = [];
  for (const [key, rows] of byKey) {
    const first = rows[0];
    if (first === undefined) continue;
    if (rows.length > 1) {
      const dims = APPLICABILITY_KEYS.filter(
        (k) => new Set(rows.map((r) => r.applicability[k])).size > 1 && options[k] === undefined,
      );
      throw new EmissionLimitError(
        'EMISSION_LIMIT_AMBIGUOUS',
        `${standard} ${key}: ${rows.length} limits apply (${rows.map((r) => r.value).join(', ')}); specify ${dims.join(', ')}`,
        dims,
      );
    }
    out.push(first);
  }
  return out;
}

/** The one limit of `standard` for `parameter` and `averaging` (see {@link limitsFor}), or null. */
export function limitFor(
  standard: EmissionStandardId,
  parameter: string,
  averaging: LimitAveraging,
  options: LimitApplicability,
  date: Date | string,
): EmissionLimit | null {
  const rows = selectLimits(
    standard,
    options,
    date,
    (r) => r.parameter === parameter && r.averaging === averaging,
  );
  return rows[0] ?? null;
}
