/**
 * Emission and discharge limits of pollution sources as versioned, source-tagged tables, and the
 * lookup {@link limitsFor}.
 *
 * Evidence: none of these standards' own texts was read. The reference (docs/standards/emission-limits.md §2, §4) tags the
 * air limits and reference O2 [unverified] and the wastewater limits [secondary]; each row carries
 * that tag in `evidence`, and rows or dates that do not appear in the reference at all carry
 * `inReference: false` and say so in `note`. Verify against the published standard before relying
 * on a row for enforcement.
 *
 * Pure: no I/O.
 */
import { chinaDate } from './china-time.js';

/** The limit sets this module knows. Strings match `OutletAttributes.emissionStandard` where they can. */
export const EMISSION_STANDARD_IDS = [
  'ultra-low-2015',
  'GB 13223-2011',
  'GB 13271-2014',
  'GB 18485-2014',
  'GB 18918-2002',
  'GB 8978-1996',
] as const;
export type EmissionStandardId = (typeof EMISSION_STANDARD_IDS)[number];

/** True when `s` names a limit set of this module (e.g. an outlet's `emissionStandard`). */
export function isEmissionStandardId(s: string): s is EmissionStandardId {
  return (EMISSION_STANDARD_IDS as readonly string[]).includes(s);
}

/** Descriptions of the limit sets (docs/standards/emission-limits.md §4). */
export const EMISSION_STANDARDS: Readonly<
  Record<EmissionStandardId, { zh: string; en: string; medium: 'gas' | 'water' }>
> = {
  'ultra-low-2015': {
    zh: '燃煤电厂超低排放（环发〔2015〕164号）',
    en: 'Ultra-low emission of coal-fired power plants (Huanfa [2015] No. 164)',
    medium: 'gas',
  },
  'GB 13223-2011': {
    zh: '火电厂大气污染物排放标准',
    en: 'Thermal power plants, air pollutants',
    medium: 'gas',
  },
  'GB 13271-2014': { zh: '锅炉大气污染物排放标准', en: 'Boilers, air pollutants', medium: 'gas' },
  'GB 18485-2014': {
    zh: '生活垃圾焚烧污染控制标准',
    en: 'Municipal solid waste incineration',
    medium: 'gas',
  },
  'GB 18918-2002': {
    zh: '城镇污水处理厂污染物排放标准（一级A）',
    en: 'Municipal wastewater treatment plants (class 1-A)',
    medium: 'water',
  },
  'GB 8978-1996': {
    zh: '污水综合排放标准（一级）',
    en: 'Integrated wastewater discharge (grade 1)',
    medium: 'water',
  },
};

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

const APPLICABILITY_KEYS = [
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
  /** The reference's tag for the value (docs/standards/emission-limits.md §3): text, secondary or unverified. */
  evidence: LimitEvidence;
  /** False when the value or its date does not appear in the reference at all (added from memory). */
  inReference: boolean;
  note?: string;
}

type Names = Readonly<Record<string, { zh: string; en: string }>>;

/** Names of the parameters used in the tables (HJ 212-2017 Tables B.1/B.2, docs/standards/hj212.md §8). */
const PARAMETER_NAMES: Names = {
  a34013: { zh: '颗粒物（烟尘）', en: 'particulate matter' },
  a21026: { zh: '二氧化硫', en: 'SO2' },
  a21002: { zh: '氮氧化物', en: 'NOx (as NO2)' },
  a20057: { zh: '汞及其化合物', en: 'mercury and compounds' },
  a21024: { zh: '氯化氢', en: 'HCl' },
  a21005: { zh: '一氧化碳', en: 'CO' },
  w01018: { zh: '化学需氧量', en: 'COD' },
  w01017: { zh: '五日生化需氧量', en: 'BOD5' },
  w01012: { zh: '悬浮物', en: 'suspended solids' },
  w21001: { zh: '总氮', en: 'total nitrogen' },
  w21003: { zh: '氨氮', en: 'ammonia nitrogen' },
  w21011: { zh: '总磷', en: 'total phosphorus' },
  w01001: { zh: 'pH值', en: 'pH' },
};

type RowSpec = Omit<EmissionLimit, 'name' | 'standard' | 'unit' | 'averaging' | 'inReference'> & {
  averaging?: LimitAveraging;
  inReference?: boolean;
};

