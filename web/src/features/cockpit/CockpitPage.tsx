/**
 * 驾驶舱: the wall screen of the bureau — air, water, sources, alarms and cases on one page, for
 * the whole city or one district (picked on the map or the ranking; a district officer's own).
 * Every count links to the list it summarises, filtered the same way.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { cityName, useCityQuery } from '../../api/city-queries';
import { districtNames, useDevicesQuery, useSitesQuery } from '../../api/site-queries';
import type { CasePageDto } from '@server/api/case.schemas.js';
import { useApiQuery } from '../../api/use-api-query';
import { hasRole, useRole } from '../../auth/AuthContext';
import { NAV, READING_ROLES } from '../../app/nav';
import { Link } from '../../app/router';
import { Panel } from '../../components/Panel';
import { StaleMark } from '../../components/StaleMark';
import { formatChinaTime } from '../../lib/format';
import { useAirLatestQuery } from '../air/queries';
import { useAlarmsQuery } from '../alarms/queries';
import { AlertBanner } from '../response/AlertBanner';
import { Aqi24hChart } from './Aqi24hChart';
import { AirTargets } from './AirTargets';
import { CityAqiCard } from './CityAqiCard';
import { CockpitMap } from './CockpitMap';
import { listHref, useCockpitScope } from './cockpit-scope';
import { DistrictRanking } from './DistrictRanking';
import { EnforcementPanels, useCockpitAlarms } from './EnforcementPanels';
import { enterpriseLastSeen } from './staleness';
import { useSectionStates, WaterCompliance } from './WaterCompliance';

/** One figure of the KPI strip: the number links to its list when the role may open it. */
function Kpi({
  label,
  value,
  to,
  bad,
  testId,
  title,
}: {
  label: string;
  value: string;
  to: string | null;
  bad?: boolean;
  testId?: string;
  title?: string;
}) {
  const { t } = useTranslation();
  const strong = (
    <strong className={bad === true ? 'bad' : ''} data-testid={testId}>
      {value}
    </strong>
  );
  return (
    <div className="kpi" title={title}>
      <span className="muted">{label}</span>
      {to === null ? (
        strong
      ) : (
        <Link to={to} className="kpi-link" title={t('cityView.openList')}>
          {strong}
        </Link>
      )}
    </div>
  );
}

