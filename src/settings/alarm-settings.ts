/**
 * The alarm settings a bureau may change, and the checks they pass (pure): each threshold of
 * `src/alarms/thresholds.ts` with the rule that reads it, its kind, unit and the range a value must
 * lie in; the parsing of threshold overrides and of the list of rules that open cases by themselves.
 * Bad input throws a {@link BadInputError} naming the field (`values.offlineAfterMinutes`,
 * `rules.0.minSeverity`), with every problem found in its details. See docs/settings.md.
 */
import type { AlarmThresholdOverrides, AlarmThresholdValues, InstrumentRange } from '../alarms/thresholds.js';
import type { RuleId } from '../alarms/types.js';
import { RULE_IDS } from '../alarms/types.js';
import type { AutoCaseRule } from '../cases/auto-case.js';
import { BadInputError } from '../errors.js';

/** The name of a threshold, e.g. `offlineAfterMinutes`. */
export type ThresholdKey = keyof AlarmThresholdValues;

/**
 * What a threshold holds: `integer` or `number` (one value in [min, max]), `flags` (HJ 212 data
 * flags), `ranges` (per HJ 212 parameter code an instrument range `{min?, max?}`), `amounts` (per
 * HJ 212 parameter code one value in [min, max]).
 */
export type ThresholdKind = 'integer' | 'number' | 'flags' | 'ranges' | 'amounts';

type KindOf<V> = V extends number
  ? 'integer' | 'number'
  : V extends readonly string[]
    ? 'flags'
    : V extends Readonly<Record<string, number>>
      ? 'amounts'
      : 'ranges';

/** One changeable threshold. */
export interface ThresholdParameter<K extends ThresholdKind = ThresholdKind> {
  /** The alarm rule that reads it. */
  rule: RuleId;
  kind: K;
  /** Unit of the value (of each amount); '' for a count or a share, 'min' for minutes. */
  unit: string;
  /** Smallest and largest value allowed (of each amount); null for flags and ranges. */
  min: number | null;
  max: number | null;
  label: { zh: string; en: string };
}

const MAX_AMOUNT = 1e6;
/** A week of minutes: longer runs and waits are not what these thresholds are for. */
const WEEK_MINUTES = 10_080;

