/**
 * 固废: the city's hazardous-waste figures of a year by category and district, the flows between
 * enterprises on the city map, the zero-waste indicators; an enterprise sees its own file and
 * manifests instead. The server scopes every figure (a district officer sees its district).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WasteFiguresDto } from '@server/api/waste.schemas.js';
import { useCityQuery } from '../../api/city-queries';
import { useSitesQuery } from '../../api/site-queries';
import { useAuth } from '../../auth/AuthContext';
import { Link, navigate, useLocation } from '../../app/router';
import type { MapLayer } from '../../charts/CityMap';
import { CityMap } from '../../charts/CityMap';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaDate, formatValue } from '../../lib/format';
import { useDistrictNames } from '../cases/parts';
import { ManifestTable } from './ManifestsPage';
import { formatTonnes, yearOf } from './parts';
import { useManifestsQuery, useWasteFiguresQuery, useWasteIndicatorsQuery } from './queries';

type Figures = WasteFiguresDto;
type Row = { generatedT: number; transferredT: number; utilisedT: number; disposedT: number };

function figureColumns<T extends Row>(t: (k: string) => string) {
  return [
    {
      key: 'g',
      header: t('waste.generated'),
      numeric: true,
      cell: (r: T) => formatTonnes(r.generatedT),
      sortValue: (r: T) => r.generatedT,
    },
    {
      key: 't',
      header: t('waste.transferred'),
      numeric: true,
      cell: (r: T) => formatTonnes(r.transferredT),
      sortValue: (r: T) => r.transferredT,
    },
    {
      key: 'u',
      header: t('waste.utilised'),
      numeric: true,
      cell: (r: T) => formatTonnes(r.utilisedT),
      sortValue: (r: T) => r.utilisedT,
    },
    {
      key: 'd',
      header: t('waste.disposed'),
      numeric: true,
      cell: (r: T) => formatTonnes(r.disposedT),
      sortValue: (r: T) => r.disposedT,
    },
  ];
}

function FlowMap({ f }: { f: Figures }) {
  const { t } = useTranslation();
  const city = useCityQuery();
  const layers = useMemo<MapLayer[]>(() => {
    const from = new Map<string, { name: string; lng: number; lat: number; t: number }>();
    const to = new Map<string, { name: string; lng: number; lat: number; t: number }>();
    for (const x of f.flows) {
      for (const [end, map] of [
        [x.from, from],
        [x.to, to],
      ] as const) {
        if (end.longitude === null || end.latitude === null) continue;
        const p = map.get(end.code) ?? { name: end.name, lng: end.longitude, lat: end.latitude, t: 0 };
        p.t += x.quantityT;
        map.set(end.code, p);
      }
    }
    const points = (m: typeof from, color: string) =>
      [...m.entries()].map(([id, p]) => ({
        id,
        name: p.name,
        lng: p.lng,
        lat: p.lat,
        color,
        label: formatTonnes(p.t),
        detail: [p.name, formatTonnes(p.t)],
      }));
    return [
      {
        key: 'generators',
        name: t('waste.parties.generator'),
        symbol: 'circle',
        size: 10,
        points: points(from, '#d97706'),
      },
      {
        key: 'receivers',
        name: t('waste.parties.receiver'),
        symbol: 'diamond',
        size: 16,
        points: points(to, '#047857'),
      },
    ];
  }, [f.flows, t]);
  return (
    <QueryView state={city}>
      {(c) => (
        <CityMap
          city={c}
          layers={layers}
          height={420}
          label={t('waste.flowMap')}
          onPointClick={(_layer, id) => navigate(`/waste/enterprises/${encodeURIComponent(id)}`)}
        />
      )}
    </QueryView>
  );
}

function CityFigures({ year }: { year: number }) {
  const { t } = useTranslation();
  const names = useDistrictNames();
  const figures = useWasteFiguresQuery(year, true);
  const indicators = useWasteIndicatorsQuery(year, true);
  return (
    <>
      <QueryView state={figures}>
        {(f) => (
          <>
            <div className="kpi-row" data-testid="waste-states">
              {Object.entries(f.manifestsByState).map(([state, n]) => (
                <Link key={state} className="kpi-mini" to={`/waste/manifests?state=${state}`}>
                  <span className="small muted">{t(`waste.states.${state as 'draft'}`)}</span>{' '}
                  <strong>{n}</strong>
                </Link>
              ))}
            </div>
            <Panel title={t('waste.figuresByCategory')} testId="waste-by-category">
              <DataTable
                rows={f.byCategory}
                rowKey={(r) => r.category}
                columns={[
                  { key: 'c', header: t('waste.category'), cell: (r) => r.category },
                  ...figureColumns<Figures['byCategory'][number]>(t),
                ]}
              />
            </Panel>
            <Panel title={t('waste.figuresByDistrict')} testId="waste-by-district">
              <DataTable
                rows={f.byDistrict}
                rowKey={(r) => r.districtCode}
                columns={[
                  {
                    key: 'd',
                    header: t('waste.district'),
                    cell: (r) => names.get(r.districtCode) ?? r.districtCode,
                  },
                  ...figureColumns<Figures['byDistrict'][number]>(t),
                ]}
              />
            </Panel>
            <Panel title={t('waste.flowMap')} testId="waste-flow-map">
              <FlowMap f={f} />
            </Panel>
            <Panel title={t('waste.flows')} testId="waste-flows">
              <DataTable
                rows={f.flows}
                rowKey={(x) => `${x.from.code}>${x.to.code}`}
                columns={[
                  {
                    key: 'from',
                    header: t('waste.from'),
                    cell: (x) => (
                      <Link to={`/waste/enterprises/${encodeURIComponent(x.from.code)}`}>{x.from.name}</Link>
                    ),
                  },
                  { key: 'to', header: t('waste.to'), cell: (x) => x.to.name },
                  {
                    key: 'q',
                    header: t('waste.quantity'),
                    numeric: true,
                    cell: (x) => formatTonnes(x.quantityT),
                    sortValue: (x) => x.quantityT,
                  },
                  { key: 'n', header: t('waste.count'), numeric: true, cell: (x) => x.manifests },
                  {
                    key: 'x',
                    header: t('waste.district'),
                    cell: (x) => (x.crossDistrict ? t('waste.crossDistrict') : t('waste.sameDistrict')),
                  },
                ]}
              />
            </Panel>
          </>
        )}
      </QueryView>
      <Panel title={t('waste.indicators')} testId="waste-indicators">
        <QueryView state={indicators}>
          {(d) => (
            <DataTable
              rows={d.items}
              rowKey={(i) => i.key}
              columns={[
                {
                  key: 'k',
                  header: t('waste.indicator'),
                  cell: (i) => t(`waste.indicatorNames.${i.key as 'straw_utilisation_pct'}`),
                },
                {
                  key: 'v',
                  header: t('waste.value'),
                  numeric: true,
                  cell: (i) => formatValue(i.value, i.unit),
                },
                {
                  key: 't',
                  header: t('waste.target'),
                  numeric: true,
                  cell: (i) => formatValue(i.target, i.target === null ? '' : i.unit),
                },
                { key: 'a', header: t('waste.asOf'), cell: (i) => formatChinaDate(i.asOf) },
              ]}
            />
          )}
        </QueryView>
      </Panel>
    </>
  );
}

function EnterpriseView({ siteId }: { siteId: number | null }) {
  const { t } = useTranslation();
  const sites = useSitesQuery('enterprise');
  const own = sites.data?.items.find((s) => s.id === siteId);
  const manifests = useManifestsQuery({});
  return (
    <>
      {own !== undefined && (
        <p>
          <Link
            className="btn"
            to={`/waste/enterprises/${encodeURIComponent(own.code)}`}
            data-testid="waste-my-file"
          >
            {t('waste.myFile')}
          </Link>
        </p>
      )}
      <Panel title={t('waste.manifests')} testId="manifests">
        <QueryView state={manifests} isEmpty={(d) => d.items.length === 0}>
          {(d) => <ManifestTable rows={d.items} />}
        </QueryView>
      </Panel>
    </>
  );
}

export default function WastePage() {
  const { t } = useTranslation();
  const { auth } = useAuth();
  const { search } = useLocation();
  const year = yearOf(search);
  const user = auth.status === 'user' ? auth.user : null;
  return (
    <div className="page stack">
      <div className="toolbar">
        <h1 className="page-title">
          {t('waste.title')} · {year}
        </h1>
        <Link to="/waste/manifests">{t('waste.manifests')} →</Link>
      </div>
      {user?.role === 'enterprise' ? (
        <EnterpriseView siteId={user.enterpriseSiteId} />
      ) : (
        <CityFigures year={year} />
      )}
    </div>
  );
}
