/**
 * Districts by current AQI, best first (the city's ranking as a wall board shows it); a row picks
 * that district for the whole cockpit (drill-down), the picked one is highlighted.
 */
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { aqiColor } from '../../lib/levels';
import type { QueryState } from '../../api/use-api-query';
import { categoryOf, primaryOf } from '../air/aqi-text';
import type { AirLatestDto } from '../../api/types';

export function DistrictRanking({
  latest,
  district,
  onPick,
  names,
}: {
  latest: QueryState<AirLatestDto>;
  district: string | null;
  onPick?: (code: string) => void;
  /** District names in the language shown, by code (the server's names otherwise). */
  names?: ReadonlyMap<string, string>;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Panel title={t('cockpit.districtRank')} testId="district-ranking">
      <QueryView state={latest} isEmpty={(d) => d.districts.length === 0} minHeight={160}>
        {(data) => {
          const rows = [...data.districts].sort(
            (a, b) => (a.result?.aqi ?? Infinity) - (b.result?.aqi ?? Infinity),
          );
          const max = Math.max(100, ...rows.map((r) => r.result?.aqi ?? 0));
          return (
            <ol className="rank-list">
              {rows.map((d, i) => (
                <li
                  key={d.code}
                  className={`${d.code === district ? 'picked' : ''} ${onPick === undefined ? '' : 'pickable'}`}
                  data-testid={`district-rank-${d.code}`}
                  onClick={onPick === undefined ? undefined : () => onPick(d.code)}
                >
                  <span className="rank-no">{i + 1}</span>
                  <span className="rank-name">{names?.get(d.code) ?? d.name}</span>
                  <span className="rank-bar">
                    <i
                      style={{
                        width: `${((d.result?.aqi ?? 0) / max) * 100}%`,
                        background: aqiColor(d.result?.aqi),
                      }}
                    />
                  </span>
                  <span className="rank-value" title={primaryOf(d.result, t)}>
                    {d.result?.aqi ?? '—'} <small>{categoryOf(d.result, i18n.language === 'en')}</small>
                  </span>
                </li>
              ))}
            </ol>
          );
        }}
      </QueryView>
    </Panel>
  );
}
