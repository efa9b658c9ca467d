/**
 * 《国家危险废物名录》 (National Hazardous Waste Directory), 2025 edition — adopted 2024-11-08, in
 * force 2025-01-01, replacing the 2021 edition [secondary]. Code format `III-SSS-CC` (industry per
 * GB/T 4754-2017 or 900, sequence, category HW01–HW50 with HW41–44 unused), hazard properties
 * T/C/I/R/In. The entries shipped here are the few this project could source, each tagged; the
 * bureau imports the full directory as CSV (docs/standards/hw-directory-2025.md).
 */

/** Evidence of a figure (docs/standards/README.md). */
export type EvidenceTag = 'text' | 'data' | 'secondary' | 'unverified';

/** Hazard properties: toxicity, corrosivity, ignitability, reactivity, infectivity. */
export const HAZARD_PROPERTIES = ['T', 'C', 'I', 'R', 'In'] as const;
export type HazardProperty = (typeof HAZARD_PROPERTIES)[number];

/** Directory editions, versioned by the date they apply from (China-local, inclusive). */
export const HW_DIRECTORY_EDITIONS = [
  { edition: '2021', from: '2021-01-01' },
  { edition: '2025', from: '2025-01-01' },
] as const;
export type HwDirectoryEdition = (typeof HW_DIRECTORY_EDITIONS)[number]['edition'];

/** The edition in force on a China-local date `YYYY-MM-DD` (null before 2021). */
export function directoryEditionOn(date: string): HwDirectoryEdition | null {
  let found: HwDirectoryEdition | null = null;
  for (const e of HW_DIRECTORY_EDITIONS) if (date >= e.from) found = e.edition;
  return found;
}

/** Category numbers in use: HW01–HW50 without HW41–HW44 (46 categories) [unverified list]. */
export const HW_CATEGORY_NUMBERS: readonly number[] = Array.from({ length: 50 }, (_, i) => i + 1).filter(
  (n) => n < 41 || n > 44,
);

/** Category names of the directory (HW08 and HW49 [secondary], the rest [unverified]). */
export const HW_CATEGORY_NAMES: Readonly<Record<string, string>> = {
  HW01: '医疗废物',
  HW02: '医药废物',
  HW03: '废药物、药品',
  HW04: '农药废物',
  HW05: '木材防腐剂废物',
  HW06: '废有机溶剂与含有机溶剂废物',
  HW07: '热处理含氰废物',
  HW08: '废矿物油与含矿物油废物',
  HW09: '油/水、烃/水混合物或乳化液',
  HW10: '多氯（溴）联苯类废物',
  HW11: '精（蒸）馏残渣',
  HW12: '染料、涂料废物',
  HW13: '有机树脂类废物',
  HW14: '新化学物质废物',
  HW15: '爆炸性废物',
  HW16: '感光材料废物',
  HW17: '表面处理废物',
  HW18: '焚烧处置残渣',
  HW19: '含金属羰基化合物废物',
  HW20: '含铍废物',
  HW21: '含铬废物',
  HW22: '含铜废物',
  HW23: '含锌废物',
  HW24: '含砷废物',
  HW25: '含硒废物',
  HW26: '含镉废物',
  HW27: '含锑废物',
  HW28: '含碲废物',
  HW29: '含汞废物',
  HW30: '含铊废物',
  HW31: '含铅废物',
  HW32: '无机氟化物废物',
  HW33: '无机氰化物废物',
  HW34: '废酸',
  HW35: '废碱',
  HW36: '石棉废物',
  HW37: '有机磷化合物废物',
  HW38: '有机氰化物废物',
  HW39: '含酚废物',
  HW40: '含醚废物',
  HW45: '含有机卤化物废物',
  HW46: '含镍废物',
  HW47: '含钡废物',
  HW48: '有色金属采选和冶炼废物',
  HW49: '其他废物',
  HW50: '废催化剂',
};

/** A code taken apart. */
export interface HwCode {
  code: string;
  /** Digits 1–3: generating industry (GB/T 4754-2017), or `900` for non-specific sources. */
  industry: string;
  /** Digits 4–6. */
  sequence: string;
  /** `HW` + digits 7–8. */
  category: string;
}

const HW_CODE_RE = /^(\d{3})-(\d{3})-(\d{2})$/;

/** Why a text is not a directory code, or null when it is one (format and category only). */
export function hwCodeProblem(code: string): string | null {
  const m = HW_CODE_RE.exec(code);
  if (!m) return `"${code}" is not a hazardous-waste code III-SSS-CC (e.g. 900-041-49)`;
  const n = Number(m[3]);
  if (!HW_CATEGORY_NUMBERS.includes(n)) {
    return `"${code}": category HW${m[3]} does not exist (HW01–HW50, HW41–HW44 unused)`;
  }
  return null;
}

/** Parses a code `III-SSS-CC`; throws naming the code when the format or category is wrong. */
export function parseHwCode(code: string): HwCode {
  const problem = hwCodeProblem(code);
  if (problem !== null) throw new RangeError(problem);
  const [industry = '', sequence = '', cat = ''] = code.split('-');
  return { code, industry, sequence, category: `HW${cat}` };
}

/** One entry of the directory. */
export interface HwDirectoryEntry {
  code: string;
  category: string;
  /** The waste's name (Chinese, as the directory names it, shortened where marked). */
  name: string;
  hazards: readonly HazardProperty[];
  edition: HwDirectoryEdition;
  /** Evidence of the code and name; hazard properties shipped here are all [unverified]. */
  tag: EvidenceTag;
}

