/** 环发〔2015〕164号 ultra-low emission (超低排放) of coal-fired power units, §2 limits, mg/m³. Pure. */
import { table, type EmissionLimit, type EmissionStandardInfo, type RowSpec } from './types.js';

/** What the limit set is (docs/standards/emission-limits.md §4). */
export const ULTRA_LOW_2015_STANDARD: EmissionStandardInfo = {
  zh: '燃煤电厂超低排放（环发〔2015〕164号）',
  en: 'Ultra-low emission of coal-fired power plants (Huanfa [2015] No. 164)',
  medium: 'gas',
};

/**
 * 环发〔2015〕164号 ultra-low emission (超低排放) for coal-fired power units: PM 10, SO2 35, NOx 50
 * mg/m³ at 6 % O2; gas turbines 5 / 35 / 50 at 15 % O2 (docs/standards/emission-limits.md §4 [unverified]).
 * Start date = the document's issue date as remembered (2015-12-11); regional deadlines (east 2017,
 * centre 2018, west 2020) are not modelled.
 */
export const ULTRA_LOW_2015_LIMITS_MG_M3: readonly EmissionLimit[] = table(
  'ultra-low-2015',
  ULTRA_LOW_2015_STANDARD,
  [
    ...(
      [
        ['a34013', 10],
        ['a21026', 35],
        ['a21002', 50],
      ] as const
    ).map(([parameter, value]): RowSpec => ({
      clause: '环发〔2015〕164号 §2 (coal units)',
      parameter,
      value,
      referenceO2Pct: 6,
      validFrom: '2015-12-11',
      validTo: null,
      applicability: { fuel: 'coal', unitType: 'boiler' },
      evidence: 'unverified',
      note: 'validFrom: issue date from memory',
    })),
    ...(
      [
        ['a34013', 5],
        ['a21026', 35],
        ['a21002', 50],
      ] as const
    ).map(([parameter, value]): RowSpec => ({
      clause: 'gas-turbine ultra-low values (docs/standards/emission-limits.md §4)',
      parameter,
      value,
      referenceO2Pct: 15,
      validFrom: '2015-12-11',
      validTo: null,
      applicability: { fuel: 'gas', unitType: 'gas-turbine' },
      evidence: 'unverified',
      note: 'validFrom: issue date from memory',
    })),
  ],
);
