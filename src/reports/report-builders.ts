/**
 * The four kinds of report as documents (docs/reports.md §1), each built from the figures the
 * platform's services already compute — the air evaluation and series, the comparability series,
 * the water report, the enterprise compliance, the alarm and case figures, the indicator board — so
 * a report never disagrees with the page that shows the same figure.
 */
import type { AlarmService } from '../alarms/alarm.service.js';
import { SEVERITY_NAMES } from '../alarms/alarm-names.js';
import type { Scope } from '../auth/scope.js';
import { BadInputError } from '../errors.js';
import type { CaseService } from '../cases/case.service.js';
import type { IndicatorService, IndicatorItem } from '../indicators/indicator.service.js';
import type { AirService } from '../monitor/air.service.js';
import type { AirUnit, SeriesPoint, UnitEvaluation } from '../monitor/air-assessment.js';
import type { SourceService } from '../monitor/source.service.js';
import type { WaterService } from '../monitor/water.service.js';
import { CNEMC_POLLUTANT_NAMES_ZH, type PollutantKey } from '../standards/aqi.js';
import {
  chinaDate,
  chinaDayStart,
  DAY_MS,
  formatChinaIso,
  parseChinaPeriod,
} from '../standards/china-time.js';
import type { ReportChart, ReportDoc, ReportKind, ReportSection } from './report-doc.js';
import { reportTable } from './report-doc.js';
import type { Cell, ExportColumn } from './table-export.js';

/** The services a report reads. */
export interface ReportDeps {
  air: Pick<AirService, 'units' | 'unit' | 'dailySeries' | 'hourlySeries' | 'evaluate' | 'comparability'>;
  water: Pick<WaterService, 'cityReport'>;
  sources: Pick<SourceService, 'enterprises' | 'enterpriseFile'>;
  cases: Pick<CaseService, 'figures'>;
  alarms: Pick<AlarmService, 'list'>;
  indicators: Pick<IndicatorService, 'board'>;
}

/** What a report is asked for. */
export interface ReportRequest {
  kind: ReportKind;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as the kind needs. */
  period: string;
  /** enterprise-monthly: the enterprise's site code. */
  enterprise?: string | undefined;
}

const SYSTEM_CASE_CALLER = {
  username: 'system',
  role: 'system' as const,
  districtCode: null,
  enterpriseSiteId: null,
  scope: { kind: 'all' as const },
  address: null,
};

/** A column of a report table. */
function col<Row>(
  zh: string,
  en: string,
  value: (r: Row) => Cell,
  width?: number,
  numFmt?: string,
): ExportColumn<Row> {
  return {
    header: { zh, en },
    value: (r) => value(r),
    ...(width !== undefined ? { width } : {}),
    ...(numFmt !== undefined ? { numFmt } : {}),
  };
}

/** A China-local date as a date cell (UTC midnight of the date). */
const dateCell = (date: string): Date => new Date(`${date}T00:00:00Z`);
const pct = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);
const primaryText = (p: readonly PollutantKey[]): string =>
  p.map((k) => CNEMC_POLLUTANT_NAMES_ZH[k]).join('、') || '—';

