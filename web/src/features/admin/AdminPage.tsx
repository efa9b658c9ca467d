/** 系统管理: devices, users, the packet log and listener counters, limits, alarm settings — each tab for the roles that may use it. */
import {
  ACCOUNT_ADMIN_ROLES,
  BUREAU_ROLES,
  DEVICE_ADMIN_ROLES,
  PACKET_ROLES,
  READING_ROLES,
} from '@server/api/auth.schemas.js';
import { MASTER_DATA_ROLES } from '@server/api/master-data.schemas.js';
import { useTranslation } from 'react-i18next';
import type { IngestStatsDto, UserRole } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';
import { hasRole, useRole } from '../../auth/AuthContext';
import { navigate } from '../../app/router';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { AlarmSettings } from './AlarmSettings';
import { DevicesTab } from './DevicesTab';
import { LimitsTab } from './LimitsTab';
import { MasterDataTab } from './MasterDataTab';
import { PacketLog } from './PacketLog';
import { UsersTab } from './UsersTab';

const TABS = ['devices', 'users', 'packets', 'limits', 'settings', 'masterData'] as const;
type Tab = (typeof TABS)[number];

/** Who sees each tab (the server checks the same on every call). */
const TAB_ROLES: Readonly<Record<Tab, readonly UserRole[]>> = {
  devices: READING_ROLES,
  users: ACCOUNT_ADMIN_ROLES,
  packets: PACKET_ROLES,
  limits: ['admin', 'supervisor', 'operator'],
  settings: BUREAU_ROLES,
  masterData: MASTER_DATA_ROLES,
};

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

export default function AdminPage({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation();
  const role = useRole();
  const tabs = TABS.filter((x) => hasRole(role, TAB_ROLES[x]));
  const tab: Tab | undefined = tabs.find((x) => x === params.tab) ?? tabs[0];
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
            {x === 'masterData' ? t('masterData.tab') : t(`admin.${x}`)}
          </button>
        ))}
      </div>
      {tab === 'devices' && (
        <Panel title={t('admin.devices')}>
          <DevicesTab canWrite={hasRole(role, DEVICE_ADMIN_ROLES)} />
        </Panel>
      )}
      {tab === 'users' && (
        <Panel title={t('admin.users')}>
          <UsersTab />
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
          <LimitsTab canWrite={hasRole(role, BUREAU_ROLES)} />
        </Panel>
      )}
      {tab === 'masterData' && (
        <Panel title={t('masterData.tab')}>
          <MasterDataTab />
        </Panel>
      )}
      {tab === 'settings' && (
        <Panel title={t('admin.settings')}>
          <AlarmSettings canWrite={hasRole(role, ['admin'])} />
        </Panel>
      )}
    </div>
  );
}
