/**
 * The enterprise file (一企一档): headed by the company's name — credit code, industry, district,
 * address, permit and permitted loads, grade — the month's figures with links to its alarms and
 * cases, and each outlet with its data loggers, newest hourly values, limits in force (or a red
 * "limits not configured") and compliance.
 */
import { DAY_MS } from '@server/standards/china-time.js';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { districtNames, useDistrictsQuery, useSitesQuery } from '../../api/site-queries';
import type { SiteDto } from '../../api/types';
import { hasRole, useRole } from '../../auth/AuthContext';
import { PACKET_ROLES, READING_ROLES } from '../../app/nav';
import { Link } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday, formatAgo, formatChinaTime, formatPercent } from '../../lib/format';
import { formatParameterValue, parameterLabel, parameterName } from '../../lib/parameters';
import { PacketLog } from '../admin/PacketLog';
import { OutletCompliance } from './OutletCompliance';
import type { EnterpriseFileDto, EnterpriseSummaryDto } from './queries';
import { useEnterpriseFileQuery, useReadingsQuery } from './queries';

type FileOutlet = EnterpriseFileDto['outlets'][number];

/** A performance grade (绩效分级) as printed: `C 级` / `Grade C`; `none` is "not graded". */
export function gradeText(
  grade: string | null,
  t: (key: string, options?: Record<string, string>) => string,
): string {
  if (grade === null) return '—';
  return grade === 'none' ? t('names.file.gradeNone') : t('names.file.gradeValue', { grade });
}

/** The verdict of a month as a coloured pill. */
export function VerdictPill({ verdict }: { verdict: EnterpriseSummaryDto['verdict'] }) {
  const { t } = useTranslation();
  const tone = verdict === 'compliant' ? 'pill-good' : 'pill-bad';
  return (
    <span className={`pill ${tone}`} data-testid="verdict">
      {t(`names.verdict.${verdict}`)}
    </span>
  );
}

function Identity({ e, districtName }: { e: EnterpriseSummaryDto; districtName: string }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const loads = e.permittedLoads;
  return (
    <dl className="facts" data-testid="enterprise-identity">
      <dt>{t('names.file.code')}</dt>
      <dd>{e.code}</dd>
      <dt>{t('names.file.creditCode')}</dt>
      <dd>{e.creditCode ?? '—'}</dd>
      <dt>{t('sources.industry')}</dt>
      <dd>
        {e.industryCode !== null && <code>{e.industryCode}</code>} {e.industry ?? '—'}
      </dd>
      <dt>{t('air.district')}</dt>
      <dd>{districtName}</dd>
      <dt>{t('names.file.address')}</dt>
      <dd>{e.address ?? '—'}</dd>
      <dt>{t('names.file.permit')}</dt>
      <dd>{e.permitNumber ?? '—'}</dd>
      <dt>{t('names.file.permittedLoads')}</dt>
      <dd>
        {loads === null
          ? '—'
          : loads.map((l) => `${parameterName(l.parameter, english)} ${l.tonnesPerYear} t/a`).join('、')}
      </dd>
      <dt>{t('sources.grade')}</dt>
      <dd>{gradeText(e.performanceGrade, t)}</dd>
    </dl>
  );
}