/** Every threshold of `AlarmThresholdValues`, in the order the admin page shows them. */
export const THRESHOLD_PARAMETERS: {
  readonly [K in ThresholdKey]: ThresholdParameter<KindOf<AlarmThresholdValues[K]>>;
} = {
  constantMinPointsMinute: {
    rule: 'constant-value',
    kind: 'integer',
    unit: '',
    min: 2,
    max: WEEK_MINUTES,
    label: { zh: '恒值：分钟数据连续相同点数', en: 'Constant value: equal minute values in a row' },
  },
  constantMinPointsHour: {
    rule: 'constant-value',
    kind: 'integer',
    unit: '',
    min: 2,
    max: 24 * 31,
    label: { zh: '恒值：小时数据连续相同点数', en: 'Constant value: equal hourly values in a row' },
  },
  constantTolerance: {
    rule: 'constant-value',
    kind: 'number',
    unit: '',
    min: 0,
    max: MAX_AMOUNT,
    label: { zh: '恒值：视为相同的最大差值', en: 'Constant value: largest difference still "equal"' },
  },
  runningGasFlowMinM3s: {
    rule: 'zero-negative',
    kind: 'number',
    unit: 'm³/s',
    min: 0,
    max: MAX_AMOUNT,
    label: {
      zh: '零值负值：废气流量高于此视为生产',
      en: 'Zero/negative: flue-gas flow above this is running',
    },
  },
  runningWaterFlowMinLs: {
    rule: 'zero-negative',
    kind: 'number',
    unit: 'L/s',
    min: 0,
    max: MAX_AMOUNT,
    label: {
      zh: '零值负值：废水流量高于此视为生产',
      en: 'Zero/negative: wastewater flow above this is running',
    },
  },
  runningFlueTempMinC: {
    rule: 'zero-negative',
    kind: 'number',
    unit: '°C',
    min: -50,
    max: 1500,
    label: {
      zh: '零值负值：烟温高于此视为生产',
      en: 'Zero/negative: flue temperature above this is running',
    },
  },
  zeroValueMax: {
    rule: 'zero-negative',
    kind: 'number',
    unit: '',
    min: -MAX_AMOUNT,
    max: MAX_AMOUNT,
    label: { zh: '零值负值：不高于此值判为零值', en: 'Zero/negative: values at or below this' },
  },
  zeroMinPoints: {
    rule: 'zero-negative',
    kind: 'integer',
    unit: '',
    min: 1,
    max: WEEK_MINUTES,
    label: { zh: '零值负值：连续点数', en: 'Zero/negative: points in a row' },
  },
  instrumentRanges: {
    rule: 'out-of-range',
    kind: 'ranges',
    unit: '',
    min: null,
    max: null,
    label: { zh: '超量程：各参数仪器量程', en: 'Out of range: instrument range per parameter' },
  },
  stepMinRelativeChange: {
    rule: 'sudden-step',
    kind: 'number',
    unit: '',
    min: 0.01,
    max: 100,
    label: {
      zh: '突变：相对变化不小于（0.5 = 50%）',
      en: 'Sudden step: relative change at least (0.5 = 50 %)',
    },
  },
  stepMinBase: {
    rule: 'sudden-step',
    kind: 'number',
    unit: '',
    min: 0,
    max: MAX_AMOUNT,
    label: { zh: '突变：前值低于此不判', en: 'Sudden step: previous values below this are not judged' },
  },
  stepFlowExplainsRelativeChange: {
    rule: 'sudden-step',
    kind: 'number',
    unit: '',
    min: 0,
    max: 100,
    label: {
      zh: '突变：同向流量变化达此比例视为工况变化',
      en: 'Sudden step: a flow change this large explains it',
    },
  },
  missingMinConsecutivePoints: {
    rule: 'missing-data',
    kind: 'integer',
    unit: '',
    min: 1,
    max: WEEK_MINUTES,
    label: { zh: '缺数：连续缺失点数', en: 'Missing data: missing slots in a row' },
  },
  transmissionRateMin: {
    rule: 'low-transmission',
    kind: 'number',
    unit: '',
    min: 0,
    max: 1,
    label: { zh: '传输率：低于此比例告警', en: 'Transmission: received / expected below this' },
  },
  offlineAfterMinutes: {
    rule: 'device-offline',
    kind: 'integer',
    unit: 'min',
    min: 1,
    max: WEEK_MINUTES,
    label: { zh: '离线：无报文分钟数（警告）', en: 'Offline: minutes without a packet (warning)' },
  },
  offlineCriticalAfterMinutes: {
    rule: 'device-offline',
    kind: 'integer',
    unit: 'min',
    min: 1,
    max: WEEK_MINUTES,
    label: { zh: '离线：无报文分钟数（严重）', en: 'Offline: minutes without a packet (critical)' },
  },
  flagAbuseFlags: {
    rule: 'flag-abuse',
    kind: 'flags',
    unit: '',
    min: null,
    max: null,
    label: { zh: '标记滥用：计入的数据标记', en: 'Flag abuse: the data flags counted' },
  },
  flagAbuseMaxShare: {
    rule: 'flag-abuse',
    kind: 'number',
    unit: '',
    min: 0,
    max: 1,
    label: { zh: '标记滥用：标记占比高于此告警', en: 'Flag abuse: share of marked points above this' },
  },
  flagAbuseLongEpisodeMinutes: {
    rule: 'flag-abuse',
    kind: 'integer',
    unit: 'min',
    min: 1,
    max: WEEK_MINUTES,
    label: { zh: '标记滥用：长标记时段分钟数', en: 'Flag abuse: a marked episode longer than this is long' },
  },
  flagAbuseMinLongEpisodes: {
    rule: 'flag-abuse',
    kind: 'integer',
    unit: '',
    min: 1,
    max: 1000,
    label: { zh: '标记滥用：长标记时段次数', en: 'Flag abuse: long episodes that make a finding' },
  },
  aqiWarningAbove: {
    rule: 'aqi-high',
    kind: 'number',
    unit: '',
    min: 0,
    max: 500,
    label: { zh: 'AQI：高于此值警告', en: 'AQI: above this a warning' },
  },
  aqiCriticalAbove: {
    rule: 'aqi-high',
    kind: 'number',
    unit: '',
    min: 0,
    max: 500,
    label: { zh: 'AQI：高于此值严重', en: 'AQI: above this critical' },
  },
  spikeMinNeighbours: {
    rule: 'neighbour-spike',
    kind: 'integer',
    unit: '',
    min: 1,
    max: 100,
    label: { zh: '邻站突增：至少有数的邻站数', en: 'Neighbour spike: neighbours with a value needed' },
  },
  spikeRatio: {
    rule: 'neighbour-spike',
    kind: 'number',
    unit: '',
    min: 1,
    max: 100,
    label: { zh: '邻站突增：高于邻站中位数的倍数', en: "Neighbour spike: times the neighbours' median" },
  },
  spikeMinDifference: {
    rule: 'neighbour-spike',
    kind: 'amounts',
    unit: 'µg/m³',
    min: 0,
    max: MAX_AMOUNT,
    label: {
      zh: '邻站突增：各参数高于中位数的最小差值',
      en: 'Neighbour spike: least difference per parameter',
    },
  },
};

