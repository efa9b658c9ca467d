/**
 * Surface-water section assessment over China-local periods — 地表水环境质量评价办法（试行）
 * (环办〔2011〕22号) with GB 3838-2002 classes and the CWQI of 环办监测〔2017〕51号, as summarised in
 * docs/standards/gb3838-water.md §3–§4 and docs/standards/cwqi.md:
 * - a day's value of an item is the lab result of that day, else the device's daily value, else the
 *   mean of the valid hourly values (flags as in `classifyFlag`);
 * - a period's value of an item is the arithmetic mean of its daily values ("period means per item
 *   first"), then each item is classed and the section class is the worst evaluation item;
 * - city and district shares of sections at I–III and at 劣V, compliance with targets, CWQI ranking;
 * - river and basin status: the share rule with five or more sections, else item means over the
 *   sections and the single-factor method.
 *
 * Pure: no I/O, no clock; periods and data come in as arguments.
 */
import { chinaDateOfDayNumber, chinaDayNumber, type ChinaPeriod } from '../standards/china-time.js';
import {
  WATER_CLASSES,
  assertItemValue,
  classRank,
  type ItemKey,
  type LimitedClass,
  type WaterBodyType,
  type WaterClass,
} from '../standards/gb3838-2002.js';
import {
  isEvaluationItem2011,
  statusOfClass,
  type MainPollutant,
} from '../standards/water-evaluation-2011.js';
import { calcWater, type WaterStatus } from '../standards/water.js';
import { classifyFlag } from './source-series.js';
import { waterItemOfCode, toGbUnit } from './water-codes.js';
import { rank } from './ranking.js';

/**
 * A mean taken to 12 significant digits: binary noise of a float sum (24 × 1.0 / 24 giving
 * 1.0000000000000002) must not push a mean that lies exactly on a class limit into the worse class.
 */
function denoise(x: number): number {
  return Number(x.toPrecision(12));
}

/** Where a reading group came from. */
export type ReadingOrigin = 'lab' | 'device';

/**
 * Readings of one site, parameter, interval, origin, China-local day and flag, summed (what the
 * store's daily aggregate returns; values in the code's stored unit, corrections applied).
 */
export interface DailySum {
  siteId: number;
  parameter: string;
  interval: string;
  origin: ReadingOrigin;
  /** China-local day number (see `chinaDayNumber` in standards/china-time.ts). */
  day: number;
  flag: string | null;
  sum: number;
  count: number;
}

/** How a day's value of an item was obtained, in order of precedence. */
export type DailyValueOrigin = 'lab' | 'device-day' | 'hourly-mean';

/** The value of one item on one China-local day, in the GB 3838-2002 unit. */
export interface DailyItemValue {
  day: number;
  item: ItemKey;
  value: number;
  origin: DailyValueOrigin;
  /** Number of readings behind the value. */
  samples: number;
}

/**
 * Day values per site from daily sums: readings with an invalid flag (F, M, S, D, C, … — see
 * `classifyFlag`) are left out; per item and day a lab result wins over a device's daily value,
 * which wins over the mean of the hourly values (minute and real-time data are not used).
 */
