/**
 * Stations or districts ranked by AQI, PM2.5 or the comprehensive index (rank 1 = cleanest). AQI
 * and PM2.5 rank the newest hour; the comprehensive index exists only for a month or a year, so it
 * ranks the current month (GET /air/rankings refuses ci for the newest hour).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { QueryView } from '../../components/QueryView';
import { districtNames, useDistrictsQuery } from '../../api/site-queries';
import { chinaToday, formatValue, standardName } from '../../lib/format';
import { AqiBadge } from './AqiBadge';
import type { RankingMetric, RankingScope } from './queries';
import { useAirRankingsQuery } from './queries';

const SCOPES: readonly { key: RankingScope; label: string }[] = [
  { key: 'station', label: 'air.rankStations' },
  { key: 'district', label: 'air.rankDistricts' },
];
const METRICS: readonly { key: RankingMetric; label: string }[] = [
  { key: 'aqi', label: 'air.byAqi' },
  { key: 'pm25', label: 'air.byPm25' },
  { key: 'ci', label: 'air.byCi' },
];

function Segmented<K extends string>({
  options,
  value,
  onChange,
  testId,
}: {
  options: readonly { key: K; label: string }[];
  value: K;
  onChange: (key: K) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="seg" role="radiogroup" data-testid={testId}>
      {options.map((o) => (
        <button
          key={o.key}
          type="button"
          role="radio"
          aria-checked={o.key === value}
          className={o.key === value ? 'active' : ''}
          data-key={o.key}
          onClick={() => onChange(o.key)}
        >
          {t(o.label)}
        </button>
      ))}
    </div>
  );
}

export function AirRanking() {
  const { t, i18n } = useTranslation();
  const districts = useDistrictsQuery();
  const names = districtNames(districts.data?.items, i18n.language === 'en');
  const [scope, setScope] = useState<RankingScope>('district');
  const [by, setBy] = useState<RankingMetric>('aqi');
  const month = chinaToday().slice(0, 7);
  const ranking = useAirRankingsQuery(scope, by, month);
  const valueCell = (value: number | null) => {
    switch (by) {
      case 'aqi':
        return <AqiBadge aqi={value} />;
      case 'pm25':
        return formatValue(value, 'µg/m³', 0);
      case 'ci':
        return formatValue(value, '', 2);
      default:
        throw new Error(`unknown ranking metric ${String(by satisfies never)}`);
    }
  };
  return (
    <div className="stack-tight" data-testid="air-ranking">
      <div className="toolbar">
        <Segmented options={SCOPES} value={scope} onChange={setScope} testId="ranking-scope" />
        <Segmented options={METRICS} value={by} onChange={setBy} testId="ranking-by" />
        <span className="small muted">
          {by === 'ci' ? t('air.rankMonth', { month }) : t('air.rankLatest')}
          {ranking.data !== undefined && ` · ${ranking.data.standards.map(standardName).join(' · ')}`}
        </span>
      </div>
      <QueryView state={ranking} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <DataTable
            testId="ranking-table"
            rows={d.items}
            rowKey={(r) => r.code}
            columns={[
              { key: 'rank', header: t('air.rank'), cell: (r) => r.rank ?? '—' },
              {
                key: 'name',
                header: scope === 'station' ? t('air.station') : t('air.district'),
                cell: (r) => (scope === 'district' ? (names.get(r.code) ?? r.name) : r.name),
              },
              {
                key: 'value',
                header: t(METRICS.find((m) => m.key === by)?.label ?? ''),
                numeric: true,
                cell: (r) => valueCell(r.value),
              },
            ]}
          />
        )}
      </QueryView>
    </div>
  );
}
