/**
 * Display names of HJ 212-2017 parameter codes, from the server's parameter registry
 * (src/standards/parameters.ts), and how an O2-corrected series is named: the `-Zs` suffix, after
 * the converted (折算) values `-ZsRtd`, `-ZsAvg`… of HJ 212-2017 Table 4 (docs/standards/hj212.md §5).
 */
import { parameterInfo } from '@server/standards/parameters.js';

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

/** The unit as printed: `mg/m3` → `mg/m³`. */
export function unitText(unit: string): string {
  return unit.replace(/m3\b/g, 'm³');
}