function MonthFigures({ e, month }: { e: EnterpriseSummaryDto; month: string }) {
  const { t } = useTranslation();
  const code = encodeURIComponent(e.code);
  return (
    <div className="stack-tight" data-testid="enterprise-month">
      <div className="kpi-row">
        <div className="kpi-mini">
          <span>{t('names.file.exceedHours')}</span>
          {e.hoursExceeding === null ? (
            <strong className="bad" data-testid="exceed-hours">
              {t('names.verdict.not-judged')}
            </strong>
          ) : (
            <strong className={e.hoursExceeding > 0 ? 'bad' : 'good'} data-testid="exceed-hours">
              {e.hoursExceeding}
            </strong>
          )}
        </div>
        <div className="kpi-mini">
          <span>{t('names.file.openAlarms')}</span>
          <strong className={e.openAlarms > 0 ? 'bad' : undefined}>
            <Link to={`/alarms?kind=all&active=true&enterprise=${code}`}>{e.openAlarms}</Link>
          </strong>
        </div>
        <div className="kpi-mini">
          <span>{t('names.file.overdueCases')}</span>
          <strong className={e.overdueCases > 0 ? 'bad' : undefined}>
            <Link to={`/cases?overdue=true&responsibleType=enterprise&responsibleCode=${code}`}>
              {e.overdueCases}
            </Link>
          </strong>
        </div>
        <div className="kpi-mini">
          <span>{t('names.file.devicesOnline')}</span>
          <strong className={e.devicesOnline < e.devices ? 'bad' : undefined}>
            {e.devicesOnline}/{e.devices}
          </strong>
        </div>
      </div>
      {e.verdict === 'not-judged' && (
        <p className="notice notice-error" data-testid="not-judged">
          {t('names.file.notJudged')}
        </p>
      )}
      {e.verdict !== 'not-judged' && e.outletsWithoutLimits > 0 && (
        <p className="notice notice-error">
          {t('names.file.partlyJudged', { count: e.outletsWithoutLimits })}
        </p>
      )}
      <p className="small">
        <Link to={`/alarms?kind=all&active=true&enterprise=${code}`} data-testid="alarm-history">
          {t('names.file.alarmHistory')} →
        </Link>
        {' · '}
        <Link to={`/cases?enterpriseSiteId=${e.id}`} data-testid="case-history">
          {t('names.file.caseHistory')} →
        </Link>
        <span className="muted"> · {t('names.file.monthOf', { month })}</span>
      </p>
    </div>
  );
}

function DeviceTable({ devices }: { devices: FileOutlet['devices'] }) {
  const { t, i18n } = useTranslation();
  if (devices.length === 0) return <p className="small muted">{t('names.file.noDevice')}</p>;
  return (
    <DataTable
      testId="outlet-devices"
      rows={devices}
      rowKey={(d) => d.mn}
      columns={[
        { key: 'mn', header: t('names.file.mn'), cell: (d) => <code>{d.mn}</code> },
        { key: 'p', header: t('names.file.protocol'), cell: (d) => `HJ 212-${d.protocol}` },
        {
          key: 'seen',
          header: t('sources.lastSeen'),
          cell: (d) => (
            <span title={formatChinaTime(d.lastSeenAt)}>
              {formatAgo(d.lastSeenAt, i18n.language === 'en')}
            </span>
          ),
        },
        {
          key: 'on',
          header: t('names.file.state'),
          cell: (d) => (
            <span className={`pill ${!d.enabled ? 'pill-warn' : d.online ? 'pill-good' : 'pill-bad'}`}>
              {!d.enabled ? t('names.file.disabled') : d.online ? t('sources.online') : t('sources.offline')}
            </span>
          ),
        },
      ]}
    />
  );
}