function table(standard: EmissionStandardId, rows: readonly RowSpec[]): readonly EmissionLimit[] {
  const medium = EMISSION_STANDARDS[standard].medium;
  return rows.map((r) => {
    const name = PARAMETER_NAMES[r.parameter];
    if (name === undefined) throw new Error(`no name for parameter ${r.parameter}`);
    const unit: LimitUnit = medium === 'gas' ? 'mg/m3' : r.parameter === 'w01001' ? 'pH' : 'mg/L';
    return {
      ...r,
      standard,
      name,
      unit,
      averaging: r.averaging ?? (medium === 'gas' ? 'hour' : 'day'),
      inReference: r.inReference ?? true,
    };
  });
}

/** The same row for new and existing units, each from its own first day. */
function byAge(
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

const UNVERIFIED = 'unverified' as const;
const SECONDARY = 'secondary' as const;

/**
 * 环发〔2015〕164号 ultra-low emission (超低排放) for coal-fired power units: PM 10, SO2 35, NOx 50
 * mg/m³ at 6 % O2; gas turbines 5 / 35 / 50 at 15 % O2 (docs/standards/emission-limits.md §4 [unverified]).
 * Start date = the document's issue date as remembered (2015-12-11); regional deadlines (east 2017,
 * centre 2018, west 2020) are not modelled.
 */
export const ULTRA_LOW_2015_LIMITS_MG_M3: readonly EmissionLimit[] = table('ultra-low-2015', [
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
    evidence: UNVERIFIED,
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
    evidence: UNVERIFIED,
    note: 'validFrom: issue date from memory',
  })),
]);

const GB13223_NEW_FROM = '2012-01-01';
const GB13223_EXISTING_FROM = '2014-07-01';

/**
 * GB 13223-2011 Table 1 (general) and Table 2 (special limits for key regions), mg/m³ at reference
 * O2 6 % (coal), 3 % (oil, gas boilers), 15 % (gas turbines) — docs/standards/emission-limits.md §2, §4
 * [unverified]. Start dates (new units 2012-01-01, existing 2014-07-01, Hg 2015-01-01) are from
 * memory, not the reference. Special limits apply from the date the authority announces per region;
 * the table starts them with the standard.
 */
