/**
 * An enterprise's hazardous-waste file (HJ 1259-2022): roles and tier, declarations, storage
 * facilities with stock, storage time, the annual plan, the mass balance of the year, the ledger.
 */
import { useTranslation } from 'react-i18next';
import type { WasteFileDto } from '@server/api/waste.schemas.js';
import { Link, useLocation } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatChinaDate, formatChinaTime } from '../../lib/format';
import { formatTonnes, yearOf } from './parts';
import { useManifestsQuery, useWasteFileQuery } from './queries';
import { ManifestTable } from './ManifestsPage';

type Balance = WasteFileDto['balance'][number];

function File({ f }: { f: WasteFileDto }) {
  const { t } = useTranslation();
  const manifests = useManifestsQuery({ site: f.site.code });
  const tonnes = (pick: (b: Balance) => number | null) => (b: Balance) => formatTonnes(pick(b));
  return (
    <>
      <Panel title={`${f.site.name} · ${t('waste.file')} ${f.year}`} testId="waste-file">
        <dl className="facts">
          <div>
            <dt>{t('waste.roles')}</dt>
            <dd>{f.roles.map((r) => t(`waste.parties.${r.role}`)).join('、') || '—'}</dd>
          </div>
          <div>
            <dt>{t('waste.tier')}</dt>
            <dd data-testid="waste-tier">{f.tier === null ? '—' : t(`waste.tiers.${f.tier}`)}</dd>
          </div>
          <div>
            <dt>{t('waste.declarationsOwed')}</dt>
            <dd>{f.declarationsOwed.map((k) => t(`waste.declarationKinds.${k}`)).join('、') || '—'}</dd>
          </div>
          <div>
            <dt>{t('waste.declarations')}</dt>
            <dd>
              {f.declarations
                .slice(-6)
                .map((d) => `${t(`waste.declarationKinds.${d.kind as 'monthly'}`)} ${d.period}`)
                .join('、') || '—'}
            </dd>
          </div>
        </dl>
      </Panel>
      <Panel title={t('waste.facilities')}>
        <DataTable
          rows={f.facilities}
          rowKey={(x) => x.code}
          columns={[
            { key: 'name', header: t('waste.name'), cell: (x) => x.name },
            { key: 'location', header: t('waste.location'), cell: (x) => x.location },
            {
              key: 'capacity',
              header: t('waste.capacity'),
              numeric: true,
              cell: (x) => formatTonnes(x.capacityT),
            },
            {
              key: 'stock',
              header: t('waste.stock'),
              numeric: true,
              cell: (x) => (
                <span className={x.stockT > x.capacityT ? 'bad' : ''}>{formatTonnes(x.stockT)}</span>
              ),
            },
          ]}
        />
      </Panel>
      <Panel title={t('waste.ages')} testId="waste-ages">
        <DataTable
          rows={f.ages}
          rowKey={(a) => a.code}
          columns={[
            { key: 'code', header: t('waste.code'), cell: (a) => a.code },
            { key: 'stock', header: t('waste.stock'), numeric: true, cell: (a) => formatTonnes(a.stockT) },
            { key: 'since', header: t('waste.oldestSince'), cell: (a) => formatChinaDate(a.oldestSince) },
            {
              key: 'days',
              header: t('waste.days'),
              numeric: true,
              cell: (a) => (
                <span className={a.days > 365 ? 'bad' : a.days > 335 ? 'warn' : ''}>{a.days}</span>
              ),
              sortValue: (a) => a.days,
            },
          ]}
        />
      </Panel>
      <Panel title={t('waste.balance')} testId="waste-balance">
        <DataTable
          rows={f.balance}
          rowKey={(b) => b.code}
          columns={[
            { key: 'code', header: t('waste.code'), cell: (b) => b.code },
            { key: 'opening', header: t('waste.opening'), numeric: true, cell: tonnes((b) => b.openingT) },
            {
              key: 'generated',
              header: t('waste.generated'),
              numeric: true,
              cell: tonnes((b) => b.generatedT),
            },
            {
              key: 'received',
              header: t('waste.received'),
              numeric: true,
              cell: tonnes((b) => b.receivedT + b.returnedT),
            },
            { key: 'shipped', header: t('waste.shipped'), numeric: true, cell: tonnes((b) => b.shippedT) },
            {
              key: 'self',
              header: t('waste.selfUtilised'),
              numeric: true,
              cell: tonnes((b) => b.selfUtilisedT),
            },
            {
              key: 'used',
              header: `${t('waste.utilised')}/${t('waste.disposed')}`,
              numeric: true,
              cell: tonnes((b) => b.utilisedT + b.disposedT),
            },
            {
              key: 'closing',
              header: t('waste.expectedClosing'),
              numeric: true,
              cell: tonnes((b) => b.expectedClosingT),
            },
            { key: 'counted', header: t('waste.counted'), numeric: true, cell: tonnes((b) => b.countedT) },
            {
              key: 'gap',
              header: t('waste.gap'),
              numeric: true,
              cell: (b) => (
                <span className={b.gapT !== null && b.gapT !== 0 ? 'bad' : ''}>{formatTonnes(b.gapT)}</span>
              ),
            },
          ]}
        />
      </Panel>
      <Panel title={t('waste.plan')}>
        <DataTable
          rows={f.plan}
          rowKey={(p) => p.code}
          columns={[
            { key: 'code', header: t('waste.code'), cell: (p) => p.code },
            {
              key: 'planned',
              header: t('waste.planned'),
              numeric: true,
              cell: (p) => formatTonnes(p.plannedT),
            },
            { key: 'filed', header: t('waste.asOf'), cell: (p) => formatChinaDate(p.filedAt) },
          ]}
        />
      </Panel>
      <Panel title={t('waste.manifests')}>
        <QueryView state={manifests} isEmpty={(d) => d.items.length === 0}>
          {(d) => <ManifestTable rows={d.items} />}
        </QueryView>
      </Panel>
      <Panel title={t('waste.ledger')} testId="waste-ledger">
        <DataTable
          rows={f.ledger}
          rowKey={(r) => r.id}
          columns={[
            { key: 'at', header: t('waste.time'), cell: (r) => formatChinaTime(r.at) },
            { key: 'kind', header: t('waste.kind'), cell: (r) => t(`waste.ledgerKinds.${r.kind}`) },
            { key: 'code', header: t('waste.code'), cell: (r) => r.code },
            { key: 'q', header: t('waste.quantity'), numeric: true, cell: (r) => formatTonnes(r.quantityT) },
            { key: 'facility', header: t('waste.facility'), cell: (r) => r.facility ?? '—' },
            { key: 'batch', header: t('waste.batch'), cell: (r) => r.batch || '—' },
            { key: 'handler', header: t('waste.handler'), cell: (r) => r.handler || '—' },
          ]}
        />
      </Panel>
    </>
  );
}

export default function WasteFilePage({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const code = params.code ?? '';
  const year = yearOf(search);
  const file = useWasteFileQuery(code, year);
  return (
    <div className="page stack">
      <p className="small">
        <Link to="/waste">← {t('waste.title')}</Link>
      </p>
      <QueryView state={file}>{(f) => <File f={f} />}</QueryView>
    </div>
  );
}