function OutletPanel({
  outlet,
  site,
  month,
  canRead,
  canSeePackets,
}: {
  outlet: FileOutlet;
  month: string;
  site: SiteDto | undefined;
  canRead: boolean;
  canSeePackets: boolean;
}) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const from = useMemo(() => new Date(Date.now() - DAY_MS).toISOString(), []);
  const readings = useReadingsQuery(outlet.code, 'hour', from, canRead);
  const latestByParam = useMemo(() => {
    const m = new Map<string, { value: number | null; at: string; flag: string | null }>();
    for (const r of readings.data?.items ?? [])
      m.set(r.parameter, { value: r.value, at: r.periodStart, flag: r.flag });
    return [...m.entries()].map(([parameter, v]) => ({ parameter, ...v }));
  }, [readings.data]);
  const medium = outlet.medium === 'gas' ? t('sources.gas') : t('sources.waterMedium');
  const device = outlet.devices[0];
  return (
    <Panel
      title={`${outlet.name} · ${medium}`}
      testId="outlet-panel"
      extra={
        outlet.judged ? undefined : (
          <span className="pill pill-bad" data-testid="outlet-not-judged">
            {t('names.verdict.not-judged')}
          </span>
        )
      }
    >
      <p className="muted small">
        <code>{outlet.code}</code> · {t('sources.standard')}: {outlet.emissionStandard ?? '—'}
        {typeof site?.attributes.referenceO2Pct === 'number' &&
          ` · ${t('names.file.referenceO2', { o2: site.attributes.referenceO2Pct })}`}
        {' · '}
        {t('sources.transmissionRate')} {formatPercent(outlet.transmissionRate)}
      </p>
      <DeviceTable devices={outlet.devices} />
      <h3>{t('names.file.latestValues')}</h3>
      {canRead ? (
        <QueryView state={readings} isEmpty={() => latestByParam.length === 0}>
          {() => (
            <DataTable
              rows={latestByParam}
              rowKey={(r) => r.parameter}
              columns={[
                {
                  key: 'p',
                  header: t('sources.parameter'),
                  cell: (r) => parameterLabel(r.parameter, english),
                },
                {
                  key: 'v',
                  header: t('sources.value'),
                  numeric: true,
                  cell: (r) => formatParameterValue(r.value, r.parameter, { withUnit: false }),
                },
                { key: 'f', header: t('names.file.flag'), cell: (r) => r.flag ?? '—' },
                { key: 't', header: t('air.time'), cell: (r) => formatChinaTime(r.at) },
              ]}
            />
          )}
        </QueryView>
      ) : (
        <div className="state small">{t('state.forbidden')}</div>
      )}
      {site !== undefined && <OutletCompliance outlet={site} canRead={canRead} month={month} />}
      {canSeePackets && device !== undefined && <PacketLog mn={device.mn} pageSize={5} />}
    </Panel>
  );
}

export default function EnterprisePage({ params }: { params: Record<string, string> }) {
  const code = params.code ?? '';
  const { t, i18n } = useTranslation();
  const role = useRole();
  const [month, setMonth] = useState(chinaToday().slice(0, 7));
  const file = useEnterpriseFileQuery(code, month);
  const outletSites = useSitesQuery('outlet', { parent: code });
  const districts = useDistrictsQuery();
  const names = districtNames(districts.data?.items, i18n.language === 'en');
  const siteOf = new Map((outletSites.data?.items ?? []).map((s) => [s.code, s]));
  const e = file.data?.enterprise;
  return (
    <div className="stack" data-testid="enterprise-page">
      <div className="detail-head">
        <Link to="/sources">← {t('sources.enterprises')}</Link>
        <h1 data-testid="enterprise-name">{e?.name ?? code}</h1>
        {e !== undefined && (
          <>
            <span className="muted">{e.code}</span>
            <VerdictPill verdict={e.verdict} />
          </>
        )}
        <label className="small">
          {t('air.month')}{' '}
          <input type="month" value={month} onChange={(ev) => ev.target.value && setMonth(ev.target.value)} />
        </label>
      </div>
      <QueryView state={file}>
        {(f) => (
          <>
            <div className="grid-2">
              <Panel title={t('names.file.identity')}>
                <Identity e={f.enterprise} districtName={names.get(f.enterprise.districtCode) ?? '—'} />
              </Panel>
              <Panel title={t('names.file.monthFigures', { month: f.month })}>
                <MonthFigures e={f.enterprise} month={f.month} />
              </Panel>
            </div>
            <div className="grid-2">
              {f.outlets.map((o) => (
                <OutletPanel
                  key={o.code}
                  outlet={o}
                  site={siteOf.get(o.code)}
                  month={month}
                  canRead={hasRole(role, READING_ROLES)}
                  canSeePackets={hasRole(role, PACKET_ROLES)}
                />
              ))}
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}
