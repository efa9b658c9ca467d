/**
 * Limit presets: which built-in limit table an outlet is judged by, chosen from its attributes
 * (`emissionStandard`, `medium`, `referenceO2Pct`), with the applicability options
 * `limitsFor` (../standards/emission/) needs and every assumption spelled out — the
 * attributes do not say whether a unit is new or existing, in a key region, or which fuel it burns,
 * so each preset states what it assumed and the bureau corrects it by adding rows (`POST /api/v1/limits`).
 *
 * DB33/2169-2018 (Zhejiang urban wastewater treatment plants), which most Huzhou sewage works are
 * held to, is a table of its own beside the ones `limitsFor` serves (../standards/emission/db33-2169.ts).
 */
import {
  DB33_2169_2018_EXISTING_LIMITS_MG_L,
  EMISSION_STANDARDS,
  isEmissionStandardId,
  limitsFor,
  type EmissionLimit,
  type EmissionStandardId,
  type LimitApplicability,
} from '../standards/emission/index.js';
import type { LimitAveragingPeriod, NewOutletLimit } from '../store/limit.repository.js';

/** What a preset needs to know about an outlet (`OutletAttributes` of src/store/types.ts). */
export interface OutletFacts {
  medium?: unknown;
  emissionStandard?: unknown;
  referenceO2Pct?: unknown;
}

/** A limit row a preset proposes, before it is stored for a site. */
export interface PresetLimit {
  parameter: string;
  value: number;
  lowerValue: number | null;
  unit: string;
  averaging: LimitAveragingPeriod;
  referenceO2Pct: number | null;
  standard: string;
  clause: string;
  validFrom: string | null;
  validTo: string | null;
  note: string | null;
}

/** A preset: a limit table and the options it is read with. */
export interface LimitPreset {
  /** Preset id, e.g. "GB 13271-2014/gas-boiler". */
  id: string;
  standard: string;
  name: { zh: string; en: string };
  medium: 'gas' | 'water';
  /** What was assumed about the outlet to pick the rows. */
  assumptions: string[];
  /** The rows in force on a China-local day. */
  rows(day: string): PresetLimit[];
}

function fromTable(row: EmissionLimit): PresetLimit {
  const notes = [
    `evidence: ${row.evidence}${row.inReference ? '' : ', not in the reference'}`,
    row.note ?? '',
  ].filter((s) => s !== '');
  return {
    parameter: row.parameter,
    value: row.value,
    lowerValue: row.lowerValue ?? null,
    unit: row.unit,
    averaging: row.averaging,
    referenceO2Pct: row.referenceO2Pct,
    standard: row.standard,
    clause: row.clause,
    validFrom: row.validFrom,
    validTo: row.validTo,
    note: notes.join('; '),
  };
}

function tablePreset(
  id: string,
  standard: EmissionStandardId,
  options: LimitApplicability,
  assumptions: string[],
): LimitPreset {
  const info = EMISSION_STANDARDS[standard];
  return {
    id,
    standard,
    name: { zh: info.zh, en: info.en },
    medium: info.medium,
    assumptions,
    rows: (day) => limitsFor(standard, options, day).map(fromTable),
  };
}

const DB33_2169_PRESET: LimitPreset = {
  id: 'DB33/2169-2018/existing',
  standard: 'DB33/2169-2018',
  name: {
    zh: '浙江省城镇污水处理厂主要水污染物排放标准（现有）',
    en: 'Zhejiang urban wastewater treatment plants (existing plants)',
  },
  medium: 'water',
  assumptions: ['existing plant', 'water temperature above 12 °C (bracketed values not applied)'],
  rows: () => [...DB33_2169_2018_EXISTING_LIMITS_MG_L],
};

/**
 * A preset made of two others: per (parameter, averaging) the stricter row (the lower upper limit).
 * For outlets held to a national standard and a stricter policy level at once.
 */
function stricterOf(id: string, a: LimitPreset, b: LimitPreset): LimitPreset {
  return {
    id,
    standard: a.standard,
    name: { zh: `${a.name.zh}＋${b.name.zh}`, en: `${a.name.en} and ${b.name.en}` },
    medium: a.medium,
    assumptions: [...a.assumptions, ...b.assumptions],
    rows: (day) => {
      const byKey = new Map<string, PresetLimit>();
      for (const r of [...a.rows(day), ...b.rows(day)]) {
        const key = `${r.parameter}/${r.averaging}`;
        const held = byKey.get(key);
        if (held === undefined || r.value < held.value) byKey.set(key, r);
      }
      return [...byKey.values()];
    },
  };
}

