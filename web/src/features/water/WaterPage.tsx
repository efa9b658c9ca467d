/** 水环境: sections with class against target, and black-odorous water bodies. */
import { useTranslation } from 'react-i18next';
import { districtNames, useDistrictsQuery } from '../../api/site-queries';
import { navigate, useLocation } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatPercent } from '../../lib/format';
import { waterClassColor } from '../../lib/levels';
import { useBlackOdorousQuery, useWaterSectionsQuery } from './queries';

export function ClassChip({ value }: { value: string | null }) {
  return (
    <span className="class-chip" style={{ background: waterClassColor(value) }}>
      {value ?? '—'}
    </span>
  );
}

export default function WaterPage() {
  const { t, i18n } = useTranslation();
  const sections = useWaterSectionsQuery();
  const bodies = useBlackOdorousQuery();
  // `?district=` (the cockpit's links): only that district's sections, as the tile counted them.
  const district = useLocation().search.get('district');
  const districts = useDistrictsQuery();
  const districtName =
    district === null
      ? null
      : (districtNames(districts.data?.items, i18n.language === 'en').get(district) ?? district);
  return (
    <div className="stack" data-testid="water-page">
      <Panel title={districtName === null ? t('water.sections') : `${districtName} · ${t('water.sections')}`}>
        <QueryView state={sections} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <DataTable
              rows={district === null ? d.items : d.items.filter((a) => a.section.districtCode === district)}
              rowKey={(a) => a.section.code}
              onRow={(a) => navigate(`/water/${encodeURIComponent(a.section.code)}`)}
              columns={[
                { key: 'name', header: t('water.section'), cell: (a) => a.section.name },
                { key: 'body', header: t('water.waterBody'), cell: (a) => a.section.waterBody },
                {
                  key: 'type',
                  header: '',
                  cell: (a) => t(a.section.waterType === 'lake' ? 'water.lake' : 'water.river'),
                },
                { key: 'class', header: t('water.class'), cell: (a) => <ClassChip value={a.class} /> },
                { key: 'target', header: t('water.target'), cell: (a) => a.section.targetClass },
                {
                  key: 'status',
                  header: t('water.status'),
                  cell: (a) =>
                    a.meetsTarget === null ? (
                      '—'
                    ) : a.meetsTarget ? (
                      <span className="pill pill-good">{t('water.met')}</span>
                    ) : (
                      <span className="pill pill-bad">{t('water.notMet')}</span>
                    ),
                },
                {
                  key: 'main',
                  header: t('water.main'),
                  cell: (a) => a.mainPollutants.map((m) => m.item).join('、') || '—',
                },
                { key: 'cwqi', header: 'CWQI', numeric: true, cell: (a) => a.cwqi?.toFixed(2) ?? '—' },
                {
                  key: 'auto',
                  header: '',
                  cell: (a) => t(a.section.automatic ? 'water.automatic' : 'water.manual'),
                },
              ]}
            />
          )}
        </QueryView>
      </Panel>
      <Panel title={t('water.blackOdorous')}>
        <QueryView state={bodies} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <DataTable
              rows={d.items}
              rowKey={(b) => b.code}
              columns={[
                { key: 'name', header: t('water.waterBody'), cell: (b) => b.name },
                { key: 'loc', header: '', cell: (b) => b.location },
                { key: 'len', header: 'm', numeric: true, cell: (b) => b.lengthM ?? '—' },
                {
                  key: 'grade',
                  header: t('water.class'),
                  cell: (b) => (
                    <span
                      className={`pill ${b.grade === 'heavy' ? 'pill-bad' : b.grade === 'light' ? 'pill-warn' : 'pill-good'}`}
                    >
                      {b.gradeZh ?? b.grade ?? '—'}
                    </span>
                  ),
                },
                { key: 'share', header: '%', numeric: true, cell: (b) => formatPercent(b.heavyPointShare) },
                { key: 'points', header: '#', numeric: true, cell: (b) => b.points.length },
              ]}
            />
          )}
        </QueryView>
      </Panel>
    </div>
  );
}
