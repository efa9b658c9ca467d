/**
 * The response service end to end: HJ 212 packets over real TCP into the store, an alert that
 * starts in the past, its obligations judged at once from the outlets' CEMS hours against the
 * seven-day baseline; transitions and lifting; the enterprise role sees only its own obligations.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../api/app.js';
import { ManualClock } from '../clock.js';
import { encodeDataUpload } from '../hj212/index.js';
import type { Hj212Server } from '../ingest/hj212-server.js';
import { startHj212Server } from '../ingest/hj212-server.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { HOUR_MS } from '../standards/china-time.js';
import { TestLogger } from '../../test/hj212-client.js';
import type { TestStore } from '../../test/helpers.js';
import { appOver, loginHeaders, openTestStore } from '../../test/helpers.js';
import type { OutboundNotice } from './notifier.js';

const NOW = new Date('2026-12-10T04:00:00Z');
const START = new Date(NOW.getTime() - 4 * HOUR_MS);
const PW = 'resp-pw';
const BUREAU = {
  actor: { username: 'supervisor1', role: 'supervisor' },
  scope: { kind: 'all' as const },
  address: null,
};

let t: TestStore;
let services: Services;
let server: Hj212Server;
let app: App;
const clock = new ManualClock(NOW);
const sent: OutboundNotice[] = [];
const ids: Record<string, number> = {};

/** Hourly SO2 (mg/m³) and flow (m³/s) of an outlet at an hour, or null for silence. */
type Plan = (hour: Date) => { so2: number; flow: number } | null;

const PLANS: Record<string, { grade: 'B' | 'C' | 'D'; plan: Plan }> = {
  // C at orange: cut 30 % → from 100 × 10 to 60 × 10 (load −40 %): compliant.
  E1: { grade: 'C', plan: (h) => (h >= START ? { so2: 60, flow: 10 } : { so2: 100, flow: 10 }) },
  // D at orange: stop → still running at 80 % flow: non-compliant.
  E2: { grade: 'D', plan: (h) => (h >= START ? { so2: 90, flow: 8 } : { so2: 100, flow: 10 }) },
  // B at orange: cut 20 % → its CEMS stops sending during the alert: no_data.
  E3: { grade: 'B', plan: (h) => (h >= START ? null : { so2: 100, flow: 10 }) },
};

beforeAll(async () => {
  t = await openTestStore(clock);
  const { store } = t;
  await store.city.put({ code: '330500', name: '湖州市', nameEn: 'Huzhou' }, NOW);
  await store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  services = createServices({
    store,
    clock,
    responseNotifier: { send: (n) => Promise.resolve(void sent.push(...n)) },
  });
  server = await startHj212Server({
    store,
    clock,
    logger: pino({ level: 'silent' }),
    host: '127.0.0.1',
    port: 0,
  });
  for (const [i, code] of Object.keys(PLANS).entries()) {
    const e = await store.sites.create({
      kind: 'enterprise',
      code,
      name: `企业${code}`,
      districtCode: '330502',
    });
    const o = await store.sites.create({
      kind: 'outlet',
      code: `${code}-G1`,
      name: `${code} DA001`,
      districtCode: '330502',
      parentId: e.id,
      attributes: { medium: 'gas' },
    });
    ids[code] = e.id;
    await store.devices.add({
      mn: `01033050231000000000000${i}`,
      password: PW,
      siteId: o.id,
      protocol: '2017',
    });
  }
  await services.response.setGrades(
    BUREAU,
    Object.entries(PLANS).map(([code, p]) => ({
      code,
      grade: p.grade,
      industry: '涂料制造',
      gradedOn: '2026-06-01',
      reviewDue: '2027-06-01',
      evidence: 'test',
      protectedBasis: null,
    })),
    'bureau',
  );
  await store.users.add({ username: 'supervisor1', password: 'supervisor-pw-1', role: 'supervisor' });
  await store.users.add({
    username: 'ent1',
    password: 'enterprise-pw-1',
    role: 'enterprise',
    enterpriseSiteId: ids.E1 ?? null,
  });
  await store.users.add({
    username: 'ent2',
    password: 'enterprise-pw-2',
    role: 'enterprise',
    enterpriseSiteId: ids.E2 ?? null,
  });
  app = await appOver(services);

  // Eight days of hourly packets per outlet over TCP: seven of baseline, then the alert hours.
  for (const [i, [, p]] of Object.entries(PLANS).entries()) {
    const peer = await TestLogger.connect(server.port);
    let n = 0;
    for (let h = START.getTime() - 7 * 24 * HOUR_MS; h < NOW.getTime(); h += HOUR_MS) {
      const v = p.plan(new Date(h));
      if (v === null) continue;
      n += 1;
      await peer.write(
        encodeDataUpload(
          {
            qn: `20261201000000${String(n).padStart(3, '0')}`,
            st: '31',
            pw: PW,
            mn: `01033050231000000000000${i}`,
            edition: '2017',
          },
          '2061',
          new Date(h),
          [
            { code: 'a21026', values: { Avg: String(v.so2) }, flag: 'N' },
            { code: 'a00000', values: { Avg: String(v.flow) }, flag: 'N' },
          ],
        ),
      );
    }
    const answers = await peer.waitForAnswers(n, 30_000);
    expect(answers.length).toBe(n);
    peer.close();
  }
}, 60_000);

