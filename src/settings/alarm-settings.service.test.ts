import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.service.js';
import { DEFAULT_AUTO_CASE_RULES } from '../cases/auto-case.js';
import { ManualClock } from '../clock.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { createServices } from '../services.js';
import type { Services } from '../services.js';
import type { Reading } from '../store/types.js';
import { AUTO_CASE_RULES_CACHE_MS, AlarmSettingsService } from './alarm-settings.service.js';

const ADMIN: AuditActor = { username: 'admin1', role: 'admin' };
const clock = new ManualClock('2026-03-15T04:10:00Z');
let t: TestStore;
let settings: AlarmSettingsService;
/** Enterprise E1 (industry 4411) with its outlet E1-G1; station A1. */
const ids = { e1: 0, outlet: 0, station: 0 };

beforeAll(async () => {
  t = await openTestStore(clock);
  settings = new AlarmSettingsService({
    store: t.store,
    clock,
    audit: new AuditService(t.store.audit, clock),
  });
  await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  ids.e1 = (
    await t.store.sites.create({
      kind: 'enterprise',
      code: 'E1',
      name: '某电厂',
      districtCode: '330502',
      attributes: { industry: '火力发电', industryCode: '4411' },
    })
  ).id;
  ids.outlet = (
    await t.store.sites.create({
      kind: 'outlet',
      code: 'E1-G1',
      name: '1#锅炉',
      districtCode: '330502',
      parentId: ids.e1,
      attributes: { medium: 'gas', emissionStandard: 'GB 13223-2011', parameters: ['a21026'] },
    })
  ).id;
  ids.station = (
    await t.store.sites.create({ kind: 'air_station', code: 'A1', name: '站一', districtCode: '330502' })
  ).id;
});
afterAll(() => t.cleanup());

async function auditEntries(action: string) {
  return (await t.store.audit.query({ action })).items;
}

