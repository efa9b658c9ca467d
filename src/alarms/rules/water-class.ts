/**
 * Water section: class worse than its target (水质目标), by `calcWater` (GB 3838-2002 single-factor
 * class by the 2011 evaluation method; ../../standards/water.ts).
 */
import { LIMITED_CLASSES, type ItemKey, type LimitedClass } from '../../standards/gb3838-2002.js';
import { calcWater, type WaterBodyType } from '../../standards/water.js';
import type { Finding, FindingValue } from '../types.js';
import { at, named } from './series.js';

/**
 * HJ 212 codes (docs/standards/hj212.md §8) → GB 3838-2002 items, for the codes reported in mg/L (pH
 * dimensionless, temperature °C). Metals (w20111…, µg/L in HJ 212-2017 B.1) are not mapped: their
 * unit is a per-factor setting, not a constant.
 */
export const HJ212_TO_GB3838_ITEM: Readonly<Record<string, ItemKey>> = {
  w01001: 'ph',
  w01009: 'do',
  w01010: 'wt',
  w01017: 'bod5',
  w01018: 'cod',
  w01019: 'codmn',
  w21001: 'tn',
  w21003: 'nh3n',
  w21011: 'tp',
  w21016: 'cn',
  w21017: 'f',
  w21019: 's2',
  w22001: 'oil',
  w23002: 'phenol',
};

/** Input of {@link waterClassRule}: a section's values over a period (e.g. a daily mean). */
export interface WaterClassInput {
  siteId?: number;
  periodStart: Date;
  periodEnd: Date;
  waterType: WaterBodyType;
  targetClass: LimitedClass;
  /** Values by HJ 212 code; unmapped codes and nulls are ignored. */
  values: Readonly<Record<string, number | null>>;
}

const rank = (c: string): number => {
  const i = (LIMITED_CLASSES as readonly string[]).indexOf(c);
  return i < 0 ? LIMITED_CLASSES.length : i;
};

/**
 * A finding when the section class is worse than the target: `critical` for 劣V, else `warning`.
 * Evidence: the items whose own class is worse than the target. Parameter: the HJ 212 code of the
 * worst such item. Returns nothing when no evaluation item has a value; throws `WaterInputError`
 * from `calcWater` for impossible values (negative, pH outside 0–14).
 */
export function waterClassRule(input: WaterClassInput): Finding[] {
  const values: Partial<Record<ItemKey, number>> = {};
  const codeOf = new Map<ItemKey, string>();
  for (const [code, v] of Object.entries(input.values)) {
    const item = HJ212_TO_GB3838_ITEM[code];
    if (item === undefined || v === null || !Number.isFinite(v)) continue;
    values[item] = v;
    codeOf.set(item, code);
  }
  if (!Object.keys(values).some((k) => k !== 'wt' && k !== 'tn' && k !== 'fcoli')) return [];
  const r = calcWater({ type: input.waterType, target: input.targetClass, values });
  if (r.meetsTarget !== false) return [];
  const worse: { code: string; value: number; cls: string }[] = [];
  for (const [item, res] of Object.entries(r.items) as [
    ItemKey,
    { value: number; class: string | null; used: boolean },
  ][]) {
    if (!res.used || res.class === null || rank(res.class) <= rank(input.targetClass)) continue;
    worse.push({ code: codeOf.get(item) ?? item, value: res.value, cls: res.class });
  }
  worse.sort((a, b) => rank(b.cls) - rank(a.cls));
  const evidenceValues: FindingValue[] = worse.map((w) => ({
    at: input.periodStart,
    value: w.value,
    note: `${w.code} class ${w.cls}`,
  }));
  const itemsZh = worse.map((w) => `${named(w.code).zh}（${w.cls} 类）`).join('、');
  const itemsEn = worse.map((w) => `${named(w.code).en} (class ${w.cls})`).join(', ');
  const finding: Finding = {
    rule: 'water-class',
    severity: r.class === '劣V' ? 'critical' : 'warning',
    parameter: worse[0]?.code ?? 'water-class',
    window: { from: input.periodStart, to: input.periodEnd },
    values: evidenceValues,
    message: {
      zh: `${at(input.periodStart)} 起断面水质 ${r.class} 类，未达目标 ${input.targetClass} 类；超标项目 ${itemsZh}`,
      en: `section class ${r.class} from ${at(input.periodStart)} misses its target ${input.targetClass}; items ${itemsEn}`,
    },
  };
  if (input.siteId !== undefined) finding.siteId = input.siteId;
  return [finding];
}
