import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { loginAll, loginHeaders, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import { MANIFEST_STATES, MANIFEST_PARTIES } from '../waste/manifest-machine.js';
import { LEDGER_KINDS, WASTE_ROLES } from '../store/waste.repository.js';
import { HAND_LEDGER_KINDS } from '../waste/waste.service.js';
import type { App } from './app.js';
import {
  WASTE_HAND_LEDGER_KINDS,
  WASTE_LEDGER_KINDS,
  WASTE_MANIFEST_PARTIES,
  WASTE_MANIFEST_STATES,
  WASTE_PARTY_ROLES,
} from './waste.schemas.js';
import type { ManifestDto } from './waste.schemas.js';

const clock = new ManualClock('2026-06-01T02:00:00Z');
let t: TestStore;
let app: App;
let fx: AccessFixture;
let h: Record<
  'admin' | 'supervisor' | 'operator' | 'wuxing' | 'ent1' | 'carrier' | 'receiver',
  Record<string, string>
>;

beforeAll(async () => {
  t = await openTestStore(clock);
  fx = await seedAccessFixture(t.store);
  const car = await t.store.sites.create({
    kind: 'enterprise',
    code: 'C1',
    name: '危运公司',
    districtCode: '330503',
  });
  await t.store.users.add({
    username: 'car1',
    password: 'car1-password-x',
    role: 'enterprise',
    enterpriseSiteId: car.id,
  });
  await t.store.users.add({
    username: 'rec1',
    password: 'rec1-password-x',
    role: 'enterprise',
    enterpriseSiteId: fx.sites.E2,
  });
  app = await testApp(t.store, clock);
  h = {
    ...(await loginAll(app)),
    carrier: await loginHeaders(app, 'car1', 'car1-password-x'),
    receiver: await loginHeaders(app, 'rec1', 'rec1-password-x'),
  };
  const put = (payload: object) =>
    app.inject({ method: 'PUT', url: '/api/v1/waste/parties', headers: h.admin, payload });
  expect((await put({ site: 'E1', role: 'generator' })).statusCode).toBe(200);
  expect((await put({ site: 'C1', role: 'carrier', permitNo: 'P-1', vehicles: ['浙E1'] })).statusCode).toBe(
    200,
  );
  expect(
    (await put({ site: 'E2', role: 'receiver', licenceCodes: ['900-041-49'], licenceMethods: ['D10'] }))
      .statusCode,
  ).toBe(200);
  const ledger = await app.inject({
    method: 'POST',
    url: '/api/v1/waste/enterprises/E1/ledger',
    headers: h.ent1,
    payload: { kind: 'generated', code: '900-041-49', quantityT: 10 },
  });
  expect(ledger.statusCode, ledger.body).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

const post = (who: keyof typeof h, url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: h[who], payload });

describe('waste API', () => {
  it('mirrors the server lists in the shared schemas', () => {
    expect(WASTE_MANIFEST_STATES).toEqual(MANIFEST_STATES);
    expect(WASTE_MANIFEST_PARTIES).toEqual(MANIFEST_PARTIES);
    expect(WASTE_PARTY_ROLES).toEqual(WASTE_ROLES);
    expect(WASTE_LEDGER_KINDS).toEqual(LEDGER_KINDS);
    expect(WASTE_HAND_LEDGER_KINDS).toEqual(HAND_LEDGER_KINDS);
  });

  it('lists parties by role with their codes', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/waste/parties?role=carrier',
      headers: h.ent1,
    });
    expect(res.json()).toEqual({
      items: [
        expect.objectContaining({ siteCode: 'C1', role: 'carrier', permitNo: 'P-1', vehicles: ['浙E1'] }),
      ],
    });
  });

  it('walks a manifest through the parties; refuses out-of-role (403) and illegal moves (409)', async () => {
    const created = await post('ent1', '/api/v1/waste/manifests', {
      carrier: 'C1',
      receiver: 'E2',
      items: [{ code: '900-041-49', quantityT: 2.5, packaging: '吨袋' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json<ManifestDto>();
    expect(m).toMatchObject({ state: 'draft', number: expect.stringMatching(/^20263305\d{6}$/) as string });
    const url = `/api/v1/waste/manifests/${m.id}/transitions`;
    expect((await post('ent1', url, { to: 'submitted' })).statusCode).toBe(200);
    // The consignor confirming receipt: a legal move from in_transit, but not the consignor's.
    expect((await post('carrier', url, { to: 'in_transit', vehicle: '浙E1' })).statusCode).toBe(200);
    const outOfRole = await post('ent1', url, { to: 'received', received: [{ line: 1, quantityT: 2.5 }] });
    expect(outOfRole.statusCode).toBe(403);
    expect(outOfRole.json()).toMatchObject({ error: { code: 'forbidden' } });
    const illegal = await post('ent1', url, { to: 'void', reason: 'too late' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({
      error: { code: 'conflict', details: { state: 'in_transit', allowed: ['received', 'rejected'] } },
    });
    const received = await post('receiver', url, { to: 'received', received: [{ line: 1, quantityT: 2.5 }] });
    expect(received.json<ManifestDto>()).toMatchObject({
      state: 'received',
      allowedMoves: ['disposed'],
      callerParties: ['receiver'],
    });
    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/waste/manifests/${m.id}`,
      headers: h.wuxing,
    });
    expect(detail.json<ManifestDto>().events.map((e) => e.toState)).toEqual([
      'draft',
      'submitted',
      'in_transit',
      'received',
    ]);
  });

  it('answers bad input with the envelope naming the field', async () => {
    const res = await post('ent1', '/api/v1/waste/manifests', {
      carrier: 'C1',
      receiver: 'E2',
      items: [{ code: '90-041-49', quantityT: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/^items\[0\]\.code/);
  });

  it('scopes files and lists: another enterprise 404, its district sees it, figures for the bureau', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/waste/enterprises/E2/file', headers: h.ent1 }))
        .statusCode,
    ).toBe(404);
    const file = await app.inject({
      method: 'GET',
      url: '/api/v1/waste/enterprises/E1/file?year=2026',
      headers: h.wuxing,
    });
    expect(file.statusCode, file.body).toBe(200);
    expect(file.json()).toMatchObject({ site: { code: 'E1' }, stock: [{ code: '900-041-49', stockT: 7.5 }] });
    const list = await app.inject({ method: 'GET', url: '/api/v1/waste/manifests', headers: h.carrier });
    expect(list.json<{ total: number }>().total).toBe(1);
    const figures = await app.inject({
      method: 'GET',
      url: '/api/v1/waste/figures?year=2026',
      headers: h.supervisor,
    });
    expect(figures.json()).toMatchObject({
      flows: [{ from: { code: 'E1' }, to: { code: 'E2' }, quantityT: 2.5 }],
    });
  });
});