/** The error a promise rejects with. */
async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('thresholds', () => {
  it('show every threshold with its rule and default, no overrides, and the defaults in force', async () => {
    const s = await settings.thresholds();
    expect(s.overrides).toEqual([]);
    expect(s.parameters.find((p) => p.key === 'offlineAfterMinutes')).toMatchObject({
      rule: 'device-offline',
      kind: 'integer',
      unit: 'min',
      min: 1,
    });
    expect(s.defaults.offlineAfterMinutes).toBe(60);
    expect(s.effective).toMatchObject({ site: null, industry: null, values: s.defaults });
    expect(s.effective.origins.offlineAfterMinutes.origin).toBe('default');
  });

  it('set an industry override, audited with before and after; a site’s own override wins', async () => {
    const set = await settings.setThresholdOverride(
      ADMIN,
      'industry',
      '4411',
      { offlineAfterMinutes: 120, instrumentRanges: { a19001: { min: 0, max: 21 } } },
      '10.0.0.1',
    );
    expect(set).toMatchObject({ scope: 'industry', key: '4411', name: null, updatedBy: 'admin1' });
    const [entry] = await auditEntries('settings.alarm_thresholds_changed');
    expect(entry).toMatchObject({
      actor: 'admin1',
      actorRole: 'admin',
      targetType: 'alarm_thresholds',
      targetId: 'industry:4411',
      address: '10.0.0.1',
      details: {
        scope: 'industry',
        key: '4411',
        before: null,
        after: { offlineAfterMinutes: 120, instrumentRanges: { a19001: { min: 0, max: 21 } } },
      },
    });

    const forOutlet = await settings.effectiveThresholds({ site: 'E1-G1' });
    expect(forOutlet).toMatchObject({ site: 'E1-G1', industry: '4411' });
    expect(forOutlet.values.offlineAfterMinutes).toBe(120);
    expect(forOutlet.origins.offlineAfterMinutes.origin).toBe('industry');
    // Record-valued thresholds merge key by key over the defaults.
    expect(forOutlet.values.instrumentRanges).toMatchObject({
      a19001: { min: 0, max: 21 },
      w01001: { min: 0 },
    });

    await settings.setThresholdOverride(ADMIN, 'site', 'E1-G1', { offlineAfterMinutes: 30 }, null);
    const own = await settings.effectiveThresholds({ site: 'E1-G1' });
    expect(own.values.offlineAfterMinutes).toBe(30);
    expect(own.origins.offlineAfterMinutes).toEqual({ origin: 'site', source: 'site override' });
    expect((await settings.effectiveThresholds({ industry: '4411' })).values.offlineAfterMinutes).toBe(120);
    expect((await settings.effectiveThresholds({ site: 'A1' })).values.offlineAfterMinutes).toBe(60);

    const listed = await settings.thresholds();
    expect(listed.overrides.map((o) => [o.scope, o.key, o.name, o.values])).toEqual([
      [
        'industry',
        '4411',
        null,
        { offlineAfterMinutes: 120, instrumentRanges: { a19001: { min: 0, max: 21 } } },
      ],
      ['site', 'E1-G1', '1#锅炉', { offlineAfterMinutes: 30 }],
    ]);
    // Stored under the site id, as the alarm engine looks it up.
    expect(await t.store.settings.thresholdOverride('site', String(ids.outlet))).not.toBeNull();
  });

  it('replace an override, auditing the values before; the same values again record nothing', async () => {
    const before = (await auditEntries('settings.alarm_thresholds_changed')).length;
    await settings.setThresholdOverride(ADMIN, 'site', 'E1-G1', { offlineAfterMinutes: 45 }, null);
    await settings.setThresholdOverride(ADMIN, 'site', 'E1-G1', { offlineAfterMinutes: 45 }, null);
    const entries = await auditEntries('settings.alarm_thresholds_changed');
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({
      targetId: 'site:E1-G1',
      details: {
        scope: 'site',
        key: 'E1-G1',
        siteId: ids.outlet,
        before: { offlineAfterMinutes: 30 },
        after: { offlineAfterMinutes: 45 },
      },
    });
  });

  it('refuse bad input with a BadInputError naming the field, and an unknown site with NotFoundError', async () => {
    const cases: [Promise<unknown>, RegExp][] = [
      [
        settings.setThresholdOverride(ADMIN, 'industry', '4411', { nope: 1 }, null),
        /values\.nope: unknown threshold/,
      ],
      [
        settings.setThresholdOverride(ADMIN, 'industry', '4411', { transmissionRateMin: 2 }, null),
        /values\.transmissionRateMin: must be from 0 to 1/,
      ],
      [
        settings.setThresholdOverride(ADMIN, 'industry', '4411', { stepMinBase: Number.NaN }, null),
        /values\.stepMinBase: must be a finite number/,
      ],
      [
        settings.setThresholdOverride(ADMIN, 'industry', '44', { zeroMinPoints: 2 }, null),
        /key: "44" is not a GB\/T 4754 industry class code/,
      ],
      [
        settings.setThresholdOverride(ADMIN, 'site', 'E1', { zeroMinPoints: 2 }, null),
        /key: E1 is an enterprise; its outlets are judged/,
      ],
      // With the industry's 120 min below, a site critical threshold of 100 min is inconsistent.
      [
        settings.setThresholdOverride(ADMIN, 'site', 'E1-G1', { offlineCriticalAfterMinutes: 100 }, null),
        /values\.offlineCriticalAfterMinutes: offlineCriticalAfterMinutes \(100\) must not be below offlineAfterMinutes \(120\)/,
      ],
      [
        settings.effectiveThresholds({ site: 'E1-G1', industry: '4411' }),
        /site, industry: give one of them, not both/,
      ],
      [
        settings.setThresholdOverride(ADMIN, 'district' as 'site', 'x', { zeroMinPoints: 2 }, null),
        /scope: unknown scope district/,
      ],
    ];
    for (const [call, message] of cases) {
      const err = await rejection(call);
      expect(err).toBeInstanceOf(BadInputError);
      expect(err.message).toMatch(message);
    }
    const missing = await rejection(
      settings.setThresholdOverride(ADMIN, 'site', 'NOPE', { zeroMinPoints: 2 }, null),
    );
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toBe('site NOPE not found');
  });

  it('clear an override, audited with the values removed; clearing nothing is NotFound', async () => {
    await settings.clearThresholdOverride(ADMIN, 'site', 'E1-G1', null);
    const [entry] = await auditEntries('settings.alarm_thresholds_changed');
    expect(entry).toMatchObject({
      targetId: 'site:E1-G1',
      details: { before: { offlineAfterMinutes: 45 }, after: null },
    });
    expect((await settings.effectiveThresholds({ site: 'E1-G1' })).values.offlineAfterMinutes).toBe(120);
    expect(await rejection(settings.clearThresholdOverride(ADMIN, 'site', 'E1-G1', null))).toBeInstanceOf(
      NotFoundError,
    );
  });

  it('replace every override at once, in one audit entry listing what changed', async () => {
    const before = (await auditEntries('settings.alarm_thresholds_changed')).length;
    const s = await settings.replaceThresholdOverrides(
      ADMIN,
      [
        { scope: 'site', key: 'A1', values: { aqiWarningAbove: 150, aqiCriticalAbove: 250 } },
        { scope: 'industry', key: '1752', values: { flagAbuseFlags: ['M'] } },
      ],
      null,
    );
    expect(s.overrides.map((o) => `${o.scope}:${o.key}`)).toEqual(['industry:1752', 'site:A1']);
    const entries = await auditEntries('settings.alarm_thresholds_changed');
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ targetId: 'all' });
    expect((entries[0]?.details as { changes: unknown[] }).changes).toEqual([
      {
        scope: 'industry',
        key: '4411',
        before: { offlineAfterMinutes: 120, instrumentRanges: { a19001: { min: 0, max: 21 } } },
        after: null,
      },
      {
        scope: 'site',
        key: 'A1',
        siteId: ids.station,
        before: null,
        after: { aqiWarningAbove: 150, aqiCriticalAbove: 250 },
      },
      { scope: 'industry', key: '1752', before: null, after: { flagAbuseFlags: ['M'] } },
    ]);
    // The same list again changes nothing and records nothing.
    await settings.replaceThresholdOverrides(
      ADMIN,
      [
        { scope: 'industry', key: '1752', values: { flagAbuseFlags: ['M'] } },
        { scope: 'site', key: 'A1', values: { aqiCriticalAbove: 250, aqiWarningAbove: 150 } },
      ],
      null,
    );
    expect(await auditEntries('settings.alarm_thresholds_changed')).toHaveLength(before + 1);
  });

  it('refuse a replacement naming the entry at fault, and change nothing', async () => {
    const cases: [unknown[], RegExp][] = [
      [[{ scope: 'site', key: 'A1', values: { zeroMinPoints: 0 } }], /overrides\.0\.values\.zeroMinPoints/],
      [
        [{ scope: 'site', key: 'NOPE', values: { zeroMinPoints: 2 } }],
        /overrides\.0\.key: no site has code "NOPE"/,
      ],
      [
        [
          { scope: 'industry', key: '1752', values: { zeroMinPoints: 2 } },
          { scope: 'industry', key: '1752', values: { zeroMinPoints: 3 } },
        ],
        /overrides\.1\.key: industry 1752 is listed twice/,
      ],
      [
        [
          { scope: 'industry', key: '4411', values: { aqiWarningAbove: 300, aqiCriticalAbove: 400 } },
          { scope: 'site', key: 'E1-G1', values: { aqiCriticalAbove: 250 } },
        ],
        /overrides\.1\.values\.aqiCriticalAbove: aqiCriticalAbove \(250\) must not be below aqiWarningAbove \(300\)/,
      ],
    ];
    for (const [input, message] of cases) {
      const err = await rejection(
        settings.replaceThresholdOverrides(
          ADMIN,
          input as Parameters<typeof settings.replaceThresholdOverrides>[1],
          null,
        ),
      );
      expect(err).toBeInstanceOf(BadInputError);
      expect(err.message).toMatch(message);
    }
    expect((await settings.thresholds()).overrides.map((o) => `${o.scope}:${o.key}`)).toEqual([
      'industry:1752',
      'site:A1',
    ]);
  });
});