function entry(code: string, name: string, hazards: HazardProperty[], tag: EvidenceTag): HwDirectoryEntry {
  return { code, category: parseHwCode(code).category, name, hazards, edition: '2025', tag };
}

/**
 * The entries this project could source, common in the demo city's industries; codes of the 2021
 * edition assumed unchanged in 2025 (the 2025 edition merged 2 codes, split 1, added 4 — which is not
 * known here). Tags per code; every hazard property is [unverified].
 */
export const HW_DIRECTORY_2025_SHIPPED: readonly HwDirectoryEntry[] = [
  entry(
    '900-041-49',
    '含有或沾染毒性、感染性危险废物的废弃包装物、容器、过滤吸附介质',
    ['T', 'In'],
    'secondary',
  ),
  entry('900-039-49', '烟气、VOCs治理过程产生的废活性炭', ['T'], 'secondary'),
  entry('900-214-08', '车辆、机械维修和拆解过程中产生的废发动机油、制动器油等', ['T', 'I'], 'secondary'),
  entry('264-012-12', '涂料、油墨生产过程产生的废水处理污泥', ['T'], 'secondary'),
  entry('900-252-12', '使用油漆（不包括水性漆）喷漆过程产生的废物', ['T', 'I'], 'secondary'),
  entry('900-047-49', '研究、开发和教学活动中产生的实验室废物', ['T', 'C', 'I', 'R'], 'unverified'),
  entry('900-249-08', '其他生产、销售、使用过程中产生的废矿物油', ['T', 'I'], 'unverified'),
  entry('900-218-08', '液压设备维护、更换和拆解过程中产生的废液压油', ['T', 'I'], 'unverified'),
  entry('900-006-09', '使用切削油或切削液进行机械加工产生的油/水混合物或乳化液', ['T'], 'unverified'),
  entry('900-402-06', '废弃的非卤化有机溶剂', ['T', 'I'], 'unverified'),
  entry('336-064-17', '金属或塑料表面酸洗、除油、磷化等处理产生的废槽液及污泥', ['T', 'C'], 'unverified'),
  entry('772-002-18', '生活垃圾焚烧飞灰', ['T'], 'unverified'),
  entry(
    '384-004-31',
    '铅蓄电池生产过程中产生的废渣、集（除）尘装置收集的粉尘和废水处理污泥',
    ['T'],
    'unverified',
  ),
  entry('900-052-31', '废铅蓄电池及其拆解产物', ['T', 'C'], 'unverified'),
  entry('900-300-34', '使用酸进行清洗产生的废酸液', ['C'], 'unverified'),
  entry('900-350-35', '使用氢氧化钠进行煮炼过程中产生的废碱液', ['C'], 'unverified'),
  entry('772-007-50', '烟气脱硝过程中产生的废钒钛系催化剂', ['T'], 'unverified'),
  entry('900-023-29', '废含汞荧光灯管', ['T'], 'unverified'),
];

/** A catalogue line read from a CSV, or why it could not be read. */
export type DirectoryCsvLine =
  | { line: number; ok: true; entry: Omit<HwDirectoryEntry, 'edition' | 'tag'> }
  | { line: number; ok: false; problem: string };

/** One record of a CSV file, as a CSV reader yields it (src/ingest/csv.ts `readCsv`). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** Set when the reader could not read the row as CSV (an unclosed quote, text after a quote). */
  problem?: string;
}

/**
 * Reads the directory from the records of a CSV file: a header naming `code`, `name`, `hazards`
 * (hazard properties joined by `/`, e.g. `T/In`), one entry per record; `category` if present must
 * agree with the code. Every record is checked; bad ones are returned with their problem, never
 * dropped silently.
 */
export function parseDirectoryCsv(records: readonly CsvRecord[]): DirectoryCsvLine[] {
  const [head, ...rest] = records;
  const header = (head?.fields ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf(name);
  for (const need of ['code', 'name', 'hazards']) {
    if (col(need) < 0) return [{ line: 1, ok: false, problem: `header: no column "${need}"` }];
  }
  const out: DirectoryCsvLine[] = [];
  const seen = new Set<string>();
  rest.forEach(({ line, fields, problem: broken }) => {
    if (broken !== undefined)
      return out.push({ line, ok: false, problem: `not a well-formed CSV row: ${broken}` });
    const f = fields.map((x) => x.trim());
    if (f.every((x) => x === '')) return;
    const code = f[col('code')] ?? '';
    const problem = hwCodeProblem(code);
    if (problem !== null) return out.push({ line, ok: false, problem });
    const category = parseHwCode(code).category;
    const given = col('category') >= 0 ? (f[col('category')] ?? '') : '';
    if (given !== '' && given.toUpperCase() !== category) {
      return out.push({
        line,
        ok: false,
        problem: `category ${given} does not match code ${code} (${category})`,
      });
    }
    const name = f[col('name')] ?? '';
    if (name.length === 0 || name.length > 200) {
      return out.push({ line, ok: false, problem: `name of ${code}: 1–200 characters` });
    }
    const hz = (f[col('hazards')] ?? '').split(/[/,;\s]+/).filter((h) => h.length > 0);
    const bad = hz.find((h) => !(HAZARD_PROPERTIES as readonly string[]).includes(h));
    if (bad !== undefined || hz.length === 0) {
      return out.push({
        line,
        ok: false,
        problem: `hazards of ${code}: ${bad === undefined ? 'none given' : `"${bad}" unknown`}; use T, C, I, R, In`,
      });
    }
    if (seen.has(code)) return out.push({ line, ok: false, problem: `${code} appears twice` });
    seen.add(code);
    return out.push({ line, ok: true, entry: { code, category, name, hazards: hz as HazardProperty[] } });
  });
  return out;
}
