/** 污染源: the key dischargers, with their district, industry, grade and how many of their loggers are online. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  attributeText,
  districtNames,
  useDevicesQuery,
  useDistrictsQuery,
  useSitesQuery,
} from '../../api/site-queries';
import { hasRole, useRole } from '../../auth/AuthContext';
import { READING_ROLES } from '../../app/nav';
import { navigate } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';

const PAGE_SIZE = 15;

export default function SourcesPage() {
  const { t, i18n } = useTranslation();
  const role = useRole();
  const enterprises = useSitesQuery('enterprise');
  const outlets = useSitesQuery('outlet');
  const devices = useDevicesQuery({ enabled: hasRole(role, READING_ROLES) });
  const districts = useDistrictsQuery();
  const names = districtNames(districts.data?.items, i18n.language === 'en');
  const [page, setPage] = useState(1);

  const parentOf = new Map((outlets.data?.items ?? []).map((o) => [o.code, o.parentId]));
  const onlineBy = new Map<number, { online: number; total: number }>();
  for (const d of devices.data?.items ?? []) {
    const parent = parentOf.get(d.siteCode);
    if (parent === undefined || parent === null) continue;
    const entry = onlineBy.get(parent) ?? { online: 0, total: 0 };
    entry.total += 1;
    if (d.online) entry.online += 1;
    onlineBy.set(parent, entry);
  }

  return (
    <div className="stack" data-testid="sources-page">
      <Panel title={t('sources.enterprises')}>
        <QueryView state={enterprises} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <>
              <DataTable
                rows={d.items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
                rowKey={(s) => s.code}
                onRow={(s) => navigate(`/sources/${encodeURIComponent(s.code)}`)}
                columns={[
                  { key: 'code', header: 'Code', cell: (s) => s.code },
                  { key: 'name', header: t('sources.enterprise'), cell: (s) => s.name },
                  {
                    key: 'district',
                    header: t('air.district'),
                    cell: (s) => names.get(s.districtCode) ?? s.districtCode,
                  },
                  {
                    key: 'industry',
                    header: t('sources.industry'),
                    cell: (s) => attributeText(s, 'industry'),
                  },
                  {
                    key: 'grade',
                    header: t('sources.grade'),
                    cell: (s) => attributeText(s, 'performanceGrade'),
                  },
                  {
                    key: 'online',
                    header: t('sources.devices'),
                    numeric: true,
                    cell: (s) => {
                      const e = onlineBy.get(s.id);
                      if (e === undefined) return '—';
                      return (
                        <span className={`pill ${e.online === e.total ? 'pill-good' : 'pill-warn'}`}>
                          {e.online}/{e.total} {t('sources.online')}
                        </span>
                      );
                    },
                  },
                ]}
              />
              <Pager
                page={page}
                total={d.items.length}
                hasNext={page * PAGE_SIZE < d.items.length}
                onPage={setPage}
              />
            </>
          )}
        </QueryView>
      </Panel>
    </div>
  );
}
