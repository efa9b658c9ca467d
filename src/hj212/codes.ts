/**
 * Parameter (pollutant) codes: the HJ/T 212-2005 codes and their HJ 212-2017 equivalents, from the
 * 原编码 ("old code") column of HJ 212-2017 Appendix B Tables B.1 (water) and B.2 (gas)
 * (docs/standards/hj212.md §8) as the parameter registry (src/standards/parameters.ts) holds them.
 * HJ 212-2025 keeps the 2017 codes as far as is known.
 *
 * The code set is NOT inferred from the protocol edition (docs/standards/hj212.md §8): 2021 loggers send 2017
 * codes with a 2005 header and vice versa, so mapping goes by the code's shape and the packet's ST.
 */
import { PARAMETERS } from '../standards/parameters.js';

/** HJ/T 212-2005 code → HJ 212-2017 code, from the 2005 codes of the parameter registry. */
function legacyMap(prefix: 'a' | 'w'): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const p of PARAMETERS) {
    if (p.code2005 !== null && p.code.startsWith(prefix)) map.set(p.code2005, p.code);
  }
  return map;
}

/**
 * Flue-gas / air codes of HJ/T 212-2005 → HJ 212-2017 (Table B.2, 原编码 column). 2005 codes with no
 * 2017 mapping (16 benzene series, 99 other, B03 noise) are absent on purpose.
 */
const LEGACY_2005_GAS_CODES = legacyMap('a');

/**
 * Wastewater codes of HJ/T 212-2005 → HJ 212-2017 (Table B.1, 原编码 column). 028–035 →
 * w20121–w20128 follow the table's consecutive order (Ni, Cu, Zn, Mn, Fe, Ag, Be, Se).
 */
const LEGACY_2005_WATER_CODES = legacyMap('w');

/** ST codes whose packets use the water table (HJ 212-2017 Table 5: 21, 32, 33, 52). */
const WATER_ST = new Set(['21', '32', '33', '52']);
/** ST codes whose packets use the gas table (HJ 212-2017 Table 5: 22, 27, 31, 39, 51). */
const GAS_ST = new Set(['22', '27', '31', '39', '51']);

/** Where a canonical code came from. */
export type CodeOrigin = 'as-sent' | 'mapped-2005';

/** A parameter code resolved to its canonical (HJ 212-2017) name. */
export interface ResolvedCode {
  /** Canonical code: the 2017 code when a 2005 code was mapped, else the code as sent. */
  readonly code: string;
  /** The code exactly as the device sent it. */
  readonly sentCode: string;
  /** `mapped-2005` when {@link code} differs from {@link sentCode}. */
  readonly origin: CodeOrigin;
}

/**
 * Maps a code as sent to its HJ 212-2017 code. Uses the water table for water ST codes, the gas
 * table for gas ST codes and both otherwise (their keys never collide: gas codes have 2 characters
 * or B02/Sxx, water codes 3 characters or B01). A 2005 water code in a gas packet (e.g. a local
 * `023` channel on ST=31) is kept verbatim. Unknown codes are kept verbatim.
 */
export function resolveCode(sentCode: string, st?: string): ResolvedCode {
  const useWater = st === undefined || !GAS_ST.has(st);
  const useGas = st === undefined || !WATER_ST.has(st);
  const hit =
    (useGas ? LEGACY_2005_GAS_CODES.get(sentCode) : undefined) ??
    (useWater ? LEGACY_2005_WATER_CODES.get(sentCode) : undefined);
  return hit === undefined
    ? { code: sentCode, sentCode, origin: 'as-sent' }
    : { code: hit, sentCode, origin: 'mapped-2005' };
}
