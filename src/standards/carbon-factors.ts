/**
 * The factor library as shipped (docs/carbon.md §3, docs/standards/gbt32150-2015.md §4,
 * docs/standards/gbt2589-2020.md §2): grid, heat and fuel CO2 factors and standard-coal
 * coefficients, each with its unit, source document, clause, validity and evidence tag. Migration
 * 0010 copies these rows into the store, where the service reads them; a bureau adds later rows
 * there (newer factors are new rows, nothing is overwritten). No code path reads a value from here
 * except the store seed and the offline calculator (`qingshan calc carbon`).
 *
 * Pure data.
 */

/** Evidence of a row: the tags of docs/standards/README.md, plus `choice` for a value we chose. */
export type FactorTag = 'text' | 'data' | 'secondary' | 'unverified' | 'choice';

/** One factor row. */
export interface CarbonFactorData {
  /** What it is: `co2.grid`, `co2.heat`, `co2.green_power`, `fuel.<fuel>.ncv|cc|of`, `tce.<carrier>`. */
  key: string;
  /** The family it belongs to; the bureau's choice ranks families (docs/carbon.md §3). */
  family: string;
  /** Where it applies: `CN`, a grid region (`east-china`) or a province code (`330000`). */
  region: string;
  /** The value as printed in the source (a decimal string, read exactly). */
  value: string;
  unit: string;
  sourceDoc: string;
  clause: string;
  /** First day it applies, YYYY-MM-DD (China dates). */
  validFrom: string;
  /** Last day it applies, YYYY-MM-DD, or null for open-ended. */
  validTo: string | null;
  tag: FactorTag;
}

const MEE_NBS_2021 = 'MEE/NBS 公告2024年第12号 (2021 electricity CO2 factors), reported by 新京报';
const MEE_NBS_2022 =
  'MEE/NBS announcement of 2022 electricity CO2 factors (20 Dec 2024), reported by 新京报 2024-12-27';
const MEE_NBS_2023 = 'MEE/NBS announcement of 2023 electricity CO2 factors (reported Jan 2026)';
const THIRD_PARTY_PROVINCES = 'third-party constants file whose other figures match the MEE/NBS news reports';
const MEE_GUIDE =
  'MEE 企业温室气体排放核算方法与报告指南 (24 industry guides) / GB/T 32150-2015 appendix defaults';
const IPCC_2006 = '2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol. 2';
const GBT2589_2020 = 'GB/T 2589-2020 综合能耗计算通则';

function grid(
  family: string,
  region: string,
  year: number,
  value: string,
  sourceDoc: string,
  tag: FactorTag,
  clause = 'national/regional/provincial average table',
): CarbonFactorData {
  return {
    key: 'co2.grid',
    family,
    region,
    value,
    unit: 'tCO2/MWh',
    sourceDoc,
    clause,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    tag,
  };
}

function fuel(
  family: string,
  name: string,
  ncv: string,
  ncvUnit: string,
  cc: string,
  of: string,
  sourceDoc: string,
  clause: string,
  tag: FactorTag,
): CarbonFactorData[] {
  const base = { family, region: 'CN', sourceDoc, clause, validFrom: '2013-01-01', validTo: null, tag };
  return [
    { ...base, key: `fuel.${name}.ncv`, value: ncv, unit: ncvUnit },
    { ...base, key: `fuel.${name}.cc`, value: cc, unit: 'tC/GJ' },
    { ...base, key: `fuel.${name}.of`, value: of, unit: 'fraction' },
  ];
}

function tce(
  key: string,
  value: string,
  unit: string,
  clause: string,
  tag: FactorTag,
  family = 'gbt2589-2020',
): CarbonFactorData {
  return {
    key: `tce.${key}`,
    family,
    region: 'CN',
    value,
    unit,
    sourceDoc: family === 'gbt2589-2008' ? 'GB/T 2589-2008 综合能耗计算通则' : GBT2589_2020,
    clause,
    validFrom: '2008-01-01',
    validTo: null,
    tag,
  };
}

