/**
 * 主数据 / Master data (bureau admins): districts and sites by kind with search, create and edit
 * forms, retire (with confirmation) and reinstate — nothing is deleted — plus a city package upload
 * (checked first, then confirmed) and the export of the current master data.
 */
import type { CityImportReportDto } from '@server/api/city-import.schemas.js';
import type {
  MasterDistrictDto,
  MasterDistrictListDto,
  MasterSiteDto,
  MasterSiteKindDto,
  MasterSiteListDto,
} from '@server/api/master-data.schemas.js';
import { MASTER_SITE_KINDS } from '@server/api/master-data.schemas.js';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch, apiUrl, authHeaders } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { useMutation } from '../../api/use-mutation';
import { DataTable } from '../../components/DataTable';
import { Notice } from '../../components/Notice';
import { QueryView } from '../../components/QueryView';

type View = 'districts' | MasterSiteKindDto;
const VIEWS: readonly View[] = ['districts', ...MASTER_SITE_KINDS];

/** Form fields as text, by name; attributes are prefixed `a.`. */
type Fields = Record<string, string>;

/** The attribute fields each kind's form shows, with a closed set where there is one. */
type AttributeField = readonly [key: string, options?: readonly string[]];
const ATTRIBUTE_FIELDS: Readonly<Record<MasterSiteKindDto, readonly AttributeField[]>> = {
  air_station: [
    ['network', ['national', 'provincial', 'city']],
    ['cityAqi', ['true', 'false']],
  ],
  water_section: [
    ['waterBody'],
    ['basin'],
    ['waterType', ['river', 'lake']],
    ['targetClass', ['I', 'II', 'III', 'IV', 'V']],
    ['network', ['national', 'provincial', 'city']],
    ['automatic', ['true', 'false']],
  ],
  enterprise: [
    ['creditCode'],
    ['industryCode'],
    ['industry'],
    ['address'],
    ['permit'],
    ['performanceGrade', ['none', 'A', 'B', 'B-', 'C', 'D']],
    ['categories'],
  ],
  outlet: [['medium', ['gas', 'water']], ['emissionStandard'], ['referenceO2Pct'], ['parameters']],
};

const LIST_ATTRIBUTES = new Set(['categories', 'parameters']);
const BOOLEAN_ATTRIBUTES = new Set(['cityAqi', 'automatic']);

function fieldsOf(site: MasterSiteDto | null, kind: MasterSiteKindDto): Fields {
  const f: Fields = {
    code: site?.code ?? '',
    name: site?.name ?? '',
    district: site?.districtCode ?? '',
    longitude: site?.longitude === null || site === null ? '' : String(site.longitude),
    latitude: site?.latitude === null || site === null ? '' : String(site.latitude),
    enterprise: site?.parentCode ?? '',
  };
  for (const [key, options] of ATTRIBUTE_FIELDS[kind]) {
    const v = site?.attributes[key];
    f[`a.${key}`] = Array.isArray(v)
      ? v.join(' ')
      : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : (options?.[0] ?? '');
  }
  return f;
}

/** The request body of a site form: numbers, booleans and lists parsed, empty optional text left out. */
function siteBody(kind: MasterSiteKindDto, f: Fields, creating: boolean): Record<string, unknown> {
  const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));
  const attributes: Record<string, unknown> = {};
  for (const [key] of ATTRIBUTE_FIELDS[kind]) {
    const v = (f[`a.${key}`] ?? '').trim();
    if (LIST_ATTRIBUTES.has(key)) attributes[key] = v === '' ? [] : v.split(/[\s,，|]+/);
    else if (BOOLEAN_ATTRIBUTES.has(key)) attributes[key] = v === 'true';
    else if (key === 'referenceO2Pct') attributes[key] = num(v);
    else if (v !== '') attributes[key] = v;
  }
  return {
    ...(creating ? { kind, code: (f.code ?? '').trim() } : {}),
    name: (f.name ?? '').trim(),
    district: (f.district ?? '').trim(),
    longitude: num(f.longitude),
    latitude: num(f.latitude),
    ...(kind === 'outlet' ? { enterprise: (f.enterprise ?? '').trim() } : {}),
    attributes,
  };
}