describe('auto-case rules', () => {
  it('are the defaults until set; a change is audited, kept as a version, and in force at once here', async () => {
    expect(await settings.autoCaseRules()).toEqual(DEFAULT_AUTO_CASE_RULES);
    const initial = await settings.autoCaseRuleSettings();
    expect(initial).toMatchObject({ isDefault: true, rules: DEFAULT_AUTO_CASE_RULES, history: [] });
    expect(initial.knownRules).toContain('device-offline');

    const rules = [
      { rule: 'exceedance', minSeverity: 'warning' },
      { rule: 'device-offline', minSeverity: 'critical' },
    ];
    const after = await settings.replaceAutoCaseRules(ADMIN, rules, '10.0.0.2');
    expect(after).toMatchObject({ isDefault: false, rules });
    expect(after.history).toEqual([{ rules, changedBy: 'admin1', changedAt: clock.now() }]);
    expect(await settings.autoCaseRules()).toEqual(rules);
    const [entry] = await auditEntries('settings.auto_case_rules_changed');
    expect(entry).toMatchObject({
      actor: 'admin1',
      targetType: 'auto_case_rules',
      targetId: 'all',
      address: '10.0.0.2',
      details: { before: DEFAULT_AUTO_CASE_RULES, beforeWasDefault: true, after: rules },
    });
    // The same list again: no new version, no audit entry.
    await settings.replaceAutoCaseRules(ADMIN, rules, null);
    expect(await auditEntries('settings.auto_case_rules_changed')).toHaveLength(1);
    expect((await settings.autoCaseRuleSettings()).history).toHaveLength(1);
  });

  it('reach another process within the cache time, without a restart', async () => {
    const other = new AlarmSettingsService({
      store: t.store,
      clock,
      audit: new AuditService(t.store.audit, clock),
    });
    const seen = await other.autoCaseRules();
    await settings.replaceAutoCaseRules(ADMIN, [], null);
    expect(await other.autoCaseRules()).toBe(seen); // still its cached copy
    clock.advance(AUTO_CASE_RULES_CACHE_MS);
    expect(await other.autoCaseRules()).toEqual([]);
    const [entry] = await auditEntries('settings.auto_case_rules_changed');
    expect(entry?.details).toMatchObject({ beforeWasDefault: false, after: [] });
  });

  it('refuse an unknown rule or severity, naming the field', async () => {
    const err = await rejection(
      settings.replaceAutoCaseRules(ADMIN, [{ rule: 'smoke', minSeverity: 'critical' }], null),
    );
    expect(err).toBeInstanceOf(BadInputError);
    expect(err.message).toMatch(/rules\.0\.rule: unknown alarm rule "smoke"/);
    await expect(
      settings.replaceAutoCaseRules(ADMIN, [{ rule: 'exceedance', minSeverity: 'high' }], null),
    ).rejects.toThrow(/rules\.0\.minSeverity: must be one of info, warning, critical/);
  });
});