export const GB13223_2011_LIMITS_MG_M3: readonly EmissionLimit[] = table('GB 13223-2011', [
  // Coal boilers, Table 1.
  ...byAge(
    {
      clause: 'Table 1, coal boiler',
      parameter: 'a34013',
      value: 30,
      referenceO2Pct: 6,
      validTo: null,
      applicability: { fuel: 'coal', unitType: 'boiler', tier: 'general' },
      evidence: UNVERIFIED,
    },
    GB13223_NEW_FROM,
    GB13223_EXISTING_FROM,
  ),
  ...(
    [
      ['new', 'general', 100, GB13223_NEW_FROM],
      ['new', 'southwest', 200, GB13223_NEW_FROM],
      ['existing', 'general', 200, GB13223_EXISTING_FROM],
      ['existing', 'southwest', 400, GB13223_EXISTING_FROM],
    ] as const
  ).map(([unitAge, sulfurRegion, value, validFrom]): RowSpec => ({
    clause: 'Table 1, coal boiler, SO2',
    parameter: 'a21026',
    value,
    referenceO2Pct: 6,
    validFrom,
    validTo: null,
    applicability: { fuel: 'coal', unitType: 'boiler', tier: 'general', unitAge, sulfurRegion },
    evidence: UNVERIFIED,
    note: 'southwest = Guangxi, Chongqing, Sichuan, Guizhou; start dates from memory',
  })),
  ...(
    [
      ['general', 100],
      ['relaxed', 200],
    ] as const
  ).flatMap(([noxGroup, value]) =>
    byAge(
      {
        clause: 'Table 1, coal boiler, NOx',
        parameter: 'a21002',
        value,
        referenceO2Pct: 6,
        validTo: null,
        applicability: { fuel: 'coal', unitType: 'boiler', tier: 'general', noxGroup },
        evidence: UNVERIFIED,
        note: 'relaxed = W-flame, existing CFB or pre-2004 units',
      },
      GB13223_NEW_FROM,
      GB13223_EXISTING_FROM,
    ),
  ),
  {
    clause: 'Table 1, coal boiler, Hg',
    parameter: 'a20057',
    value: 0.03,
    referenceO2Pct: 6,
    validFrom: '2015-01-01',
    validTo: null,
    applicability: { fuel: 'coal', unitType: 'boiler' },
    evidence: UNVERIFIED,
    note: 'validFrom 2015-01-01 from memory',
  },
  // Oil boilers, Table 1.
  ...byAge(
    {
      clause: 'Table 1, oil boiler',
      parameter: 'a34013',
      value: 30,
      referenceO2Pct: 3,
      validTo: null,
      applicability: { fuel: 'oil', unitType: 'boiler', tier: 'general' },
      evidence: UNVERIFIED,
    },
    GB13223_NEW_FROM,
    GB13223_EXISTING_FROM,
  ),
  ...(['a21026', 'a21002'] as const).flatMap((parameter): RowSpec[] => [
    {
      clause: 'Table 1, oil boiler',
      parameter,
      value: 100,
      referenceO2Pct: 3,
      validFrom: GB13223_NEW_FROM,
      validTo: null,
      applicability: { fuel: 'oil', unitType: 'boiler', tier: 'general', unitAge: 'new' },
      evidence: UNVERIFIED,
    },
    {
      clause: 'Table 1, oil boiler',
      parameter,
      value: 200,
      referenceO2Pct: 3,
      validFrom: GB13223_EXISTING_FROM,
      validTo: null,
      applicability: { fuel: 'oil', unitType: 'boiler', tier: 'general', unitAge: 'existing' },
      evidence: UNVERIFIED,
      note: 'existing units from 2014-07-01: date from memory',
    },
  ]),
  // Natural-gas boilers and turbines, Table 1.
  ...(
    [
      ['a34013', 5],
      ['a21026', 35],
      ['a21002', 100],
    ] as const
  ).flatMap(([parameter, value]) =>
    byAge(
      {
        clause: 'Table 1, natural-gas boiler',
        parameter,
        value,
        referenceO2Pct: 3,
        validTo: null,
        applicability: { fuel: 'gas', unitType: 'boiler', tier: 'general' },
        evidence: UNVERIFIED,
      },
      GB13223_NEW_FROM,
      GB13223_EXISTING_FROM,
    ),
  ),
  ...(
    [
      ['a34013', 5],
      ['a21026', 35],
      ['a21002', 50],
    ] as const
  ).flatMap(([parameter, value]) =>
    byAge(
      {
        clause: 'Table 1, natural-gas turbine',
        parameter,
        value,
        referenceO2Pct: 15,
        validTo: null,
        applicability: { fuel: 'gas', unitType: 'gas-turbine', tier: 'general' },
        evidence: UNVERIFIED,
      },
      GB13223_NEW_FROM,
      GB13223_EXISTING_FROM,
    ),
  ),
  // Special limits, Table 2.
  ...(['coal', 'oil'] as const).flatMap((fuel) =>
    (
      [
        ['a34013', 20],
        ['a21026', 50],
        ['a21002', 100],
      ] as const
    ).map(([parameter, value]): RowSpec => ({
      clause: 'Table 2, coal or oil boiler (special limits)',
      parameter,
      value,
      referenceO2Pct: fuel === 'coal' ? 6 : 3,
      validFrom: GB13223_NEW_FROM,
      validTo: null,
      applicability: { fuel, unitType: 'boiler', tier: 'special' },
      evidence: UNVERIFIED,
    })),
  ),
  ...(
    [
      ['a34013', 5],
      ['a21026', 35],
      ['a21002', 50],
    ] as const
  ).map(([parameter, value]): RowSpec => ({
    clause: 'Table 2, gas turbine (special limits)',
    parameter,
    value,
    referenceO2Pct: 15,
    validFrom: GB13223_NEW_FROM,
    validTo: null,
    applicability: { fuel: 'gas', unitType: 'gas-turbine', tier: 'special' },
    evidence: UNVERIFIED,
  })),
]);

const GB13271_NEW_FROM = '2014-07-01';
const GB13271_EXISTING_FROM = '2015-10-01';

/**
 * GB 13271-2014, mg/m³: Table 2 new boilers and Table 3 special limits (docs/standards/emission-limits.md §4
 * [unverified]); Table 1 existing boilers from memory (`inReference: false`). Reference O2: coal 9 %,
 * oil and gas 3.5 % (docs/standards/emission-limits.md §2 [unverified]). Dates from memory: new boilers 2014-07-01,
 * existing 2015-10-01 (existing boilers ≤ 10 t/h or ≤ 7 MW from 2016-07-01, not modelled).
 */
