/**
 * Shared shape of the emission and discharge limit tables (one file per standard beside this one):
 * the standards known, the row type, who a row applies to, and the {@link table} helper that fills
 * in what a standard fixes for all its rows.
 *
 * Evidence: none of these standards' own texts was read. The reference (docs/standards/emission-limits.md §2, §4) tags the
 * air limits and reference O2 [unverified] and the wastewater limits [secondary]; each row carries
 * that tag in `evidence`, and rows or dates that do not appear in the reference at all carry
 * `inReference: false` and say so in `note`. Verify against the published standard before relying
 * on a row for enforcement.
 *
 * Pure: no I/O.
 */
import { parameterInfo } from '../parameters.js';

/** The limit sets {@link limitsFor} serves. Strings match `OutletAttributes.emissionStandard` where they can. */
export const EMISSION_STANDARD_IDS = [
  'ultra-low-2015',
  'GB 13223-2011',
  'GB 13271-2014',
  'GB 18485-2014',
  'GB 18918-2002',
  'GB 8978-1996',
] as const;
export type EmissionStandardId = (typeof EMISSION_STANDARD_IDS)[number];

/** True when `s` names a limit set of {@link EMISSION_STANDARD_IDS} (e.g. an outlet's `emissionStandard`). */
export function isEmissionStandardId(s: string): s is EmissionStandardId {
  return (EMISSION_STANDARD_IDS as readonly string[]).includes(s);
}

/** What a limit set is: its names and whether it limits flue gas or wastewater. */
export interface EmissionStandardInfo {
  zh: string;
  en: string;
  medium: 'gas' | 'water';
}

/** Units of limit values: gas at standard conditions, dry, at the row's reference O2. */
export type LimitUnit = 'mg/m3' | 'mg/L' | 'pH';

/**
 * Averaging period a limit is judged on: `hour` = valid hourly mean (air CEMS), `day` = valid daily
 * mean (wastewater, and the 24-h limits of GB 18485) — docs/standards/emission-limits.md §7.
 */
export type LimitAveraging = 'hour' | 'day';

/**
 * Who a row applies to. A row lists only the dimensions it depends on; a query names its own values.
 *
 * - `unitAge`: new (新建) or existing (现有) installation, as the standard defines them.
 * - `fuel`, `unitType`: fuel and kind of combustion unit.
 * - `noxGroup` (GB 13223-2011 coal): `relaxed` = W-flame boilers, existing CFB boilers and units
 *   built or approved before 2004, held to 200 mg/m³ NOx [unverified]; `general` otherwise.
 * - `sulfurRegion` (GB 13223-2011 coal SO2): `southwest` = Guangxi, Chongqing, Sichuan, Guizhou.
 * - `tier`: `special` = 大气污染物特别排放限值 in key regions (重点地区), `general` otherwise.
 * - `waterTemperature` (GB 18918-2002 NH3-N): the bracketed value applies at ≤ 12 °C.
 * - `commissioned` (GB 18918-2002 TP): plants built from 2006-01-01 or before.
 * - `dischargerType` (GB 8978-1996 COD): municipal secondary WWTP or other units.
 */
export interface LimitApplicability {
  unitAge?: 'new' | 'existing';
  fuel?: 'coal' | 'oil' | 'gas';
  unitType?: 'boiler' | 'gas-turbine' | 'incinerator';
  noxGroup?: 'general' | 'relaxed';
  sulfurRegion?: 'general' | 'southwest';
  tier?: 'general' | 'special';
  waterTemperature?: 'above-12c' | 'at-or-below-12c';
  commissioned?: 'before-2006' | 'from-2006';
  dischargerType?: 'municipal-secondary-wwtp' | 'other';
}

/** Every dimension of {@link LimitApplicability}, in the order an ambiguity names them. */
export const APPLICABILITY_KEYS = [
  'unitAge',
  'fuel',
  'unitType',
  'noxGroup',
  'sulfurRegion',
  'tier',
  'waterTemperature',
  'commissioned',
  'dischargerType',
] as const satisfies readonly (keyof LimitApplicability)[];