describe('auto-resolve per rule (issue 23)', () => {
  it('defaults to yes for data-quality rules and no for the exceedance kind; a change is audited and in force', async () => {
    const initial = await settings.autoResolveSettings();
    expect(initial).toMatchObject({ isDefault: true, fixed: ['exceedance'], history: [] });
    expect(initial.rules).toMatchObject({
      'sudden-step': true,
      'device-offline': true,
      exceedance: false,
      'aqi-high': false,
      'water-class': false,
    });
    expect(await settings.autoResolves('sudden-step')).toBe(true);
    expect(await settings.autoResolves('aqi-high')).toBe(false);
    const after = await settings.replaceAutoResolve(
      ADMIN,
      { 'sudden-step': false, 'aqi-high': true },
      '10.0.0.3',
    );
    expect(after.rules).toMatchObject({ 'sudden-step': false, 'aqi-high': true, 'missing-data': true });
    expect(after.isDefault).toBe(false);
    expect(await settings.autoResolves('sudden-step')).toBe(false);
    expect(await settings.autoResolves('aqi-high')).toBe(true);
    const [entry] = await auditEntries('settings.alarm_auto_resolve_changed');
    expect(entry).toMatchObject({
      actor: 'admin1',
      address: '10.0.0.3',
      details: { before: {}, beforeWasDefault: true, after: { 'sudden-step': false, 'aqi-high': true } },
    });
    await settings.replaceAutoResolve(ADMIN, { 'aqi-high': true, 'sudden-step': false }, null);
    expect(await auditEntries('settings.alarm_auto_resolve_changed')).toHaveLength(1);
  });

  it('refuse an unknown rule, a non-boolean, and switching it on for exceedances, naming the field', async () => {
    await expect(settings.replaceAutoResolve(ADMIN, { smoke: true }, null)).rejects.toThrow(
      /rules\.smoke: unknown alarm rule/,
    );
    await expect(settings.replaceAutoResolve(ADMIN, { 'sudden-step': 'yes' }, null)).rejects.toThrow(
      /rules\.sudden-step: must be true or false/,
    );
    const err = await rejection(settings.replaceAutoResolve(ADMIN, { exceedance: true }, null));
    expect(err).toBeInstanceOf(BadInputError);
    expect(err.message).toMatch(/rules\.exceedance: an exceedance always waits for a person/);
    expect(await settings.autoResolves('exceedance')).toBe(false);
  });
});