function previousMonth(month: string, back: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) - back;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Builds the document of a request; BadInputError naming `period` for a malformed period. */
export async function buildReport(
  deps: ReportDeps,
  req: ReportRequest,
  scope: Scope,
  generated: string,
): Promise<ReportDoc> {
  switch (req.kind) {
    case 'air-daily':
      return airDaily(deps, parseChinaPeriod('day', req.period).label, generated);
    case 'environment-monthly':
      return environmentMonthly(deps, parseChinaPeriod('month', req.period).label, generated);
    case 'enterprise-monthly': {
      if (req.enterprise === undefined)
        throw new BadInputError('enterprise: the enterprise code is required for enterprise-monthly');
      return enterpriseMonthly(
        deps,
        parseChinaPeriod('month', req.period).label,
        req.enterprise,
        scope,
        generated,
      );
    }
    case 'indicators-annual':
      return indicatorsAnnual(deps, Number(parseChinaPeriod('year', req.period).label), generated);
    default: {
      const impossible: never = req.kind;
      throw new RangeError(`unknown report kind ${String(impossible)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// air-daily

interface DayRow {
  scope: string;
  code: string;
  name: string;
  date: string;
  point: SeriesPoint | undefined;
}

const dayColumns: ExportColumn<DayRow>[] = [
  col('类型', 'Scope', (r) => r.scope, 8),
  col('名称', 'Name', (r) => r.name, 16),
  col('日期', 'Date', (r) => dateCell(r.date), 11, 'yyyy-mm-dd'),
  col('AQI', 'AQI', (r) => r.point?.result?.aqi ?? null, 7),
  col('级别', 'Category', (r) => r.point?.result?.category ?? null, 10),
  col(
    '首要污染物',
    'Primary pollutants',
    (r) => (r.point?.result === null || r.point === undefined ? null : primaryText(r.point.result.primary)),
    16,
  ),
  col(
    'PM2.5 (µg/m³)',
    'PM2.5 (µg/m³)',
    (r) => (r.point?.concentrations as { pm25?: number | null } | undefined)?.pm25 ?? null,
    10,
  ),
  col(
    'PM10 (µg/m³)',
    'PM10 (µg/m³)',
    (r) => (r.point?.concentrations as { pm10?: number | null } | undefined)?.pm10 ?? null,
    10,
  ),
  col(
    'O3-8h (µg/m³)',
    'O3 8-h (µg/m³)',
    (r) => (r.point?.concentrations as { o3_8h?: number | null } | undefined)?.o3_8h ?? null,
    10,
  ),
  col('站点数', 'Stations', (r) => r.point?.stationCount ?? 0, 7),
];

async function airDaily(deps: ReportDeps, date: string, generated: string): Promise<ReportDoc> {
  const units = await deps.air.units();
  const dayOf = async (u: AirUnit, scope: string): Promise<DayRow> => ({
    scope,
    code: u.code,
    name: u.name,
    date,
    point: (await deps.air.dailySeries(u, date, date)).points[0],
  });
  const cityRow = await dayOf(units.city, '全市');
  const districtRows: DayRow[] = [];
  for (const d of units.districts) districtRows.push(await dayOf(d, '区县'));
  const stationRows: DayRow[] = [];
  for (const s of units.stations) {
    stationRows.push(await dayOf(await deps.air.unit('station', s.code), '站点'));
  }
  const start = chinaDayStart(date);
  const hours = await deps.air.hourlySeries(units.city, start, new Date(start.getTime() + DAY_MS));
  const chart: ReportChart = {
    kind: 'bar',
    title: '全市逐时AQI',
    unit: 'AQI',
    labels: hours.points.map((p) => p.label.slice(11, 13)),
    series: [{ name: 'AQI', values: hours.points.map((p) => p.result?.aqi ?? null), color: '#4a7fb5' }],
    barColors: hours.points.map((p) => p.result?.color ?? null),
    reference: { value: 100, label: 'AQI 100' },
  };
  const city = cityRow.point?.result;
  const summary =
    city === null || city === undefined
      ? `${date} 全市无有效日数据。`
      : `${date} 全市环境空气质量指数（AQI）为 ${city.aqi ?? '—'}，${city.category ?? '—'}，首要污染物：${primaryText(city.primary)}（${city.standard}）。`;
  return {
    kind: 'air-daily',
    period: date,
    title: `环境空气质量日报 ${date}`,
    lines: [
      `日期：${date}（北京时间）`,
      `AQI 按当日适用的 HJ 633 版本计算；区县与全市浓度为所辖站点有效日均值的算术平均。`,
      `生成：${generated}`,
    ],
    sections: [
      {
        heading: '一、全市与区县',
        paragraphs: [summary],
        tables: [
          reportTable({
            title: { zh: '全市与区县日AQI', en: 'city-districts' },
            columns: dayColumns,
            rows: [cityRow, ...districtRows],
          }),
        ],
      },
      { heading: '二、24小时变化', chart },
      {
        heading: '三、站点',
        tables: [
          reportTable({ title: { zh: '站点日AQI', en: 'stations' }, columns: dayColumns, rows: stationRows }),
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// environment-monthly

interface AirRow {
  unit: UnitEvaluation;
  lastYear: UnitEvaluation | undefined;
}

const statOf = (u: UnitEvaluation | undefined, p: string): number | null =>
  u?.pollutants.find((e) => e.pollutant === p)?.statistics.find((s) => s.statistic === 'annual-mean')
    ?.value ?? null;
const change = (now: number | null, before: number | null): number | null =>
  now === null || before === null || before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;

const airColumns: ExportColumn<AirRow>[] = [
  col('地区', 'Area', (r) => r.unit.name, 12),
  col('PM2.5 (µg/m³)', 'PM2.5 (µg/m³)', (r) => statOf(r.unit, 'pm25'), 10),
  col(
    'PM2.5同比 (%)',
    'PM2.5 y/y (%)',
    (r) => change(statOf(r.unit, 'pm25'), statOf(r.lastYear, 'pm25')),
    10,
  ),
  col('PM10 (µg/m³)', 'PM10 (µg/m³)', (r) => statOf(r.unit, 'pm10'), 10),
  col('优良天数比例 (%)', 'Good-day ratio (%)', (r) => r.unit.goodDays.ratioPercent, 11),
  col('优良天数', 'Good days', (r) => r.unit.goodDays.goodDays, 8),
  col('有效天数', 'Valid days', (r) => r.unit.goodDays.validDays, 8),
  col('综合指数', 'Comprehensive index', (r) => r.unit.comprehensiveIndex?.value ?? null, 9),
  col(
    '综合指数同比 (%)',
    'CI y/y (%)',
    (r) => change(r.unit.comprehensiveIndex?.value ?? null, r.lastYear?.comprehensiveIndex?.value ?? null),
    11,
  ),
];

interface ComparableRow {
  month: string;
  officialStd: string;
  official: number | null;
  comparable: number | null;
  comparableStd: string;
  above150: number;
}

const comparableColumns: ExportColumn<ComparableRow>[] = [
  col('月份', 'Month', (r) => r.month, 9),
  col('官方标准', 'Official standard', (r) => r.officialStd, 12),
  col('官方优良天数比例 (%)', 'Official good-day ratio (%)', (r) => r.official, 14),
  col('可比口径', 'Comparable standard', (r) => r.comparableStd, 12),
  col('可比优良天数比例 (%)', 'Comparable good-day ratio (%)', (r) => r.comparable, 14),
  col('中度及以上污染天数（可比）', 'Days AQI > 150 (comparable)', (r) => r.above150, 14),
];

interface WaterRow {
  name: string;
  sections: number;
  assessed: number;
  good: number | null;
  worst: number;
  compliance: number | null;
}

const waterColumns: ExportColumn<WaterRow>[] = [
  col('地区', 'Area', (r) => r.name, 12),
  col('断面数', 'Sections', (r) => r.sections, 8),
  col('评价断面', 'Assessed', (r) => r.assessed, 8),
  col('I–III类比例 (%)', 'Class I–III (%)', (r) => r.good, 11),
  col('劣V类断面', 'Worse than V', (r) => r.worst, 9),
  col('达标率 (%)', 'Meeting target (%)', (r) => r.compliance, 10),
];

interface CaseRow {
  key: string;
  total: number;
  closed: number;
  overdue: number;
  closure: number | null;
  onTime: number | null;
}

const caseColumns: ExportColumn<CaseRow>[] = [
  col('区县', 'District', (r) => r.key, 12),
  col('案件数', 'Cases', (r) => r.total, 8),
  col('已办结', 'Closed', (r) => r.closed, 8),
  col('逾期', 'Overdue', (r) => r.overdue, 8),
  col('办结率 (%)', 'Closure rate (%)', (r) => r.closure, 10),
  col('按期整改率 (%)', 'On-time rate (%)', (r) => r.onTime, 11),
];

const STATUS_ZH: Record<IndicatorItem['status'], string> = {
  'on-track': '达标进度正常',
  'at-risk': '有风险',
  'off-track': '滞后',
  'no-data': '无数据',
  'no-target': '未设目标',
};

const indicatorColumns: ExportColumn<IndicatorItem>[] = [
  col('指标', 'Indicator', (r) => r.name.zh, 22),
  col('单位', 'Unit', (r) => r.unit, 7),
  col('年度累计值', 'Year to date', (r) => r.value, 10),
  col('年度目标', 'Target', (r) => r.target, 9),
  col('状态', 'Status', (r) => STATUS_ZH[r.status], 10),
  col('截至', 'As of', (r) => r.asOf, 10),
  col(
    '来源',
    'Source',
    (r) =>
      r.source.kind === 'computed'
        ? '平台计算'
        : `统计填报${r.source.enteredBy === null ? '' : `（${r.source.enteredBy}）`}`,
    14,
  ),
];

function indicatorParagraphs(items: readonly IndicatorItem[]): string[] {
  const out: string[] = [];
  const pm = items.find((i) => i.key === 'air.pm25');
  if (pm?.remainingMean !== undefined && pm.remainingMean.maxMeanRemaining !== null) {
    out.push(
      `PM2.5：年度目标 ${pm.target ?? '—'} µg/m³，截至目前 ${pm.value ?? '—'} µg/m³；余下 ${pm.remainingMean.remainingDays} 天的均值须不高于 ${pm.remainingMean.maxMeanRemaining} µg/m³${pm.remainingMean.reachable ? '' : '（已无法实现）'}。`,
    );
  }
  const good = items.find((i) => i.key === 'air.good-day-ratio');
  if (good?.goodDaysNeeded !== undefined) {
    out.push(
      `优良天数：目标 ${good.target ?? '—'}%，尚需 ${good.goodDaysNeeded.needed} 个优良天（余 ${good.goodDaysNeeded.remainingDays} 天）${good.goodDaysNeeded.reachable ? '' : '，已无法实现'}。`,
    );
  }
  if (good?.comparable !== undefined) {
    out.push(
      `可比口径（全部按 ${good.comparable.standard}）优良天数比例：${good.comparable.ratioPercent ?? '—'}%。`,
    );
  }
  return out;
}

async function comparableRows(deps: ReportDeps, from: string, to: string): Promise<ComparableRow[]> {
  const c = await deps.air.comparability(from, to, 'city', undefined);
  return c.months.map((m) => ({
    month: m.month,
    officialStd: m.official.standard,
    official: m.official.ratioPercent,
    comparable: m.comparable.ratioPercent,
    comparableStd: m.comparable.standard,
    above150: m.comparable.daysAbove150,
  }));
}

async function environmentMonthly(deps: ReportDeps, month: string, generated: string): Promise<ReportDoc> {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const period = { kind: 'month' as const, year: y, month: m };
  const lastYear = { kind: 'month' as const, year: y - 1, month: m };
  const [cityNow, cityBefore, districtsNow, districtsBefore] = await Promise.all([
    deps.air.evaluate(period, 'city'),
    deps.air.evaluate(lastYear, 'city'),
    deps.air.evaluate(period, 'district'),
    deps.air.evaluate(lastYear, 'district'),
  ]);
  const airRows: AirRow[] = [...cityNow.units, ...districtsNow.units].map((unit) => ({
    unit,
    lastYear: [...cityBefore.units, ...districtsBefore.units].find(
      (u) => u.scope === unit.scope && u.code === unit.code,
    ),
  }));
  const ranked = [...districtsNow.units].sort(
    (a, b) => (a.comprehensiveIndex?.value ?? Infinity) - (b.comprehensiveIndex?.value ?? Infinity),
  );
  const comparable = await comparableRows(deps, previousMonth(month, 12), month);
  const water = await deps.water.cityReport(parseChinaPeriod('month', month));
  const waterRows: WaterRow[] = [
    { name: '全市', ...water.city },
    ...water.districts.map((d) => ({ ...d })),
  ].map((a) => ({
    name: a.name,
    sections: a.sections,
    assessed: a.assessed,
    good: pct(a.shareGoodIToIII),
    worst: a.classCounts['劣V'],
    compliance: pct(a.complianceRate),
  }));
  const enterprises = await deps.sources.enterprises({ kind: 'all' }, month);
  const verdicts = { compliant: 0, exceeding: 0, 'not-judged': 0 };
  for (const e of enterprises.items) verdicts[e.verdict] += 1;
  const from = chinaDayStart(`${month}-01`);
  const to = chinaDayStart(`${previousMonth(month, -1)}-01`);
  const alarms = await deps.alarms.list({ kind: 'all' }, { from, to, limit: 1 });
  const figures = await deps.cases.figures(SYSTEM_CASE_CALLER, 'district', from, to);
  const caseRow = (g: (typeof figures.groups)[number], key: string): CaseRow => ({
    key,
    total: g.total,
    closed: g.closed,
    overdue: g.overdue,
    closure: pct(g.closureRate),
    onTime: pct(g.onTimeRate),
  });
  const board = await deps.indicators.board(y, 'city');
  const city = cityNow.units[0];
  const sections: ReportSection[] = [
    {
      heading: '一、环境空气',
      paragraphs: [
        city === undefined
          ? '本月全市无空气监测数据。'
          : `${month} 全市 PM2.5 月均浓度 ${statOf(city, 'pm25') ?? '—'} µg/m³，优良天数比例 ${city.goodDays.ratioPercent ?? '—'}%，综合指数 ${city.comprehensiveIndex?.value ?? '—'}。`,
        `区县按综合指数排名（由好到差）：${ranked.map((u, i) => `${i + 1}. ${u.name}`).join('；') || '—'}。`,
        `标准：${cityNow.standards.aqi.join('、')}；${cityNow.note ?? ''}`,
      ],
      tables: [
        reportTable({ title: { zh: '空气质量与同比', en: 'air' }, columns: airColumns, rows: airRows }),
      ],
    },
    {
      heading: '二、2026年空气质量标准切换与可比序列',
      paragraphs: [
        'HJ 633-2026 自 2026-03-01 起施行，PM2.5、PM10 分指数分段点收紧，切换前后的优良天数比例不可直接比较。下表列出官方口径（各日适用的标准）与可比口径（全部按 HJ 633-2026 重新评价）。',
      ],
      chart: {
        kind: 'line',
        title: '全市优良天数比例：官方与可比口径',
        unit: '%',
        labels: comparable.map((r) => r.month.slice(2)),
        series: [
          { name: '官方口径', values: comparable.map((r) => r.official), color: '#4a7fb5' },
          { name: '可比口径（HJ 633-2026）', values: comparable.map((r) => r.comparable), color: '#d9822b' },
        ],
      },
      tables: [
        reportTable({
          title: { zh: '可比序列', en: 'comparable' },
          columns: comparableColumns,
          rows: comparable,
        }),
      ],
    },
    {
      heading: '三、地表水',
      paragraphs: [
        `${month} 评价断面 ${water.city.assessed} 个，I–III类比例 ${pct(water.city.shareGoodIToIII) ?? '—'}%，劣V类 ${water.city.classCounts['劣V']} 个。`,
      ],
      tables: [
        reportTable({ title: { zh: '地表水断面', en: 'water' }, columns: waterColumns, rows: waterRows }),
      ],
    },
    {
      heading: '四、污染源',
      paragraphs: [
        `重点排污单位 ${enterprises.items.length} 家：达标 ${verdicts.compliant} 家，超标 ${verdicts.exceeding} 家，未配置限值无法判定 ${verdicts['not-judged']} 家。`,
      ],
    },
    {
      heading: '五、报警与案件',
      paragraphs: [
        `本月新发报警 ${alarms.total ?? 0} 条；立案 ${figures.total.total} 件，办结 ${figures.total.closed} 件，逾期 ${figures.total.overdue} 件。`,
      ],
      tables: [
        reportTable({
          title: { zh: '案件', en: 'cases' },
          columns: caseColumns,
          rows: [...figures.groups.map((g) => caseRow(g, g.key)), caseRow(figures.total, '合计')],
        }),
      ],
    },
    {
      heading: '六、年度目标进度',
      paragraphs: indicatorParagraphs(board.items),
      tables: [
        reportTable({
          title: { zh: '指标进度', en: 'indicators' },
          columns: indicatorColumns,
          rows: board.items,
        }),
      ],
    },
  ];
  return {
    kind: 'environment-monthly',
    period: month,
    title: `生态环境质量月报 ${month}`,
    lines: [`月份：${month}`, `同比：与 ${y - 1}-${String(m).padStart(2, '0')} 比较`, `生成：${generated}`],
    sections,
  };
}

// ---------------------------------------------------------------------------------------------
// enterprise-monthly

interface OutletRow {
  code: string;
  name: string;
  judged: boolean;
  transmission: number | null;
  validity: number | null;
  hoursExceeding: number;
  daysExceeding: number;
}

const outletColumns: ExportColumn<OutletRow>[] = [
  col('排放口编码', 'Outlet', (r) => r.code, 12),
  col('排放口名称', 'Name', (r) => r.name, 16),
  col('已配置限值', 'Limits set', (r) => r.judged, 9),
  col('传输率 (%)', 'Transmission (%)', (r) => r.transmission, 9),
  col('有效率 (%)', 'Validity (%)', (r) => r.validity, 9),
  col('超标小时数', 'Hours exceeding', (r) => r.hoursExceeding, 9),
  col('日均值超标天数', 'Days above a daily limit', (r) => r.daysExceeding, 11),
];

interface AlarmRow {
  date: string;
  time: string;
  site: string;
  severity: string;
  message: string;
  state: string;
}

const alarmColumns: ExportColumn<AlarmRow>[] = [
  col('日期', 'Date', (r) => dateCell(r.date), 11, 'yyyy-mm-dd'),
  col('时间', 'Time', (r) => r.time, 16),
  col('点位', 'Site', (r) => r.site, 12),
  col('级别', 'Severity', (r) => r.severity, 7),
  col('内容', 'Message', (r) => r.message, 30),
  col('状态', 'State', (r) => r.state, 9),
];

async function enterpriseMonthly(
  deps: ReportDeps,
  month: string,
  code: string,
  scope: Scope,
  generated: string,
): Promise<ReportDoc> {
  const file = await deps.sources.enterpriseFile(scope, code, month);
  const from = chinaDayStart(`${month}-01`);
  const to = chinaDayStart(`${previousMonth(month, -1)}-01`);
  const alarms = await deps.alarms.list(scope, { enterpriseCode: code, from, to, limit: 500 });
  const s = file.summary;
  const verdict = { compliant: '达标', exceeding: '超标', 'not-judged': '未配置限值，无法判定' }[s.verdict];
  return {
    kind: 'enterprise-monthly',
    period: month,
    title: `企业环境监管月报 ${s.enterprise.name} ${month}`,
    lines: [`企业：${s.enterprise.name}（${s.enterprise.code}）`, `月份：${month}`, `生成：${generated}`],
    sections: [
      {
        heading: '一、达标情况',
        paragraphs: [
          `本月判定：${verdict}。排放口 ${s.outlets} 个（未配置限值 ${s.outletsWithoutLimits} 个），监测设备 ${s.devices} 台（在线 ${s.devicesOnline} 台）；超标小时数 ${s.hoursExceeding ?? '—'}，日均值超标天数 ${s.daysWithDailyExceedance ?? '—'}。`,
        ],
        chart: {
          kind: 'bar',
          title: '各排放口本月超标小时数',
          unit: 'h',
          labels: file.outlets.map((o) => o.site.code),
          series: [
            { name: '超标小时数', values: file.outlets.map((o) => o.total.hoursExceeding), color: '#d9534f' },
          ],
        },
        tables: [
          reportTable({
            title: { zh: '排放口', en: 'outlets' },
            columns: outletColumns,
            rows: file.outlets.map((o): OutletRow => ({
              code: o.site.code,
              name: o.site.name,
              judged: o.judged,
              transmission: pct(o.total.transmissionRate),
              validity: pct(o.total.validityRate),
              hoursExceeding: o.total.hoursExceeding,
              daysExceeding: o.total.daysWithDailyExceedance,
            })),
          }),
        ],
      },
      {
        heading: '二、报警与案件',
        paragraphs: [
          `本月报警 ${alarms.total ?? alarms.items.length} 条；未闭环报警 ${s.openAlarms} 条；逾期案件 ${s.overdueCases} 件。`,
        ],
        tables: [
          reportTable({
            title: { zh: '报警', en: 'alarms' },
            columns: alarmColumns,
            rows: alarms.items.map(({ alarm, site }): AlarmRow => ({
              date: chinaDate(alarm.openedAt),
              time: formatChinaIso(alarm.openedAt).slice(0, 16).replace('T', ' '),
              site: site?.code ?? '',
              severity: SEVERITY_NAMES[alarm.severity].zh,
              message: alarm.message.zh,
              state: alarm.state,
            })),
          }),
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// indicators-annual

async function indicatorsAnnual(deps: ReportDeps, year: number, generated: string): Promise<ReportDoc> {
  const board = await deps.indicators.board(year, 'city');
  const units = await deps.air.units();
  const districtBoards = [];
  for (const d of units.districts) districtBoards.push(await deps.indicators.board(year, 'district', d.code));
  const comparable = await comparableRows(deps, `${year}-01`, board.asOf.slice(0, 7));
  return {
    kind: 'indicators-annual',
    period: String(year),
    title: `年度目标指标报告 ${year}`,
    lines: [`年度：${year}，数据截至 ${board.asOf}`, `生成：${generated}`],
    sections: [
      {
        heading: '一、全市',
        paragraphs: indicatorParagraphs(board.items),
        tables: [
          reportTable({
            title: { zh: '全市指标', en: 'city' },
            columns: indicatorColumns,
            rows: board.items,
          }),
        ],
      },
      {
        heading: '二、区县',
        tables: districtBoards.map((b) =>
          reportTable({
            title: { zh: `${b.name}指标`, en: `district-${b.code}` },
            columns: indicatorColumns,
            rows: b.items,
          }),
        ),
      },
      {
        heading: '三、优良天数比例可比序列',
        chart: {
          kind: 'line',
          title: '全市优良天数比例：官方与可比口径',
          unit: '%',
          labels: comparable.map((r) => r.month.slice(5)),
          series: [
            { name: '官方口径', values: comparable.map((r) => r.official), color: '#4a7fb5' },
            {
              name: '可比口径（HJ 633-2026）',
              values: comparable.map((r) => r.comparable),
              color: '#d9822b',
            },
          ],
        },
        tables: [
          reportTable({
            title: { zh: '可比序列', en: 'comparable' },
            columns: comparableColumns,
            rows: comparable,
          }),
        ],
      },
    ],
  };
}
