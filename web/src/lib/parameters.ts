/**
 * Display names, units and decimals of HJ 212-2017 parameter codes, from the server's parameter
 * registry (src/standards/parameters.ts) — the one place a page learns that a21026 is 二氧化硫 SO₂
 * in mg/m³ printed to 2 decimals — and how an O2-corrected series is named: the `-Zs` suffix, after
 * the converted (折算) values `-ZsRtd`, `-ZsAvg`… of HJ 212-2017 Table 4 (docs/standards/hj212.md §5).
 */
import { parameterInfo } from '@server/standards/parameters.js';
import { formatFixed } from './format';

/** Suffix of the O2-corrected value of a parameter. */
export const CORRECTED_SUFFIX = '-Zs';

/** `二氧化硫` / `SO₂`; the code alone when unknown. A `-Zs` code is named as corrected. */
export function parameterName(code: string, english: boolean): string {
  const base = code.endsWith(CORRECTED_SUFFIX) ? code.slice(0, -CORRECTED_SUFFIX.length) : code;
  const info = parameterInfo(base);
  if (info === undefined) return code;
  const name = english ? info.en : info.zh;
  return base === code ? name : `${name} (${english ? 'corrected' : '折算'})`;
}

/** The unit as printed: `mg/m3` → `mg/m³`, `m2` → `m²`; `dimensionless` prints as nothing. */
export function unitText(unit: string): string {
  if (unit === 'dimensionless') return '';
  return unit.replace(/m3\b/g, 'm³').replace(/m2\b/g, 'm²');
}

/** The registry entry of a code or of its `-Zs` corrected form. */
function infoOf(code: string) {
  return parameterInfo(code.endsWith(CORRECTED_SUFFIX) ? code.slice(0, -CORRECTED_SUFFIX.length) : code);
}

/**
 * The printed unit of a parameter (`mg/m³`); at an ambient air-quality station the station's unit
 * (SO2 in µg/m³). Empty when the code is unknown or has no unit.
 */
export function parameterUnit(code: string, ambient = false): string {
  const info = infoOf(code);
  if (info === undefined) return '';
  return unitText(ambient && info.ambient !== null ? info.ambient.unit : info.unit);
}

/** The decimals a parameter's values are printed with (the registry's), or undefined when unknown. */
export function parameterDecimals(code: string, ambient = false): number | undefined {
  const info = infoOf(code);
  if (info === undefined) return undefined;
  return ambient && info.ambient !== null ? info.ambient.decimals : info.decimals;
}

/** Longest English name added after the Chinese one (a formula or an abbreviation: SO₂, COD, PM2.5). */
const SHORT_NAME_MAX = 8;

/**
 * A parameter as a heading: `二氧化硫 SO₂ (mg/m³)` — in Chinese the name followed by the formula or
 * abbreviation where there is a short one, in English the English name — and the unit; the code
 * alone when unknown.
 */
export function parameterLabel(code: string, english: boolean, ambient = false): string {
  const info = infoOf(code);
  if (info === undefined) return code;
  const base = english ? info.en : info.zh;
  const short = !english && info.en.length <= SHORT_NAME_MAX && info.en !== info.zh ? ` ${info.en}` : '';
  const corrected = code.endsWith(CORRECTED_SUFFIX) ? (english ? ' (corrected)' : ' (折算)') : '';
  const withShort = `${base}${short}${corrected}`;
  const unit = parameterUnit(code, ambient);
  return unit === '' ? withShort : `${withShort} (${unit})`;
}

/**
 * A value of a parameter with the registry's decimals and, unless `withUnit` is false, its unit:
 * `35.20 mg/m³`; an em dash when missing.
 */
export function formatParameterValue(
  value: number | null | undefined,
  code: string,
  options: { withUnit?: boolean; ambient?: boolean } = {},
): string {
  const ambient = options.ambient ?? false;
  const unit = options.withUnit === false ? '' : parameterUnit(code, ambient);
  return formatFixed(value, parameterDecimals(code, ambient), unit);
}
