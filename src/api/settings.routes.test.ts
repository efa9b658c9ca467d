import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import type { App } from './app.js';
import type {
  AlarmThresholdSettingsDto,
  AutoCaseRuleSettingsDto,
  ThresholdOverrideDto,
} from './settings.schemas.js';

let t: TestStore;
let app: App;
let headers: Awaited<ReturnType<typeof loginAll>>;

beforeAll(async () => {
  t = await openTestStore();
  await seedAccessFixture(t.store);
  await t.store.db
    .updateTable('sites')
    .set({ attributes: JSON.stringify({ industryCode: '1752' }) })
    .where('code', '=', 'E1')
    .execute();
  app = await testApp(t.store);
  headers = await loginAll(app);
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

type Method = 'GET' | 'PUT' | 'DELETE';
const call = (who: keyof typeof headers | null, method: Method, url: string, payload?: object) =>
  app.inject({
    method,
    url,
    ...(who === null ? {} : { headers: headers[who] }),
    ...(payload ? { payload } : {}),
  });

const THRESHOLDS = '/api/v1/settings/alarm-thresholds';
const AUTO_CASE = '/api/v1/settings/auto-case-rules';
const AUTO_RESOLVE = '/api/v1/settings/alarm-auto-resolve';

async function latestAudit(action: string) {
  return (await t.store.audit.query({ action, limit: 1 })).items[0];
}

describe('access', () => {
  it.each<[Method, string, object | undefined]>([
    ['GET', THRESHOLDS, undefined],
    ['PUT', THRESHOLDS, { overrides: [] }],
    ['PUT', `${THRESHOLDS}/industry/1752`, { values: { zeroMinPoints: 2 } }],
    ['DELETE', `${THRESHOLDS}/industry/1752`, undefined],
    ['GET', AUTO_CASE, undefined],
    ['PUT', AUTO_CASE, { rules: [] }],
    ['GET', AUTO_RESOLVE, undefined],
    ['PUT', AUTO_RESOLVE, { rules: {} }],
  ])('%s %s: 401 without a login, 403 outside the bureau', async (method, url, payload) => {
    expect((await call(null, method, url, payload)).statusCode).toBe(401);
    for (const who of ['operator', 'wuxing', 'ent1'] as const) {
      expect((await call(who, method, url, payload)).statusCode).toBe(403);
    }
    if (method !== 'GET') expect((await call('supervisor', method, url, payload)).statusCode).toBe(403);
  });
  it('lets the supervisor read', async () => {
    expect((await call('supervisor', 'GET', THRESHOLDS)).statusCode).toBe(200);
    expect((await call('supervisor', 'GET', AUTO_CASE)).statusCode).toBe(200);
  });
  it('documents every route in OpenAPI', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths[THRESHOLDS] ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths[`${THRESHOLDS}/{scope}/{key}`] ?? {}).sort()).toEqual(['delete', 'put']);
    expect(Object.keys(doc.paths[AUTO_CASE] ?? {}).sort()).toEqual(['get', 'put']);
  });
});

