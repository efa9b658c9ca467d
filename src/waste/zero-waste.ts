/**
 * Zero-waste city statistics (无废城市, 2021 indicator system 环固体〔2021〕114号 [secondary]):
 * the monthly figures the bureau enters or imports for general industrial solid waste, agricultural,
 * construction and household waste, with targets, and the indicators the board reads
 * (docs/waste.md §8). Pure.
 */
import { BadInputError } from '../errors.js';
import type { WasteStat } from '../store/waste.repository.js';

/** How a year's figure is formed from months: summed, or the latest month's value. */
export type StatAggregation = 'sum' | 'latest';

/** The statistics keys, their unit, how a year is formed, and whether higher is better. */
export const ZERO_WASTE_STATS = {
  industrial_generated_t: { unit: 't', aggregation: 'sum', group: 'industrial' },
  industrial_utilised_t: { unit: 't', aggregation: 'sum', group: 'industrial' },
  straw_utilisation_pct: { unit: '%', aggregation: 'latest', group: 'agricultural' },
  manure_utilisation_pct: { unit: '%', aggregation: 'latest', group: 'agricultural' },
  film_recovery_pct: { unit: '%', aggregation: 'latest', group: 'agricultural' },
  construction_generated_t: { unit: 't', aggregation: 'sum', group: 'construction' },
  construction_utilisation_pct: { unit: '%', aggregation: 'latest', group: 'construction' },
  household_collected_t: { unit: 't', aggregation: 'sum', group: 'household' },
  household_classification_coverage_pct: { unit: '%', aggregation: 'latest', group: 'household' },
  household_resource_utilisation_pct: { unit: '%', aggregation: 'latest', group: 'household' },
} as const satisfies Record<string, { unit: string; aggregation: StatAggregation; group: string }>;
export type ZeroWasteStatKey = keyof typeof ZERO_WASTE_STATS;
export const ZERO_WASTE_STAT_KEYS = Object.keys(ZERO_WASTE_STATS) as ZeroWasteStatKey[];

/** Indicators derived rather than entered. */
export const DERIVED_INDICATORS = ['industrial_utilisation_pct', 'hazardous_utilisation_pct'] as const;

/** One statistic as entered. */
export interface WasteStatInput {
  month: string;
  /** `city` or a district code. */
  scope: string;
  key: string;
  value: number;
  target?: number | null | undefined;
}

/** One indicator for the board: {key, value, unit, asOf} (null value: no data yet), with its target. */
export interface WasteIndicator {
  key: string;
  value: number | null;
  unit: string;
  target: number | null;
  asOf: Date | null;
}

/** Checks an entered statistic; errors name the field. */
export function checkStatInput(
  r: WasteStatInput,
  field: string,
): Required<Omit<WasteStatInput, 'target'>> & { target: number | null } {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(r.month)) {
    throw new BadInputError(`${field}.month = ${r.month}: YYYY-MM`, [
      { field: `${field}.month`, problem: 'malformed' },
    ]);
  }
  if (r.scope !== 'city' && !/^\d{6}$/.test(r.scope)) {
    throw new BadInputError(`${field}.scope = ${r.scope}: city or a 6-digit district code`, [
      { field: `${field}.scope`, problem: 'malformed' },
    ]);
  }
  const spec = (ZERO_WASTE_STATS as Record<string, { unit: string }>)[r.key];
  if (spec === undefined) {
    throw new BadInputError(`${field}.key = ${r.key}: one of ${ZERO_WASTE_STAT_KEYS.join(', ')}`, [
      { field: `${field}.key`, problem: 'unknown' },
    ]);
  }
  const max = spec.unit === '%' ? 100 : 1e9;
  for (const [name, v] of [
    ['value', r.value],
    ['target', r.target],
  ] as const) {
    if (v === undefined || v === null) continue;
    if (!Number.isFinite(v) || v < 0 || v > max) {
      throw new BadInputError(`${field}.${name} = ${v}: 0–${max} ${spec.unit}`, [
        { field: `${field}.${name}`, problem: 'out of range' },
      ]);
    }
  }
  return { month: r.month, scope: r.scope, key: r.key, value: r.value, target: r.target ?? null };
}

/**
 * The indicators of a year from its monthly statistics and the hazardous-waste ledger totals:
 * each entered key (summed or latest), the general industrial solid-waste utilisation share
 * (utilised ÷ generated) and the hazardous-waste utilisation share (utilised ÷ (utilised + disposed)).
 * Shares are rounded to 0.1 %.
 */
export function indicatorsOf(
  stats: readonly WasteStat[],
  hazardous: { utilisedKg: number; disposedKg: number; asOf: Date | null },
): WasteIndicator[] {
  const out: WasteIndicator[] = [];
  const yearOf = new Map<string, { value: number; target: number | null; asOf: Date; month: string }>();
  for (const key of ZERO_WASTE_STAT_KEYS) {
    const spec = ZERO_WASTE_STATS[key];
    const rows = stats.filter((s) => s.key === key).sort((a, b) => a.month.localeCompare(b.month));
    const last = rows.at(-1);
    if (last === undefined) {
      out.push({ key, value: null, unit: spec.unit, target: null, asOf: null });
      continue;
    }
    const value = spec.aggregation === 'sum' ? rows.reduce((s, r) => s + r.value, 0) : last.value;
    const target = [...rows].reverse().find((r) => r.target !== null)?.target ?? null;
    const asOf = rows.reduce((m, r) => (r.enteredAt > m ? r.enteredAt : m), last.enteredAt);
    yearOf.set(key, { value, target, asOf, month: last.month });
    out.push({ key, value, unit: spec.unit, target, asOf });
  }
  const gen = yearOf.get('industrial_generated_t');
  const used = yearOf.get('industrial_utilised_t');
  out.push({
    key: 'industrial_utilisation_pct',
    value:
      gen !== undefined && used !== undefined && gen.value > 0
        ? Math.round((used.value / gen.value) * 1000) / 10
        : null,
    unit: '%',
    target: null,
    asOf: gen !== undefined && used !== undefined ? (gen.asOf > used.asOf ? gen.asOf : used.asOf) : null,
  });
  const total = hazardous.utilisedKg + hazardous.disposedKg;
  out.push({
    key: 'hazardous_utilisation_pct',
    value: total > 0 ? Math.round((hazardous.utilisedKg / total) * 1000) / 10 : null,
    unit: '%',
    target: null,
    asOf: total > 0 ? hazardous.asOf : null,
  });
  return out;
}
