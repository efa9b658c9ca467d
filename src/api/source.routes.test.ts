import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, openTestStore, seedAccessFixture, testApp, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { App } from './app.js';
import type {
  ComplianceDto,
  EnterpriseFileDto,
  EnterpriseListDto,
  EnterpriseRankingDto,
} from './source.schemas.js';
import type { SearchResultDto } from './search.schemas.js';

describe('source routes: enterprises, file, ranking, export, search', () => {
  const clock = new ManualClock('2026-03-15T04:00:00Z');
  let t: TestStore;
  let app: App;
  let h: Awaited<ReturnType<typeof loginAll>>;

  beforeAll(async () => {
    t = await openTestStore(clock);
    const fx = await seedAccessFixture(t.store);
    // E1-G1 has SO2 35 mg/m³ in one hour against a limit of 30: one exceedance hour. E2-W1 has no limit.
    await t.store.limits.add([
      {
        siteId: fx.sites['E1-G1'],
        parameter: 'a21026',
        value: 30,
        lowerValue: null,
        unit: 'mg/m3',
        averaging: 'hour',
        referenceO2Pct: null,
        standard: 'GB 13271-2014',
        clause: 'Table 2',
        validFrom: null,
        validTo: null,
        source: 'bureau',
        createdBy: 'test',
      },
    ]);
    app = await testApp(t.store, clock);
    h = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  const get = async <T>(url: string, who: keyof typeof h) => {
    const res = await app.inject({ method: 'GET', url, headers: h[who] });
    return { status: res.statusCode, body: res.json<T>() };
  };

  it('says an outlet without limits is not judged, and one with limits is', async () => {
    const none = await get<ComplianceDto>('/api/v1/sites/E2-W1/compliance', 'supervisor');
    expect(none.status).toBe(200);
    expect(none.body.judged).toBe(false);
    const some = await get<ComplianceDto>('/api/v1/sites/E1-G1/compliance', 'supervisor');
    expect(some.body.judged).toBe(true);
    expect(some.body.total.hoursExceeding).toBe(1);
  });

  it('lists enterprises with the month figures: not-judged is a verdict of its own, never zero hours', async () => {
    const { status, body } = await get<EnterpriseListDto>('/api/v1/enterprises', 'supervisor');
    expect(status).toBe(200);
    expect(body.month).toBe('2026-03');
    const byCode = new Map(body.items.map((i) => [i.code, i]));
    expect(byCode.get('E1')).toMatchObject({
      verdict: 'exceeding',
      hoursExceeding: 1,
      outlets: 1,
      outletsWithoutLimits: 0,
      devices: 1,
      openAlarms: 0,
      overdueCases: 0,
      permitNumber: null,
      permittedLoads: null,
    });
    expect(byCode.get('E2')).toMatchObject({
      verdict: 'not-judged',
      hoursExceeding: null,
      outletsWithoutLimits: 1,
    });
  });

  it('scopes the list: an enterprise sees itself, a district officer their district', async () => {
    const ent = await get<EnterpriseListDto>('/api/v1/enterprises', 'ent1');
    expect(ent.body.items.map((i) => i.code)).toEqual(['E1']);
    const district = await get<EnterpriseListDto>('/api/v1/enterprises', 'wuxing');
    expect(district.body.items.map((i) => i.code)).toEqual(['E1']);
  });

  it('serves the enterprise file with limits named, and refuses one outside the scope', async () => {
    const file = await get<EnterpriseFileDto>('/api/v1/enterprises/E1', 'ent1');
    expect(file.status).toBe(200);
    expect(file.body.enterprise.name).toBe('E1');
    const [outlet] = file.body.outlets;
    expect(outlet).toMatchObject({ code: 'E1-G1', judged: true, hoursExceeding: 1 });
    expect(outlet?.limits[0]?.parameterName).toEqual({ zh: '二氧化硫', en: 'SO₂' });
    expect(outlet?.devices.map((d) => d.mn)).toEqual(['MN-E1']);
    const other = await get<EnterpriseFileDto>('/api/v1/enterprises/E2', 'ent1');
    expect(other.status).toBe(404);
    const e2 = await get<EnterpriseFileDto>('/api/v1/enterprises/E2', 'supervisor');
    expect(e2.body.outlets[0]).toMatchObject({ judged: false, hoursExceeding: null, limits: [] });
    const outlet2 = await get<EnterpriseFileDto>('/api/v1/enterprises/E1-G1', 'supervisor');
    expect(outlet2.status).toBe(400);
  });

  it('ranks enterprises by exceedance hours, leaving out zeros and the not judged, within the scope', async () => {
    const all = await get<EnterpriseRankingDto>(
      '/api/v1/enterprises/ranking?by=hoursExceeding',
      'supervisor',
    );
    expect(all.body.items.map((i) => [i.rank, i.enterprise.code, i.value])).toEqual([[1, 'E1', 1]]);
    const alarms = await get<EnterpriseRankingDto>('/api/v1/enterprises/ranking?by=openAlarms', 'supervisor');
    expect(alarms.body.items).toEqual([]);
    const other = await get<EnterpriseRankingDto>('/api/v1/enterprises/ranking', 'operator');
    expect(other.status).toBe(200);
  });

  it('exports the enterprise list in the language asked for', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/enterprises/export?format=csv&lang=en',
      headers: h.supervisor,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('enterprises-2026-03');
    expect(res.body).toContain('Code,Name,Credit code,District');
    expect(res.body).toContain('limits not configured: not judged');
    expect(res.body).toContain('Wuxing');
    const xlsx = await app.inject({
      method: 'GET',
      url: '/api/v1/enterprises/export?format=xlsx&lang=zh',
      headers: h.ent1,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('exports devices to reading roles only', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/v1/devices/export?q=e2', headers: h.operator });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('MN-E2');
    expect(csv.body).not.toContain('MN-E1');
    const refused = await app.inject({ method: 'GET', url: '/api/v1/devices/export', headers: h.ent1 });
    expect(refused.statusCode).toBe(403);
  });

  it('labels readings and limits with the parameter name and unit from the registry', async () => {
    const readings = await get<{ items: { parameter: string; parameterName: unknown; unit: unknown }[] }>(
      '/api/v1/readings?site=E1-G1&interval=hour&from=2026-03-01T00:00:00Z',
      'supervisor',
    );
    expect(readings.status).toBe(200);
    expect(readings.body.items[0]).toMatchObject({
      parameter: 'a21026',
      parameterName: { zh: '二氧化硫', en: 'SO₂' },
      unit: 'mg/m3',
    });
    const limits = await get<{ inForce: { parameterName: unknown }[] }>(
      '/api/v1/limits?site=E1-G1',
      'supervisor',
    );
    expect(limits.body.inForce[0]?.parameterName).toEqual({ zh: '二氧化硫', en: 'SO₂' });
  });

  it('searches within the caller scope: an enterprise finds only its own sites and devices', async () => {
    const all = await get<SearchResultDto>('/api/v1/search?q=E2', 'supervisor');
    expect(all.body.items.map((i) => `${i.kind}:${i.code}`)).toEqual([
      'enterprise:E2',
      'outlet:E2-W1',
      'device:MN-E2',
    ]);
    expect(all.body.items[1]?.enterpriseCode).toBe('E2');
    const ent = await get<SearchResultDto>('/api/v1/search?q=E2', 'ent1');
    expect(ent.body.items).toEqual([]);
    const mn = await get<SearchResultDto>('/api/v1/search?q=mn-e', 'ent1');
    expect(mn.body.items.map((i) => i.code)).toEqual(['MN-E1']);
    const blank = await get<unknown>('/api/v1/search?q=%20', 'supervisor');
    expect(blank.status).toBe(400);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/search?q=E1' });
    expect(anonymous.statusCode).toBe(401);
  });
});