function SiteForm({
  kind,
  site,
  districts,
  onDone,
}: {
  kind: MasterSiteKindDto;
  site: MasterSiteDto | null;
  districts: readonly MasterDistrictDto[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<Fields>(() => fieldsOf(site, kind));
  const { run, busy, notice } = useMutation();
  const set = (key: string, value: string) => setF((x) => ({ ...x, [key]: value }));
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const creating = site === null;
    const ok = await run(
      () =>
        apiFetch<MasterSiteDto>(creating ? '/sites' : `/sites/${encodeURIComponent(site.code)}`, {
          method: creating ? 'POST' : 'PATCH',
          body: siteBody(kind, f, creating),
        }),
      (s) => t(creating ? 'masterData.created' : 'masterData.saved', { code: s.code }),
    );
    if (ok) onDone();
  };
  const text = (key: string, label: string, required = false) => (
    <label key={key}>
      {label}
      <input required={required} value={f[key] ?? ''} name={key} onChange={(e) => set(key, e.target.value)} />
    </label>
  );
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="master-site-form">
      {site === null && text('code', t('masterData.code'), true)}
      {text('name', t('masterData.name'), true)}
      <label>
        {t('masterData.district')}
        <select
          required
          value={f.district ?? ''}
          name="district"
          onChange={(e) => set('district', e.target.value)}
        >
          <option value="" />
          {districts
            .filter((d) => d.retiredAt === null)
            .map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} {d.name}
              </option>
            ))}
        </select>
      </label>
      {text('longitude', t('masterData.longitude'), kind === 'air_station' || kind === 'water_section')}
      {text('latitude', t('masterData.latitude'), kind === 'air_station' || kind === 'water_section')}
      {kind === 'outlet' && text('enterprise', t('masterData.enterprise'), true)}
      {ATTRIBUTE_FIELDS[kind].map(([key, options]) =>
        options === undefined ? (
          text(`a.${key}`, t(`masterData.attr.${key}`))
        ) : (
          <label key={key}>
            {t(`masterData.attr.${key}`)}
            <select
              value={f[`a.${key}`] ?? ''}
              name={`a.${key}`}
              onChange={(e) => set(`a.${key}`, e.target.value)}
            >
              {options.map((o) => (
                <option key={o} value={o}>
                  {t(`masterData.value.${o}`, { defaultValue: o })}
                </option>
              ))}
            </select>
          </label>
        ),
      )}
      <button type="submit" className="btn" disabled={busy}>
        {site === null ? t('masterData.create') : t('masterData.save')}
      </button>
      <Notice notice={notice} testId="master-site-notice" />
    </form>
  );
}

function DistrictForm({ district, onDone }: { district: MasterDistrictDto | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(district?.code ?? '');
  const [name, setName] = useState(district?.name ?? '');
  const [nameEn, setNameEn] = useState(district?.nameEn ?? '');
  const [parent, setParent] = useState(district?.parent ?? '');
  const { run, busy, notice } = useMutation();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const body = { name, nameEn, parent: parent.trim() === '' ? null : parent.trim() };
    const ok = await run(
      () =>
        district === null
          ? apiFetch<MasterDistrictDto>('/districts', {
              method: 'POST',
              body: { code: code.trim(), ...body },
            })
          : apiFetch<MasterDistrictDto>(`/districts/${district.code}`, { method: 'PATCH', body }),
      (d) => t(district === null ? 'masterData.created' : 'masterData.saved', { code: d.code }),
    );
    if (ok) onDone();
  };
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="master-district-form">
      {district === null && (
        <label>
          {t('masterData.code')}
          <input
            required
            value={code}
            name="code"
            placeholder="330502"
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
      )}
      <label>
        {t('masterData.name')}
        <input required value={name} name="name" onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('masterData.nameEn')}
        <input value={nameEn} name="nameEn" onChange={(e) => setNameEn(e.target.value)} />
      </label>
      <label>
        {t('masterData.parent')}
        <input value={parent} name="parent" onChange={(e) => setParent(e.target.value)} />
      </label>
      <button type="submit" className="btn" disabled={busy}>
        {district === null ? t('masterData.create') : t('masterData.save')}
      </button>
      <Notice notice={notice} testId="master-district-notice" />
    </form>
  );
}

/** Retire (after confirmation) or reinstate a district or a site. */
function RetireButton({
  path,
  label,
  retired,
  onDone,
}: {
  path: string;
  label: string;
  retired: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { run, busy, notice } = useMutation();
  const act = async (): Promise<void> => {
    if (!retired && !window.confirm(t('masterData.confirmRetire', { name: label }))) return;
    const ok = await run(
      () => apiFetch(`${path}/${retired ? 'reinstate' : 'retire'}`, { method: 'POST' }),
      () => t(retired ? 'masterData.reinstated' : 'masterData.retired', { name: label }),
    );
    if (ok) onDone();
  };
  return (
    <span className="actions">
      <button
        type="button"
        className={`btn btn-small ${retired ? '' : 'btn-danger'}`}
        disabled={busy}
        onClick={() => void act()}
      >
        {retired ? t('masterData.reinstate') : t('masterData.retire')}
      </button>
      <Notice notice={notice} />
    </span>
  );
}

function base64Of(bytes: ArrayBuffer): string {
  let s = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) s += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(s);
}

