/**
 * Heavy-pollution weather alerts: the level a daily-AQI forecast calls for, whether an alert may be
 * lifted, and the region-wide cut target of each level — as a versioned rule table (data, not code)
 * whose default is 环大气〔2024〕6号 (docs/standards/heavy-pollution-alert.md §1, §2).
 *
 * Pure: no I/O, no clock. The bureau edits the table (a new version with its `validFrom`); these
 * functions judge with whatever table they are handed. Every default carries its evidence tag.
 */

/** Alert levels, mildest first. `temporary` (below yellow: local temporary controls) and `blue` are options. */
export const ALERT_LEVELS = ['temporary', 'blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** The three levels of the 2024 national scheme, in force in every rule table. */
export const NATIONAL_LEVELS: readonly AlertLevel[] = ['yellow', 'orange', 'red'];

/** Evidence tags (docs/standards/README.md). */
export type EvidenceTag = 'text' | 'data' | 'secondary' | 'unverified';

/** Rank of a level: higher is more severe. */
export function levelRank(level: AlertLevel): number {
  return ALERT_LEVELS.indexOf(level);
}

/** One condition: the daily AQI above `aqiAbove` on consecutive forecast days covering at least `minHours`. */
export interface AqiCondition {
  aqiAbove: number;
  minHours: number;
}

/** A level's trigger: any branch holds; a branch holds when all its conditions hold. */
export interface LevelTrigger {
  level: AlertLevel;
  /** Options (`temporary`, `blue`) may be switched off; the national levels may not. */
  enabled: boolean;
  branches: AqiCondition[][];
  tag: EvidenceTag;
  source: string;
}

/** The versioned rule table of alerts. */
export interface AlertRuleTable {
  version: string;
  /** China-local date from which the table applies. */
  validFrom: string;
  /** Triggers, mildest level first. */
  triggers: LevelTrigger[];
  /** Lifting: the forecast stays below `belowLevel`'s trigger for more than `minHours`. */
  lifting: { belowLevel: AlertLevel; minHours: number; tag: EvidenceTag; source: string };
  /** Region-wide cut of SO2, NOx, PM and VOCs a level asks for, % of city emissions. */
  cutTargetsPct: { level: AlertLevel; pct: number }[];
  cutTargetsTag: EvidenceTag;
  cutTargetsSource: string;
  /** The basis of "daily AQI": the calendar day, or a rolling 24 h across midnight [secondary]. */
  dailyAqiBasis: 'calendar-day' | 'rolling-24h';
}

const MEE_2024 = '环大气〔2024〕6号 (three reprints of the MEE text)';

/**
 * The default table: 环大气〔2024〕6号 triggers [secondary], lifting after > 36 h below yellow
 * [secondary], targets 10 / 20 / 30 % [secondary: Tianjin and Hubei plans]. `temporary` (AQI > 150,
 * or > 100 for ≥ 48 h) comes from a Jiangsu-side article [secondary] and is off by default; `blue`
 * (the level the 2024 scheme dropped) is an option off by default with a one-day > 200 trigger
 * [unverified: a local-plan guess, kept only so a bureau can switch it on and edit it].
 */
export const DEFAULT_ALERT_RULES: AlertRuleTable = {
  version: 'mee-2024-6',
  validFrom: '2024-01-23',
  triggers: [
    {
      level: 'temporary',
      enabled: false,
      branches: [[{ aqiAbove: 150, minHours: 24 }], [{ aqiAbove: 100, minHours: 48 }]],
      tag: 'secondary',
      source: 'Jiangsu-side article on 6号; whether the sentence is in 6号 itself is unverified',
    },
    {
      level: 'blue',
      enabled: false,
      branches: [[{ aqiAbove: 200, minHours: 24 }]],
      tag: 'unverified',
      source: 'dropped by 6号; a local option only',
    },
    {
      level: 'yellow',
      enabled: true,
      branches: [[{ aqiAbove: 200, minHours: 24 }], [{ aqiAbove: 150, minHours: 48 }]],
      tag: 'secondary',
      source: MEE_2024,
    },
    {
      level: 'orange',
      enabled: true,
      branches: [[{ aqiAbove: 200, minHours: 48 }], [{ aqiAbove: 150, minHours: 72 }]],
      tag: 'secondary',
      source: MEE_2024,
    },
    {
      level: 'red',
      enabled: true,
      branches: [
        [
          { aqiAbove: 200, minHours: 72 },
          { aqiAbove: 300, minHours: 24 },
        ],
      ],
      tag: 'secondary',
      source: MEE_2024,
    },
  ],
  lifting: { belowLevel: 'yellow', minHours: 36, tag: 'secondary', source: MEE_2024 },
  cutTargetsPct: [
    { level: 'yellow', pct: 10 },
    { level: 'orange', pct: 20 },
    { level: 'red', pct: 30 },
  ],
  cutTargetsTag: 'secondary',
  cutTargetsSource: 'Tianjin and Hubei plans, "per national requirement"; local variants differ',
  dailyAqiBasis: 'calendar-day',
};

/** One forecast day: its China-local date and forecast daily AQI. */
export interface ForecastDay {
  date: string;
  aqi: number;
}

/** Checks a rule table a bureau submits; throws a RangeError naming the field to fix. */
export function checkAlertRuleTable(table: AlertRuleTable): AlertRuleTable {
  for (const level of NATIONAL_LEVELS) {
    const t = table.triggers.find((x) => x.level === level);
    if (t === undefined) throw new RangeError(`triggers: the ${level} level is missing`);
    if (!t.enabled)
      throw new RangeError(`triggers.${level}.enabled: a national level cannot be switched off`);
  }
  const seen = new Set<AlertLevel>();
  for (const t of table.triggers) {
    if (seen.has(t.level)) throw new RangeError(`triggers: ${t.level} appears twice`);
    seen.add(t.level);
    if (t.branches.length === 0 || t.branches.some((b) => b.length === 0)) {
      throw new RangeError(`triggers.${t.level}.branches: every level needs at least one non-empty branch`);
    }
    for (const c of t.branches.flat()) {
      if (!(c.aqiAbove >= 0 && c.aqiAbove <= 500))
        throw new RangeError(`triggers.${t.level}: aqiAbove = ${c.aqiAbove} must lie in 0…500`);
      if (!(c.minHours > 0 && c.minHours % 24 === 0))
        throw new RangeError(
          `triggers.${t.level}: minHours = ${c.minHours} must be a positive multiple of 24 (daily AQI)`,
        );
    }
  }
  if (!(table.lifting.minHours >= 0))
    throw new RangeError(`lifting.minHours = ${table.lifting.minHours} must not be negative`);
  for (const c of table.cutTargetsPct) {
    if (!(c.pct >= 0 && c.pct <= 100))
      throw new RangeError(`cutTargetsPct.${c.level} = ${c.pct} must lie in 0…100`);
  }
  return table;
}

/** The longest run of consecutive forecast days with AQI above a value, in hours. */
function longestRunHours(days: readonly ForecastDay[], above: number): number {
  let best = 0;
  let run = 0;
  let prev: number | null = null;
  for (const d of [...days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const n = dayNumber(d.date);
    if (prev !== null && n !== prev + 1) run = 0;
    run = d.aqi > above ? run + 1 : 0;
    best = Math.max(best, run);
    prev = n;
  }
  return best * 24;
}

function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) throw new RangeError(`date = "${date}": expected YYYY-MM-DD`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** The level a forecast calls for, with the branch that holds, or `level: null` below every enabled trigger. */
export interface AlertProposal {
  level: AlertLevel | null;
  /** The conditions of the branch that holds (empty when none). */
  branch: AqiCondition[];
  rulesVersion: string;
  tag: EvidenceTag | null;
}

/**
 * The most severe enabled level whose trigger a forecast meets (环大气〔2024〕6号 §2 as tabled in
 * docs/standards/heavy-pollution-alert.md §1). The conditions of one branch are judged each on its
 * own run of days (the red branch's > 300 day lies inside its > 200 run whenever it exists, since
 * a day above 300 is above 200).
 */
export function proposeAlertLevel(table: AlertRuleTable, forecast: readonly ForecastDay[]): AlertProposal {
  for (const t of [...table.triggers].sort((a, b) => levelRank(b.level) - levelRank(a.level))) {
    if (!t.enabled) continue;
    const branch = t.branches.find((b) =>
      b.every((c) => longestRunHours(forecast, c.aqiAbove) >= c.minHours),
    );
    if (branch !== undefined) return { level: t.level, branch, rulesVersion: table.version, tag: t.tag };
  }
  return { level: null, branch: [], rulesVersion: table.version, tag: null };
}

/** Whether an alert may be lifted, and why. */
export interface LiftJudgement {
  allowed: boolean;
  /** Forecast hours, from the first forecast day, in which no trigger at or above `belowLevel` holds. */
  hoursBelow: number;
  rule: string;
}

/**
 * Lifting (6号, docs/standards/heavy-pollution-alert.md §2): the forecast from now on stays below the
 * lifting level for more than `minHours`. Each day counts 24 h when the forecast up to and including
 * it meets no trigger at or above that level.
 */
export function judgeLifting(table: AlertRuleTable, forecast: readonly ForecastDay[]): LiftJudgement {
  const sorted = [...forecast].sort((a, b) => (a.date < b.date ? -1 : 1));
  const floor = levelRank(table.lifting.belowLevel);
  const triggers = table.triggers.filter((t) => t.enabled && levelRank(t.level) >= floor);
  let hoursBelow = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const prefix = sorted.slice(0, i + 1);
    const hit = triggers.some((t) =>
      t.branches.some((b) => b.every((c) => longestRunHours(prefix, c.aqiAbove) >= c.minHours)),
    );
    if (hit) break;
    hoursBelow += 24;
  }
  return {
    allowed: hoursBelow > table.lifting.minHours,
    hoursBelow,
    rule: `below ${table.lifting.belowLevel} for more than ${table.lifting.minHours} h (${table.version})`,
  };
}

/** The region-wide cut target of a level, %, or null when the table sets none. */
export function cutTargetPct(table: AlertRuleTable, level: AlertLevel): number | null {
  return table.cutTargetsPct.find((c) => c.level === level)?.pct ?? null;
}