/** The threshold names, in the order of {@link THRESHOLD_PARAMETERS}. */
export const THRESHOLD_KEYS: readonly ThresholdKey[] = Object.freeze(
  Object.keys(THRESHOLD_PARAMETERS) as ThresholdKey[],
);

type NumericKey = { [K in ThresholdKey]: AlarmThresholdValues[K] extends number ? K : never }[ThresholdKey];

/** Pairs whose second value must not be below the first in the values in force (warning ≤ critical). */
const ORDERED_PAIRS: readonly [NumericKey, NumericKey][] = [
  ['offlineAfterMinutes', 'offlineCriticalAfterMinutes'],
  ['aqiWarningAbove', 'aqiCriticalAbove'],
];

/** An HJ 212-2017 parameter code, as record-valued thresholds are keyed. */
const PARAMETER_CODE = /^[a-z][0-9]{5}$/;
/** An HJ 212 data flag (Table 8: N, F, M, S, D, C, T, B…). */
const DATA_FLAG = /^[A-Za-z]{1,2}$/;

/** The alarm severities an auto-case rule may name, lowest first. */
export const AUTO_CASE_SEVERITIES = ['info', 'warning', 'critical'] as const;

/** One thing wrong with an input, named as the client sent it. */
export interface FieldProblem {
  field: string;
  problem: string;
}

function fail(what: string, problems: readonly FieldProblem[]): never {
  const summary = problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
  throw new BadInputError(`invalid ${what} — ${summary}`, problems);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function numberProblem(
  v: unknown,
  p: Pick<ThresholdParameter, 'min' | 'max'>,
  integer: boolean,
): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v))
    return `must be a finite number, got ${JSON.stringify(v)}`;
  if (integer && !Number.isInteger(v)) return `must be a whole number, got ${v}`;
  if ((p.min !== null && v < p.min) || (p.max !== null && v > p.max)) {
    return `must be from ${p.min ?? '−∞'} to ${p.max ?? '∞'}, got ${v}`;
  }
  return null;
}

/** Checks one threshold value of a known key; pushes what is wrong. */
function checkValue(key: ThresholdKey, v: unknown, field: string, out: FieldProblem[]): void {
  const p: ThresholdParameter = THRESHOLD_PARAMETERS[key];
  const push = (f: string, problem: string | null): void => {
    if (problem !== null) out.push({ field: f, problem });
  };
  switch (p.kind) {
    case 'integer':
    case 'number':
      push(field, numberProblem(v, p, p.kind === 'integer'));
      return;
    case 'flags': {
      if (!Array.isArray(v) || v.length === 0 || v.length > 20) {
        push(field, 'must be a list of 1 to 20 data flags, e.g. ["M", "C"]');
        return;
      }
      v.forEach((flag: unknown, i) => {
        if (typeof flag !== 'string' || !DATA_FLAG.test(flag)) {
          push(
            `${field}.${i}`,
            `must be an HJ 212 data flag (one or two letters), got ${JSON.stringify(flag)}`,
          );
        } else if (v.indexOf(flag) !== i) push(`${field}.${i}`, `"${flag}" is listed twice`);
      });
      return;
    }
    case 'ranges':
    case 'amounts': {
      if (!isRecord(v)) {
        push(field, 'must be an object keyed by HJ 212-2017 parameter code, e.g. {"a19001": …}');
        return;
      }
      for (const [code, item] of Object.entries(v)) {
        const f = `${field}.${code}`;
        if (!PARAMETER_CODE.test(code)) {
          push(f, 'is not an HJ 212-2017 parameter code (a letter and five digits, e.g. a19001)');
        } else if (p.kind === 'amounts') {
          push(f, numberProblem(item, p, false));
        } else if (!isRecord(item) || Object.keys(item).some((k) => k !== 'min' && k !== 'max')) {
          push(f, 'must be {"min"?: number, "max"?: number}');
        } else {
          const range = item as InstrumentRange;
          for (const end of ['min', 'max'] as const) {
            if (range[end] !== undefined)
              push(`${f}.${end}`, numberProblem(range[end], { min: null, max: null }, false));
          }
          if (range.min !== undefined && range.max !== undefined && !(range.min < range.max)) {
            push(f, `min ${range.min} must be below max ${range.max}`);
          }
        }
      }
      return;
    }
    default: {
      const impossible: never = p.kind;
      throw new Error(`unknown threshold kind ${String(impossible)}`);
    }
  }
}