describe('a change and its audit entry commit together', () => {
  it('leaves neither the setting nor an audit entry when the audit fails inside the transaction', async () => {
    const failing = new AuditService(t.store.audit, clock);
    vi.spyOn(failing, 'record').mockRejectedValue(new Error('audit down'));
    const broken = new AlarmSettingsService({ store: t.store, clock, audit: failing });
    const entries = (await t.store.audit.query({ limit: 1000 })).items.length;

    await expect(
      broken.setThresholdOverride(ADMIN, 'industry', '2614', { zeroMinPoints: 3 }, null),
    ).rejects.toThrow(/audit down/);
    expect(await t.store.settings.thresholdOverride('industry', '2614')).toBeNull();

    await expect(broken.clearThresholdOverride(ADMIN, 'site', 'A1', null)).rejects.toThrow(/audit down/);
    expect(await t.store.settings.thresholdOverride('site', String(ids.station))).not.toBeNull();

    await expect(broken.replaceThresholdOverrides(ADMIN, [], null)).rejects.toThrow(/audit down/);
    expect((await t.store.settings.thresholdOverrides()).length).toBe(2);

    const version = await t.store.settings.current('cases.auto_case_rules');
    await expect(
      broken.replaceAutoCaseRules(ADMIN, [{ rule: 'aqi-high', minSeverity: 'critical' }], null),
    ).rejects.toThrow(/audit down/);
    expect(await t.store.settings.current('cases.auto_case_rules')).toEqual(version);
    expect(await broken.autoCaseRules()).toEqual([]);

    expect((await t.store.audit.query({ limit: 1000 })).items.length).toBe(entries);
  });
});

