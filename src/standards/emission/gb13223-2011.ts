/** GB 13223-2011 火电厂大气污染物排放标准, Table 1 (general) and Table 2 (special limits), mg/m³. Pure. */
import { byAge, table, type EmissionLimit, type EmissionStandardInfo, type RowSpec } from './types.js';

/** What the limit set is (docs/standards/emission-limits.md §4). */
export const GB13223_2011_STANDARD: EmissionStandardInfo = {
  zh: '火电厂大气污染物排放标准',
  en: 'Thermal power plants, air pollutants',
  medium: 'gas',
};

const GB13223_NEW_FROM = '2012-01-01';
const GB13223_EXISTING_FROM = '2014-07-01';

/**
 * GB 13223-2011 Table 1 (general) and Table 2 (special limits for key regions), mg/m³ at reference
 * O2 6 % (coal), 3 % (oil, gas boilers), 15 % (gas turbines) — docs/standards/emission-limits.md §2, §4
 * [unverified]. Start dates (new units 2012-01-01, existing 2014-07-01, Hg 2015-01-01) are from
 * memory, not the reference. Special limits apply from the date the authority announces per region;
 * the table starts them with the standard.
 */
export const GB13223_2011_LIMITS_MG_M3: readonly EmissionLimit[] = table(
  'GB 13223-2011',
  GB13223_2011_STANDARD,
  [
    // Coal boilers, Table 1.
    ...byAge(
      {
        clause: 'Table 1, coal boiler',
        parameter: 'a34013',
        value: 30,
        referenceO2Pct: 6,
        validTo: null,
        applicability: { fuel: 'coal', unitType: 'boiler', tier: 'general' },
        evidence: 'unverified',
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
      evidence: 'unverified',
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
          evidence: 'unverified',
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
      evidence: 'unverified',
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
        evidence: 'unverified',
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
        evidence: 'unverified',
      },
      {
        clause: 'Table 1, oil boiler',
        parameter,
        value: 200,
        referenceO2Pct: 3,
        validFrom: GB13223_EXISTING_FROM,
        validTo: null,
        applicability: { fuel: 'oil', unitType: 'boiler', tier: 'general', unitAge: 'existing' },
        evidence: 'unverified',
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
          evidence: 'unverified',
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
          evidence: 'unverified',
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
        evidence: 'unverified',
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
      evidence: 'unverified',
    })),
  ],
);
