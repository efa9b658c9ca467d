/**
 * How alarms are shown: rule, severity, condition, handling and disposition in words (i18n block
 * `alarmHandling`), the parameter by name with its unit and values to its decimals (parameter
 * registry), never a raw key or a long float.
 */
import { parameterInfo } from '@server/standards/parameters.js';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatValue } from '../../lib/format';
import { parameterName, unitText } from '../../lib/parameters';

/** A rule's name; the key itself for a rule the dashboard does not know yet. */
export function ruleName(t: TFunction, rule: string): string {
  return t(`alarmHandling.rules.${rule}`, { defaultValue: rule });
}

/** A parameter by name, with its unit in brackets (pseudo-parameters such as AQI as they are). */
export function parameterLabel(code: string, english: boolean): string {
  const unit = parameterInfo(code)?.unit;
  const name = parameterName(code, english);
  return unit ? `${name} (${unitText(unit)})` : name;
}

/** A value of a parameter, rounded to its decimals in the registry. */
export function parameterValue(code: string, value: number | null | undefined): string {
  return formatValue(value, '', parameterInfo(code)?.decimals);
}

export function SeverityPill({ severity }: { severity: string }) {
  const { t } = useTranslation();
  const cls = severity === 'critical' ? 'pill-bad' : severity === 'warning' ? 'pill-warn' : '';
  return (
    <span className={`pill ${cls}`}>
      {t(`alarmHandling.severities.${severity}`, { defaultValue: severity })}
    </span>
  );
}

/** Handling in words, with the disposition of a handled alarm. */
export function HandlingText({ handling, disposition }: { handling: string; disposition: string | null }) {
  const { t } = useTranslation();
  const h = t(`alarmHandling.handlings.${handling}`, { defaultValue: handling });
  const cls =
    handling === 'unhandled' ? 'pill pill-bad' : handling === 'acknowledged' ? 'pill pill-warn' : 'pill';
  return (
    <span className={cls} data-handling={handling}>
      {disposition === null
        ? h
        : `${h} · ${t(`alarmHandling.dispositions.${disposition}`, { defaultValue: disposition })}`}
    </span>
  );
}