describe('the running platform picks changes up', () => {
  let s: TestStore;
  let services: Services;
  const now = new ManualClock('2026-03-15T04:10:00Z');
  let outletId = 0;

  beforeAll(async () => {
    s = await openTestStore(now);
    // cacheMs 0: the engine reads the overrides on every pass (in production within 60 s).
    services = createServices({ store: s.store, clock: now, alarmEngine: { cacheMs: 0 } });
    await s.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
    const e = await s.store.sites.create({
      kind: 'enterprise',
      code: 'E9',
      name: '某电厂',
      districtCode: '330502',
      attributes: { industryCode: '4411' },
    });
    outletId = (
      await s.store.sites.create({
        kind: 'outlet',
        code: 'E9-G1',
        name: '排口',
        districtCode: '330502',
        parentId: e.id,
        attributes: { medium: 'gas', emissionStandard: 'GB 13271-2014', parameters: ['a21026'] },
      })
    ).id;
    await s.store.limits.add(
      ['a21026', 'a21002'].map((parameter) => ({
        siteId: outletId,
        parameter,
        value: 100,
        lowerValue: null,
        unit: 'mg/m3',
        averaging: 'hour',
        referenceO2Pct: null,
        standard: 'GB 13271-2014',
        clause: 'Table 1',
        validFrom: null,
        validTo: null,
        source: 'bureau',
        createdBy: 'test',
      })),
    );
  });
  afterAll(async () => {
    await services.alarmEngine.stop();
    await s.cleanup();
  });

  it('the alarm engine judges with the industry’s and then the site’s overrides set through the service', async () => {
    await s.store.devices.add({ mn: 'MN-E9', password: 'pw-1234', siteId: outletId, protocol: '2017' });
    await s.store.devices.markSeen(['MN-E9'], now.now());
    now.advance(90 * 60_000);
    await services.settings.setThresholdOverride(
      ADMIN,
      'industry',
      '4411',
      { offlineAfterMinutes: 120 },
      null,
    );
    expect(await services.alarmEngine.checkOffline()).toEqual([]);
    await services.settings.setThresholdOverride(ADMIN, 'site', 'E9-G1', { offlineAfterMinutes: 80 }, null);
    const opened = await services.alarmEngine.checkOffline();
    expect(opened.map((c) => [c.kind, c.alarm.rule, c.alarm.limit])).toEqual([
      ['opened', 'device-offline', 80],
    ]);
  });

  it('auto-case rules set through the service decide whether a live alarm opens a case', async () => {
    const reading = (parameter: string, value: number): Reading => ({
      siteId: outletId,
      parameter,
      interval: 'hour',
      periodStart: new Date('2026-03-15T03:00:00Z'),
      value,
      valueText: String(value),
      min: null,
      max: null,
      cumulative: null,
      flag: 'N',
      source: 'test',
      receivedAt: now.now(),
    });
    const exceedanceOpened = async (parameter: string): Promise<number> => {
      await s.store.readings.insertBatch([reading(parameter, 130)]);
      const pass = await services.alarmEngine.evaluate([outletId]);
      const opened = pass.changes.find((c) => c.kind === 'opened' && c.alarm.rule === 'exceedance');
      expect(opened?.alarm).toMatchObject({ parameter, severity: 'critical' });
      return opened?.alarm.id ?? 0;
    };
    const casesOf = () => s.store.db.selectFrom('cases').select(['alarm_id']).execute();

    // No rule in the list: a critical exceedance stays an alarm.
    await services.settings.replaceAutoCaseRules(ADMIN, [], null);
    await exceedanceOpened('a21026');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await casesOf()).toEqual([]);

    // Exceedances open cases again: the next one does.
    await services.settings.replaceAutoCaseRules(
      ADMIN,
      [{ rule: 'exceedance', minSeverity: 'critical' }],
      null,
    );
    const alarmId = await exceedanceOpened('a21002');
    await vi.waitFor(async () => expect(await casesOf()).toEqual([{ alarm_id: alarmId }]));
  });
});
