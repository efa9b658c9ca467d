/**
 * The case list as a spreadsheet in the user's language (issue 23 §5): the columns of an export
 * through the one table writer (src/reports/table-export.ts), with states, sources, categories,
 * responsible units and escalation levels named in Chinese or English, district names instead of
 * codes, times in China local time and deadlines as the China-local day they fall due.
 */
import type { ExportColumn, ExportLang, ExportTable } from '../reports/table-export.js';
import { formatChinaIso } from '../standards/china-time.js';
import type { CaseRecord } from '../store/case.repository.js';
import type {
  CaseCategory,
  CaseSource,
  CaseState,
  EscalationLevel,
  RESPONSIBLE_TYPES,
} from './case-machine.js';
import { DEADLINE_STATES } from './case-machine.js';
import { deadlineText } from './deadline.js';

type Words = { zh: string; en: string };

/** Names of the case states, as the web shows them. */
export const CASE_STATE_NAMES: Record<CaseState, Words> = {
  discovered: { zh: '发现', en: 'Discovered' },
  verified: { zh: '已核实', en: 'Verified' },
  dismissed: { zh: '不予立案', en: 'Dismissed' },
  assigned: { zh: '已交办', en: 'Assigned' },
  rectifying: { zh: '整改中', en: 'Rectifying' },
  self_checked: { zh: '已自查', en: 'Self-checked' },
  under_acceptance: { zh: '验收中', en: 'Under acceptance' },
  publicised: { zh: '已公示', en: 'Publicised' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** Names of where cases come from. */
export const CASE_SOURCE_NAMES: Record<CaseSource, Words> = {
  alarm: { zh: '自动报警', en: 'Alarm' },
  inspection: { zh: '现场检查', en: 'Inspection' },
  complaint: { zh: '信访投诉', en: 'Complaint (12369)' },
  superior: { zh: '上级交办', en: 'Assigned from above' },
  manual: { zh: '其他', en: 'Other' },
};

/** Names of the kinds of problem. */
export const CASE_CATEGORY_NAMES: Record<CaseCategory, Words> = {
  air: { zh: '大气', en: 'Air' },
  water: { zh: '水', en: 'Water' },
  emission_exceedance: { zh: '排放超标', en: 'Emission exceedance' },
  monitoring_data: { zh: '监测数据', en: 'Monitoring data' },
  solid_waste: { zh: '固体废物', en: 'Solid waste' },
  noise: { zh: '噪声', en: 'Noise' },
  soil: { zh: '土壤', en: 'Soil' },
  ecology: { zh: '生态', en: 'Ecology' },
  other: { zh: '其他', en: 'Other' },
};

/** Names of the kinds of responsible unit. */
export const RESPONSIBLE_TYPE_NAMES: Record<(typeof RESPONSIBLE_TYPES)[number], Words> = {
  district: { zh: '区县', en: 'District' },
  department: { zh: '部门', en: 'Department' },
  enterprise: { zh: '企业', en: 'Enterprise' },
};

/** Names of the escalation levels. */
export const ESCALATION_NAMES: Record<EscalationLevel, Words> = {
  none: { zh: '无', en: 'None' },
  warning: { zh: '超期预警', en: 'Overdue warning' },
  listed: { zh: '挂牌督办', en: 'Listed for supervision' },
  summoned: { zh: '约谈', en: 'Summoned' },
};

/** The name of a vocabulary value in a language; the value itself when it is not in the list. */
function nameOf(names: Record<string, Words>, value: string, lang: ExportLang): string {
  return names[value]?.[lang] ?? value;
}

const time = (d: Date | null): string | null =>
  d === null ? null : formatChinaIso(d).slice(0, 16).replace('T', ' ');

/** District names by code, in both languages. */
export type DistrictNames = ReadonlyMap<string, Words>;

/** The columns of a case export; `overdue` is judged at `now`. */
export function caseExportColumns(now: Date, districts: DistrictNames): ExportColumn<CaseRecord>[] {
  return [
    { header: { zh: '编号', en: 'No.' }, value: (c) => c.id, width: 8 },
    {
      header: { zh: '状态', en: 'State' },
      value: (c, lang) => nameOf(CASE_STATE_NAMES, c.state, lang),
      width: 12,
    },
    { header: { zh: '来源', en: 'Source' }, value: (c, lang) => nameOf(CASE_SOURCE_NAMES, c.source, lang) },
    {
      header: { zh: '类别', en: 'Category' },
      value: (c, lang) => nameOf(CASE_CATEGORY_NAMES, c.category, lang),
    },
    { header: { zh: '事项', en: 'Subject' }, value: (c) => c.title, width: 36 },
    {
      header: { zh: '区县', en: 'District' },
      value: (c, lang) => districts.get(c.districtCode)?.[lang] ?? c.districtCode,
    },
    { header: { zh: '对象', en: 'Site or body' }, value: (c) => c.subjectName, width: 24 },
    { header: { zh: '地点', en: 'Location' }, value: (c) => c.location, width: 24 },
    {
      header: { zh: '责任单位类型', en: 'Responsible unit type' },
      value: (c, lang) =>
        c.responsibleType === null ? null : nameOf(RESPONSIBLE_TYPE_NAMES, c.responsibleType, lang),
    },
    {
      header: { zh: '责任单位', en: 'Responsible unit' },
      value: (c, lang) =>
        c.responsibleType === 'district' && c.responsibleCode !== null
          ? (districts.get(c.responsibleCode)?.[lang] ?? c.responsibleName)
          : c.responsibleName,
      width: 24,
    },
    {
      header: { zh: '整改期限', en: 'Deadline' },
      value: (c) => (c.deadline === null ? null : deadlineText(c.deadline)),
      width: 16,
    },
    {
      header: { zh: '超期', en: 'Overdue' },
      value: (c) =>
        DEADLINE_STATES.includes(c.state as CaseState) &&
        c.deadline !== null &&
        c.deadline.getTime() < now.getTime(),
      width: 8,
    },
    {
      header: { zh: '督办等级', en: 'Escalation' },
      value: (c, lang) => nameOf(ESCALATION_NAMES, c.escalation, lang),
    },
    { header: { zh: '立案时间', en: 'Opened at' }, value: (c) => time(c.createdAt), width: 18 },
    { header: { zh: '立案人', en: 'Opened by' }, value: (c) => c.createdBy },
    { header: { zh: '自验时间', en: 'Self-checked at' }, value: (c) => time(c.rectifiedAt), width: 18 },
    { header: { zh: '按期整改', en: 'Rectified on time' }, value: (c) => c.rectifiedOnTime, width: 10 },
    { header: { zh: '办结时间', en: 'Closed at' }, value: (c) => time(c.closedAt), width: 18 },
    { header: { zh: '重新整改次数', en: 'Times reopened' }, value: (c) => c.reopenCount, width: 10 },
    { header: { zh: '报警编号', en: 'Alarm' }, value: (c) => c.alarmId, width: 10 },
    { header: { zh: '来源编号', en: 'Reference' }, value: (c) => c.externalRef, width: 20 },
    { header: { zh: '反映人/交办单位', en: 'Reported by' }, value: (c) => c.reporter, width: 20 },
  ];
}

/** The case list as an export table (sheet 案件 / cases). */
export function caseExportTable(
  rows: readonly CaseRecord[],
  now: Date,
  districts: DistrictNames,
): ExportTable<CaseRecord> {
  return { title: { zh: '案件', en: 'cases' }, columns: caseExportColumns(now, districts), rows };
}
