/**
 * 新建案件: a case from an inspection (现场检查), a 12369 complaint (信访投诉) or an assignment from
 * above (上级交办). The responsible unit is derived from the subject and shown, chosen explicitly,
 * or left for the assignment — never a preselected company. A deadline is a China-local date, due
 * by the end of that day. Opened with `alarmId` (`/cases?new=1&alarmId=…`, 立案 from an alarm), the
 * subject is the alarm's site and the category and description default to the alarm's.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, CreateCaseBody } from '@server/api/case.schemas.js';
import { apiFetch } from '../../api/client';
import { useDistrictsQuery } from '../../api/site-queries';
import type { AlarmDto, SiteDto } from '../../api/types';
import { useApiQuery } from '../../api/use-api-query';
import { useMutation } from '../../api/use-mutation';
import { navigate } from '../../app/router';
import { Notice } from '../../components/Notice';
import { chinaToday } from '../../lib/format';
import type { ResponsibleInput } from './parts';
import { ResponsiblePicker, SitePicker, useDistrictNames, useResponsibleText } from './parts';
import { useDerivedResponsibleQuery } from './queries';

type Source = CreateCaseBody['source'];
type Category = NonNullable<CreateCaseBody['category']>;
type SubjectKind = 'site' | 'district' | 'water_body';
type UnitMode = 'derived' | 'choose' | 'later';

/** The sources a person opens a case from by hand (alarms open theirs from the alarm). */
const SOURCES: readonly Source[] = ['inspection', 'complaint', 'superior', 'manual'];
const CATEGORIES: readonly Category[] = [
  'air',
  'water',
  'emission_exceedance',
  'monitoring_data',
  'solid_waste',
  'noise',
  'soil',
  'ecology',
  'other',
];

