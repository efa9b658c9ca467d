/**
 * The words of alarms in both languages, for exports and messages of the server (the web has the
 * same words in its i18n files): rule, kind, severity, condition, handling and disposition names.
 * Pure.
 */
import type {
  AlarmCondition,
  AlarmDisposition,
  AlarmHandling,
  AlarmSeverity,
} from '../store/alarm.repository.js';
import type { AlarmKind, BilingualText, RuleId } from './types.js';

export const RULE_NAMES: Readonly<Record<RuleId, BilingualText>> = {
  exceedance: { zh: '超标', en: 'Exceedance' },
  'constant-value': { zh: '恒值', en: 'Constant value' },
  'zero-negative': { zh: '零值/负值', en: 'Zero or negative value' },
  'out-of-range': { zh: '超量程', en: 'Out of range' },
  'sudden-step': { zh: '突变', en: 'Sudden step' },
  'missing-data': { zh: '数据缺失', en: 'Missing data' },
  'low-transmission': { zh: '传输率低', en: 'Low transmission rate' },
  'device-offline': { zh: '设备离线', en: 'Device offline' },
  'flag-abuse': { zh: '标记异常', en: 'Data flag misuse' },
  'aqi-high': { zh: '空气质量超标', en: 'High AQI' },
  'neighbour-spike': { zh: '邻站异常升高', en: 'Spike against neighbours' },
  'water-class': { zh: '水质不达标', en: 'Water class below target' },
  'energy-budget': { zh: '用能预算预警', en: 'Energy budget' },
  'waste-storage': { zh: '危废贮存超期/超量', en: 'Hazardous waste stored too long or over capacity' },
  'waste-manifest': { zh: '联单异常', en: 'Transfer manifest discrepancy' },
  'waste-balance': { zh: '危废物料不平衡', en: 'Hazardous-waste mass-balance gap' },
  'waste-declaration': { zh: '危废申报逾期', en: 'Hazardous-waste declaration overdue' },
  'response-measures': { zh: '应急减排未落实', en: 'Emergency reduction not carried out' },
};

export const KIND_NAMES: Readonly<Record<AlarmKind, BilingualText>> = {
  exceedance: { zh: '超标类', en: 'Exceedances' },
  data_quality: { zh: '数据质量类', en: 'Data quality' },
};

export const SEVERITY_NAMES: Readonly<Record<AlarmSeverity, BilingualText>> = {
  info: { zh: '提示', en: 'Info' },
  warning: { zh: '预警', en: 'Warning' },
  critical: { zh: '严重', en: 'Critical' },
};

export const CONDITION_NAMES: Readonly<Record<AlarmCondition, BilingualText>> = {
  active: { zh: '持续中', en: 'Active' },
  cleared: { zh: '已消除', en: 'Cleared' },
};

export const HANDLING_NAMES: Readonly<Record<AlarmHandling, BilingualText>> = {
  unhandled: { zh: '未处理', en: 'Unhandled' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
  handled: { zh: '已处理', en: 'Handled' },
};

export const DISPOSITION_NAMES: Readonly<Record<AlarmDisposition, BilingualText>> = {
  explained: { zh: '企业说明已采纳', en: 'Explained by the enterprise' },
  data_quality_confirmed: { zh: '确认数据质量问题', en: 'Data-quality issue confirmed' },
  case_opened: { zh: '已立案', en: 'Case opened' },
  dismissed: { zh: '已排除', en: 'Dismissed' },
  auto_resolved: { zh: '自动解除', en: 'Resolved automatically' },
};

/** A name of a table above, or the key itself when it is not there (a rule retired later). */
export function nameOf<K extends string>(
  names: Readonly<Record<K, BilingualText>>,
  key: string,
  lang: keyof BilingualText,
): string {
  return (names as Readonly<Record<string, BilingualText>>)[key]?.[lang] ?? key;
}
