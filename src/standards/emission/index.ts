/**
 * Emission and discharge limits of pollution sources — one file per standard, the lookup
 * {@link limitsFor}, and the O2 correction gas limits are judged with: the public face. Pure, no I/O.
 */
export * from './db33-2169.js';
export * from './lookup.js';
export * from './o2-correction.js';
export {
  EMISSION_STANDARD_IDS,
  isEmissionStandardId,
  type EmissionLimit,
  type EmissionStandardId,
  type EmissionStandardInfo,
  type LimitApplicability,
  type LimitAveraging,
  type LimitEvidence,
  type LimitUnit,
  type LocalLimitRow,
} from './types.js';