describe('alarm thresholds', () => {
  it('shows the defaults and what each threshold is', async () => {
    const res = await call('admin', 'GET', THRESHOLDS);
    expect(res.statusCode).toBe(200);
    const body = res.json<AlarmThresholdSettingsDto>();
    expect(body.defaults).toMatchObject({ offlineAfterMinutes: 60, flagAbuseFlags: ['M', 'C'] });
    expect(body.parameters).toHaveLength(Object.keys(body.defaults).length);
    expect(body.parameters.find((p) => p.key === 'transmissionRateMin')).toMatchObject({
      rule: 'low-transmission',
      kind: 'number',
      min: 0,
      max: 1,
    });
    expect(body.overrides).toEqual([]);
    expect(body.effective.origins.offlineAfterMinutes).toMatchObject({ origin: 'default' });
  });

  it('sets an industry and a site override (audited), and shows the values in force for a site', async () => {
    const industry = await call('admin', 'PUT', `${THRESHOLDS}/industry/1752`, {
      values: { offlineAfterMinutes: 90, spikeMinDifference: { a34004: 50 } },
    });
    expect(industry.statusCode).toBe(200);
    expect(industry.json<ThresholdOverrideDto>()).toMatchObject({
      scope: 'industry',
      key: '1752',
      name: null,
      values: { offlineAfterMinutes: 90, spikeMinDifference: { a34004: 50 } },
      updatedBy: 'admin',
    });
    expect(await latestAudit('settings.alarm_thresholds_changed')).toMatchObject({
      actor: 'admin',
      actorRole: 'admin',
      targetType: 'alarm_thresholds',
      targetId: 'industry:1752',
      details: { before: null, after: { offlineAfterMinutes: 90, spikeMinDifference: { a34004: 50 } } },
    });

    const site = await call('admin', 'PUT', `${THRESHOLDS}/site/E1-G1`, {
      values: { flagAbuseFlags: ['M'], instrumentRanges: { a19001: { min: 0, max: 21 } } },
    });
    expect(site.statusCode).toBe(200);
    expect(site.json<ThresholdOverrideDto>()).toMatchObject({ scope: 'site', key: 'E1-G1', name: 'E1-G1' });

    const res = await call('supervisor', 'GET', `${THRESHOLDS}?site=E1-G1`);
    expect(res.statusCode).toBe(200);
    const body = res.json<AlarmThresholdSettingsDto>();
    expect(body.overrides.map((o) => `${o.scope}:${o.key}`)).toEqual(['industry:1752', 'site:E1-G1']);
    expect(body.effective).toMatchObject({ site: 'E1-G1', industry: '1752' });
    expect(body.effective.values).toMatchObject({
      offlineAfterMinutes: 90,
      flagAbuseFlags: ['M'],
      instrumentRanges: { a19001: { min: 0, max: 21 }, w01001: { min: 0, max: 14 } },
      spikeMinDifference: { a34004: 50, a05024: 60 },
    });
    expect(body.effective.origins.offlineAfterMinutes.origin).toBe('industry');
    expect(body.effective.origins.flagAbuseFlags.origin).toBe('site');
    expect(body.effective.origins.aqiWarningAbove.origin).toBe('default');
  });

  it('answers 400 naming the field for bad input', async () => {
    const cases: [Method, string, object | undefined, RegExp][] = [
      ['PUT', `${THRESHOLDS}/industry/1752`, { values: { nope: 1 } }, /values\.nope: unknown threshold/],
      [
        'PUT',
        `${THRESHOLDS}/industry/1752`,
        { values: { transmissionRateMin: 5 } },
        /values\.transmissionRateMin: must be from 0 to 1/,
      ],
      [
        'PUT',
        `${THRESHOLDS}/industry/1752`,
        { values: { zeroMinPoints: 'many' } },
        /body\.values\.zeroMinPoints/,
      ],
      ['PUT', `${THRESHOLDS}/industry/1752`, { values: {} }, /values: give at least one threshold/],
      ['PUT', `${THRESHOLDS}/industry/17`, { values: { zeroMinPoints: 2 } }, /key: "17" is not a GB\/T 4754/],
      ['PUT', `${THRESHOLDS}/district/330502`, { values: { zeroMinPoints: 2 } }, /params\.scope/],
      ['PUT', `${THRESHOLDS}/site/E1`, { values: { zeroMinPoints: 2 } }, /E1 is an enterprise/],
      [
        'PUT',
        `${THRESHOLDS}/site/E1-G1`,
        { values: { offlineCriticalAfterMinutes: 30 } },
        /values\.offlineCriticalAfterMinutes: .*must not be below offlineAfterMinutes \(90\)/,
      ],
      [
        'PUT',
        THRESHOLDS,
        { overrides: [{ scope: 'site', key: 'A1', values: { spikeRatio: 0 } }] },
        /overrides\.0\.values\.spikeRatio/,
      ],
      ['GET', `${THRESHOLDS}?site=A1&industry=1752`, undefined, /site, industry: give one of them/],
      ['GET', `${THRESHOLDS}?industry=abc`, undefined, /industry: "abc" is not a GB\/T 4754/],
    ];
    for (const [method, url, payload, message] of cases) {
      const res = await call('admin', method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'bad-request',
        message: expect.stringMatching(message) as unknown,
      });
    }
    expect(
      (await call('admin', 'PUT', `${THRESHOLDS}/site/NOPE`, { values: { zeroMinPoints: 2 } })).statusCode,
    ).toBe(404);
    expect((await call('admin', 'GET', `${THRESHOLDS}?site=NOPE`)).statusCode).toBe(404);
  });

  it('removes an override (audited); removing it again is 404', async () => {
    const res = await call('admin', 'DELETE', `${THRESHOLDS}/site/E1-G1`);
    expect(res.statusCode).toBe(204);
    expect(await latestAudit('settings.alarm_thresholds_changed')).toMatchObject({
      targetId: 'site:E1-G1',
      details: { after: null, before: { flagAbuseFlags: ['M'] } },
    });
    expect((await call('admin', 'DELETE', `${THRESHOLDS}/site/E1-G1`)).statusCode).toBe(404);
  });

  it('replaces every override at once (one audit entry)', async () => {
    const res = await call('admin', 'PUT', THRESHOLDS, {
      overrides: [
        { scope: 'site', key: 'A1', values: { aqiWarningAbove: 150 } },
        { scope: 'industry', key: '4411', values: { zeroMinPoints: 3 } },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<AlarmThresholdSettingsDto>().overrides.map((o) => `${o.scope}:${o.key}`)).toEqual([
      'industry:4411',
      'site:A1',
    ]);
    const entry = await latestAudit('settings.alarm_thresholds_changed');
    expect(entry).toMatchObject({ targetId: 'all', actor: 'admin' });
    expect((entry?.details as { changes: { key: string }[] }).changes.map((c) => c.key)).toEqual([
      '1752',
      'A1',
      '4411',
    ]);
  });
});

describe('auto-case rules', () => {
  it('shows the default, replaces the list (audited) and keeps its versions', async () => {
    const initial = (await call('supervisor', 'GET', AUTO_CASE)).json<AutoCaseRuleSettingsDto>();
    expect(initial).toMatchObject({
      isDefault: true,
      rules: [{ rule: 'exceedance', minSeverity: 'critical' }],
      defaults: [{ rule: 'exceedance', minSeverity: 'critical' }],
      history: [],
    });
    expect(initial.knownRules).toContain('aqi-high');

    const rules = [
      { rule: 'exceedance', minSeverity: 'warning' },
      { rule: 'device-offline', minSeverity: 'critical' },
    ];
    const res = await call('admin', 'PUT', AUTO_CASE, { rules });
    expect(res.statusCode).toBe(200);
    const body = res.json<AutoCaseRuleSettingsDto>();
    expect(body).toMatchObject({ isDefault: false, rules });
    expect(body.history).toEqual([{ rules, changedBy: 'admin', changedAt: expect.any(String) as unknown }]);
    expect(await latestAudit('settings.auto_case_rules_changed')).toMatchObject({
      actor: 'admin',
      targetType: 'auto_case_rules',
      details: {
        before: [{ rule: 'exceedance', minSeverity: 'critical' }],
        beforeWasDefault: true,
        after: rules,
      },
    });
  });

  it('answers 400 naming the field for an unknown rule, a bad severity, a rule twice', async () => {
    const cases: [object, RegExp][] = [
      [{ rules: [{ rule: 'smoke', minSeverity: 'critical' }] }, /rules\.0\.rule: unknown alarm rule "smoke"/],
      [{ rules: [{ rule: 'exceedance', minSeverity: 'urgent' }] }, /body\.rules\.0\.minSeverity/],
      [
        {
          rules: [
            { rule: 'aqi-high', minSeverity: 'critical' },
            { rule: 'aqi-high', minSeverity: 'warning' },
          ],
        },
        /rules\.1\.rule: "aqi-high" is listed twice/,
      ],
      [{ rules: 'exceedance' }, /body\.rules/],
    ];
    for (const [payload, message] of cases) {
      const res = await call('admin', 'PUT', AUTO_CASE, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(message);
    }
  });
});

describe('auto-resolve per rule', () => {
  it('reads the defaults, changes one rule (admin), refuses exceedance: true naming the field', async () => {
    const initial = (await call('supervisor', 'GET', AUTO_RESOLVE)).json<{
      rules: Record<string, boolean>;
    }>();
    expect(initial.rules).toMatchObject({ 'sudden-step': true, exceedance: false });
    const res = await call('admin', 'PUT', AUTO_RESOLVE, { rules: { 'sudden-step': false } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      isDefault: false,
      rules: { 'sudden-step': false, 'missing-data': true },
    });
    const bad = await call('admin', 'PUT', AUTO_RESOLVE, { rules: { exceedance: true } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'bad-request', details: [{ field: 'rules.exceedance' }] },
    });
    expect((await latestAudit('settings.alarm_auto_resolve_changed'))?.actor).toBe('admin');
  });
});
