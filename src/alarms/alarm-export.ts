/**
 * The alarm list as a spreadsheet (src/reports/table-export.ts): one row per alarm, in the user's
 * language — site and district, parameter name and unit from the registry (src/standards/parameters.ts),
 * rule, kind, severity, condition and handling in words, values rounded to the parameter's decimals,
 * times in China local time.
 */
import type { ExportTable } from '../reports/table-export.js';
import { formatChinaIso } from '../standards/china-time.js';
import { parameterInfo } from '../standards/parameters.js';
import {
  CONDITION_NAMES,
  DISPOSITION_NAMES,
  HANDLING_NAMES,
  KIND_NAMES,
  nameOf,
  RULE_NAMES,
  SEVERITY_NAMES,
} from './alarm-names.js';
import type { SitedAlarm } from './alarm.service.js';
import { RULE_KIND } from './types.js';

/** Rows in one export at most. */
export const MAX_ALARM_EXPORT_ROWS = 50_000;

/** China local time as `YYYY-MM-DD HH:mm`; empty for null. */
function chinaTime(d: Date | null): string {
  return d === null ? '' : formatChinaIso(d).slice(0, 16).replace('T', ' ');
}

/** A value rounded to its parameter's decimals (2 when the parameter is not in the registry). */
export function roundToParameter(parameter: string, value: number | null): number | null {
  if (value === null) return null;
  const decimals = parameterInfo(parameter)?.decimals ?? 2;
  return Number(value.toFixed(decimals));
}

/** The largest value of the alarm's evidence, rounded (null when none). */
function peak(a: SitedAlarm['alarm']): number | null {
  const values = a.evidence.filter((v) => v.siteId === undefined && v.note === undefined);
  const numbers = values.map((v) => v.value).filter((v): v is number => v !== null);
  return numbers.length === 0 ? null : roundToParameter(a.parameter, Math.max(...numbers));
}

/** The export table of sited alarms. */
export function alarmExportTable(
  rows: readonly SitedAlarm[],
  districtNames: ReadonlyMap<string, { zh: string; en: string }> = new Map(),
): ExportTable<SitedAlarm> {
  return {
    title: { zh: '报警', en: 'alarms' },
    rows,
    columns: [
      { header: { zh: '编号', en: 'ID' }, value: (r) => r.alarm.id, width: 8 },
      { header: { zh: '站点/企业', en: 'Site' }, value: (r) => r.site?.name ?? '', width: 24 },
      { header: { zh: '站点编码', en: 'Site code' }, value: (r) => r.site?.code ?? '' },
      {
        header: { zh: '行政区', en: 'District' },
        value: (r, lang) => {
          const code = r.site?.districtCode ?? '';
          return districtNames.get(code)?.[lang] ?? code;
        },
        width: 10,
      },
      {
        header: { zh: '类别', en: 'Kind' },
        value: (r, lang) =>
          nameOf(KIND_NAMES, (RULE_KIND as Readonly<Record<string, string>>)[r.alarm.rule] ?? '', lang),
      },
      { header: { zh: '规则', en: 'Rule' }, value: (r, lang) => nameOf(RULE_NAMES, r.alarm.rule, lang) },
      {
        header: { zh: '监测项目', en: 'Parameter' },
        value: (r, lang) => {
          const info = parameterInfo(r.alarm.parameter);
          return info === undefined ? r.alarm.parameter : lang === 'zh' ? info.zh : info.en;
        },
      },
      { header: { zh: '单位', en: 'Unit' }, value: (r) => parameterInfo(r.alarm.parameter)?.unit ?? '' },
      { header: { zh: '最大值', en: 'Peak value' }, value: (r) => peak(r.alarm) },
      {
        header: { zh: '限值', en: 'Limit' },
        value: (r) => roundToParameter(r.alarm.parameter, r.alarm.limit),
      },
      {
        header: { zh: '级别', en: 'Severity' },
        value: (r, lang) => nameOf(SEVERITY_NAMES, r.alarm.severity, lang),
      },
      {
        header: { zh: '状况', en: 'Condition' },
        value: (r, lang) => nameOf(CONDITION_NAMES, r.alarm.condition, lang),
      },
      {
        header: { zh: '处理状态', en: 'Handling' },
        value: (r, lang) => nameOf(HANDLING_NAMES, r.alarm.handling, lang),
      },
      {
        header: { zh: '处置方式', en: 'Disposition' },
        value: (r, lang) =>
          r.alarm.disposition === null ? '' : nameOf(DISPOSITION_NAMES, r.alarm.disposition, lang),
        width: 18,
      },
      { header: { zh: '处置说明', en: 'Reason' }, value: (r) => r.alarm.dispositionReason ?? '', width: 30 },
      { header: { zh: '首次发现', en: 'Opened' }, value: (r) => chinaTime(r.alarm.openedAt), width: 17 },
      { header: { zh: '最近发现', en: 'Last seen' }, value: (r) => chinaTime(r.alarm.lastSeenAt), width: 17 },
      { header: { zh: '消除时间', en: 'Cleared' }, value: (r) => chinaTime(r.alarm.clearedAt), width: 17 },
      { header: { zh: '处理人', en: 'Handled by' }, value: (r) => r.alarm.handledBy ?? '' },
      { header: { zh: '处理时间', en: 'Handled at' }, value: (r) => chinaTime(r.alarm.handledAt), width: 17 },
      { header: { zh: '描述', en: 'Message' }, value: (r, lang) => r.alarm.message[lang], width: 50 },
    ],
  };
}