/** Evidence tag of the reference: read in the text, secondary source, or from memory. */
export type LimitEvidence = 'text' | 'secondary' | 'unverified';

/** One limit. */
export interface EmissionLimit {
  standard: EmissionStandardId;
  /** Table or clause of the standard, as far as known. */
  clause: string;
  /** HJ 212-2017 parameter code (docs/standards/hj212.md §8), e.g. "a21026" SO2, "w01018" COD. */
  parameter: string;
  /** The parameter's names in the registry (../parameters.ts). */
  name: { zh: string; en: string };
  /** Upper limit (largest allowed value) in `unit`; for pH the top of the range. */
  value: number;
  /** Lower limit of a range (pH 6–9); absent for plain maxima. */
  lowerValue?: number;
  unit: LimitUnit;
  averaging: LimitAveraging;
  /** Reference O2 in % the gas value is expressed at; null for water. */
  referenceO2Pct: number | null;
  /** First China-local day the row applies (`YYYY-MM-DD`), or null = no lower bound known. */
  validFrom: string | null;
  /** Last China-local day the row applies, or null = still in force. */
  validTo: string | null;
  applicability: LimitApplicability;
  /** The reference's tag for the value (docs/standards/emission-limits.md): text, secondary or unverified. */
  evidence: LimitEvidence;
  /** False when the value or its date does not appear in the reference at all (added from memory). */
  inReference: boolean;
  note?: string;
}

/** A row as a standard's file writes it: {@link table} adds what the standard fixes for every row. */
export type RowSpec = Omit<EmissionLimit, 'name' | 'standard' | 'unit' | 'averaging' | 'inReference'> & {
  averaging?: LimitAveraging;
  inReference?: boolean;
};

/**
 * The rows of one standard, completed: parameter name (from the registry, ../parameters.ts), unit
 * (mg/m³ for gas; mg/L, or pH for w01001, for water), averaging (hour for gas, day for water, unless
 * the row says) and `inReference` (true unless the row says).
 */
export function table(
  standard: EmissionStandardId,
  info: EmissionStandardInfo,
  rows: readonly RowSpec[],
): readonly EmissionLimit[] {
  return rows.map((r) => {
    const parameter = parameterInfo(r.parameter);
    if (parameter === undefined) throw new Error(`parameter ${r.parameter} is not in the registry`);
    const unit: LimitUnit = info.medium === 'gas' ? 'mg/m3' : r.parameter === 'w01001' ? 'pH' : 'mg/L';
    return {
      ...r,
      standard,
      name: { zh: parameter.zh, en: parameter.en },
      unit,
      averaging: r.averaging ?? (info.medium === 'gas' ? 'hour' : 'day'),
      inReference: r.inReference ?? true,
    };
  });
}

/** The same row for new and existing units, each from its own first day. */
export function byAge(
  row: Omit<RowSpec, 'validFrom'>,
  newFrom: string,
  existingFrom: string,
  existingFromInReference = false,
): RowSpec[] {
  return [
    { ...row, validFrom: newFrom, applicability: { ...row.applicability, unitAge: 'new' } },
    {
      ...row,
      validFrom: existingFrom,
      applicability: { ...row.applicability, unitAge: 'existing' },
      note: [
        row.note,
        existingFromInReference ? undefined : `existing units from ${existingFrom}: date from memory`,
      ]
        .filter((s): s is string => s !== undefined)
        .join('; '),
    },
  ];
}

/**
 * A row of a limit table that {@link limitsFor} does not serve (a provincial standard kept beside
 * the national ones), flat as an outlet's stored limit: no applicability, the evidence in `note`.
 */
export interface LocalLimitRow {
  parameter: string;
  value: number;
  lowerValue: number | null;
  unit: LimitUnit;
  averaging: LimitAveraging;
  referenceO2Pct: number | null;
  standard: string;
  clause: string;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
}
