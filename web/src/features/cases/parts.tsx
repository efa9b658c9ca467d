/**
 * Pieces the case pages share: a responsible unit as text, the explicit responsible-unit picker
 * (no preselected company: nothing is chosen until a person chooses), the site search of the
 * new-case form, and deadlines shown as the China-local day they fall due.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto } from '@server/api/case.schemas.js';
import type { CaseTransitionBody } from '@server/api/case.schemas.js';
import { chinaDate } from '@server/standards/china-time.js';
import { districtNames, useDistrictsQuery, useSitesQuery } from '../../api/site-queries';
import type { SiteDto } from '../../api/types';

/** A responsible unit as the API sends it. */
export type ResponsibleDto = CaseDto['responsible'];
/** A responsible unit as a request names it. */
export type ResponsibleInput = NonNullable<CaseTransitionBody['responsible']>;

/**
 * A deadline as the day it falls due: a date picked as 12-10 is stored as the end of 12-10 China
 * time and shown as 2026-12-10 (an older deadline stored as the midnight that ends the day, too).
 */
export function formatDeadline(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '—' : chinaDate(new Date(ms - 1));
}

/** The district names by code in the page's language. */
export function useDistrictNames(): Map<string, string> {
  const { i18n } = useTranslation();
  const districts = useDistrictsQuery();
  return useMemo(
    () => districtNames(districts.data?.items, i18n.language === 'en'),
    [districts.data, i18n.language],
  );
}

/** A responsible unit as text: its kind and name (a district by its name in the page's language). */
export function useResponsibleText(): (r: ResponsibleDto) => string {
  const { t } = useTranslation();
  const names = useDistrictNames();
  return (r) => {
    if (r === null) return '—';
    const kind = t(`caseWork.responsibleTypes.${r.type}`);
    switch (r.type) {
      case 'district':
        return `${kind} · ${names.get(r.code) ?? r.name}`;
      case 'enterprise':
        return `${kind} · ${r.name} (${r.code})`;
      case 'department':
        return `${kind} · ${r.name}`;
      default:
        throw new Error(`unknown responsible unit ${JSON.stringify(r)}`);
    }
  };
}

/** Sites whose name or code contains the text (case-insensitive), at most `max`. */
function matching(sites: readonly SiteDto[], text: string, max = 50): SiteDto[] {
  const q = text.trim().toLowerCase();
  const hits = q === '' ? sites : sites.filter((s) => `${s.name} ${s.code}`.toLowerCase().includes(q));
  return hits.slice(0, max);
}

/** The matches, with the chosen site kept first when the search no longer finds it. */
function keepSelected(all: readonly SiteDto[], shown: SiteDto[], value: string): SiteDto[] {
  const chosen = all.find((s) => String(s.id) === value);
  return chosen === undefined || shown.includes(chosen) ? shown : [chosen, ...shown];
}

/**
 * Chooses a responsible unit explicitly: its kind, then the district, the enterprise (searched by
 * name or code) or the department's name. Nothing is preselected; `onChange(null)` until complete.
 */