function ImportReport({ report }: { report: CityImportReportDto }) {
  const { t } = useTranslation();
  return (
    <div className="stack" data-testid="import-report">
      <DataTable
        rows={report.present}
        rowKey={(e) => e}
        columns={[
          { key: 'e', header: t('masterData.entity'), cell: (e) => e },
          {
            key: 'c',
            header: t('masterData.countCreated'),
            numeric: true,
            cell: (e) => report.entities[e].created,
          },
          {
            key: 'u',
            header: t('masterData.countUpdated'),
            numeric: true,
            cell: (e) => report.entities[e].updated,
          },
          {
            key: 'n',
            header: t('masterData.countUnchanged'),
            numeric: true,
            cell: (e) => report.entities[e].unchanged,
          },
          {
            key: 'r',
            header: t('masterData.countRejected'),
            numeric: true,
            cell: (e) => report.entities[e].rejected,
          },
        ]}
      />
      {report.rejections.length > 0 && (
        <ul className="issues issues-error" data-testid="import-rejections">
          {report.rejections.map((i) => (
            <li key={i.text}>{i.text}</li>
          ))}
        </ul>
      )}
      {report.warnings.length > 0 && (
        <ul className="issues" data-testid="import-warnings">
          {report.warnings.map((i) => (
            <li key={i.text}>{i.text}</li>
          ))}
        </ul>
      )}
      {report.notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}

/** Upload a package workbook: checked first (dry run), written only when confirmed. */
function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const [workbook, setWorkbook] = useState<File | null>(null);
  const [boundaries, setBoundaries] = useState<File | null>(null);
  const [report, setReport] = useState<CityImportReportDto | null>(null);
  const { run, busy, notice } = useMutation();
  const send = async (dryRun: boolean): Promise<void> => {
    if (workbook === null) return;
    const body = {
      xlsx: base64Of(await workbook.arrayBuffer()),
      ...(boundaries === null ? {} : { boundaries: await boundaries.text() }),
    };
    const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
    await run(
      async () => {
        const r = await apiFetch<CityImportReportDto>('/city/import', {
          method: 'POST',
          query: { dryRun, lang, filename: workbook.name },
          body,
        });
        setReport(r);
        return r;
      },
      (r) =>
        r.applied
          ? t('masterData.imported')
          : r.rejections.length > 0
            ? t('masterData.rejected')
            : t('masterData.checked'),
    );
    if (!dryRun) onImported();
  };
  return (
    <div className="stack" data-testid="master-import">
      <div className="form-grid">
        <label>
          {t('masterData.workbook')}
          <input
            type="file"
            accept=".xlsx"
            name="workbook"
            onChange={(e) => {
              setWorkbook(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </label>
        <label>
          {t('masterData.boundaries')}
          <input
            type="file"
            accept=".geojson,.json"
            name="boundaries"
            onChange={(e) => setBoundaries(e.target.files?.[0] ?? null)}
          />
        </label>
        <button
          type="button"
          className="btn"
          disabled={busy || workbook === null}
          onClick={() => void send(true)}
        >
          {t('masterData.check')}
        </button>
        {report !== null && report.dryRun && report.rejections.length === 0 && (
          <button type="button" className="btn" disabled={busy} onClick={() => void send(false)}>
            {t('masterData.confirmImport')}
          </button>
        )}
      </div>
      <Notice notice={notice} testId="master-import-notice" />
      {report !== null && <ImportReport report={report} />}
    </div>
  );
}

/** Downloads an export with the session's token (a plain link would carry none). */
async function download(query: Record<string, string>, filename: string): Promise<void> {
  const res = await fetch(apiUrl('/city/export', query), { headers: authHeaders() });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

export function MasterDataTab() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('districts');
  const [q, setQ] = useState('');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const exporting = useMutation();
  const districts = useApiQuery<MasterDistrictListDto>('/master-data/districts');
  const sites = useApiQuery<MasterSiteListDto>('/master-data/sites', {
    query: { kind: view === 'districts' ? undefined : view, q, includeRetired },
    enabled: view !== 'districts',
  });
  const reload = (): void => {
    setEditing(null);
    setCreating(false);
    districts.reload();
    sites.reload();
  };
  const choose = (v: View): void => {
    setView(v);
    setEditing(null);
    setCreating(false);
  };
  const needle = q.trim().toLowerCase();
  return (
    <div className="stack" data-testid="master-data">
      <div className="tabs" role="tablist">
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            className={v === view ? 'active' : ''}
            onClick={() => choose(v)}
          >
            {t(`masterData.view.${v}`)}
          </button>
        ))}
      </div>
      <div className="form-grid">
        <label>
          {t('masterData.search')}
          <input value={q} name="master-search" onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          <input
            type="checkbox"
            checked={includeRetired}
            onChange={(e) => setIncludeRetired(e.target.checked)}
          />
          {t('masterData.showRetired')}
        </label>
        <button type="button" className="btn" onClick={() => setCreating((c) => !c)} data-testid="master-new">
          {t('masterData.new')}
        </button>
      </div>
      {view === 'districts' ? (
        <>
          {creating && <DistrictForm district={null} onDone={reload} />}
          <QueryView state={districts} isEmpty={(d) => d.items.length === 0}>
            {(d) => (
              <DataTable
                testId="master-districts"
                rows={d.items.filter(
                  (x) =>
                    (includeRetired || x.retiredAt === null) &&
                    (needle === '' || x.code.includes(needle) || x.name.toLowerCase().includes(needle)),
                )}
                rowKey={(x) => x.code}
                columns={[
                  { key: 'code', header: t('masterData.code'), cell: (x) => <code>{x.code}</code> },
                  { key: 'name', header: t('masterData.name'), cell: (x) => x.name },
                  { key: 'en', header: t('masterData.nameEn'), cell: (x) => x.nameEn },
                  { key: 'p', header: t('masterData.parent'), cell: (x) => x.parent ?? '' },
                  {
                    key: 'a',
                    header: t('masterData.actions'),
                    cell: (x) =>
                      editing === x.code ? (
                        <DistrictForm district={x} onDone={reload} />
                      ) : (
                        <span className="actions">
                          {x.retiredAt === null && (
                            <button
                              type="button"
                              className="btn btn-small"
                              onClick={() => setEditing(x.code)}
                            >
                              {t('masterData.edit')}
                            </button>
                          )}
                          <RetireButton
                            path={`/districts/${x.code}`}
                            label={x.name}
                            retired={x.retiredAt !== null}
                            onDone={reload}
                          />
                        </span>
                      ),
                  },
                ]}
              />
            )}
          </QueryView>
        </>
      ) : (
        <>
          {creating && (
            <SiteForm kind={view} site={null} districts={districts.data?.items ?? []} onDone={reload} />
          )}
          <QueryView state={sites} isEmpty={(d) => d.items.length === 0}>
            {(d) => (
              <DataTable
                testId="master-sites"
                rows={d.items}
                rowKey={(x) => x.code}
                columns={[
                  { key: 'code', header: t('masterData.code'), cell: (x) => <code>{x.code}</code> },
                  { key: 'name', header: t('masterData.name'), cell: (x) => x.name },
                  { key: 'd', header: t('masterData.district'), cell: (x) => x.districtCode },
                  ...(view === 'outlet'
                    ? [
                        {
                          key: 'e',
                          header: t('masterData.enterprise'),
                          cell: (x: MasterSiteDto) => x.parentCode ?? '',
                        },
                      ]
                    : []),
                  {
                    key: 'a',
                    header: t('masterData.actions'),
                    cell: (x) =>
                      editing === x.code ? (
                        <SiteForm
                          kind={view}
                          site={x}
                          districts={districts.data?.items ?? []}
                          onDone={reload}
                        />
                      ) : (
                        <span className="actions">
                          {x.retiredAt === null && (
                            <button
                              type="button"
                              className="btn btn-small"
                              onClick={() => setEditing(x.code)}
                            >
                              {t('masterData.edit')}
                            </button>
                          )}
                          <RetireButton
                            path={`/sites/${encodeURIComponent(x.code)}`}
                            label={x.name}
                            retired={x.retiredAt !== null}
                            onDone={reload}
                          />
                        </span>
                      ),
                  },
                ]}
              />
            )}
          </QueryView>
        </>
      )}
      <h3>{t('masterData.importTitle')}</h3>
      <ImportPanel onImported={reload} />
      <div className="actions">
        <button
          type="button"
          className="btn"
          disabled={exporting.busy}
          data-testid="master-export"
          onClick={() =>
            void exporting.run(
              () => download({ format: 'xlsx' }, 'city-package.xlsx'),
              () => t('masterData.exported'),
            )
          }
        >
          {t('masterData.exportXlsx')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={exporting.busy}
          onClick={() =>
            void exporting.run(
              () => download({ format: 'csv', table: 'boundaries' }, 'boundaries.geojson'),
              () => t('masterData.exported'),
            )
          }
        >
          {t('masterData.exportBoundaries')}
        </button>
        <Notice notice={exporting.notice} />
      </div>
    </div>
  );
}
