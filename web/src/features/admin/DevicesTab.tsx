/** Devices with online state; admins and operators enable or disable them and set allowed addresses. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client';
import { useDevicesQuery } from '../../api/site-queries';
import type { DeviceDto } from '../../api/types';
import { useMutation } from '../../api/use-mutation';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { Pager } from '../../components/Pager';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';

const PAGE_SIZE = 20;

/** Addresses typed as "a, b c" → ["a", "b", "c"]. */
function addressList(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

function DeviceActions({ device, onChanged }: { device: DeviceDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const [addresses, setAddresses] = useState(device.allowedAddresses.join(', '));
  const { run, busy, notice } = useMutation();
  const path = `/devices/${encodeURIComponent(device.mn)}`;
  const toggle = async (): Promise<void> => {
    const ok = await run(
      () => apiFetch(`${path}/enabled`, { method: 'PUT', body: { enabled: !device.enabled } }),
      () => t('admin.saved'),
    );
    if (ok) onChanged();
  };
  const save = async (): Promise<void> => {
    const ok = await run(
      () =>
        apiFetch(`${path}/allowed-addresses`, { method: 'PUT', body: { addresses: addressList(addresses) } }),
      () => t('admin.saved'),
    );
    if (ok) onChanged();
  };
  return (
    <div className="actions">
      <button
        type="button"
        className={`btn btn-small ${device.enabled ? 'btn-danger' : ''}`}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {device.enabled ? t('admin.disable') : t('admin.enable')}
      </button>
      <input
        value={addresses}
        placeholder={t('admin.anyAddress')}
        onChange={(e) => setAddresses(e.target.value)}
        aria-label={`${t('admin.allowed')} ${device.mn}`}
        size={22}
      />
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void save()}>
        {t('admin.save')}
      </button>
      <Notice notice={notice} />
    </div>
  );
}

export function DevicesTab({ canWrite }: { canWrite: boolean }) {
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
              canWrite
                ? {
                    key: 'a',
                    header: `${t('admin.actions')} / ${t('admin.allowed')}`,
                    cell: (x) => (
                      <DeviceActions key={x.allowedAddresses.join()} device={x} onChanged={devices.reload} />
                    ),
                  }
                : {
                    key: 'a',
                    header: t('admin.allowed'),
                    cell: (x) => x.allowedAddresses.join(', ') || t('admin.anyAddress'),
                  },
            ]}
          />
          <Pager page={page} total={d.total} hasNext={d.nextCursor !== null} onPage={setPage} />
        </>
      )}
    </QueryView>
  );
}