export function ResponsiblePicker({
  testId,
  onChange,
}: {
  testId: string;
  onChange: (unit: ResponsibleInput | null, label: string) => void;
}) {
  const { t } = useTranslation();
  const names = useDistrictNames();
  const districts = useDistrictsQuery();
  const [type, setType] = useState<'' | ResponsibleInput['type']>('');
  const enterprises = useSitesQuery('enterprise', { enabled: type === 'enterprise' });
  const [search, setSearch] = useState('');
  const [value, setValue] = useState('');
  const shown = keepSelected(
    enterprises.data?.items ?? [],
    matching(enterprises.data?.items ?? [], search),
    value,
  );

  const pick = (nextType: typeof type, nextValue: string): void => {
    setType(nextType);
    setValue(nextValue);
    const kind = nextType === '' ? '' : t(`caseWork.responsibleTypes.${nextType}`);
    if (nextType === '' || nextValue.trim() === '') return onChange(null, '');
    switch (nextType) {
      case 'district':
        return onChange(
          { type: 'district', code: nextValue },
          `${kind} · ${names.get(nextValue) ?? nextValue}`,
        );
      case 'enterprise': {
        const site = enterprises.data?.items.find((s) => String(s.id) === nextValue);
        return onChange(
          { type: 'enterprise', siteId: Number(nextValue) },
          `${kind} · ${site?.name ?? nextValue}${site ? ` (${site.code})` : ''}`,
        );
      }
      case 'department':
        return onChange({ type: 'department', name: nextValue.trim() }, `${kind} · ${nextValue.trim()}`);
      default:
        throw new Error(`unknown unit type ${String(nextType)}`);
    }
  };

  return (
    <>
      <label>
        {t('caseWork.unitType')}
        <select
          value={type}
          aria-label={t('caseWork.unitType')}
          data-testid={`${testId}-type`}
          onChange={(e) => pick(e.target.value as typeof type, '')}
        >
          <option value="">{t('caseWork.choose')}</option>
          <option value="district">{t('caseWork.responsibleTypes.district')}</option>
          <option value="enterprise">{t('caseWork.responsibleTypes.enterprise')}</option>
          <option value="department">{t('caseWork.responsibleTypes.department')}</option>
        </select>
      </label>
      {type === 'district' && (
        <label>
          {t('caseWork.responsible')}
          <select
            value={value}
            aria-label={t('caseWork.responsible')}
            data-testid={`${testId}-district`}
            onChange={(e) => pick('district', e.target.value)}
          >
            <option value="">{t('caseWork.choose')}</option>
            {(districts.data?.items ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {names.get(d.code) ?? d.code}
              </option>
            ))}
          </select>
        </label>
      )}
      {type === 'enterprise' && (
        <>
          <label>
            {t('caseWork.siteSearch')}
            <input
              type="search"
              value={search}
              aria-label={t('caseWork.siteSearch')}
              data-testid={`${testId}-search`}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
          <label>
            {t('caseWork.responsible')}
            <select
              value={value}
              aria-label={t('caseWork.responsible')}
              data-testid={`${testId}-enterprise`}
              onChange={(e) => pick('enterprise', e.target.value)}
            >
              <option value="">{shown.length === 0 ? t('caseWork.noMatch') : t('caseWork.choose')}</option>
              {shown.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name} ({s.code})
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {type === 'department' && (
        <label>
          {t('caseWork.departmentName')}
          <input
            value={value}
            maxLength={100}
            aria-label={t('caseWork.departmentName')}
            data-testid={`${testId}-department`}
            onChange={(e) => pick('department', e.target.value)}
          />
        </label>
      )}
    </>
  );
}

/** The kinds of site a case can be about, in the order the search lists them. */
const CASE_SITE_KINDS = ['enterprise', 'outlet', 'air_station', 'water_section'] as const;

/** Searches enterprises, outlets, air stations and water sections by name or code; picks one. */
export function SitePicker({
  testId,
  onChange,
}: {
  testId: string;
  onChange: (site: SiteDto | null) => void;
}) {
  const { t } = useTranslation();
  const enterprise = useSitesQuery('enterprise');
  const outlet = useSitesQuery('outlet');
  const air = useSitesQuery('air_station');
  const water = useSitesQuery('water_section');
  const [search, setSearch] = useState('');
  const [value, setValue] = useState('');
  const all = useMemo(
    () => [enterprise, outlet, air, water].flatMap((q) => q.data?.items ?? []),
    [enterprise, outlet, air, water],
  );
  const shown = keepSelected(all, matching(all, search, 100), value);
  const kindOrder = (s: SiteDto): number =>
    CASE_SITE_KINDS.indexOf(s.kind as (typeof CASE_SITE_KINDS)[number]);
  return (
    <>
      <label>
        {t('caseWork.siteSearch')}
        <input
          type="search"
          value={search}
          aria-label={t('caseWork.siteSearch')}
          data-testid={`${testId}-search`}
          onChange={(e) => setSearch(e.target.value)}
        />
      </label>
      <label>
        {t('caseWork.site')}
        <select
          value={value}
          aria-label={t('caseWork.site')}
          data-testid={testId}
          required
          onChange={(e) => {
            setValue(e.target.value);
            onChange(all.find((s) => String(s.id) === e.target.value) ?? null);
          }}
        >
          <option value="">{shown.length === 0 ? t('caseWork.noMatch') : t('caseWork.choose')}</option>
          {[...shown]
            .sort((a, b) => kindOrder(a) - kindOrder(b))
            .map((s) => (
              <option key={s.id} value={String(s.id)}>
                {t(`caseWork.siteKinds.${s.kind}`)} · {s.name} ({s.code})
              </option>
            ))}
        </select>
      </label>
    </>
  );
}
