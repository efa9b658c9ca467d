/**
 * 告警设置 (bureau roles; admins change): the rules whose alarms open cases by themselves, the rules
 * whose warnings resolve themselves when their condition clears (never critical ones), and the
 * alarm thresholds — defaults against the overrides per industry and per site, the values in force
 * for one of them, and a form that sets one threshold of an override. The server checks every value
 * and names the field when one is wrong (docs/settings.md).
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AlarmThresholdSettingsDto,
  AutoCaseRuleDto,
  AutoCaseRuleSettingsDto,
  AutoResolveSettingsDto,
  ThresholdOverrideDto,
  ThresholdParameterDto,
  ThresholdScopeDto,
  ThresholdValuesDto,
} from '@server/api/settings.schemas.js';
import { apiFetch } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { useMutation } from '../../api/use-mutation';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';

const SEVERITIES: readonly AutoCaseRuleDto['minSeverity'][] = ['info', 'warning', 'critical'];
type ThresholdValue = ThresholdValuesDto[keyof ThresholdValuesDto];

/** `Array.isArray` does not narrow a readonly array out of a union. */
function isFlagList(value: ThresholdValue): value is readonly string[] {
  return Array.isArray(value);
}

/** A threshold value as one line: numbers as they are, flags joined, per-parameter values listed. */
function valueText(value: ThresholdValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'number') return String(value);
  if (isFlagList(value)) return value.join(', ');
  const perParameter: Readonly<Record<string, number | { min?: number; max?: number }>> = value;
  return Object.entries(perParameter)
    .map(([code, v]) =>
      typeof v === 'number' ? `${code}: ${v}` : `${code}: [${v.min ?? '−∞'}, ${v.max ?? '∞'})`,
    )
    .join('; ');
}

/** The text of the edit form as the value the API expects, or null when it cannot be read. */
function parseValue(kind: ThresholdParameterDto['kind'], text: string): unknown {
  switch (kind) {
    case 'integer':
    case 'number':
      return text.trim() === '' ? null : Number(text);
    case 'flags':
      return text.split(/[\s,，]+/).filter((f) => f !== '');
    case 'ranges':
    case 'amounts':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return null;
      }
    default:
      return null;
  }
}

/** How a value of this kind is typed into the form. */
function placeholderOf(kind: ThresholdParameterDto['kind']): string {
  switch (kind) {
    case 'flags':
      return 'M, C';
    case 'ranges':
      return '{"a19001": {"min": 0, "max": 21}}';
    case 'amounts':
      return '{"a34004": 35}';
    default:
      return '';
  }
}

