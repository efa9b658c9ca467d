/** 水环境: sections with class against target, and black-odorous water bodies. */
import { GB3838_ITEMS, isItemKey } from '@server/standards/gb3838-2002.js';
import { useTranslation } from 'react-i18next';
import { districtNames, useDistrictsQuery } from '../../api/site-queries';
import { navigate, useLocation } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatPercent } from '../../lib/format';
import { waterClassColor, waterClassText } from '../../lib/levels';
import { useBlackOdorousQuery, useWaterSectionsQuery } from './queries';

/** A GB 3838 item key (nh3n) as its name in the language. */
export function waterItemName(item: string, english: boolean): string {
  if (!isItemKey(item)) return item;
  return english ? GB3838_ITEMS[item].nameEn : GB3838_ITEMS[item].nameZh;
}

export function ClassChip({ value }: { value: string | null }) {
  const { i18n } = useTranslation();
  return (
    <span className="class-chip" style={{ background: waterClassColor(value) }}>
      {waterClassText(value, i18n.language === 'en')}
    </span>
  );
}

export default function WaterPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
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
                  header: t('names.water.type'),
                  cell: (a) => t(a.section.waterType === 'lake' ? 'water.lake' : 'water.river'),
                },
                { key: 'class', header: t('water.class'), cell: (a) => <ClassChip value={a.class} /> },
                {
                  key: 'target',
                  header: t('water.target'),
                  cell: (a) => waterClassText(a.section.targetClass, english),
                },
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
                  cell: (a) =>
                    a.mainPollutants.map((m) => waterItemName(m.item, english)).join(english ? ', ' : '、') ||
                    '—',
                },
                { key: 'cwqi', header: 'CWQI', numeric: true, cell: (a) => a.cwqi?.toFixed(2) ?? '—' },
                {
                  key: 'auto',
                  header: t('names.water.mode'),
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
                { key: 'loc', header: t('names.water.location'), cell: (b) => b.location },
                {
                  key: 'len',
                  header: t('names.water.lengthM'),
                  numeric: true,
                  cell: (b) => (b.lengthM === null ? '—' : b.lengthM.toLocaleString('zh-CN')),
                },
                {
                  key: 'grade',
                  header: t('names.water.grade'),
                  cell: (b) => (
                    <span
                      className={`pill ${b.grade === 'heavy' ? 'pill-bad' : b.grade === 'light' ? 'pill-warn' : 'pill-good'}`}
                    >
                      {b.grade === null ? '—' : t(`names.water.blackOdorGrade.${b.grade}`)}
                    </span>
                  ),
                },
                {
                  key: 'share',
                  header: t('names.water.heavyShare'),
                  numeric: true,
                  cell: (b) => formatPercent(b.heavyPointShare),
                },
                {
                  key: 'points',
                  header: t('names.water.points'),
                  numeric: true,
                  cell: (b) => b.points.length,
                },
              ]}
            />
          )}
        </QueryView>
      </Panel>
    </div>
  );
}
