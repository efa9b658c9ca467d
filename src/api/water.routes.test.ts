import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, openTestStore, seedAccessFixture, testApp, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { HOUR_MS } from '../standards/china-time.js';
import type { Reading } from '../store/types.js';
import type { App } from './app.js';

describe('water routes', () => {
  const clock = new ManualClock('2026-03-15T04:00:00Z');
  let t: TestStore;
  let app: App;
  let h: Awaited<ReturnType<typeof loginAll>>;

  beforeAll(async () => {
    t = await openTestStore(clock);
    const { store } = t;
    await seedAccessFixture(store);
    const site = async (code: string, districtCode: string, targetClass: string, waterType = 'river') =>
      (
        await store.sites.create({
          kind: 'water_section',
          code,
          name: `断面${code}`,
          districtCode,
          attributes: { waterType, targetClass, waterBody: '西苕溪', basin: '苕溪', automatic: true },
        })
      ).id;
    const s1 = await site('WS-1', '330502', 'III');
    await site('WS-2', '330503', 'II', 'lake');
    const rows: Reading[] = [];
    for (let h = 0; h < 48; h += 1) {
      const at = new Date(Date.parse('2026-03-09T16:00:00Z') + h * HOUR_MS);
      const base = {
        siteId: s1,
        interval: 'hour' as const,
        periodStart: at,
        valueText: null,
        min: null,
        max: null,
        cumulative: null,
        flag: 'N',
        source: 'hj212',
        receivedAt: at,
      };
      rows.push({ ...base, parameter: 'w21003', value: 1.4 }, { ...base, parameter: 'w01001', value: 7.5 });
    }
    await store.readings.insertBatch(rows);
    await store.blackOdorous.createBody({
      code: 'BO-1',
      name: '黑臭河',
      districtCode: '330502',
      points: [
        { code: 'P1', name: '上游' },
        { code: 'P2', name: '下游' },
      ],
    });
    app = await testApp(store, clock);
    h = await loginAll(app);
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('lists sections with their class and target status to anyone', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/water/sections' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      period: { label: string };
      items: {
        section: { code: string };
        class: string | null;
        meetsTarget: boolean | null;
        mainPollutants: unknown[];
      }[];
    }>();
    expect(body.period.label).toBe('2026-03');
    const ws1 = body.items.find((i) => i.section.code === 'WS-1');
    expect(ws1).toMatchObject({
      class: 'IV',
      meetsTarget: false,
      mainPollutants: [{ item: 'nh3n', class: 'IV', multiple: 0.4 }],
    });
    expect(body.items.find((i) => i.section.code === 'WS-2')).toMatchObject({
      class: null,
      meetsTarget: null,
    });
    // The access fixture's W1 carries no water attributes: it is not a section to assess.
    expect(body.items.map((i) => i.section.code)).not.toContain('W1');
  });

  it('answers a bad period naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/water/sections?period=quarter&at=2026-Q5' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'bad-request',
    });
    expect(res.json<{ error: { message: string } }>().error.message).toContain('querystring.at');
    const kind = await app.inject({ method: 'GET', url: '/api/v1/water/sections?period=week' });
    expect(kind.statusCode).toBe(400);
    expect(kind.body).toContain('querystring.period');
  });

  it("shows one section's items, its monthly history and its daily series", async () => {
    const detail = await app.inject({
      method: 'GET',
      url: '/api/v1/water/sections/WS-1?period=day&at=2026-03-10',
    });
    expect(detail.statusCode).toBe(200);
    const d = detail.json<{ period: unknown; class: string; items: { item: string }[] }>();
    expect(d).toMatchObject({ period: { kind: 'day', label: '2026-03-10' }, class: 'IV' });
    expect(d.items.find((i) => i.item === 'nh3n')).toEqual({
      item: 'nh3n',
      value: 1.4,
      unit: 'mg/L',
      days: 1,
      class: 'IV',
      used: true,
    });
    const history = await app.inject({ method: 'GET', url: '/api/v1/water/sections/WS-1/history?months=2' });
    expect(history.json()).toMatchObject({
      section: { code: 'WS-1', targetClass: 'III' },
      months: [
        { month: '2026-02', class: null, days: 0 },
        { month: '2026-03', class: 'IV', days: 2 },
      ],
    });
    const series = await app.inject({
      method: 'GET',
      url: '/api/v1/water/sections/WS-1/series?from=2026-03-01&to=2026-03-15&item=nh3n',
    });
    expect(series.statusCode).toBe(200);
    expect(series.json()).toMatchObject({
      section: 'WS-1',
      items: {
        nh3n: {
          unit: 'mg/L',
          values: [
            { date: '2026-03-10', value: 1.4, origin: 'hourly-mean' },
            { date: '2026-03-11', value: 1.4, origin: 'hourly-mean' },
          ],
        },
      },
    });
    expect(Object.keys(series.json<{ items: object }>().items)).toEqual(['nh3n']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/water/sections/NOPE' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/water/sections/W1/history' })).statusCode).toBe(
      404,
    );
  });

  it('summarises the city and districts with a CWQI ranking', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/water/summary?period=month&at=2026-03' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      city: { sections: 2, assessed: 1, shareGoodIToIII: 0, shareWorseThanV: 0, complianceRate: 0 },
      districts: [
        { districtCode: '330502', cwqiRank: 1, assessed: 1 },
        { districtCode: '330503', cwqiRank: null },
      ],
      ranking: [{ rank: 1, code: 'WS-1', class: 'IV' }],
      rivers: [{ name: '西苕溪', method: 'mean', class: 'IV' }],
    });
  });

  describe('lab results', () => {
    const entry = {
      section: 'WS-2',
      sampledOn: '2026-03-12',
      values: { tp: 0.02, nh3n: 0.3, ph: 7.1 },
      lab: '市监测站',
    };

    it('needs a supervisor or operator', async () => {
      const post = (headers?: { authorization: string }) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/water/lab-results',
          payload: entry,
          ...(headers ? { headers } : {}),
        });
      expect((await post()).statusCode).toBe(401);
      expect((await post(h.ent1)).statusCode).toBe(403);
      expect((await post(h.wuxing)).statusCode).toBe(403);
    });

    it('stores the result as the entering user, audits it, and counts it in the class', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/water/lab-results',
        headers: h.supervisor,
        payload: entry,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        section: 'WS-2',
        sampledOn: '2026-03-12',
        source: 'lab:supervisor',
      });
      const logged = await t.store.audit.query({ action: 'water.lab_results_entered' });
      expect(logged.items[0]).toMatchObject({ actor: 'supervisor', targetId: 'WS-2' });
      expect(logged.items[0]?.details).toMatchObject({
        lab: '市监测站',
        values: { tp: 0.02, nh3n: 0.3, ph: 7.1 },
      });
      const ws2 = await app.inject({ method: 'GET', url: '/api/v1/water/sections/WS-2' });
      expect(ws2.json()).toMatchObject({ class: 'II', meetsTarget: true, latestDay: '2026-03-12' });
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/water/lab-results',
        headers: h.operator,
        payload: entry,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json<{ error: { message: string } }>().error.message).toMatch(/values\.(tp|nh3n|ph)/);
    });

    it.each([
      [{ ...entry, values: { ph: 15 } }, 400, 'body.values.ph'],
      [{ ...entry, values: { zinc: 1 } }, 400, 'values.zinc'],
      [{ ...entry, values: {} }, 400, 'body.values'],
      [{ ...entry, sampledOn: '2026-3-1' }, 400, 'body.sampledOn'],
      [{ ...entry, sampledOn: '2026-03-16' }, 400, 'sampledOn'],
      [{ ...entry, section: 'NOPE' }, 404, 'section'],
      [{ ...entry, extra: 1 }, 400, 'body'],
    ])('refuses %j with %s naming %s', async (payload, status, field) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/water/lab-results',
        headers: h.operator,
        payload,
      });
      expect(res.statusCode).toBe(status);
      expect(res.json<{ error: { message: string } }>().error.message).toContain(field);
    });
  });

  describe('black-odorous water bodies', () => {
    it('takes samples from operators, grades them, and lists bodies to anyone', async () => {
      const sample = { point: 'P1', sampledAt: '2026-03-14T10:00', sd: 8, do: 0.1, orp: -250, nh3n: 16 };
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/water/black-odorous/BO-1/samples',
            payload: sample,
          })
        ).statusCode,
      ).toBe(401);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/water/black-odorous/BO-1/samples',
        headers: h.operator,
        payload: sample,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        body: 'BO-1',
        point: 'P1',
        grade: 'heavy',
        sampledAt: '2026-03-14T02:00:00.000Z',
      });
      const dup = await app.inject({
        method: 'POST',
        url: '/api/v1/water/black-odorous/BO-1/samples',
        headers: h.operator,
        payload: sample,
      });
      expect(dup.statusCode).toBe(409);
      const list = await app.inject({ method: 'GET', url: '/api/v1/water/black-odorous' });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({
        items: [
          {
            code: 'BO-1',
            grade: 'heavy',
            heavyPointShare: 1,
            points: [
              { code: 'P1', samples: 1, grade: 'heavy', latest: { sd: 8, depth: null } },
              { code: 'P2', samples: 0, grade: null, latest: null },
            ],
          },
        ],
      });
      const one = await app.inject({ method: 'GET', url: '/api/v1/water/black-odorous/BO-1' });
      expect(one.json()).toMatchObject({
        code: 'BO-1',
        samples: [{ point: 'P1', grade: 'heavy', enteredBy: 'operator' }],
      });
      expect((await app.inject({ method: 'GET', url: '/api/v1/water/black-odorous/NOPE' })).statusCode).toBe(
        404,
      );
      const logged = await t.store.audit.query({ action: 'water.black_odorous_sample_entered' });
      expect(logged.items).toHaveLength(1);
    });

    it.each([
      [{ point: 'P9', sampledAt: '2026-03-14T10:00', sd: 8, do: 1, orp: 0, nh3n: 1 }, 404, 'point'],
      [{ point: 'P2', sampledAt: '2026-03-16T10:00', sd: 8, do: 1, orp: 0, nh3n: 1 }, 400, 'sampledAt'],
      [{ point: 'P2', sampledAt: 'yesterday', sd: 8, do: 1, orp: 0, nh3n: 1 }, 400, 'body.sampledAt'],
      [{ point: 'P2', sampledAt: '2026-03-14T10:00', sd: -1, do: 1, orp: 0, nh3n: 1 }, 400, 'body.sd'],
      [{ point: 'P2', sampledAt: '2026-03-14T10:00', sd: 8, do: 1, orp: 0 }, 400, 'body.nh3n'],
    ])('refuses sample %j with %s naming %s', async (payload, status, field) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/water/black-odorous/BO-1/samples',
        headers: h.supervisor,
        payload,
      });
      expect(res.statusCode).toBe(status);
      expect(res.json<{ error: { message: string } }>().error.message).toContain(field);
    });
  });
});