export const GB13271_2014_LIMITS_MG_M3: readonly EmissionLimit[] = table('GB 13271-2014', [
  ...(
    [
      ['coal', 9, 50, 300, 300, 30, 200, 200, 80, 400, 400],
      ['oil', 3.5, 30, 200, 250, 30, 100, 200, 60, 300, 400],
      ['gas', 3.5, 20, 50, 200, 20, 50, 150, 30, 100, 400],
    ] as const
  ).flatMap(([fuel, o2, pmNew, so2New, noxNew, pmSp, so2Sp, noxSp, pmEx, so2Ex, noxEx]): RowSpec[] => {
    const rows: RowSpec[] = [];
    const params = ['a34013', 'a21026', 'a21002'] as const;
    const sets = [
      ['new', [pmNew, so2New, noxNew]],
      ['special', [pmSp, so2Sp, noxSp]],
      ['existing', [pmEx, so2Ex, noxEx]],
    ] as const;
    for (const [set, values] of sets) {
      params.forEach((parameter, i) => {
        const value = values[i];
        if (value === undefined) throw new Error('GB 13271 row out of step');
        switch (set) {
          case 'new':
            rows.push({
              clause: 'Table 2, new boilers',
              parameter,
              value,
              referenceO2Pct: o2,
              validFrom: GB13271_NEW_FROM,
              validTo: null,
              applicability: { fuel, unitType: 'boiler', tier: 'general', unitAge: 'new' },
              evidence: UNVERIFIED,
              note: 'validFrom from memory',
            });
            break;
          case 'special':
            rows.push({
              clause: 'Table 3, special limits',
              parameter,
              value,
              referenceO2Pct: o2,
              validFrom: GB13271_NEW_FROM,
              validTo: null,
              applicability: { fuel, unitType: 'boiler', tier: 'special' },
              evidence: UNVERIFIED,
              note: 'start in key regions is set by the authority; validFrom from memory',
            });
            break;
          case 'existing':
            rows.push({
              clause: 'Table 1, existing boilers',
              parameter,
              value,
              referenceO2Pct: o2,
              validFrom: GB13271_EXISTING_FROM,
              validTo: null,
              applicability: { fuel, unitType: 'boiler', tier: 'general', unitAge: 'existing' },
              evidence: UNVERIFIED,
              inReference: false,
              note: 'not in the reference: value and date from memory; Guangxi/Chongqing/Sichuan/Guizhou coal SO2 differs',
            });
            break;
          default: {
            const impossible: never = set;
            throw new Error(`unknown GB 13271 set ${String(impossible)}`);
          }
        }
      });
    }
    return rows;
  }),
]);

const GB18485_NEW_FROM = '2014-07-01';
const GB18485_EXISTING_FROM = '2016-01-01';

/**
 * GB 18485-2014 Table 4, mg/m³ at 11 % O2: 1-hour and 24-hour means (docs/standards/emission-limits.md §2, §4
 * [unverified]). Start dates from memory. Start-up, shut-down and failure allowances (≤ 4 h each,
 * ≤ 60 h per furnace per year) are not modelled here.
 */
export const GB18485_2014_LIMITS_MG_M3: readonly EmissionLimit[] = table('GB 18485-2014', [
  ...(
    [
      ['a34013', 30, 20],
      ['a21002', 300, 250],
      ['a21026', 100, 80],
      ['a21024', 60, 50],
      ['a21005', 100, 80],
    ] as const
  ).flatMap(([parameter, hour, day]) =>
    (
      [
        ['hour', hour],
        ['day', day],
      ] as const
    ).flatMap(([averaging, value]) =>
      byAge(
        {
          clause: `Table 4, ${averaging === 'hour' ? '1-hour' : '24-hour'} mean`,
          parameter,
          value,
          averaging,
          referenceO2Pct: 11,
          validTo: null,
          applicability: { unitType: 'incinerator' },
          evidence: UNVERIFIED,
          note: 'validFrom from memory',
        },
        GB18485_NEW_FROM,
        GB18485_EXISTING_FROM,
      ),
    ),
  ),
]);

const GB18918_FROM = '2003-07-01';

/**
 * GB 18918-2002 Table 1, class 1-A (一级A), mg/L, judged on daily means (docs/standards/emission-limits.md §4
 * [secondary]). NH3-N 5, or 8 at water temperature ≤ 12 °C; TP 0.5 for plants built from
 * 2006-01-01, 1 before. pH 6–9 and the in-force date 2003-07-01 are from memory. Fecal coliform
 * (1,000 per L) is left out: HJ 212-2017 App. B gives it no code in the reference.
 */
