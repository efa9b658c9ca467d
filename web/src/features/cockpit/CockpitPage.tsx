/** 驾驶舱: the wall screen of the bureau — air, water, sources, alarms and cases on one page. */
import { useTranslation } from 'react-i18next';
import { useDevicesQuery, useSitesQuery } from '../../api/site-queries';
import { hasRole, useRole } from '../../auth/AuthContext';
import { READING_ROLES } from '../../app/nav';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import { useAirLatestQuery } from '../air/queries';
import { Aqi24hChart } from './Aqi24hChart';
import { AirTargets } from './AirTargets';
import { CityAqiCard } from './CityAqiCard';
import { CockpitMap } from './CockpitMap';
import { DistrictRanking } from './DistrictRanking';
import { EnforcementPanels, useCockpitAlarms } from './EnforcementPanels';
import { useSectionStates, WaterCompliance } from './WaterCompliance';

export default function CockpitPage() {
  const { t } = useTranslation();
  const role = useRole();
  const latest = useAirLatestQuery();
  const stations = useSitesQuery('air_station');
  const sections = useSitesQuery('water_section');
  const enterprises = useSitesQuery('enterprise');
  const devices = useDevicesQuery({ enabled: hasRole(role, READING_ROLES) });
  const water = useSectionStates();
  const alarms = useCockpitAlarms();

  const online = devices.data?.items.filter((d) => d.online).length;
  return (
    <div className="cockpit" data-testid="cockpit">
      <div className="cockpit-col">
        <CityAqiCard latest={latest} />
        <Aqi24hChart cityCode={latest.data?.city.code} />
        <DistrictRanking latest={latest} />
      </div>
      <div className="cockpit-col cockpit-center">
        <Panel
          title={t('cockpit.map')}
          className="map-panel"
          testId="city-map"
          extra={
            latest.data !== undefined && (
              <span className="muted small">
                {t('cockpit.updated', { time: formatChinaTime(latest.data.now) })}
              </span>
            )
          }
        >
          <QueryView state={stations} minHeight={520}>
            {(s) => (
              <CockpitMap
                stations={s.items}
                sections={sections.data?.items ?? []}
                enterprises={enterprises.data?.items ?? []}
                latest={latest.data}
                sectionStates={water.states}
                alarmedEnterprises={alarms.byEnterprise}
                height={560}
              />
            )}
          </QueryView>
        </Panel>
        <div className="kpi-strip">
          <div className="kpi">
            <span className="muted">{t('cockpit.stationsOnline')}</span>
            <strong data-testid="devices-online">
              {online === undefined ? '—' : `${online} / ${devices.data?.total ?? 0}`}
            </strong>
          </div>
          <div className="kpi">
            <span className="muted">{t('cockpit.compliance')}</span>
            <strong>{water.complianceText}</strong>
          </div>
          <div className="kpi">
            <span className="muted">{t('cockpit.openAlarms')}</span>
            <strong className={alarms.openCount ? 'bad' : ''} data-testid="open-alarms">
              {alarms.openCount ?? '—'}
            </strong>
          </div>
          <div className="kpi">
            <span className="muted">{t('cockpit.overdueCases')}</span>
            <strong className={alarms.overdueCases ? 'bad' : ''}>{alarms.overdueCases ?? '—'}</strong>
          </div>
        </div>
      </div>
      <div className="cockpit-col">
        <AirTargets />
        <WaterCompliance />
        <EnforcementPanels />
      </div>
    </div>
  );
}