export default function CockpitPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const role = useRole();
  const scope = useCockpitScope();
  const { district } = scope;
  const may = (page: (typeof NAV)[number]['key']): boolean =>
    hasRole(role, NAV.find((n) => n.key === page)?.roles ?? []);

  const city = useCityQuery();
  const latest = useAirLatestQuery();
  const stations = useSitesQuery('air_station');
  const sections = useSitesQuery('water_section');
  const enterprises = useSitesQuery('enterprise');
  const outlets = useSitesQuery('outlet');
  const devices = useDevicesQuery({ enabled: hasRole(role, READING_ROLES) });
  const water = useSectionStates(district);
  const alarms = useCockpitAlarms();
  // Exceedance alarms no one has handled yet: the list the supervisor works from, with the same filter.
  const openAlarms = useAlarmsQuery({
    kind: 'exceedance',
    handling: 'unhandled',
    district: district ?? undefined,
    limit: 1,
  });
  const overdue = useApiQuery<CasePageDto>('/cases', {
    query: { overdue: true, districtCode: district ?? undefined, limit: 1 },
    refreshMs: 30_000,
    enabled: may('cases'),
  });

  const names = districtNames(city.data?.districts, english);
  const districtName = district === null ? null : (names.get(district) ?? district);
  const placeName = districtName ?? cityName(city.data, english);

  // Devices of the district shown: a device belongs to the district of its site.
  const online = useMemo(() => {
    const items = devices.data?.items;
    if (items === undefined) return undefined;
    const districtOf = new Map(
      [stations, sections, enterprises, outlets].flatMap((q) =>
        (q.data?.items ?? []).map((s) => [s.code, s.districtCode] as const),
      ),
    );
    const shown = district === null ? items : items.filter((d) => districtOf.get(d.siteCode) === district);
    return { online: shown.filter((d) => d.online).length, total: shown.length };
  }, [devices.data, stations.data, sections.data, enterprises.data, outlets.data, district]);

  const lastSeen = useMemo(
    () =>
      devices.data === undefined
        ? undefined
        : enterpriseLastSeen(devices.data.items, outlets.data?.items ?? [], enterprises.data?.items ?? []),
    [devices.data, outlets.data, enterprises.data],
  );

  return (
    <div className="cockpit-wrap">
      <AlertBanner />
      {district !== null && (
        <div className="cockpit-scope" data-testid="cockpit-scope">
          <span>{t('cityView.showing', { place: districtName ?? district })}</span>
          {scope.canClear && (
            <button
              type="button"
              className="btn btn-small"
              data-testid="cockpit-scope-clear"
              onClick={() => scope.select(null)}
            >
              {t('cityView.showCity', { city: cityName(city.data, english) ?? t('app.city') })}
            </button>
          )}
        </div>
      )}
      <div className="cockpit" data-testid="cockpit">
        <div className="cockpit-col">
          <CityAqiCard
            latest={latest}
            stations={stations.data?.items ?? []}
            district={district}
            placeName={placeName}
          />
          <Aqi24hChart cityCode={latest.data?.city.code} district={district} place={districtName} />
          <DistrictRanking
            latest={latest}
            district={district}
            names={names}
            onPick={scope.canClear ? (code) => scope.select(code) : undefined}
          />
        </div>
        <div className="cockpit-col cockpit-center">
          <Panel
            title={placeName === null ? t('cockpit.map') : t('cityView.mapOf', { place: placeName })}
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
            <CockpitMap
              stations={stations.data?.items ?? []}
              sections={sections.data?.items ?? []}
              enterprises={enterprises.data?.items ?? []}
              latest={latest.data}
              sectionStates={water.states}
              alarmedEnterprises={alarms.byEnterprise}
              lastSeen={lastSeen}
              height={560}
              district={district}
              onDistrict={scope.canClear ? (code) => scope.select(code) : undefined}
            />
          </Panel>
          <div className="kpi-strip" data-testid="kpi-strip">
            <StaleMark />
            <Kpi
              label={t('cockpit.stationsOnline')}
              title={t('cityView.onlineHint')}
              value={online === undefined ? '—' : `${online.online} / ${online.total}`}
              to={may('admin') ? '/admin/devices' : null}
              testId="devices-online"
            />
            <Kpi
              label={t('cityView.sectionsCompliance')}
              value={water.complianceText}
              to={listHref('/water', { district })}
              testId="kpi-water"
            />
            <Kpi
              label={t('cockpit.openAlarms')}
              value={
                openAlarms.data?.total === undefined || openAlarms.data.total === null
                  ? '—'
                  : String(openAlarms.data.total)
              }
              to={listHref('/alarms', { kind: 'exceedance', handling: 'unhandled', district })}
              bad={(openAlarms.data?.total ?? 0) > 0}
              testId="open-alarms"
            />
            <Kpi
              label={t('cockpit.overdueCases')}
              value={
                !may('cases') || overdue.data?.total === undefined || overdue.data.total === null
                  ? '—'
                  : String(overdue.data.total)
              }
              to={may('cases') ? listHref('/cases', { overdue: true, districtCode: district }) : null}
              bad={(overdue.data?.total ?? 0) > 0}
              testId="overdue-cases"
            />
          </div>
        </div>
        <div className="cockpit-col">
          <AirTargets district={district} place={districtName} />
          <WaterCompliance district={district} place={districtName} />
          <EnforcementPanels />
        </div>
      </div>
    </div>
  );
}