/** Every row shipped with the platform. */
export const CARBON_FACTOR_LIBRARY: readonly CarbonFactorData[] = [
  // Grid: MEE/NBS annual averages (general enterprise and city accounting).
  grid('mee-nbs-average', 'CN', 2021, '0.5568', MEE_NBS_2021, 'secondary'),
  grid('mee-nbs-average', 'east-china', 2021, '0.5992', THIRD_PARTY_PROVINCES, 'secondary'),
  grid('mee-nbs-average', '330000', 2021, '0.5422', THIRD_PARTY_PROVINCES, 'secondary'),
  grid('mee-nbs-average', 'CN', 2022, '0.5366', MEE_NBS_2022, 'secondary'),
  grid('mee-nbs-average', 'east-china', 2022, '0.5617', MEE_NBS_2022, 'secondary'),
  grid('mee-nbs-average', '330000', 2022, '0.5153', THIRD_PARTY_PROVINCES, 'secondary'),
  grid('mee-nbs-average', 'CN', 2023, '0.5306', MEE_NBS_2023, 'secondary'),
  grid('mee-nbs-average', 'east-china', 2023, '0.5500', MEE_NBS_2023, 'secondary'),
  // Grid for the remaining grid power of enterprises that buy green power by market trading.
  grid('mee-nbs-excl-market-nonfossil', 'CN', 2022, '0.5856', MEE_NBS_2022, 'secondary'),
  grid('mee-nbs-excl-market-nonfossil', 'CN', 2023, '0.6096', MEE_NBS_2023, 'secondary'),
  // Grid: carbon-market (ETS) reporting values.
  {
    ...grid(
      'ets-reporting',
      'CN',
      2021,
      '0.5810',
      'MEE 2022 key-work notice on enterprise GHG reporting',
      'unverified',
      'national grid factor for reporting',
    ),
    validTo: '2022-12-31',
  },
  {
    ...grid(
      'ets-reporting',
      'CN',
      2023,
      '0.5703',
      'MEE 关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知 (Feb 2023)',
      'secondary',
      'national grid factor for reporting',
    ),
    validTo: '2025-12-31',
  },
  {
    key: 'co2.green_power',
    family: 'mee-nbs-average',
    region: 'CN',
    value: '0',
    unit: 'tCO2/MWh',
    sourceDoc:
      'our choice: market-traded green power counts as non-fossil (MEE/NBS publish a grid factor excluding it)',
    clause: 'docs/carbon.md §3 choice green-power-zero',
    validFrom: '2021-01-01',
    validTo: null,
    tag: 'choice',
  },
  {
    key: 'co2.heat',
    family: 'mee-guide',
    region: 'CN',
    value: '0.11',
    unit: 'tCO2/GJ',
    sourceDoc: MEE_GUIDE,
    clause: 'purchased heat default factor',
    validFrom: '2013-01-01',
    validTo: null,
    tag: 'unverified',
  },
  // Fuels, MEE industry guides / GB/T 32150 appendix (oxidation as a fraction).
  ...fuel(
    'mee-guide',
    'natural_gas',
    '389.31',
    'GJ/10⁴ Nm³',
    '0.01530',
    '0.99',
    MEE_GUIDE,
    'default fuel parameters, natural gas',
    'unverified',
  ),
  ...fuel(
    'mee-guide',
    'diesel',
    '42.652',
    'GJ/t',
    '0.0202',
    '0.98',
    MEE_GUIDE,
    'default fuel parameters, diesel',
    'unverified',
  ),
  ...fuel(
    'mee-guide',
    'gasoline',
    '43.070',
    'GJ/t',
    '0.0189',
    '0.98',
    MEE_GUIDE,
    'default fuel parameters, gasoline',
    'unverified',
  ),
  ...fuel(
    'mee-guide',
    'fuel_oil',
    '41.816',
    'GJ/t',
    '0.0211',
    '0.98',
    MEE_GUIDE,
    'default fuel parameters, fuel oil',
    'unverified',
  ),
  ...fuel(
    'mee-guide',
    'lpg',
    '50.179',
    'GJ/t',
    '0.0172',
    '0.98',
    MEE_GUIDE,
    'default fuel parameters, LPG',
    'unverified',
  ),
  ...fuel(
    'mee-guide',
    'raw_coal',
    '20.908',
    'GJ/t',
    '0.02637',
    '0.94',
    MEE_GUIDE,
    'default fuel parameters, raw coal (provincial-inventory style)',
    'unverified',
  ),
  // Fuels, IPCC 2006 defaults (oxidation 1). No raw-coal row (IPCC lists coal by rank) and no
  // natural-gas row (IPCC gives NCV per mass; ours is per volume, which needs a gas density).
  ...fuel(
    'ipcc-2006',
    'diesel',
    '43.0',
    'GJ/t',
    '0.0202',
    '1',
    IPCC_2006,
    'Ch. 1 Tables 1.2, 1.3, gas/diesel oil',
    'unverified',
  ),
  ...fuel(
    'ipcc-2006',
    'gasoline',
    '44.3',
    'GJ/t',
    '0.0189',
    '1',
    IPCC_2006,
    'Ch. 1 Tables 1.2, 1.3, motor gasoline',
    'unverified',
  ),
  ...fuel(
    'ipcc-2006',
    'fuel_oil',
    '40.4',
    'GJ/t',
    '0.0211',
    '1',
    IPCC_2006,
    'Ch. 1 Tables 1.2, 1.3, residual fuel oil',
    'unverified',
  ),
  ...fuel(
    'ipcc-2006',
    'lpg',
    '47.3',
    'GJ/t',
    '0.0172',
    '1',
    IPCC_2006,
    'Ch. 1 Tables 1.2, 1.3, LPG',
    'unverified',
  ),
  // Standard-coal coefficients (tce per unit as entered).
  tce(
    'electricity',
    '0.1229',
    'tce/MWh',
    'Annex A, electricity equivalent value (当量值) 0.1229 kgce/kWh',
    'secondary',
  ),
  tce(
    'electricity',
    '0.30',
    'tce/MWh',
    'electricity equal value (等价值): that year’s thermal supply coal rate, ≈ 0.30 kgce/kWh',
    'unverified',
    'tce-equal-value',
  ),
  tce('heat', '0.03412', 'tce/GJ', 'Annex A, heat 0.03412 kgce/MJ', 'unverified'),
  tce('raw_coal', '0.7143', 'tce/t', 'Annex A, raw coal 0.7143 kgce/kg', 'secondary'),
  tce('diesel', '1.4571', 'tce/t', 'Annex A, diesel 1.4571 kgce/kg', 'secondary'),
  tce('gasoline', '1.4714', 'tce/t', 'Annex A, gasoline 1.4714 kgce/kg', 'unverified'),
  tce('fuel_oil', '1.4286', 'tce/t', 'Annex A, fuel oil 1.4286 kgce/kg', 'unverified'),
  tce('lpg', '1.7143', 'tce/t', 'Annex A, LPG 1.7143 kgce/kg', 'unverified'),
  tce(
    'natural_gas',
    '13.300',
    'tce/10⁴ Nm³',
    'Annex A, natural gas 1.3300 kgce/m³ as cited by third-party code (range 1.1000–1.3300 possible)',
    'unverified',
  ),
  tce(
    'natural_gas',
    '12.143',
    'tce/10⁴ Nm³',
    'Annex A, gas-field natural gas 1.2143 kgce/m³',
    'secondary',
    'gbt2589-2008',
  ),
];
