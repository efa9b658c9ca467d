/**
 * The AQI calculator as the CLI (`qingshan calc aqi`) and the API (`GET /api/v1/calc/aqi`) offer it:
 * loosely typed input (flags, query strings, JSON lines) checked field by field, then
 * {@link calcAqi}. One place, so both edges accept and answer exactly the same.
 */
import { BadInputError } from '../errors.js';
import {
  calcAqi,
  type AqiKind,
  type Hj633Name,
  type Hj633Version,
  type PollutantKey,
} from '../standards/aqi.js';
import { parseTimeAsChina } from '../standards/china-time.js';

/** Input keys, as CLI flags (`--o3-8h` → `o3_8h`), query names and JSON keys. */
export const AQI_CALC_KEYS = ['so2', 'no2', 'co', 'o3', 'o3_8h', 'pm10', 'pm25'] as const;

/**
 * A bad input, naming the field (400). Its details name the field as the input gave it, prefixed
 * with {@link AqiCalcOptions.where} when that is given (`querystring.at`).
 */
export class AqiCalcError extends BadInputError {
  constructor(
    readonly field: string,
    readonly detail: string,
    where?: string,
  ) {
    super(`${field}: ${detail}`, [
      { field: where === undefined ? field : `${where}.${field}`, problem: `${field}: ${detail}` },
    ]);
  }
}

/** The calculator's answer. */
export interface AqiCalcOutput {
  standard: Hj633Name;
  kind: AqiKind;
  /** The China-local instant that chose the version, when the version was not named. */
  at: string | null;
  aqi: number | null;
  level: number | null;
  /** 类别, e.g. 轻度污染. */
  category: string | null;
  categoryEn: string | null;
  color: string | null;
  primary: PollutantKey[];
  iaqi: Partial<Record<PollutantKey, number>>;
  /** HJ 633-2012 only: pollutants with IAQI > 100. */
  exceeding?: PollutantKey[];
  missing: PollutantKey[];
  unused: PollutantKey[];
  /** Pollutants above the top breakpoint of their column, reported as IAQI 500; empty when none. */
  beyondTable: PollutantKey[];
  notes: string[];
}

/** How to compute, beside the input itself. */
export interface AqiCalcOptions {
  /**
   * Refuse a concentration above the top breakpoint of its column (an {@link AqiCalcError} naming
   * the pollutant, the value and the breakpoint) instead of reporting IAQI 500 as CNEMC publishes.
   */
  strict?: boolean;
  /** Where the input came from (e.g. `querystring`), prefixed to the field in the error details. */
  where?: string;
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function concentration(key: string, value: unknown, where: string | undefined): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(text(value));
  if (!Number.isFinite(n) || n < 0 || (typeof value !== 'number' && typeof value !== 'string')) {
    throw new AqiCalcError(key, `${JSON.stringify(value)} is not a non-negative number`, where);
  }
  return n;
}

/**
 * Checks loosely typed input and computes the AQI. `now` is used when neither `standard` nor `at`
 * is given (the version in force now). A concentration above its column gives IAQI 500 and is listed
 * in `beyondTable`, unless `strict`. Throws {@link AqiCalcError} naming the first bad field.
 */
export function runAqiCalc(
  input: Record<string, unknown>,
  now: Date,
  options: AqiCalcOptions = {},
): AqiCalcOutput {
  const { where } = options;
  const kind = text(input.kind);
  if (kind !== 'realtime' && kind !== 'daily') {
    throw new AqiCalcError('kind', `${JSON.stringify(input.kind ?? null)} is not realtime or daily`, where);
  }
  const standardText = text(input.standard);
  let standard: Hj633Version | undefined;
  if (standardText !== undefined) {
    if (standardText !== '2012' && standardText !== '2026') {
      throw new AqiCalcError('standard', `"${standardText}" is not 2012 or 2026`, where);
    }
    standard = standardText;
  }
  const atText = text(input.at);
  let at: Date | undefined;
  if (atText !== undefined) {
    try {
      at = parseTimeAsChina(atText);
    } catch (e) {
      throw new AqiCalcError('at', e instanceof Error ? e.message : String(e), where);
    }
  }
  if (standard === undefined && at === undefined) at = now;
  const values = Object.fromEntries(AQI_CALC_KEYS.map((k) => [k, concentration(k, input[k], where)]));
  const unknown = Object.keys(input).filter(
    (k) => !['kind', 'standard', 'at', ...AQI_CALC_KEYS].includes(k as (typeof AQI_CALC_KEYS)[number]),
  );
  if (unknown.length > 0) throw new AqiCalcError(unknown[0] ?? '?', 'unknown field', where);
  let result;
  try {
    result = calcAqi({
      kind,
      ...(standard === undefined ? {} : { standard }),
      ...(at === undefined ? {} : { at }),
      ...values,
      aboveTable: options.strict === true ? 'refuse' : 'cap',
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const field = /^([a-z0-9_]+) = /.exec(message)?.[1] ?? 'input';
    throw new AqiCalcError(field, message.replace(/^[a-z0-9_]+ = /, ''), where);
  }
  return {
    standard: result.standard,
    kind: result.kind,
    at: standard === undefined && at !== undefined ? at.toISOString() : null,
    aqi: result.aqi,
    level: result.level,
    category: result.category,
    categoryEn: result.categoryEn,
    color: result.color,
    primary: result.primary,
    iaqi: result.iaqi,
    ...(result.exceeding === undefined ? {} : { exceeding: result.exceeding }),
    missing: result.missing,
    unused: result.unused,
    beyondTable: result.beyondTable,
    notes: result.specialRules,
  };
}
