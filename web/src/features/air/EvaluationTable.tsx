/** HJ 663 evaluation of a month: districts and city with good-day ratio, composite index and PM2.5. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { QueryView } from '../../components/QueryView';
import { districtNames, useDistrictsQuery } from '../../api/site-queries';
import { chinaToday, formatValue, standardName } from '../../lib/format';
import { useAirEvaluationQuery } from './queries';

export function EvaluationTable({ year }: { year: string }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const districts = useDistrictsQuery();
  const names = districtNames(districts.data?.items, english);
  const thisMonth = chinaToday().slice(0, 7);
  const [month, setMonth] = useState(year === thisMonth.slice(0, 4) ? thisMonth : `${year}-12`);
  const evaluation = useAirEvaluationQuery('month', month);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).filter(
    (m) => m <= thisMonth,
  );
  return (
    <div>
      <div className="toolbar">
        <label>
          {t('air.month')}
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            {months.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        {evaluation.data && (
          <span className="muted small">
            {evaluation.data.standards.aqi.map(standardName).join(', ')} ·{' '}
            {evaluation.data.standards.hj663.map(standardName).join(', ')} · GB 3095-
            {evaluation.data.standards.gb3095}
          </span>
        )}
      </div>
      <QueryView state={evaluation} isEmpty={(e) => e.units.length === 0}>
        {(e) => (
          <DataTable
            testId="evaluation-table"
            rows={e.units}
            rowKey={(u) => `${u.scope}-${u.code}`}
            columns={[
              {
                key: 'name',
                header: t('air.station'),
                cell: (u) =>
                  u.scope === 'city' ? (
                    <b>{english ? t('names.air.city') : u.name}</b>
                  ) : (
                    (names.get(u.code) ?? u.name)
                  ),
              },
              {
                key: 'good',
                header: t('air.goodRate'),
                numeric: true,
                cell: (u) => (u.goodDays.ratioPercent === null ? '—' : `${u.goodDays.ratioPercent}%`),
              },
              {
                key: 'days',
                header: t('names.air.goodOfValidDays'),
                numeric: true,
                cell: (u) => `${u.goodDays.goodDays}/${u.goodDays.validDays}`,
              },
              {
                key: 'ci',
                header: t('air.comprehensiveIndex'),
                numeric: true,
                cell: (u) => formatValue(u.comprehensiveIndex?.value, '', 2),
              },
              ...(['pm25', 'pm10', 'no2', 'so2'] as const).map((p) => ({
                key: p,
                header: `${t(`pollutant.${p}`)} (µg/m³)`,
                numeric: true,
                cell: (u: (typeof e.units)[number]) =>
                  formatValue(
                    u.pollutants
                      .find((x) => x.pollutant === p)
                      ?.statistics.find((s) => s.statistic === 'annual-mean')?.value,
                    '',
                    0,
                  ),
              })),
            ]}
          />
        )}
      </QueryView>
    </div>
  );
}