export const GB18918_2002_CLASS_1A_LIMITS_MG_L: readonly EmissionLimit[] = table('GB 18918-2002', [
  ...(
    [
      ['w01018', 50],
      ['w01017', 10],
      ['w01012', 10],
      ['w21001', 15],
    ] as const
  ).map(([parameter, value]): RowSpec => ({
    clause: 'Table 1, class 1-A',
    parameter,
    value,
    referenceO2Pct: null,
    validFrom: GB18918_FROM,
    validTo: null,
    applicability: {},
    evidence: SECONDARY,
    note: 'validFrom from memory',
  })),
  {
    clause: 'Table 1, class 1-A (water temperature > 12 °C)',
    parameter: 'w21003',
    value: 5,
    referenceO2Pct: null,
    validFrom: GB18918_FROM,
    validTo: null,
    applicability: { waterTemperature: 'above-12c' },
    evidence: SECONDARY,
  },
  {
    clause: 'Table 1, class 1-A (water temperature ≤ 12 °C)',
    parameter: 'w21003',
    value: 8,
    referenceO2Pct: null,
    validFrom: GB18918_FROM,
    validTo: null,
    applicability: { waterTemperature: 'at-or-below-12c' },
    evidence: SECONDARY,
  },
  {
    clause: 'Table 1, class 1-A (plants built from 2006-01-01)',
    parameter: 'w21011',
    value: 0.5,
    referenceO2Pct: null,
    validFrom: GB18918_FROM,
    validTo: null,
    applicability: { commissioned: 'from-2006' },
    evidence: SECONDARY,
  },
  {
    clause: 'Table 1, class 1-A (plants built before 2006-01-01)',
    parameter: 'w21011',
    value: 1,
    referenceO2Pct: null,
    validFrom: GB18918_FROM,
    validTo: null,
    applicability: { commissioned: 'before-2006' },
    evidence: SECONDARY,
  },
  {
    clause: 'Table 1, pH',
    parameter: 'w01001',
    value: 9,
    lowerValue: 6,
    referenceO2Pct: null,
    validFrom: GB18918_FROM,
    validTo: null,
    applicability: {},
    evidence: UNVERIFIED,
    inReference: false,
    note: 'not in the reference: pH 6–9 from memory',
  },
]);

const GB8978_FROM = '1998-01-01';

/**
 * GB 8978-1996 grade 1 (一级标准), mg/L, units built from 1998-01-01 (Table 4), judged on daily
 * means (docs/standards/emission-limits.md §4 [secondary]). COD 100 for "other units", 60 for municipal
 * secondary WWTPs; NH3-N 15; phosphate (as P) 0.5; pH 6–9. The phosphate limit is keyed to
 * `w21011` (total phosphorus, which online analysers measure) — TP ≥ phosphate, so this is the
 * stricter reading; say so when reporting. In-force date from memory.
 */
export const GB8978_1996_GRADE1_LIMITS_MG_L: readonly EmissionLimit[] = table('GB 8978-1996', [
  {
    clause: 'Table 4, grade 1, COD (other units)',
    parameter: 'w01018',
    value: 100,
    referenceO2Pct: null,
    validFrom: GB8978_FROM,
    validTo: null,
    applicability: { dischargerType: 'other' },
    evidence: SECONDARY,
  },
  {
    clause: 'Table 4, grade 1, COD (municipal secondary WWTP)',
    parameter: 'w01018',
    value: 60,
    referenceO2Pct: null,
    validFrom: GB8978_FROM,
    validTo: null,
    applicability: { dischargerType: 'municipal-secondary-wwtp' },
    evidence: SECONDARY,
  },
  {
    clause: 'Table 4, grade 1, NH3-N',
    parameter: 'w21003',
    value: 15,
    referenceO2Pct: null,
    validFrom: GB8978_FROM,
    validTo: null,
    applicability: {},
    evidence: SECONDARY,
  },
  {
    clause: 'Table 4, grade 1, phosphate (as P)',
    parameter: 'w21011',
    value: 0.5,
    referenceO2Pct: null,
    validFrom: GB8978_FROM,
    validTo: null,
    applicability: {},
    evidence: SECONDARY,
    note: 'the standard limits phosphate; applied here to total phosphorus (w21011)',
  },
  {
    clause: 'Table 4, grade 1, pH',
    parameter: 'w01001',
    value: 9,
    lowerValue: 6,
    referenceO2Pct: null,
    validFrom: GB8978_FROM,
    validTo: null,
    applicability: {},
    evidence: SECONDARY,
  },
]);

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
