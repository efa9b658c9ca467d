/**
 * The label of an HJ 212 parameter in an API answer: its Chinese and English name and the unit a
 * value is stored in, from the one parameter registry (src/standards/parameters.ts). An O2-corrected
 * series (`-Zs`) is named after its parameter; an unknown code is named by itself with no unit.
 */
import { parameterInfo } from '../standards/parameters.js';

/** Suffix of an O2-corrected (折算) series, as the readings name it. */
const CORRECTED_SUFFIX = '-Zs';

/** `{ zh: '二氧化硫', en: 'SO₂' }`, `-Zs` codes with `（折算）` / ` (corrected)`. */
export function parameterNameOf(code: string): { zh: string; en: string } {
  const corrected = code.endsWith(CORRECTED_SUFFIX);
  const info = parameterInfo(corrected ? code.slice(0, -CORRECTED_SUFFIX.length) : code);
  if (info === undefined) return { zh: code, en: code };
  return corrected
    ? { zh: `${info.zh}（折算）`, en: `${info.en} (corrected)` }
    : { zh: info.zh, en: info.en };
}

/** The unit a parameter's values are stored in (ASCII, `mg/m3`), or null when the code is unknown. */
export function parameterUnitOf(code: string): string | null {
  const base = code.endsWith(CORRECTED_SUFFIX) ? code.slice(0, -CORRECTED_SUFFIX.length) : code;
  return parameterInfo(base)?.unit ?? null;
}
