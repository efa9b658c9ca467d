/**
 * Devices with online state, searched by MN or site code, filtered by state, sortable and exported
 * as CSV or XLSX; admins and operators enable or disable them and set allowed addresses.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDownload, apiFetch, apiUrl } from '../../api/client';
import { useDevicesQuery } from '../../api/site-queries';
import type { DeviceDto } from '../../api/types';
import { useMutation } from '../../api/use-mutation';
import type { Column, SortState } from '../../components/DataTable';
import { DataTable, sortRows } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { Pager } from '../../components/Pager';
import { QueryView } from '../../components/QueryView';
import { formatAgo, formatChinaTime } from '../../lib/format';

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

type OnlineFilter = '' | 'online' | 'offline';

export function DevicesTab({ canWrite }: { canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const [page, setPage] = useState(1);
  const [text, setText] = useState('');
  const [state, setState] = useState<OnlineFilter>('');
  const [exportError, setExportError] = useState<string | null>(null);
  const [sort, setSort] = useState<SortState | null>(null);
  const devices = useDevicesQuery({ limit: 1000 });
  const needle = text.trim().toLowerCase();
  const online = state === '' ? undefined : state === 'online';
  const filtered = (devices.data?.items ?? []).filter(
    (x) =>
      (needle === '' || x.mn.toLowerCase().includes(needle) || x.siteCode.toLowerCase().includes(needle)) &&
      (online === undefined || x.online === online),
  );
  const columns: Column<DeviceDto>[] = [
    { key: 'mn', header: t('admin.mn'), cell: (x) => <code>{x.mn}</code>, sortValue: (x) => x.mn },
    {
      key: 'site',
      header: t('alarms.site'),
      cell: (x) => x.siteCode,
      sortValue: (x) => x.siteCode,
    },
    {
      key: 'p',
      header: t('admin.protocol'),
      cell: (x) => `HJ 212-${x.protocol}`,
      sortValue: (x) => x.protocol,
    },
    {
      key: 'e',
      header: t('admin.enabled'),
      cell: (x) => (x.enabled ? '✓' : '✗'),
      sortValue: (x) => (x.enabled ? 1 : 0),
    },
    {
      key: 'o',
      header: t('sources.online'),
      sortValue: (x) => (x.online ? 1 : 0),
      cell: (x) => (
        <span className={`pill ${x.online ? 'pill-good' : 'pill-bad'}`}>
          {x.online ? t('sources.online') : t('sources.offline')}
        </span>
      ),
    },
    {
      key: 'seen',
      header: t('sources.lastSeen'),
      sortValue: (x) => (x.lastSeenAt === null ? null : Date.parse(x.lastSeenAt)),
      cell: (x) => <span title={formatChinaTime(x.lastSeenAt)}>{formatAgo(x.lastSeenAt, english)}</span>,
    },
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
  ];
  const sorted = sortRows(filtered, columns, sort);
  const lastPage = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const shownPage = Math.min(page, lastPage);
  const download = (format: 'csv' | 'xlsx'): void => {
    setExportError(null);
    apiDownload(
      apiUrl('/devices/export', { format, lang: english ? 'en' : 'zh', q: needle, online }),
      `${english ? 'devices' : '设备'}.${format}`,
    ).catch((e: unknown) => setExportError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <div className="stack-tight">
      <div className="toolbar" data-testid="device-filters">
        <input
          type="search"
          value={text}
          placeholder={t('names.devices.search')}
          aria-label={t('names.devices.search')}
          data-testid="device-search"
          onChange={(e) => {
            setText(e.target.value);
            setPage(1);
          }}
        />
        <select
          value={state}
          aria-label={t('sources.online')}
          data-testid="device-state"
          onChange={(e) => {
            setState(e.target.value as OnlineFilter);
            setPage(1);
          }}
        >
          <option value="">{t('names.devices.allStates')}</option>
          <option value="online">{t('sources.online')}</option>
          <option value="offline">{t('sources.offline')}</option>
        </select>
        <span className="small muted">{t('names.devices.count', { count: filtered.length })}</span>
        <button type="button" className="btn btn-small" onClick={() => download('csv')}>
          {t('names.list.exportCsv')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => download('xlsx')}>
          {t('names.list.exportXlsx')}
        </button>
      </div>
      {exportError !== null && (
        <p className="notice notice-error">{t('names.list.exportFailed', { message: exportError })}</p>
      )}
      <QueryView state={devices} isEmpty={(d) => d.items.length === 0}>
        {() => (
          <>
            <DataTable
              testId="device-table"
              rows={sorted.slice((shownPage - 1) * PAGE_SIZE, shownPage * PAGE_SIZE)}
              rowKey={(x) => x.mn}
              columns={columns}
              sort={sort}
              onSort={(next) => {
                setSort(next);
                setPage(1);
              }}
            />
            <Pager page={shownPage} total={filtered.length} hasNext={shownPage < lastPage} onPage={setPage} />
          </>
        )}
      </QueryView>
    </div>
  );
}