/** Every preset, by id. */
export const LIMIT_PRESETS: readonly LimitPreset[] = [
  tablePreset('ultra-low-2015/coal', 'ultra-low-2015', { fuel: 'coal', unitType: 'boiler' }, [
    'coal-fired unit held to the ultra-low levels',
  ]),
  stricterOf(
    'GB 13223-2011/coal-ultra-low',
    tablePreset(
      'GB 13223-2011/coal-boiler',
      'GB 13223-2011',
      {
        fuel: 'coal',
        unitType: 'boiler',
        tier: 'general',
        unitAge: 'existing',
        noxGroup: 'general',
        sulfurRegion: 'general',
      },
      [
        'coal boiler (reference O2 6 %)',
        'existing unit',
        'general limits, not the key-region special limits',
        'NOx group general (not W-flame, CFB or pre-2004)',
      ],
    ),
    tablePreset('ultra-low-2015/coal', 'ultra-low-2015', { fuel: 'coal', unitType: 'boiler' }, [
      'Zhejiang coal-fired units are held to the ultra-low levels (环发〔2015〕164号) as well: the stricter value applies',
    ]),
  ),
  tablePreset(
    'GB 13223-2011/gas-boiler',
    'GB 13223-2011',
    { fuel: 'gas', unitType: 'boiler', tier: 'general', unitAge: 'existing' },
    ['natural-gas boiler (reference O2 3 %)', 'existing unit', 'general limits'],
  ),
  tablePreset(
    'GB 13223-2011/gas-turbine',
    'GB 13223-2011',
    { fuel: 'gas', unitType: 'gas-turbine', tier: 'general', unitAge: 'existing' },
    ['natural-gas turbine (reference O2 15 %)', 'existing unit', 'general limits'],
  ),
  tablePreset(
    'GB 13271-2014/coal-boiler',
    'GB 13271-2014',
    { fuel: 'coal', unitType: 'boiler', tier: 'general', unitAge: 'existing' },
    [
      'coal or biomass boiler (reference O2 9 %; biomass held to the coal values)',
      'existing unit',
      'general limits',
    ],
  ),
  tablePreset(
    'GB 13271-2014/gas-boiler',
    'GB 13271-2014',
    { fuel: 'gas', unitType: 'boiler', tier: 'general', unitAge: 'existing' },
    [
      'gas boiler (reference O2 3.5 %; oil boilers share it — add rows for oil)',
      'existing unit',
      'general limits',
    ],
  ),
  tablePreset(
    'GB 18485-2014/incinerator',
    'GB 18485-2014',
    { unitType: 'incinerator', unitAge: 'existing' },
    ['waste incinerator: 1-h and 24-h limits', 'existing unit'],
  ),
  tablePreset(
    'GB 18918-2002/1A',
    'GB 18918-2002',
    { waterTemperature: 'above-12c', commissioned: 'from-2006' },
    ['class 1-A', 'water temperature above 12 °C', 'plant built from 2006-01-01'],
  ),
  tablePreset('GB 8978-1996/grade-1', 'GB 8978-1996', { dischargerType: 'other' }, [
    'grade 1, "other units" (not a municipal secondary WWTP)',
  ]),
  DB33_2169_PRESET,
];

/** A preset by id, or undefined. */
export function presetById(id: string): LimitPreset | undefined {
  return LIMIT_PRESETS.find((p) => p.id === id);
}

/**
 * The preset of an outlet from its attributes, or null when no built-in table covers its
 * standard (the bureau then enters the limits by hand). Gas outlets pick fuel and unit type from
 * the reference O2 (docs/standards/emission-limits.md §2): GB 13223-2011 6 % coal, 3 % gas boiler, 15 % gas turbine;
 * GB 13271-2014 9 % coal/biomass, 3.5 % gas.
 */
export function presetForOutlet(facts: OutletFacts): LimitPreset | null {
  const standard = typeof facts.emissionStandard === 'string' ? facts.emissionStandard : '';
  const o2 = typeof facts.referenceO2Pct === 'number' ? facts.referenceO2Pct : null;
  const pick = (id: string): LimitPreset | null => presetById(id) ?? null;
  if (standard === 'DB33/2169-2018') return DB33_2169_PRESET;
  if (!isEmissionStandardId(standard)) return null;
  if (EMISSION_STANDARDS[standard].medium !== facts.medium) return null;
  switch (standard) {
    case 'ultra-low-2015':
      return pick('ultra-low-2015/coal');
    case 'GB 13223-2011':
      if (o2 === 15) return pick('GB 13223-2011/gas-turbine');
      if (o2 !== null && o2 < 6) return pick('GB 13223-2011/gas-boiler');
      return pick('GB 13223-2011/coal-ultra-low');
    case 'GB 13271-2014':
      return pick(o2 !== null && o2 < 9 ? 'GB 13271-2014/gas-boiler' : 'GB 13271-2014/coal-boiler');
    case 'GB 18485-2014':
      return pick('GB 18485-2014/incinerator');
    case 'GB 18918-2002':
      return pick('GB 18918-2002/1A');
    case 'GB 8978-1996':
      return pick('GB 8978-1996/grade-1');
    default: {
      const impossible: never = standard;
      throw new Error(`no preset rule for ${String(impossible)}`);
    }
  }
}

/** The rows a preset gives an outlet on a day, ready for `LimitRepository.add`. */
export function presetLimitsFor(
  preset: LimitPreset,
  siteId: number,
  day: string,
  createdBy: string,
): NewOutletLimit[] {
  return preset.rows(day).map((r) => ({
    ...r,
    siteId,
    source: `preset:${preset.id}`,
    createdBy,
    note: [r.note, `assumed: ${preset.assumptions.join('; ')}`]
      .filter((s) => s !== null && s !== '')
      .join('; '),
  }));
}