function AutoCaseRules({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const query = useApiQuery<AutoCaseRuleSettingsDto>('/settings/auto-case-rules');
  const [draft, setDraft] = useState<AutoCaseRuleDto[] | null>(null);
  const { run, busy, notice } = useMutation();

  const save = async (rules: AutoCaseRuleDto[]): Promise<void> => {
    const ok = await run(
      () =>
        apiFetch<AutoCaseRuleSettingsDto>('/settings/auto-case-rules', { method: 'PUT', body: { rules } }),
      () => t('settings.saved'),
    );
    if (ok) {
      setDraft(null);
      query.reload();
    }
  };

  return (
    <div className="stack-tight" data-testid="auto-case-rules">
      <h3>{t('settings.autoCaseRules')}</h3>
      <p className="small muted">{t('settings.autoCaseHelp')}</p>
      <QueryView state={query}>
        {(s) => {
          const rows = draft ?? s.rules;
          const unused = s.knownRules.filter((r) => !rows.some((x) => x.rule === r));
          const change = (i: number, patch: Partial<AutoCaseRuleDto>): void =>
            setDraft(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
          return (
            <>
              <p className="small">
                {s.isDefault ? t('settings.defaultInForce') : t('settings.setByBureau')}
                {rows.length === 0 && ` · ${t('settings.noAutoCases')}`}
              </p>
              {rows.length > 0 && (
                <DataTable
                  testId="auto-case-table"
                  rows={rows.map((r, i) => ({ ...r, i }))}
                  rowKey={(r) => r.i}
                  columns={[
                    {
                      key: 'rule',
                      header: t('alarms.rule'),
                      cell: (r) =>
                        canWrite ? (
                          <select
                            value={r.rule}
                            onChange={(e) => change(r.i, { rule: e.target.value })}
                            aria-label={t('alarms.rule')}
                          >
                            {[r.rule, ...unused].map((x) => (
                              <option key={x} value={x}>
                                {x}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <code>{r.rule}</code>
                        ),
                    },
                    {
                      key: 'sev',
                      header: t('settings.minSeverity'),
                      cell: (r) =>
                        canWrite ? (
                          <select
                            value={r.minSeverity}
                            onChange={(e) =>
                              change(r.i, { minSeverity: e.target.value as AutoCaseRuleDto['minSeverity'] })
                            }
                            aria-label={t('settings.minSeverity')}
                          >
                            {SEVERITIES.map((x) => (
                              <option key={x} value={x}>
                                {t(`settings.severity.${x}`)}
                              </option>
                            ))}
                          </select>
                        ) : (
                          t(`settings.severity.${r.minSeverity}`)
                        ),
                    },
                    ...(canWrite
                      ? [
                          {
                            key: 'x',
                            header: t('admin.actions'),
                            cell: (r: AutoCaseRuleDto & { i: number }) => (
                              <button
                                type="button"
                                className="btn btn-small btn-danger"
                                onClick={() => setDraft(rows.filter((_, j) => j !== r.i))}
                              >
                                {t('settings.remove')}
                              </button>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              )}
              {canWrite && (
                <div className="toolbar">
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={unused.length === 0}
                    onClick={() =>
                      setDraft([...rows, { rule: unused[0] ?? 'exceedance', minSeverity: 'critical' }])
                    }
                  >
                    {t('settings.addRule')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy || draft === null}
                    onClick={() => void save(rows)}
                    data-testid="save-auto-case-rules"
                  >
                    {t('admin.save')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy}
                    onClick={() => setDraft(s.defaults)}
                  >
                    {t('settings.useDefaults')}
                  </button>
                </div>
              )}
              <Notice notice={notice} testId="auto-case-notice" />
              {s.history.length > 0 && (
                <p className="small muted">
                  {t('settings.lastChanged', {
                    who: s.history[0]?.changedBy ?? '',
                    at: formatChinaTime(s.history[0]?.changedAt),
                  })}
                </p>
              )}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function EditOverride({
  parameters,
  overrides,
  onSaved,
}: {
  parameters: ThresholdParameterDto[];
  overrides: ThresholdOverrideDto[];
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [scope, setScope] = useState<ThresholdScopeDto>('industry');
  const [code, setCode] = useState('');
  const [key, setKey] = useState<string>(parameters[0]?.key ?? '');
  const [text, setText] = useState('');
  const { run, busy, notice } = useMutation();
  const parameter = parameters.find((p) => p.key === key);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (parameter === undefined) return;
    const existing = overrides.find((o) => o.scope === scope && o.key === code)?.values ?? {};
    const path = `/settings/alarm-thresholds/${scope}/${encodeURIComponent(code)}`;
    const ok = await run(
      () =>
        apiFetch<ThresholdOverrideDto>(path, {
          method: 'PUT',
          body: { values: { ...existing, [parameter.key]: parseValue(parameter.kind, text) } },
        }),
      () => t('settings.saved'),
    );
    if (ok) {
      setText('');
      onSaved();
    }
  };

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="edit-threshold">
      <label>
        {t('settings.scope')}
        <select value={scope} onChange={(e) => setScope(e.target.value as ThresholdScopeDto)}>
          <option value="industry">{t('settings.industry')}</option>
          <option value="site">{t('settings.site')}</option>
        </select>
      </label>
      <label>
        {scope === 'industry' ? t('settings.industryCode') : t('settings.siteCode')}
        <input
          required
          value={code}
          placeholder={scope === 'industry' ? '4411' : 'HZ-E-001-G1'}
          onChange={(e) => setCode(e.target.value.trim())}
          name="override-key"
        />
      </label>
      <label>
        {t('settings.threshold')}
        <select value={key} onChange={(e) => setKey(e.target.value)} name="threshold-key">
          {parameters.map((p) => (
            <option key={p.key} value={p.key}>
              {english ? p.label.en : p.label.zh}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('settings.value')}
        {parameter !== undefined && parameter.min !== null && (
          <small className="muted">
            {' '}
            [{parameter.min}, {parameter.max}] {parameter.unit}
          </small>
        )}
        <input
          required
          value={text}
          placeholder={parameter === undefined ? '' : placeholderOf(parameter.kind)}
          onChange={(e) => setText(e.target.value)}
          name="threshold-value"
        />
      </label>
      <button type="submit" className="btn btn-small" disabled={busy || parameter === undefined}>
        {t('admin.save')}
      </button>
      <Notice notice={notice} testId="threshold-notice" />
    </form>
  );
}

function Thresholds({ canWrite }: { canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [target, setTarget] = useState<{ scope: ThresholdScopeDto; code: string } | null>(null);
  const query = useApiQuery<AlarmThresholdSettingsDto>('/settings/alarm-thresholds', {
    query: target === null ? {} : { [target.scope]: target.code },
  });
  const { run, busy, notice } = useMutation();

  const remove = async (o: ThresholdOverrideDto): Promise<void> => {
    const ok = await run(
      () =>
        apiFetch<void>(`/settings/alarm-thresholds/${o.scope}/${encodeURIComponent(o.key)}`, {
          method: 'DELETE',
        }),
      () => t('settings.removed', { key: o.key }),
    );
    if (ok) query.reload();
  };

  return (
    <div className="stack-tight" data-testid="alarm-thresholds">
      <h3>{t('settings.thresholds')}</h3>
      <QueryView state={query}>
        {(s) => (
          <>
            <h4>{t('settings.overrides')}</h4>
            {s.overrides.length === 0 ? (
              <p className="small muted">{t('settings.noOverrides')}</p>
            ) : (
              <DataTable
                testId="override-table"
                rows={s.overrides}
                rowKey={(o) => `${o.scope}:${o.key}`}
                columns={[
                  {
                    key: 's',
                    header: t('settings.scope'),
                    cell: (o) => (o.scope === 'industry' ? t('settings.industry') : t('settings.site')),
                  },
                  {
                    key: 'k',
                    header: t('settings.code'),
                    cell: (o) => `${o.key}${o.name ? ` · ${o.name}` : ''}`,
                  },
                  {
                    key: 'v',
                    header: t('settings.values'),
                    cell: (o) =>
                      Object.entries(o.values)
                        .map(([k, v]) => `${k} = ${valueText(v)}`)
                        .join('; '),
                  },
                  {
                    key: 'u',
                    header: t('settings.changed'),
                    cell: (o) => `${o.updatedBy} · ${formatChinaTime(o.updatedAt)}`,
                  },
                  {
                    key: 'a',
                    header: t('admin.actions'),
                    cell: (o) => (
                      <span className="actions">
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => setTarget({ scope: o.scope, code: o.key })}
                        >
                          {t('settings.show')}
                        </button>
                        {canWrite && (
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            disabled={busy}
                            onClick={() => void remove(o)}
                          >
                            {t('settings.remove')}
                          </button>
                        )}
                      </span>
                    ),
                  },
                ]}
              />
            )}
            <Notice notice={notice} testId="override-notice" />
            {canWrite && (
              <EditOverride parameters={s.parameters} overrides={s.overrides} onSaved={query.reload} />
            )}
            <h4>
              {target === null
                ? t('settings.defaultsInForce')
                : t('settings.inForceFor', {
                    target: `${target.scope === 'industry' ? t('settings.industry') : t('settings.site')} ${target.code}`,
                  })}
              {s.effective.industry !== null &&
                target?.scope === 'site' &&
                ` (${t('settings.industry')} ${s.effective.industry})`}
              {target !== null && (
                <button type="button" className="btn btn-small" onClick={() => setTarget(null)}>
                  {t('settings.showDefaults')}
                </button>
              )}
            </h4>
            <DataTable
              testId="threshold-table"
              rows={s.parameters}
              rowKey={(p) => p.key}
              columns={[
                {
                  key: 'l',
                  header: t('settings.threshold'),
                  cell: (p) => (english ? p.label.en : p.label.zh),
                },
                { key: 'r', header: t('alarms.rule'), cell: (p) => <code>{p.rule}</code> },
                {
                  key: 'd',
                  header: t('settings.default'),
                  cell: (p) => `${valueText(s.defaults[p.key])}${p.unit ? ` ${p.unit}` : ''}`,
                },
                {
                  key: 'e',
                  header: t('settings.inForce'),
                  cell: (p) => {
                    const origin = s.effective.origins[p.key].origin;
                    const text = valueText(s.effective.values[p.key]);
                    return origin === 'default' ? text : <strong title={origin}>{text}</strong>;
                  },
                },
                {
                  key: 'o',
                  header: t('settings.origin'),
                  cell: (p) => t(`settings.originOf.${s.effective.origins[p.key].origin}`),
                },
                {
                  key: 's',
                  header: t('admin.source'),
                  cell: (p) => <small className="muted">{p.source}</small>,
                },
              ]}
            />
          </>
        )}
      </QueryView>
    </div>
  );
}

/** Per rule: do its warnings resolve themselves once the condition clears (exceedances never). */
function AutoResolveRules({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const query = useApiQuery<AutoResolveSettingsDto>('/settings/alarm-auto-resolve');
  const { run, busy, notice } = useMutation();
  const toggle = async (rule: string, on: boolean, current: Record<string, boolean>): Promise<void> => {
    const ok = await run(
      () =>
        apiFetch<AutoResolveSettingsDto>('/settings/alarm-auto-resolve', {
          method: 'PUT',
          body: { rules: { ...current, [rule]: on } },
        }),
      () => t('settings.saved'),
    );
    if (ok) query.reload();
  };
  return (
    <div className="stack-tight" data-testid="auto-resolve-rules">
      <h3>{t('alarmHandling.autoResolve')}</h3>
      <p className="small muted">{t('alarmHandling.autoResolveHelp')}</p>
      <QueryView state={query}>
        {(s) => (
          <div className="toolbar">
            {Object.entries(s.rules).map(([rule, on]) => {
              const fixed = s.fixed.includes(rule);
              return (
                <label key={rule}>
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={!canWrite || busy || fixed}
                    data-testid={`auto-resolve-${rule}`}
                    onChange={(e) => void toggle(rule, e.target.checked, s.rules)}
                  />
                  {t(`alarmHandling.rules.${rule}`, { defaultValue: rule })}
                  {fixed && <span className="muted"> ({t('alarmHandling.autoResolveFixed')})</span>}
                </label>
              );
            })}
          </div>
        )}
      </QueryView>
      <Notice notice={notice} testId="auto-resolve-notice" />
    </div>
  );
}

/** The settings tab: auto-case rules first (short), which warnings resolve themselves, then the thresholds. */
export function AlarmSettings({ canWrite }: { canWrite: boolean }) {
  return (
    <div className="stack" data-testid="alarm-settings">
      <AutoCaseRules canWrite={canWrite} />
      <AutoResolveRules canWrite={canWrite} />
      <Thresholds canWrite={canWrite} />
    </div>
  );
}