export function dailyItemValues(sums: readonly DailySum[]): Map<number, DailyItemValue[]> {
  interface Acc {
    lab: [number, number];
    day: [number, number];
    hour: [number, number];
  }
  const acc = new Map<string, { siteId: number; day: number; item: ItemKey; factorRow: string; a: Acc }>();
  for (const s of sums) {
    const row = waterItemOfCode(s.parameter);
    if (row === undefined || s.count === 0) continue;
    if (classifyFlag(s.flag) === 'invalid') continue;
    const key = `${s.siteId}|${row.item}|${s.day}`;
    let entry = acc.get(key);
    if (entry === undefined) {
      entry = {
        siteId: s.siteId,
        day: s.day,
        item: row.item,
        factorRow: s.parameter,
        a: { lab: [0, 0], day: [0, 0], hour: [0, 0] },
      };
      acc.set(key, entry);
    }
    const bucket =
      s.interval === 'day'
        ? s.origin === 'lab'
          ? entry.a.lab
          : entry.a.day
        : s.interval === 'hour'
          ? entry.a.hour
          : null;
    if (bucket === null) continue;
    bucket[0] += s.sum;
    bucket[1] += s.count;
  }
  const out = new Map<number, DailyItemValue[]>();
  for (const e of acc.values()) {
    const row = waterItemOfCode(e.factorRow);
    if (row === undefined) continue;
    const pick: [DailyValueOrigin, [number, number]] | null =
      e.a.lab[1] > 0
        ? ['lab', e.a.lab]
        : e.a.day[1] > 0
          ? ['device-day', e.a.day]
          : e.a.hour[1] > 0
            ? ['hourly-mean', e.a.hour]
            : null;
    if (pick === null) continue;
    const [origin, [sum, n]] = pick;
    const list = out.get(e.siteId) ?? [];
    list.push({ day: e.day, item: e.item, value: toGbUnit(row, denoise(sum / n)), origin, samples: n });
    out.set(e.siteId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.day - b.day || a.item.localeCompare(b.item));
  return out;
}

/** A surface-water section as the assessment needs it (from the site and its attributes). */
export interface WaterSectionInfo {
  siteId: number;
  code: string;
  name: string;
  districtCode: string;
  waterType: WaterBodyType;
  targetClass: LimitedClass;
  waterBody: string;
  basin: string;
  automatic: boolean;
}

/** Reads a section's attributes; null when they are not those of a water section. */
export function sectionInfoOf(site: {
  id: number;
  kind: string;
  code: string;
  name: string;
  districtCode: string;
  attributes: Record<string, unknown>;
}): WaterSectionInfo | null {
  if (site.kind !== 'water_section') return null;
  const a = site.attributes;
  const waterType = a.waterType === 'lake' ? 'lake' : a.waterType === 'river' ? 'river' : null;
  const target = ['I', 'II', 'III', 'IV', 'V'].find((c) => c === a.targetClass) as LimitedClass | undefined;
  if (waterType === null || target === undefined) return null;
  return {
    siteId: site.id,
    code: site.code,
    name: site.name,
    districtCode: site.districtCode,
    waterType,
    targetClass: target,
    waterBody: typeof a.waterBody === 'string' ? a.waterBody : site.name,
    basin: typeof a.basin === 'string' ? a.basin : '',
    automatic: a.automatic === true,
  };
}

/** One item's period value. */
export interface ItemPeriodValue {
  item: ItemKey;
  /** Mean of the daily values, GB 3838-2002 unit, 6 significant digits. */
  value: number;
  /** The mean at 12 significant digits (what is classed). */
  exact: number;
  /** Days with a value. */
  days: number;
  class: WaterClass | null;
  /** True when the item sets the section class (the 21 items of the 2011 method). */
  used: boolean;
}

/** The assessment of one section over one period. */
export interface SectionAssessment {
  section: WaterSectionInfo;
  period: ChinaPeriod;
  /** Days with any item value. */
  days: number;
  /** The latest day with data in the period (`YYYY-MM-DD`). */
  latestDay: string | null;
  /** Null when no evaluation item had data. */
  class: WaterClass | null;
  status: WaterStatus | null;
  meetsTarget: boolean | null;
  mainPollutants: MainPollutant[];
  /** Section CWQI over the evaluation items present; compare only sections with equal `cwqiItems`. */
  cwqi: number | null;
  cwqiItems: number;
  items: ItemPeriodValue[];
  /** Items left out, with why (a mean the calculators refuse). */
  rejected: { item: ItemKey; reason: string }[];
}

const sig6 = (x: number): number => Number(x.toPrecision(6));

/** Assesses one section over one period from its day values (any days outside the period are ignored). */
export function assessSection(
  section: WaterSectionInfo,
  daily: readonly DailyItemValue[],
  period: ChinaPeriod,
): SectionAssessment {
  const first = chinaDayNumber(period.from);
  const last = chinaDayNumber(new Date(period.to.getTime() - 1));
  const byItem = new Map<ItemKey, number[]>();
  const days = new Set<number>();
  for (const d of daily) {
    if (d.day < first || d.day > last) continue;
    days.add(d.day);
    const list = byItem.get(d.item) ?? [];
    list.push(d.value);
    byItem.set(d.item, list);
  }
  const values: Partial<Record<ItemKey, number>> = {};
  const rejected: { item: ItemKey; reason: string }[] = [];
  const dayCounts = new Map<ItemKey, number>();
  for (const [item, list] of byItem) {
    const mean = denoise(list.reduce((s, v) => s + v, 0) / list.length);
    try {
      assertItemValue(item, mean);
    } catch (e) {
      rejected.push({ item, reason: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (item === 'do' && mean === 0) {
      rejected.push({ item, reason: 'dissolved oxygen mean of 0 mg/L makes CWQI unbounded' });
      continue;
    }
    values[item] = mean;
    dayCounts.set(item, list.length);
  }
  const latest = days.size === 0 ? null : chinaDateOfDayNumber(Math.max(...days));
  const base = {
    section,
    period,
    days: days.size,
    latestDay: latest,
  };
  const evaluated = Object.keys(values).filter((k) => isEvaluationItem2011(k as ItemKey));
  if (evaluated.length === 0) {
    return {
      ...base,
      class: null,
      status: null,
      meetsTarget: null,
      mainPollutants: [],
      cwqi: null,
      cwqiItems: 0,
      items: Object.entries(values).map(([item, v]) => ({
        item: item as ItemKey,
        value: sig6(v),
        exact: v,
        days: dayCounts.get(item as ItemKey) ?? 0,
        class: null,
        used: false,
      })),
      rejected,
    };
  }
  const result = calcWater({ type: section.waterType, target: section.targetClass, values });
  const items: ItemPeriodValue[] = [];
  for (const [item, r] of Object.entries(result.items)) {
    items.push({
      item: item as ItemKey,
      value: sig6(r.value),
      exact: r.value,
      days: dayCounts.get(item as ItemKey) ?? 0,
      class: r.class,
      used: r.used,
    });
  }
  return {
    ...base,
    class: result.class,
    status: result.status,
    meetsTarget: result.meetsTarget ?? null,
    mainPollutants: result.mainPollutants,
    cwqi: result.cwqi,
    cwqiItems: evaluated.length,
    items,
    rejected,
  };
}

/** Counts and shares over a set of sections (a city, a district). Shares are fractions 0–1. */
export interface AreaSummary {
  /** Sections in the area. */
  sections: number;
  /** Sections with a class in the period. */
  assessed: number;
  classCounts: Record<WaterClass, number>;
  /** Share of assessed sections at class I–III (优良比例). */
  shareGoodIToIII: number | null;
  /** Share of assessed sections worse than class V (劣V类比例). */
  shareWorseThanV: number | null;
  /** Sections meeting their target (达标) among the assessed. */
  targetsMet: number;
  /** targetsMet / assessed (达标率). */
  complianceRate: number | null;
  /** Mean section CWQI (the city CWQI of the 2017 rule when the area is the city). */
  cwqi: number | null;
}

/** Summarises assessed sections: class counts, shares, compliance, mean CWQI. */
export function summarizeArea(assessments: readonly SectionAssessment[]): AreaSummary {
  const classCounts = Object.fromEntries(WATER_CLASSES.map((c) => [c, 0])) as Record<WaterClass, number>;
  let assessed = 0;
  let good = 0;
  let worst = 0;
  let met = 0;
  const cwqis: number[] = [];
  for (const a of assessments) {
    if (a.class === null) continue;
    assessed += 1;
    classCounts[a.class] += 1;
    if (classRank(a.class) <= classRank('III')) good += 1;
    if (a.class === '劣V') worst += 1;
    if (a.meetsTarget === true) met += 1;
    if (a.cwqi !== null) cwqis.push(a.cwqi);
  }
  return {
    sections: assessments.length,
    assessed,
    classCounts,
    shareGoodIToIII: assessed === 0 ? null : good / assessed,
    shareWorseThanV: assessed === 0 ? null : worst / assessed,
    targetsMet: met,
    complianceRate: assessed === 0 ? null : met / assessed,
    cwqi: cwqis.length === 0 ? null : cwqis.reduce((s, c) => s + c, 0) / cwqis.length,
  };
}

/** Standard competition ranks (1, 2, 2, 4) by ascending value; CWQI compared at 4 decimals. */
function ranks<T>(rows: readonly T[], value: (r: T) => number | null): Map<T, number> {
  // CWQI compared at 4 decimals, so that float noise never splits a tie.
  const ranked = rank(rows, {
    value: (r) => {
      const v = value(r);
      return v === null ? null : Math.round(v * 1e4);
    },
    direction: 'ascending',
    ties: 'competition',
  });
  return new Map(ranked.flatMap((x) => (x.rank === null ? [] : [[x.item, x.rank] as const])));
}

/** A district's summary with its CWQI rank among the districts (1 = best, lowest CWQI). */
export interface DistrictSummary extends AreaSummary {
  districtCode: string;
  name: string;
  cwqiRank: number | null;
}

/** Summaries of each district, ranked by mean CWQI (lower is better); districts without sections are left out. */
export function districtSummaries(
  assessments: readonly SectionAssessment[],
  districts: readonly { code: string; name: string }[],
): DistrictSummary[] {
  const rows: Omit<DistrictSummary, 'cwqiRank'>[] = [];
  for (const d of districts) {
    const mine = assessments.filter((a) => a.section.districtCode === d.code);
    if (mine.length > 0) rows.push({ districtCode: d.code, name: d.name, ...summarizeArea(mine) });
  }
  const rank = ranks(rows, (r) => r.cwqi);
  return rows
    .map((r) => ({ ...r, cwqiRank: rank.get(r) ?? null }))
    .sort(
      (a, b) =>
        (a.cwqiRank ?? Infinity) - (b.cwqiRank ?? Infinity) || a.districtCode.localeCompare(b.districtCode),
    );
}

/** One line of the section CWQI ranking. */
export interface CwqiRankEntry {
  rank: number;
  code: string;
  name: string;
  districtCode: string;
  cwqi: number;
  cwqiItems: number;
  class: WaterClass | null;
}

/** Sections ranked by CWQI, best (lowest) first; sections without a CWQI are left out. */
export function sectionCwqiRanking(assessments: readonly SectionAssessment[]): CwqiRankEntry[] {
  const rank = ranks(assessments, (a) => a.cwqi);
  return assessments
    .filter((a) => a.cwqi !== null)
    .map((a) => ({
      rank: rank.get(a) as number,
      code: a.section.code,
      name: a.section.name,
      districtCode: a.section.districtCode,
      cwqi: a.cwqi as number,
      cwqiItems: a.cwqiItems,
      class: a.class,
    }))
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
}

/** Sections a river or basin needs for the share rule of the 2011 method. */
const RIVER_SHARE_RULE_MIN_SECTIONS = 5;

/**
 * Status of a river or basin with ≥ 5 sections by the shares of its sections (2011 method, reference
 * docs/standards/gb3838-water.md §4): I–III ≥ 90 % 优; ≥ 75 % 良好; otherwise 劣V < 20 % 轻度污染, < 40 % 中度污染,
 * and 重度污染 when I–III < 60 % with 劣V ≥ 40 %. The table leaves I–III ≥ 60 % with 劣V ≥ 40 % (only
 * 60 % / 40 % exactly) unassigned; it is taken as 中度污染 here.
 */
export function riverStatusByShares(shareGoodIToIII: number, shareWorseThanV: number): WaterStatus {
  if (shareGoodIToIII >= 0.9) return statusOfClass('I');
  if (shareGoodIToIII >= 0.75) return statusOfClass('III');
  if (shareWorseThanV < 0.2) return statusOfClass('IV');
  if (shareWorseThanV < 0.4) return statusOfClass('V');
  return shareGoodIToIII < 0.6 ? statusOfClass('劣V') : statusOfClass('V');
}

/** Status of one river (water body) or basin. */
export interface WaterBodyStatus {
  name: string;
  /** River sections with a class in the period. */
  sections: number;
  /** `share`: ≥ 5 sections, by shares; `mean`: fewer, by item means over the sections. */
  method: 'share' | 'mean';
  shareGoodIToIII: number | null;
  shareWorseThanV: number | null;
  /** The class of the item means (method `mean` only). */
  class: WaterClass | null;
  status: WaterStatus | null;
  sectionCodes: string[];
}

/**
 * River or basin status (2011 method) over the river sections of each group (lake and reservoir
 * points are assessed as lakes, not as river sections). Groups by the section's water body
 * (`river`) or basin (`basin`).
 */
export function waterBodyStatuses(
  assessments: readonly SectionAssessment[],
  groupBy: 'river' | 'basin',
): WaterBodyStatus[] {
  const groups = new Map<string, SectionAssessment[]>();
  for (const a of assessments) {
    if (a.class === null || a.section.waterType !== 'river') continue;
    const name = groupBy === 'river' ? a.section.waterBody : a.section.basin;
    if (name === '') continue;
    groups.set(name, [...(groups.get(name) ?? []), a]);
  }
  const out: WaterBodyStatus[] = [];
  for (const [name, list] of groups) {
    const s = summarizeArea(list);
    const sectionCodes = list.map((a) => a.section.code).sort();
    if (list.length >= RIVER_SHARE_RULE_MIN_SECTIONS) {
      out.push({
        name,
        sections: list.length,
        method: 'share',
        shareGoodIToIII: s.shareGoodIToIII,
        shareWorseThanV: s.shareWorseThanV,
        class: null,
        status: riverStatusByShares(s.shareGoodIToIII ?? 0, s.shareWorseThanV ?? 0),
        sectionCodes,
      });
      continue;
    }
    const sums = new Map<ItemKey, [number, number]>();
    for (const a of list) {
      for (const it of a.items) {
        const [sum, n] = sums.get(it.item) ?? [0, 0];
        sums.set(it.item, [sum + it.exact, n + 1]);
      }
    }
    const values: Partial<Record<ItemKey, number>> = {};
    for (const [item, [sum, n]] of sums) values[item] = sum / n;
    const r = calcWater({ type: 'river', values });
    out.push({
      name,
      sections: list.length,
      method: 'mean',
      shareGoodIToIII: s.shareGoodIToIII,
      shareWorseThanV: s.shareWorseThanV,
      class: r.class,
      status: r.status,
      sectionCodes,
    });
  }
  return out.sort((a, b) => b.sections - a.sections || a.name.localeCompare(b.name));
}