describe('calc water routes', () => {
  let t: TestStore;
  let app: App;
  beforeAll(async () => {
    t = await openTestStore();
    app = await testApp(t.store);
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('classes a section with the names of the CLI', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/calc/water?type=river&target=III&ph=7.2&do=6.1&codmn=4.5&nh3n=1.4&tp=0.25',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      class: 'IV',
      meetsTarget: false,
      mainPollutants: [
        { item: 'nh3n', class: 'IV', multiple: 0.4 },
        { item: 'tp', class: 'IV', multiple: 0.2 },
      ],
      items: { codmn: { value: 4.5, class: 'III', used: true } },
      status: { zh: '轻度污染' },
    });
    expect(typeof res.json<{ cwqi: number }>().cwqi).toBe('number');
  });

  it.each([
    ['/api/v1/calc/water?type=sea&ph=7', 'querystring.type'],
    ['/api/v1/calc/water?type=river&zinc=1', 'querystring.zinc'],
    ['/api/v1/calc/water?type=river&nh3n=abc', 'querystring.nh3n'],
    ['/api/v1/calc/black-odorous?sd=8&do=1&orp=0', 'querystring.nh3n'],
  ])('%s → 400 naming %s', async (url, field) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain(field);
  });

  it.each([
    ['/api/v1/calc/water?type=river&ph=15', "'ph'", 'ph', 'WATER_PH_OUT_OF_RANGE'],
    ['/api/v1/calc/water?type=river&wt=12', 'no evaluation item', 'values', 'WATER_BAD_ARGUMENT'],
    ['/api/v1/calc/black-odorous?sd=-1&do=1&orp=0&nh3n=1', "'sd'", 'sd', 'WATER_NEGATIVE_VALUE'],
  ])("%s → the calculator's 400 naming %s, with the item and its code", async (url, text, field, code) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    const { error } = res.json<{ error: { code: string; message: string; details: unknown } }>();
    expect(error.code).toBe('bad-request');
    expect(error.message).toContain(text);
    expect(error.details).toEqual([{ field, problem: error.message, code }]);
  });

  it('grades a black-odorous sample, with the shallow-water transparency rule', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/calc/black-odorous?sd=9&do=1&orp=0&nh3n=5&depth=20',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      grade: 'light',
      gradeZh: '轻度黑臭',
      items: { sd: { value: 9, grade: 'light' }, do: { grade: 'light' } },
      sdThresholdsCm: { heavyBelow: 8, lightMax: 20, shallow: true },
    });
  });
});