afterAll(async () => {
  await app.close();
  await server.close();
  await t.cleanup();
});

describe('an alert that starts in the past is judged at once from the CEMS hours', () => {
  let alertId = 0;

  it('issues the alert: obligations for every graded enterprise, notices sent', async () => {
    const headers = await loginHeaders(app, 'supervisor1', 'supervisor-pw-1');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/response/alerts',
      headers,
      payload: {
        level: 'orange',
        region: '330500',
        startsAt: START.toISOString(),
        basis: 'forecast: 3 days > 150',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ id: number; level: string; state: string }>();
    expect(body).toMatchObject({ level: 'orange', state: 'active' });
    alertId = body.id;
    expect(sent.map((n) => n.siteCode).sort()).toEqual(['E1', 'E2', 'E3']);
    const notices = await t.store.notifications.list({ audiences: [`enterprise:${ids.E1}`] });
    expect(notices.items[0]?.kind).toBe('response.alert_issued');
  });

  it('judges each enterprise: cut carried out, still running, CEMS silent', async () => {
    const items = await services.response.obligations({ kind: 'all' }, alertId);
    const by = Object.fromEntries(items.map((o) => [o.enterprise.code, o]));
    expect(by.E1?.status).toBe('compliant');
    expect(by.E2?.status).toBe('non_compliant');
    expect(by.E3?.status).toBe('no_data');
    // Four complete hours each, with the evidence: baseline 100 mg/m³ × 36 000 m³/h = 3.6 kg/h.
    expect(by.E1?.evidence).toHaveLength(4);
    expect(by.E1?.evidence[0]).toMatchObject({
      verdict: 'compliant',
      baselineKg: { so2: 3.6 },
      actualKg: { so2: 2.16 },
    });
    expect(by.E2?.evidence[0]?.reasons).toEqual(['so2 over 0.36', 'flow over 3600']);
    expect(by.E3?.evidence[0]).toMatchObject({ verdict: 'no_data', reasons: ['silent:E3-G1'] });
    expect(by.E1?.measure).toMatchObject({ kind: 'cut', cutPct: { so2: 30 } });
    expect(by.E1?.expectedCutKgPerDay.so2).toBeCloseTo(3.6 * 24 * 0.3, 6);
    // The failing enterprise raised a response-measures alarm on its site.
    const alarm = await t.store.alarms.findOpen(ids.E2 ?? 0, 'response', 'response-measures');
    expect(alarm).not.toBeNull();
    expect(by.E2?.alarmId).toBe(alarm?.id);
  });

  it('an enterprise sees only its own obligation; another enterprise’s code is 404', async () => {
    const h1 = await loginHeaders(app, 'ent1', 'enterprise-pw-1');
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/response/alerts/${alertId}/obligations`,
      headers: h1,
    });
    expect(res.statusCode).toBe(200);
    expect(
      res.json<{ items: { enterprise: { code: string } }[] }>().items.map((o) => o.enterprise.code),
    ).toEqual(['E1']);
    const h2 = await loginHeaders(app, 'ent2', 'enterprise-pw-2');
    const own = await app.inject({ method: 'GET', url: '/api/v1/response/enterprises/E2', headers: h2 });
    expect(own.statusCode).toBe(200);
    expect(own.json<{ obligations: { status: string }[] }>().obligations.map((o) => o.status)).toEqual([
      'non_compliant',
    ]);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/response/enterprises/E1', headers: h2 })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/response/alerts/${alertId}/figures`, headers: h2 }))
        .statusCode,
    ).toBe(403);
  });

  it('figures: compliance rate and the non-compliant list', async () => {
    const f = await services.response.figures({ kind: 'all' }, alertId);
    expect(f.statusCounts).toEqual({ pending: 0, compliant: 1, non_compliant: 1, no_data: 1 });
    expect(f.complianceRate).toBeCloseTo(1 / 3, 9);
    expect(f.nonCompliant.map((n) => n.code)).toEqual(['E2']);
    expect(f.cityCut.targetPct).toBe(20);
  });

  it('the timed pass judges the next hour once it is complete, and only once', async () => {
    clock.advance(HOUR_MS);
    expect(await services.response.tick()).toBe(3);
    expect(await services.response.tick()).toBe(0);
    // Nothing was sent for that hour: the compliant enterprise is now without data, not compliant.
    const items = await services.response.obligations({ kind: 'all' }, alertId);
    expect(items.map((o) => o.status)).toEqual(['no_data', 'non_compliant', 'no_data']);
    clock.set(NOW);
  });

  it('upgrades, refuses a lift the forecast does not allow, then lifts; the history is kept', async () => {
    const headers = await loginHeaders(app, 'supervisor1', 'supervisor-pw-1');
    const post = (payload: object) =>
      app.inject({ method: 'POST', url: `/api/v1/response/alerts/${alertId}/transitions`, headers, payload });
    const bad = await post({ to: 'upgraded', level: 'yellow' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'bad-request', message: expect.stringMatching(/not above/) as unknown },
    });
    expect((await post({ to: 'upgraded', level: 'red' })).json()).toMatchObject({
      level: 'red',
      state: 'active',
    });
    const [e1] = await services.response.obligations({ kind: 'all' }, alertId);
    expect(e1?.measure).toMatchObject({ level: 'red', kind: 'cut', cutPct: { so2: 50 } });

    await services.response.addForecasts(
      BUREAU,
      [
        { region: '330500', date: '2026-12-10', aqi: 180, primaryPollutant: 'PM2.5' },
        { region: '330500', date: '2026-12-11', aqi: 170, primaryPollutant: 'PM2.5' },
      ],
      'api',
    );
    const refused = await post({ to: 'lifted' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      error: { message: expect.stringMatching(/lifting rule is not met/) as unknown },
    });
    await services.response.addForecasts(
      BUREAU,
      [
        { region: '330500', date: '2026-12-10', aqi: 90, primaryPollutant: null },
        { region: '330500', date: '2026-12-11', aqi: 80, primaryPollutant: null },
      ],
      'api',
    );
    const lifted = await post({ to: 'lifted', note: 'cold front' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toMatchObject({
      state: 'lifted',
      history: [{ kind: 'issued' }, { kind: 'upgraded' }, { kind: 'lifted' }],
    });
    expect((await post({ to: 'lifted' })).statusCode).toBe(409);
  });

  it('forecasts from CSV drive the proposed level; the year figures count alerts by their highest level', async () => {
    const csv =
      'region,date,aqi,primaryPollutant\n330502,2026-12-10,160,PM2.5\n330502,2026-12-11,170,PM2.5\n330502,2026-12-12,155,\n';
    expect(await services.response.importForecastCsv(BUREAU, csv)).toBe(3);
    const p = await services.response.proposal('330502');
    expect(p.proposal).toMatchObject({
      level: 'orange',
      branch: [{ aqiAbove: 150, minHours: 72 }],
      tag: 'secondary',
    });
    expect(p.lifting.allowed).toBe(false);
    await expect(
      services.response.importForecastCsv(
        BUREAU,
        'region,date,aqi,primaryPollutant\n330502,2026-12-13,abc,\n',
      ),
    ).rejects.toThrow(/line 2: aqi = "abc"/);
    const year = await services.response.yearFigures(2026);
    expect(year.alertsByLevel.find((l) => l.level === 'red')?.count).toBe(1);
    expect(year.alertsByLevel.reduce((n, l) => n + l.count, 0)).toBe(1);
  });

  it('refuses bad input naming the field', async () => {
    const headers = await loginHeaders(app, 'supervisor1', 'supervisor-pw-1');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/response/alerts',
      headers,
      payload: { level: 'orange', region: '999999', startsAt: START.toISOString(), basis: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { message: expect.stringMatching(/region = "999999"/) as unknown },
    });
    await expect(
      services.response.importGradesCsv(
        BUREAU,
        'code,grade,industry,gradedOn,reviewDue,evidence,protectedBasis\nE1,Z,x,2026-01-01,,,\n',
      ),
    ).rejects.toThrow(/line 2: grade = "Z"/);
  });
});