/**
 * Parses threshold overrides sent by a person: every key must be a threshold of
 * {@link THRESHOLD_PARAMETERS} and every value of its kind and within its range; at least one key.
 * `field` prefixes the field names in errors (default `values`).
 */
export function parseThresholdOverrides(input: unknown, field = 'values'): AlarmThresholdOverrides {
  if (!isRecord(input)) fail('thresholds', [{ field, problem: 'must be an object of threshold values' }]);
  const problems: FieldProblem[] = [];
  const keys = Object.keys(input);
  if (keys.length === 0) {
    problems.push({ field, problem: 'give at least one threshold (to remove the override, delete it)' });
  }
  for (const key of keys) {
    if (!Object.hasOwn(THRESHOLD_PARAMETERS, key)) {
      problems.push({
        field: `${field}.${key}`,
        problem: `unknown threshold; known: ${THRESHOLD_KEYS.join(', ')}`,
      });
      continue;
    }
    checkValue(key as ThresholdKey, input[key], `${field}.${key}`, problems);
  }
  if (problems.length > 0) fail('thresholds', problems);
  // Every key and value was checked against its parameter above.
  return structuredClone(input);
}

/**
 * Checks that thresholds in force are consistent (a warning threshold not above its critical one);
 * `changed` names the keys the person set, and the error names the one of a pair they set.
 */
export function checkThresholdsConsistent(
  values: AlarmThresholdValues,
  changed: AlarmThresholdOverrides,
  field = 'values',
): void {
  const problems: FieldProblem[] = [];
  for (const [low, high] of ORDERED_PAIRS) {
    if (values[high] >= values[low]) continue;
    const named = high in changed ? high : low;
    problems.push({
      field: `${field}.${named}`,
      problem: `${high} (${values[high]}) must not be below ${low} (${values[low]}) in the values in force`,
    });
  }
  if (problems.length > 0) fail('thresholds', problems);
}

/**
 * Parses the list of rules that open cases by themselves: each rule a known alarm rule, at most
 * once, with a severity of {@link AUTO_CASE_SEVERITIES}. An empty list means no case opens by itself.
 */
export function parseAutoCaseRules(input: unknown, field = 'rules'): AutoCaseRule[] {
  if (!Array.isArray(input)) fail('auto-case rules', [{ field, problem: 'must be a list' }]);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const rules: AutoCaseRule[] = [];
  input.forEach((item: unknown, i) => {
    const f = `${field}.${i}`;
    if (!isRecord(item)) {
      problems.push({ field: f, problem: 'must be {"rule", "minSeverity"}' });
      return;
    }
    const { rule, minSeverity } = item;
    const extra = Object.keys(item).filter((k) => k !== 'rule' && k !== 'minSeverity');
    if (extra.length > 0) problems.push({ field: `${f}.${extra[0] ?? ''}`, problem: 'unknown field' });
    if (typeof rule !== 'string' || !(RULE_IDS as readonly string[]).includes(rule)) {
      problems.push({
        field: `${f}.rule`,
        problem: `unknown alarm rule ${JSON.stringify(rule)}; known: ${RULE_IDS.join(', ')}`,
      });
    } else if (seen.has(rule)) {
      problems.push({ field: `${f}.rule`, problem: `"${rule}" is listed twice` });
    } else seen.add(rule);
    if (
      typeof minSeverity !== 'string' ||
      !(AUTO_CASE_SEVERITIES as readonly string[]).includes(minSeverity)
    ) {
      problems.push({
        field: `${f}.minSeverity`,
        problem: `must be one of ${AUTO_CASE_SEVERITIES.join(', ')}, got ${JSON.stringify(minSeverity)}`,
      });
    }
    if (problems.length === 0) {
      rules.push({ rule: rule as RuleId, minSeverity: minSeverity as AutoCaseRule['minSeverity'] });
    }
  });
  if (problems.length > 0) fail('auto-case rules', problems);
  return rules;
}
