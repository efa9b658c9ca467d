/** Limits of one outlet at a time: the rows in force, the preset its attributes select, "apply preset". */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import { useSitesQuery } from '../../api/site-queries';
import type { LimitDto } from '../../api/types';
import { useMutation } from '../../api/use-mutation';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { QueryView } from '../../components/QueryView';
import { formatValue } from '../../lib/format';
import { parameterLabel, unitText } from '../../lib/parameters';
import { useLimitsQuery } from '../sources/queries';

export function LimitsTab({ canWrite }: { canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const outlets = useSitesQuery('outlet');
  const [chosen, setChosen] = useState('');
  const site = chosen || outlets.data?.items[0]?.code || '';
  const limits = useLimitsQuery(site, site !== '');
  const { run, busy, notice } = useMutation();

  const applyPreset = async (): Promise<void> => {
    const ok = await run(
      () => apiFetch<{ added: LimitDto[] }>('/limits', { method: 'POST', body: { site, preset: 'auto' } }),
      (r) => t('admin.applied', { count: r.added.length }),
    );
    if (ok) limits.reload();
  };

  return (
    <div className="stack-tight" data-testid="limits-tab">
      <div className="toolbar">
        <label>
          {t('admin.outlet')}
          <select value={site} onChange={(e) => setChosen(e.target.value)} data-testid="limits-outlet">
            {(outlets.data?.items ?? []).map((o) => (
              <option key={o.code} value={o.code}>
                {o.code} · {o.name}
              </option>
            ))}
          </select>
        </label>
        {limits.data !== undefined && (
          <span className="small muted">
            {t('sources.standard')}: {limits.data.site.emissionStandard || '—'} · {t('admin.preset')}:{' '}
            {limits.data.preset ?? t('admin.noPreset')}
          </span>
        )}
        {canWrite && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || site === '' || limits.data?.preset === null}
            onClick={() => void applyPreset()}
            data-testid="apply-preset"
          >
            {t('admin.applyPreset')}
          </button>
        )}
      </div>
      <Notice notice={notice} testId="limits-notice" />
      <QueryView state={limits} isEmpty={(l) => l.inForce.length === 0}>
        {(l) => (
          <DataTable
            testId="limits-table"
            rows={l.inForce}
            rowKey={(r) => r.id}
            columns={[
              { key: 'p', header: t('sources.parameter'), cell: (r) => parameterLabel(r.parameter, english) },
              { key: 'c', header: t('names.limits.code'), cell: (r) => <code>{r.parameter}</code> },
              {
                key: 'v',
                header: t('sources.limit'),
                numeric: true,
                cell: (r) =>
                  r.lowerValue === null
                    ? formatValue(r.value, unitText(r.unit))
                    : `${formatValue(r.lowerValue)}–${formatValue(r.value, unitText(r.unit))}`,
              },
              {
                key: 'a',
                header: t('sources.basis'),
                cell: (r) => t(r.averaging === 'day' ? 'sources.dailyMean' : 'sources.hourlyMean'),
              },
              {
                key: 'o2',
                header: t('names.limits.referenceO2'),
                numeric: true,
                cell: (r) => (r.referenceO2Pct === null ? '—' : `${r.referenceO2Pct}%`),
              },
              { key: 's', header: t('sources.standard'), cell: (r) => `${r.standard} ${r.clause}` },
              { key: 'f', header: t('admin.validFrom'), cell: (r) => r.validFrom ?? '—' },
              {
                key: 'src',
                header: t('admin.source'),
                cell: (r) =>
                  `${
                    r.source.startsWith('preset:')
                      ? t('names.limits.preset', { standard: r.source.slice('preset:'.length) })
                      : r.source === 'bureau'
                        ? t('names.limits.bureau')
                        : r.source
                  } · ${r.createdBy}`,
              },
            ]}
          />
        )}
      </QueryView>
    </div>
  );
}
