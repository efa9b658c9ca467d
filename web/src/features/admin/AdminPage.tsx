/** 系统管理: devices with online state, users, the packet log and listener counters, limits. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDevicesQuery } from '../../api/site-queries';
import type { IngestStatsDto, UserDto } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';
import { useRole } from '../../auth/AuthContext';
import { navigate } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Pager } from '../../components/Pager';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import { PacketLog } from './PacketLog';

const TABS = ['devices', 'users', 'packets', 'limits'] as const;
type Tab = (typeof TABS)[number];
const PAGE_SIZE = 20;

function Devices() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const devices = useDevicesQuery({ offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  return (
    <QueryView state={devices} isEmpty={(d) => d.items.length === 0}>
      {(d) => (
        <>
          <DataTable
            testId="device-table"
            rows={d.items}
            rowKey={(x) => x.mn}
            columns={[
              { key: 'mn', header: t('admin.mn'), cell: (x) => <code>{x.mn}</code> },
              { key: 'site', header: t('alarms.site'), cell: (x) => x.siteCode },
              { key: 'kind', header: '', cell: (x) => x.siteKind },
              { key: 'p', header: t('admin.protocol'), cell: (x) => `HJ 212-${x.protocol}` },
              { key: 'e', header: t('admin.enabled'), cell: (x) => (x.enabled ? '✓' : '✗') },
              {
                key: 'o',
                header: t('sources.online'),
                cell: (x) => (
                  <span className={`pill ${x.online ? 'pill-good' : 'pill-bad'}`}>
                    {x.online ? t('sources.online') : t('sources.offline')}
                  </span>
                ),
              },
              { key: 'seen', header: t('sources.lastSeen'), cell: (x) => formatChinaTime(x.lastSeenAt) },
            ]}
          />
          <Pager page={page} total={d.total} hasNext={d.nextCursor !== null} onPage={setPage} />
        </>
      )}
    </QueryView>
  );
}

function Users() {
  const { t } = useTranslation();
  const users = useApiQuery<{ items: UserDto[] }>('/users');
  return (
    <QueryView state={users} isEmpty={(d) => d.items.length === 0}>
      {(d) => (
        <DataTable
          rows={d.items}
          rowKey={(u) => u.id}
          columns={[
            { key: 'u', header: t('admin.username'), cell: (u) => u.username },
            { key: 'r', header: t('admin.role'), cell: (u) => t(`role.${u.role}`) },
            { key: 'd', header: t('air.district'), cell: (u) => u.districtCode ?? '—' },
            { key: 'e', header: t('admin.enabled'), cell: (u) => (u.enabled ? '✓' : '✗') },
            { key: 'c', header: t('admin.created'), cell: (u) => formatChinaTime(u.createdAt) },
          ]}
        />
      )}
    </QueryView>
  );
}

function Stats() {
  const { t } = useTranslation();
  const stats = useApiQuery<IngestStatsDto>('/ingest/stats', { refreshMs: 10_000 });
  return (
    <Panel title={t('admin.stats')}>
      <QueryView state={stats}>
        {(s) => (
          <dl className="facts">
            <dt>connections</dt>
            <dd>
              {s.connectionsOpen} / {s.connectionsTotal}
            </dd>
            <dt>accepted</dt>
            <dd>{s.packets.accepted}</dd>
            <dt>duplicate</dt>
            <dd>{s.packets.duplicate}</dd>
            <dt>rejected</dt>
            <dd>{s.packets.rejected}</dd>
            <dt>readings</dt>
            <dd>{s.readingsStored}</dd>
          </dl>
        )}
      </QueryView>
    </Panel>
  );
}

function Limits() {
  const limits = useApiQuery<unknown>('/limits');
  return (
    <QueryView state={limits}>
      {(l) => <pre className="raw">{JSON.stringify(l, null, 2).slice(0, 4000)}</pre>}
    </QueryView>
  );
}

export default function AdminPage({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation();
  const role = useRole();
  const tabs = TABS.filter((x) => x !== 'users' || role === 'admin');
  const tab: Tab = (tabs as readonly string[]).includes(params.tab ?? '') ? (params.tab as Tab) : 'devices';
  return (
    <div className="stack" data-testid="admin-page">
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            className={x === tab ? 'active' : ''}
            onClick={() => navigate(`/admin/${x}`)}
          >
            {t(`admin.${x}`)}
          </button>
        ))}
      </div>
      {tab === 'devices' && (
        <Panel title={t('admin.devices')}>
          <Devices />
        </Panel>
      )}
      {tab === 'users' && (
        <Panel title={t('admin.users')}>
          <Users />
        </Panel>
      )}
      {tab === 'packets' && (
        <div className="stack">
          <Stats />
          <Panel title={t('sources.packets')}>
            <PacketLog />
          </Panel>
        </div>
      )}
      {tab === 'limits' && (
        <Panel title={t('admin.limits')}>
          <Limits />
        </Panel>
      )}
    </div>
  );
}
