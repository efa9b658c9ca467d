/**
 * Parameter (pollutant) codes: the HJ/T 212-2005 codes and their HJ 212-2017 equivalents, from the
 * 原编码 ("old code") column of HJ 212-2017 Appendix B Tables B.1 (water) and B.2 (gas)
 * (docs/standards/hj212.md §8). HJ 212-2025 keeps the 2017 codes as far as is known.
 *
 * The code set is NOT inferred from the protocol edition (docs/standards/hj212.md §8): 2021 loggers send 2017
 * codes with a 2005 header and vice versa, so mapping goes by the code's shape and the packet's ST.
 */

/** An HJ/T 212-2005 code mapped to HJ 212-2017, with the name printed in Appendix B. */
export interface LegacyCodeEntry {
  readonly code2017: string;
  readonly name: string;
}

/**
 * Flue-gas / air codes of HJ/T 212-2005 → HJ 212-2017 (HJ 212-2017 Table B.2, 原编码 column).
 * 2005 codes with no 2017 mapping (16 benzene series, 99 other, B03 noise) are absent on purpose.
 */
export const LEGACY_2005_GAS_CODES: Readonly<Record<string, LegacyCodeEntry>> = {
  B02: { code2017: 'a00000', name: 'flue gas flow' },
  '01': { code2017: 'a34013', name: 'particulate (smoke dust)' },
  '02': { code2017: 'a21026', name: 'SO2' },
  '03': { code2017: 'a21002', name: 'NOx' },
  '04': { code2017: 'a21005', name: 'CO' },
  '05': { code2017: 'a21028', name: 'H2S' },
  '06': { code2017: 'a21018', name: 'fluoride' },
  '07': { code2017: 'a21017', name: 'cyanide' },
  '08': { code2017: 'a21024', name: 'HCl' },
  '09': { code2017: 'a34038', name: 'asphalt fume' },
  '10': { code2017: 'a21001', name: 'NH3' },
  '11': { code2017: 'a21022', name: 'Cl2' },
  '12': { code2017: 'a99051', name: 'CS2' },
  '13': { code2017: 'a30022', name: 'mercaptans' },
  '14': { code2017: 'a34039', name: 'sulphuric-acid mist' },
  '15': { code2017: 'a34040', name: 'chromic-acid mist' },
  '17': { code2017: 'a25003', name: 'toluene' },
  '18': { code2017: 'a25005', name: 'xylene' },
  '19': { code2017: 'a31001', name: 'formaldehyde' },
  '20': { code2017: 'a25044', name: 'benzo[a]pyrene' },
  '21': { code2017: 'a26001', name: 'anilines' },
  '22': { code2017: 'a25023', name: 'nitrobenzene' },
  '23': { code2017: 'a25010', name: 'chlorobenzene' },
  '24': { code2017: 'a99049', name: 'phosgene' },
  '25': { code2017: 'a24087', name: 'hydrocarbons' },
  '26': { code2017: 'a31002', name: 'acetaldehyde' },
  '27': { code2017: 'a23001', name: 'phenols' },
  '28': { code2017: 'a30001', name: 'methanol' },
  '29': { code2017: 'a24046', name: 'vinyl chloride' },
  '30': { code2017: 'a05001', name: 'CO2' },
  '31': { code2017: 'a20057', name: 'mercury and compounds' },
  '32': { code2017: 'a20043', name: 'lead and compounds' },
  '33': { code2017: 'a20025', name: 'cadmium and compounds' },
  '34': { code2017: 'a20091', name: 'tin and compounds' },
  '35': { code2017: 'a20063', name: 'nickel and compounds' },
  '36': { code2017: 'a20016', name: 'beryllium and compounds' },
  '37': { code2017: 'a01010', name: 'Ringelmann blackness' },
  S01: { code2017: 'a19001', name: 'O2 content' },
  S02: { code2017: 'a01011', name: 'flue gas velocity' },
  S03: { code2017: 'a01012', name: 'flue gas temperature' },
  S04: { code2017: 'a01017', name: 'flue gas dynamic pressure' },
  S05: { code2017: 'a01014', name: 'flue gas humidity' },
  S06: { code2017: 'a01015', name: 'cooler temperature' },
  S07: { code2017: 'a01016', name: 'flue cross-section area' },
  S08: { code2017: 'a01013', name: 'flue gas pressure' },
};

/**
 * Wastewater codes of HJ/T 212-2005 → HJ 212-2017 (HJ 212-2017 Table B.1, 原编码 column).
 * 028–035 → w20121–w20128 follow the table's consecutive order (Ni, Cu, Zn, Mn, Fe, Ag, Be, Se).
 */
export const LEGACY_2005_WATER_CODES: Readonly<Record<string, LegacyCodeEntry>> = {
  B01: { code2017: 'w00000', name: 'wastewater flow' },
  '001': { code2017: 'w01001', name: 'pH' },
  '002': { code2017: 'w01002', name: 'colour' },
  '003': { code2017: 'w01012', name: 'suspended solids' },
  '010': { code2017: 'w01017', name: 'BOD5' },
  '011': { code2017: 'w01018', name: 'COD' },
  '015': { code2017: 'w01020', name: 'TOC' },
  '020': { code2017: 'w20111', name: 'total mercury' },
  '022': { code2017: 'w20115', name: 'total cadmium' },
  '023': { code2017: 'w20116', name: 'total chromium' },
  '024': { code2017: 'w20117', name: 'hexavalent chromium' },
  '026': { code2017: 'w20119', name: 'total arsenic' },
  '027': { code2017: 'w20120', name: 'total lead' },
  '028': { code2017: 'w20121', name: 'total nickel' },
  '029': { code2017: 'w20122', name: 'total copper' },
  '030': { code2017: 'w20123', name: 'total zinc' },
  '031': { code2017: 'w20124', name: 'total manganese' },
  '032': { code2017: 'w20125', name: 'total iron' },
  '033': { code2017: 'w20126', name: 'total silver' },
  '034': { code2017: 'w20127', name: 'total beryllium' },
  '035': { code2017: 'w20128', name: 'total selenium' },
  '060': { code2017: 'w21003', name: 'ammonia nitrogen' },
  '061': { code2017: 'w99001', name: 'organic nitrogen' },
  '065': { code2017: 'w21001', name: 'total nitrogen' },
  '070': { code2017: 'w21016', name: 'cyanide' },
  '071': { code2017: 'w21019', name: 'sulphide' },
  '072': { code2017: 'w21017', name: 'fluoride' },
  '080': { code2017: 'w22001', name: 'petroleum' },
  '090': { code2017: 'w21022', name: 'chloride' },
  '101': { code2017: 'w21011', name: 'total phosphorus' },
  '110': { code2017: 'w23002', name: 'volatile phenol' },
};

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
    (useGas && Object.hasOwn(LEGACY_2005_GAS_CODES, sentCode)
      ? LEGACY_2005_GAS_CODES[sentCode]
      : undefined) ??
    (useWater && Object.hasOwn(LEGACY_2005_WATER_CODES, sentCode)
      ? LEGACY_2005_WATER_CODES[sentCode]
      : undefined);
  return hit === undefined
    ? { code: sentCode, sentCode, origin: 'as-sent' }
    : { code: hit.code2017, sentCode, origin: 'mapped-2005' };
}
