import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { createServices } from '../services.js';
import { MASTER_SITE_KINDS as SERVICE_KINDS } from '../registry/city.service.js';
import type { App } from './app.js';
import { MASTER_SITE_KINDS } from './master-data.schemas.js';

let t: TestStore;
let app: App;
let h: Awaited<ReturnType<typeof loginAll>>;

beforeAll(async () => {
  t = await openTestStore();
  await seedAccessFixture(t.store);
  app = await testApp(t.store);
  h = await loginAll(app);
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

type Method = 'POST' | 'PATCH' | 'GET';
const call = (method: Method, url: string, payload?: object, headers = h.admin) =>
  app.inject({ method, url: `/api/v1/${url}`, headers, ...(payload ? { payload } : {}) });
const message = (res: { json: <T>() => T }) => res.json<{ error: { message: string } }>().error.message;
const audits = async (action: string) =>
  (await t.store.audit.query({ action })).items.map((e) => ({
    target: e.targetId,
    actor: e.actor,
    details: e.details,
  }));

const STATION = {
  kind: 'air_station',
  code: 'A9',
  name: '新区站',
  district: '330503',
  longitude: 120.4,
  latitude: 30.87,
  attributes: { network: 'provincial', cityAqi: true },
};

it('the API and the service name the same site kinds', () => {
  expect(MASTER_SITE_KINDS).toEqual(SERVICE_KINDS);
});

describe('master data: districts', () => {
  it('only an admin edits master data; everyone else is refused', async () => {
    for (const who of ['supervisor', 'operator', 'wuxing', 'ent1'] as const) {
      const res = await call('POST', 'districts', { code: '330504', name: 'X' }, h[who]);
      expect(res.statusCode, who).toBe(403);
      expect((await call('PATCH', 'sites/A1', { name: 'x' }, h[who])).statusCode, who).toBe(403);
      expect((await call('POST', 'sites/A1/retire', undefined, h[who])).statusCode, who).toBe(403);
    }
    expect((await app.inject({ method: 'POST', url: '/api/v1/districts', payload: {} })).statusCode).toBe(
      401,
    );
    expect((await call('GET', 'master-data/sites', undefined, h.operator)).statusCode).toBe(403);
  });

  it('creates a district under a parent, audited; 409 on a taken code; 400 naming the field', async () => {
    const res = await call('POST', 'districts', {
      code: '330504',
      name: '新区',
      nameEn: 'New Area',
      parent: '330502',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      code: '330504',
      name: '新区',
      nameEn: 'New Area',
      parent: '330502',
      retiredAt: null,
    });
    expect(await audits('district.created')).toEqual([
      { target: '330504', actor: 'admin', details: { name: '新区', nameEn: 'New Area', parent: '330502' } },
    ]);
    const dup = await call('POST', 'districts', { code: '330504', name: '又一个' });
    expect(dup.statusCode).toBe(409);
    expect(message(dup)).toBe('code: district 330504 exists already');
    const badCode = await call('POST', 'districts', { code: '3305', name: 'x' });
    expect(badCode.statusCode).toBe(400);
    expect(message(badCode)).toMatch(/code/);
    const badParent = await call('POST', 'districts', { code: '330505', name: 'x', parent: '330599' });
    expect(badParent.statusCode).toBe(400);
    expect(message(badParent)).toBe('parent: district 330599 does not exist');
  });

  it('edits names and parent with the changed fields before → after; refuses a cycle', async () => {
    const res = await call('PATCH', 'districts/330504', { name: '南太湖新区', parent: null });
    expect(res.json()).toMatchObject({ name: '南太湖新区', parent: null });
    expect((await audits('district.updated'))[0]).toEqual({
      target: '330504',
      actor: 'admin',
      details: {
        changes: { name: { from: '新区', to: '南太湖新区' }, parent: { from: '330502', to: null } },
      },
    });
    // The same edit again changes nothing and writes nothing.
    await call('PATCH', 'districts/330504', { name: '南太湖新区' });
    expect(await audits('district.updated')).toHaveLength(1);
    await call('PATCH', 'districts/330504', { parent: '330502' });
    const cycle = await call('PATCH', 'districts/330502', { parent: '330504' });
    expect(cycle.statusCode).toBe(400);
    expect(message(cycle)).toBe('parent: district 330504 lies under 330502');
    expect((await call('PATCH', 'districts/999999', { name: 'x' })).statusCode).toBe(404);
  });

  it('retires a district only without sites or divisions in service, and reinstates it', async () => {
    const busy = await call('POST', 'districts/330502/retire');
    expect(busy.statusCode).toBe(409);
    expect(message(busy)).toMatch(/330502 still has \d+ sites in service/);
    const retired = await call('POST', 'districts/330504/retire');
    expect(retired.statusCode).toBe(200);
    expect(retired.json<{ retiredAt: string }>().retiredAt).toBe('2026-03-15T00:00:00.000Z');
    expect(
      (await call('GET', 'districts')).json<{ items: { code: string }[] }>().items.map((d) => d.code),
    ).toEqual(['330502', '330503']);
    const all = (await call('GET', 'master-data/districts')).json<{ items: { code: string }[] }>().items;
    expect(all.map((d) => d.code)).toEqual(['330502', '330503', '330504']);
    expect((await call('POST', 'districts/330504/retire')).statusCode).toBe(409);
    const onRetired = await call('POST', 'sites', { ...STATION, code: 'A8', district: '330504' });
    expect(message(onRetired)).toBe('district: district 330504 is retired');
    expect((await call('POST', 'districts/330504/reinstate')).json()).toMatchObject({ retiredAt: null });
    expect((await call('POST', 'districts/330504/reinstate')).statusCode).toBe(409);
    expect((await audits('district.retired')).map((e) => e.target)).toEqual(['330504']);
    expect((await audits('district.reinstated')).map((e) => e.target)).toEqual(['330504']);
  });
});

describe('master data: sites', () => {
  it('creates an air station, audited with what it holds; 409 on a taken code', async () => {
    const res = await call('POST', 'sites', STATION);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'air_station',
      code: 'A9',
      districtCode: '330503',
      parentCode: null,
      attributes: { network: 'provincial', cityAqi: true },
      retiredAt: null,
    });
    const [entry] = await audits('site.created');
    expect(entry).toMatchObject({
      target: 'A9',
      actor: 'admin',
      details: { kind: 'air_station', name: '新区站' },
    });
    const dup = await call('POST', 'sites', STATION);
    expect(dup.statusCode).toBe(409);
    expect(message(dup)).toBe('code: site A9 exists already');
  });

  it.each([
    [{ ...STATION, code: 'A7', district: '330999' }, 'district: district 330999 does not exist'],
    [{ ...STATION, code: 'A7', longitude: null }, 'longitude: give both coordinates or neither'],
    [{ ...STATION, code: 'A7', longitude: null, latitude: null }, 'longitude: required for a air_station'],
    [
      { ...STATION, code: 'A7', attributes: {} },
      'attributes.network: null is not one of national, provincial, city',
    ],
    [
      {
        ...STATION,
        code: 'W7',
        kind: 'water_section',
        attributes: { waterType: 'river', network: 'city', waterBody: '河' },
      },
      'attributes.targetClass: null is not one of I, II, III, IV, V',
    ],
    [
      {
        kind: 'outlet',
        code: 'E1-G9',
        name: '排口',
        district: '330502',
        attributes: { medium: 'gas', emissionStandard: 'x' },
      },
      'enterprise: required for an outlet',
    ],
    [
      {
        kind: 'outlet',
        code: 'E1-W9',
        name: '排口',
        district: '330502',
        enterprise: 'E1',
        attributes: { medium: 'water', emissionStandard: 'GB 13271-2014' },
      },
      'attributes.emissionStandard: GB 13271-2014 limits flue gas, not a water outlet',
    ],
    [
      {
        kind: 'outlet',
        code: 'E1-G9',
        name: '排口',
        district: '330502',
        enterprise: 'A1',
        attributes: { medium: 'gas', emissionStandard: 'GB 13271-2014' },
      },
      'enterprise: enterprise A1 does not exist',
    ],
    [
      {
        kind: 'outlet',
        code: 'E1-G9',
        name: '排口',
        district: '330502',
        enterprise: 'E1',
        attributes: { medium: 'gas', emissionStandard: 'GB 13271-2014', parameters: ['SO2'] },
      },
      'attributes.parameters[0]: "SO2" is not an HJ 212-2017 parameter code',
    ],
    [
      { kind: 'enterprise', code: 'E9', name: '厂', district: '330502', attributes: { creditCode: 'abc' } },
      'attributes.creditCode: "ABC" is not an 18-character unified social credit code (GB 32100-2015)',
    ],
    [
      {
        kind: 'enterprise',
        code: 'E9',
        name: '厂',
        district: '330502',
        attributes: { creditCode: '91529902MA2YL00027' },
      },
      'attributes.creditCode: "91529902MA2YL00027" is not a valid unified social credit code (GB 32100-2015): the check character should be 6',
    ],
    [{ ...STATION, code: 'bad code' }, 'code: "bad code": use 1–64 letters, digits, ".", "-" or "_"'],
  ])('refuses a bad site naming the field (%#)', async (body, expected) => {
    const res = await call('POST', 'sites', body);
    expect(res.statusCode).toBe(400);
    expect(message(res)).toBe(expected);
  });

  it('an edit does not judge a stored value again (a demo enterprise keeps its DEMO credit code)', async () => {
    await t.store.sites.create({
      kind: 'enterprise',
      code: 'ED',
      name: '演示厂',
      districtCode: '330502',
      attributes: { creditCode: 'DEMO33050200000001', industryCode: '1752' },
    });
    const res = await call('PATCH', 'sites/ED', { attributes: { address: '演示路 1 号' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      attributes: { creditCode: 'DEMO33050200000001', address: '演示路 1 号' },
    });
    const changed = await call('PATCH', 'sites/ED', { attributes: { creditCode: 'DEMO33050200000002' } });
    expect(message(changed)).toBe(
      'attributes.creditCode: "DEMO33050200000002" is not an 18-character unified social credit code (GB 32100-2015)',
    );
  });

  it('400 from the schema names the field too', async () => {
    const res = await call('POST', 'sites', { ...STATION, code: 'A6', attributes: { targetClass: 'VI' } });
    expect(res.statusCode).toBe(400);
    expect(message(res)).toMatch(/targetClass/);
  });

  it('creates an outlet under its enterprise and edits it, auditing only the changed fields', async () => {
    const res = await call('POST', 'sites', {
      kind: 'outlet',
      code: 'E1-G2',
      name: '锅炉排口 DA002',
      district: '330502',
      enterprise: 'E1',
      attributes: {
        medium: 'gas',
        emissionStandard: 'GB 13271-2014',
        referenceO2Pct: 3.5,
        parameters: ['a21026'],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ parentCode: 'E1', longitude: null });
    const edit = await call('PATCH', 'sites/E1-G2', {
      name: '燃气锅炉排口 DA002',
      attributes: { parameters: ['a21026', 'a21002'] },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({
      name: '燃气锅炉排口 DA002',
      attributes: { medium: 'gas', referenceO2Pct: 3.5, parameters: ['a21026', 'a21002'] },
    });
    expect((await audits('site.updated'))[0]).toEqual({
      target: 'E1-G2',
      actor: 'admin',
      details: {
        kind: 'outlet',
        changes: {
          name: { from: '锅炉排口 DA002', to: '燃气锅炉排口 DA002' },
          'attributes.parameters': { from: ['a21026'], to: ['a21026', 'a21002'] },
        },
      },
    });
    await call('PATCH', 'sites/E1-G2', { name: '燃气锅炉排口 DA002' });
    expect((await audits('site.updated')).filter((e) => e.target === 'E1-G2')).toHaveLength(1);
    const badMove = await call('PATCH', 'sites/E1-G2', { district: '330000' });
    expect(message(badMove)).toBe('district: district 330000 does not exist');
    expect((await call('PATCH', 'sites/NOPE', { name: 'x' })).statusCode).toBe(404);
  });

  it('retires and reinstates a site: out of the lists, history kept, audited; an enterprise waits for its outlets', async () => {
    const busy = await call('POST', 'sites/E1/retire');
    expect(busy.statusCode).toBe(409);
    expect(message(busy)).toMatch(/E1 still has 2 outlets in service/);
    const res = await call('POST', 'sites/A9/retire');
    expect(res.json<{ retiredAt: string | null }>().retiredAt).not.toBeNull();
    const publicList = (await call('GET', 'sites?kind=air_station')).json<{ items: { code: string }[] }>();
    expect(publicList.items.map((s) => s.code)).not.toContain('A9');
    const admin = (await call('GET', 'master-data/sites?kind=air_station&includeRetired=true&q=a9')).json<{
      items: { code: string }[];
    }>();
    expect(admin.items.map((s) => s.code)).toEqual(['A9']);
    expect((await call('POST', 'sites/A9/retire')).statusCode).toBe(409);
    expect((await call('POST', 'sites/A9/reinstate')).json()).toMatchObject({ retiredAt: null });
    expect((await audits('site.retired')).map((e) => e.target)).toEqual(['A9']);
    expect((await audits('site.reinstated')).map((e) => e.target)).toEqual(['A9']);
    expect(
      (
        await createServices({
          store: t.store,
          clock: new ManualClock('2026-03-15T00:00:00Z'),
        }).audit.verify()
      ).ok,
    ).toBe(true);
  });
});
