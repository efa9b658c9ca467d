/** 转移联单: the manifests the caller may see (the server scopes), by state, newest first. */
import { useTranslation } from 'react-i18next';
import type { ManifestDto, WasteManifestStateDto } from '@server/api/waste.schemas.js';
import { WASTE_MANIFEST_STATES } from '@server/api/waste.schemas.js';
import { navigate, useLocation } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { FilterSelect } from '../../components/FilterSelect';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import { formatTonnes, ManifestStateBadge } from './parts';
import { useManifestsQuery } from './queries';

export function ManifestTable({ rows }: { rows: readonly ManifestDto[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      rows={rows}
      rowKey={(m) => m.id}
      testId="manifest-table"
      onRow={(m) => navigate(`/waste/manifests/${m.id}`)}
      columns={[
        { key: 'number', header: t('waste.number'), cell: (m) => m.number, sortValue: (m) => m.number },
        { key: 'consignor', header: t('waste.partyOnManifest.consignor'), cell: (m) => m.consignor.name },
        { key: 'carrier', header: t('waste.partyOnManifest.carrier'), cell: (m) => m.carrier.name },
        { key: 'receiver', header: t('waste.partyOnManifest.receiver'), cell: (m) => m.receiver.name },
        { key: 'codes', header: t('waste.code'), cell: (m) => m.items.map((i) => i.code).join('、') },
        {
          key: 'total',
          header: t('waste.total'),
          numeric: true,
          cell: (m) => formatTonnes(m.totalT),
          sortValue: (m) => m.totalT,
        },
        { key: 'state', header: t('waste.state'), cell: (m) => <ManifestStateBadge state={m.state} /> },
        {
          key: 'discrepancy',
          header: t('waste.discrepancy'),
          cell: (m) =>
            [...new Set(m.discrepancies.map((d) => t(`waste.discrepancies.${d.kind}`)))].join('、'),
        },
        {
          key: 'created',
          header: t('waste.createdAt'),
          cell: (m) => formatChinaTime(m.createdAt),
          sortValue: (m) => m.createdAt,
        },
      ]}
    />
  );
}

export default function ManifestsPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const raw = search.get('state') ?? '';
  const state = (WASTE_MANIFEST_STATES as readonly string[]).includes(raw)
    ? (raw as WasteManifestStateDto)
    : undefined;
  const list = useManifestsQuery({ state });
  return (
    <div className="page stack">
      <Panel
        title={t('waste.manifests')}
        testId="manifests"
        extra={
          <FilterSelect
            label={t('waste.state')}
            value={state}
            values={WASTE_MANIFEST_STATES}
            name={(s) => t(`waste.states.${s}`)}
            allLabel={t('waste.allStates')}
            testId="manifest-state-filter"
            onChange={(v) => navigate(v === undefined ? '/waste/manifests' : `/waste/manifests?state=${v}`)}
          />
        }
      >
        <QueryView state={list} isEmpty={(d) => d.items.length === 0}>
          {(d) => <ManifestTable rows={d.items} />}
        </QueryView>
      </Panel>
    </div>
  );
}
