/** One enterprise: its outlets, each with its logger's state and the newest hourly value of each parameter. */
import { DAY_MS } from '@server/standards/china-time.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { attributeText, useDevicesQuery, useSitesQuery } from '../../api/site-queries';
import type { SiteDto } from '../../api/types';
import { hasRole, useRole } from '../../auth/AuthContext';
import { PACKET_ROLES, READING_ROLES } from '../../app/nav';
import { Link } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime, formatValue } from '../../lib/format';
import { PacketLog } from '../admin/PacketLog';
import { OutletCompliance } from './OutletCompliance';
import { useReadingsQuery } from './queries';

function OutletPanel({
  outlet,
  canRead,
  canSeePackets,
}: {
  outlet: SiteDto;
  canRead: boolean;
  canSeePackets: boolean;
}) {
  const { t } = useTranslation();
  const from = useMemo(() => new Date(Date.now() - DAY_MS).toISOString(), []);
  const readings = useReadingsQuery(outlet.code, 'hour', from, canRead);
  const devices = useDevicesQuery({ site: outlet.code, enabled: canRead });
  const device = devices.data?.items[0];
  const latestByParam = useMemo(() => {
    const m = new Map<string, { value: number | null; at: string; flag: string | null }>();
    for (const r of readings.data?.items ?? [])
      m.set(r.parameter, { value: r.value, at: r.periodStart, flag: r.flag });
    return [...m.entries()].map(([parameter, v]) => ({ parameter, ...v }));
  }, [readings.data]);
  const medium = outlet.attributes.medium === 'gas' ? t('sources.gas') : t('sources.waterMedium');
  return (
    <Panel
      title={`${outlet.name} · ${medium}`}
      extra={
        device !== undefined && (
          <span className={`pill ${device.online ? 'pill-good' : 'pill-bad'}`}>
            {device.mn} · {device.online ? t('sources.online') : t('sources.offline')} ·{' '}
            {formatChinaTime(device.lastSeenAt)}
          </span>
        )
      }
    >
      <p className="muted small">
        {t('sources.standard')}: {attributeText(outlet, 'emissionStandard')}
        {typeof outlet.attributes.referenceO2Pct === 'number' && ` · O₂ ${outlet.attributes.referenceO2Pct}%`}
      </p>
      {canRead ? (
        <QueryView state={readings} isEmpty={() => latestByParam.length === 0}>
          {() => (
            <DataTable
              rows={latestByParam}
              rowKey={(r) => r.parameter}
              columns={[
                { key: 'p', header: t('sources.parameter'), cell: (r) => r.parameter },
                { key: 'v', header: t('sources.value'), numeric: true, cell: (r) => formatValue(r.value) },
                { key: 'f', header: 'Flag', cell: (r) => r.flag ?? '—' },
                { key: 't', header: t('air.time'), cell: (r) => formatChinaTime(r.at) },
              ]}
            />
          )}
        </QueryView>
      ) : (
        <div className="state">{t('state.forbidden')}</div>
      )}
      <OutletCompliance outlet={outlet} canRead={canRead} />
      {canSeePackets && device !== undefined && <PacketLog mn={device.mn} pageSize={5} />}
    </Panel>
  );
}

export default function EnterprisePage({ params }: { params: Record<string, string> }) {
  const code = params.code ?? '';
  const { t } = useTranslation();
  const role = useRole();
  const outlets = useSitesQuery('outlet', { parent: code });
  return (
    <div className="stack" data-testid="enterprise-page">
      <div className="detail-head">
        <Link to="/sources">← {t('sources.enterprises')}</Link>
        <h1>{code}</h1>
      </div>
      <QueryView state={outlets} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <div className="grid-2">
            {d.items.map((o) => (
              <OutletPanel
                key={o.code}
                outlet={o}
                canRead={hasRole(role, READING_ROLES)}
                canSeePackets={hasRole(role, PACKET_ROLES)}
              />
            ))}
          </div>
        )}
      </QueryView>
    </div>
  );
}