export function NewCaseForm({ onCancel, alarmId }: { onCancel: () => void; alarmId?: number }) {
  const { t } = useTranslation();
  const fromAlarm = alarmId !== undefined;
  const alarm = useApiQuery<AlarmDto>(`/alarms/${alarmId ?? 0}`, { enabled: fromAlarm });
  const alarmSiteId = alarm.data?.site.id;
  const names = useDistrictNames();
  const districts = useDistrictsQuery();
  const responsibleText = useResponsibleText();
  const [source, setSource] = useState<'' | Source>(fromAlarm ? 'alarm' : '');
  const [category, setCategory] = useState<'' | Category>('');
  const [subjectKind, setSubjectKind] = useState<SubjectKind>('site');
  const [site, setSite] = useState<SiteDto | null>(null);
  const [district, setDistrict] = useState('');
  const [waterBody, setWaterBody] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [location, setLocation] = useState('');
  const [reporter, setReporter] = useState('');
  const [externalRef, setExternalRef] = useState('');
  const [deadline, setDeadline] = useState('');
  const [unitMode, setUnitMode] = useState<UnitMode>('derived');
  const [chosen, setChosen] = useState<ResponsibleInput | null>(null);
  const { run, busy, notice } = useMutation();

  const derivedAt = fromAlarm
    ? alarmSiteId === undefined
      ? {}
      : { siteId: alarmSiteId }
    : subjectKind === 'site'
      ? site === null
        ? {}
        : { siteId: site.id }
      : district === ''
        ? {}
        : { districtCode: district };
  const derived = useDerivedResponsibleQuery(derivedAt);
  const derivedUnit = derived.data?.responsible ?? null;

  const responsible = (): ResponsibleInput | undefined => {
    switch (unitMode) {
      case 'derived':
        if (derivedUnit === null) return undefined;
        return derivedUnit.type === 'enterprise'
          ? { type: 'enterprise', siteId: derivedUnit.siteId }
          : derivedUnit.type === 'district'
            ? { type: 'district', code: derivedUnit.code }
            : { type: 'department', name: derivedUnit.name };
      case 'choose':
        return chosen ?? undefined;
      case 'later':
        return undefined;
      default:
        throw new Error(`unknown mode ${String(unitMode)}`);
    }
  };

  const subject = (): CreateCaseBody['subject'] => {
    switch (subjectKind) {
      case 'site':
        return site === null
          ? undefined
          : { type: site.kind === 'enterprise' ? 'enterprise' : 'site', siteId: site.id };
      case 'district':
        return { type: 'district', districtCode: district };
      case 'water_body':
        return { type: 'water_body', name: waterBody.trim(), districtCode: district };
      default:
        throw new Error(`unknown subject ${String(subjectKind)}`);
    }
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (source === '' || (category === '' && !fromAlarm)) return;
    const body: CreateCaseBody = fromAlarm
      ? { source: 'alarm', alarmId }
      : { source, description: description.trim(), subject: subject() };
    if (category !== '') body.category = category;
    if (fromAlarm && description.trim()) body.description = description.trim();
    if (title.trim()) body.title = title.trim();
    if (location.trim()) body.location = location.trim();
    if (reporter.trim()) body.reporter = reporter.trim();
    if (externalRef.trim()) body.externalRef = externalRef.trim();
    if (deadline) body.deadline = deadline;
    const unit = responsible();
    if (unit !== undefined) body.responsible = unit;
    void run(
      () => apiFetch<CaseDto>('/cases', { method: 'POST', body }),
      (c) => {
        navigate(`/cases/${c.id}`);
        return t('caseWork.created', { id: c.id });
      },
    );
  };

  const unitReady = unitMode !== 'choose' || chosen !== null;
  return (
    <form
      className="stack-tight"
      data-testid="new-case-form"
      onSubmit={submit}
      aria-label={t('caseWork.newCaseTitle')}
    >
      <h3>{t('caseWork.newCaseTitle')}</h3>
      <div className="form-grid">
        <label>
          {t('caseWork.source')}
          <select
            required
            disabled={fromAlarm}
            value={source}
            aria-label={t('caseWork.source')}
            data-testid="new-case-source"
            onChange={(e) => setSource(e.target.value as '' | Source)}
          >
            <option value="">{t('caseWork.choose')}</option>
            {fromAlarm && <option value="alarm">{t('caseWork.sources.alarm')}</option>}
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`caseWork.sources.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('caseWork.category')}
          <select
            required={!fromAlarm}
            value={category}
            aria-label={t('caseWork.category')}
            data-testid="new-case-category"
            onChange={(e) => setCategory(e.target.value as '' | Category)}
          >
            <option value="">{fromAlarm ? t('caseWork.fromAlarmDefault') : t('caseWork.choose')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`caseWork.categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {fromAlarm ? (
          <p className="small" data-testid="new-case-alarm">
            {t('caseWork.fromAlarm', { id: alarmId, site: alarm.data?.site.name ?? '…' })}
          </p>
        ) : (
          <>
            <label>
              {t('caseWork.subjectKind')}
              <select
                value={subjectKind}
                aria-label={t('caseWork.subjectKind')}
                data-testid="new-case-subject-kind"
                onChange={(e) => setSubjectKind(e.target.value as SubjectKind)}
              >
                {(['site', 'district', 'water_body'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`caseWork.subjectKinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            {subjectKind === 'site' ? (
              <SitePicker testId="new-case-site" onChange={setSite} />
            ) : (
              <>
                <label>
                  {t('caseWork.district')}
                  <select
                    required
                    value={district}
                    aria-label={t('caseWork.district')}
                    data-testid="new-case-district"
                    onChange={(e) => setDistrict(e.target.value)}
                  >
                    <option value="">{t('caseWork.choose')}</option>
                    {(districts.data?.items ?? []).map((d) => (
                      <option key={d.code} value={d.code}>
                        {names.get(d.code) ?? d.code}
                      </option>
                    ))}
                  </select>
                </label>
                {subjectKind === 'water_body' && (
                  <label>
                    {t('caseWork.waterBody')}
                    <input
                      required
                      maxLength={100}
                      value={waterBody}
                      aria-label={t('caseWork.waterBody')}
                      data-testid="new-case-water-body"
                      onChange={(e) => setWaterBody(e.target.value)}
                    />
                  </label>
                )}
              </>
            )}
          </>
        )}
        <label>
          {t('caseWork.location')}
          <input
            maxLength={200}
            value={location}
            aria-label={t('caseWork.location')}
            data-testid="new-case-location"
            onChange={(e) => setLocation(e.target.value)}
          />
        </label>
        <label>
          {t('caseWork.reporter')}
          <input
            maxLength={100}
            value={reporter}
            aria-label={t('caseWork.reporter')}
            data-testid="new-case-reporter"
            onChange={(e) => setReporter(e.target.value)}
          />
        </label>
        <label>
          {t('caseWork.externalRef')}
          <input
            maxLength={100}
            value={externalRef}
            aria-label={t('caseWork.externalRef')}
            data-testid="new-case-external-ref"
            onChange={(e) => setExternalRef(e.target.value)}
          />
        </label>
        <label>
          {t('caseWork.titleField')}
          <input
            maxLength={60}
            value={title}
            aria-label={t('caseWork.titleField')}
            data-testid="new-case-title"
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label>
          {t('caseWork.deadline')}
          <input
            type="date"
            min={chinaToday()}
            value={deadline}
            aria-label={t('caseWork.deadline')}
            data-testid="new-case-deadline"
            onChange={(e) => setDeadline(e.target.value)}
          />
        </label>
      </div>
      <label className="stack-tight">
        {t('caseWork.description')}
        <textarea
          required={!fromAlarm}
          placeholder={fromAlarm ? t('caseWork.fromAlarmDefault') : undefined}
          rows={3}
          maxLength={4000}
          value={description}
          aria-label={t('caseWork.description')}
          data-testid="new-case-description"
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <fieldset className="form-grid" data-testid="new-case-unit">
        <legend>{t('caseWork.unitMode')}</legend>
        {(fromAlarm ? (['derived', 'choose'] as const) : (['derived', 'choose', 'later'] as const)).map(
          (m) => (
            <label key={m}>
              <input
                type="radio"
                name="new-case-unit-mode"
                value={m}
                checked={unitMode === m}
                data-testid={`new-case-unit-mode-${m}`}
                onChange={() => setUnitMode(m)}
              />{' '}
              {t(`caseWork.unitModes.${m}`)}
            </label>
          ),
        )}
        {unitMode === 'derived' && (
          <p className="small" data-testid="new-case-unit-derived">
            {derivedUnit === null
              ? t('caseWork.unitNone')
              : t('caseWork.unitDerived', { unit: responsibleText(derivedUnit) })}
          </p>
        )}
        {unitMode === 'choose' && (
          <ResponsiblePicker testId="new-case-unit-pick" onChange={(u) => setChosen(u)} />
        )}
      </fieldset>
      <div className="actions">
        <button
          type="submit"
          className="btn btn-primary btn-small"
          disabled={busy || !unitReady}
          data-testid="new-case-submit"
        >
          {t('caseWork.create')}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel} data-testid="new-case-cancel">
          {t('caseWork.cancel')}
        </button>
      </div>
      <Notice notice={notice} testId="new-case-notice" />
    </form>
  );
}
