import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import type { App } from './app.js';

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

const put = (path: string, payload: object, headers = h.operator) =>
  app.inject({ method: 'PUT', url: `/api/v1/devices/${path}`, headers, payload });

describe('device credentials', () => {
  it('sets a new HJ 212 password: the old one stops working; audited without it; never returned', async () => {
    const res = await put('MN-E1/password', { password: 'n3w-Pw!' });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await t.store.devices.authenticate('MN-E1', 'dev-pw-1')).toEqual({
      ok: false,
      reason: 'bad_password',
    });
    expect((await t.store.devices.authenticate('MN-E1', 'n3w-Pw!')).ok).toBe(true);
    const [entry] = (await t.store.audit.query({ action: 'device.password_changed' })).items;
    expect(entry).toMatchObject({ actor: 'operator', targetId: 'MN-E1', details: { siteCode: 'E1-G1' } });
    expect(JSON.stringify(entry)).not.toContain('n3w-Pw!');
    expect((await put('MN-E1/password', { password: 'has space' })).statusCode).toBe(400);
    expect((await put('MN-E1/password', { password: 'x'.repeat(33) })).statusCode).toBe(400);
    expect((await put('NOPE/password', { password: 'abc' })).statusCode).toBe(404);
  });

  it('binds a device to peer addresses, naming a wrong one', async () => {
    const bad = await put('MN-E2/allowed-addresses', { addresses: ['10.0.0.5', 'not-an-ip'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(
      /"not-an-ip" not an IPv4 or IPv6/,
    );
    const ok = await put(
      'MN-E2/allowed-addresses',
      { addresses: ['10.0.0.5', '2001:db8::1', '10.0.0.5'] },
      h.admin,
    );
    expect(ok.json()).toEqual({
      mn: 'MN-E2',
      siteCode: 'E2-W1',
      enabled: true,
      allowedAddresses: ['10.0.0.5', '2001:db8::1'],
    });
    expect(await t.store.devices.authenticate('MN-E2', 'dev-pw-2', '10.0.0.6')).toEqual({
      ok: false,
      reason: 'address_not_allowed',
    });
    expect((await t.store.devices.authenticate('MN-E2', 'dev-pw-2', '10.0.0.5')).ok).toBe(true);
    const [entry] = (await t.store.audit.query({ action: 'device.addresses_changed' })).items;
    expect(entry?.details).toEqual({ from: [], to: ['10.0.0.5', '2001:db8::1'] });
  });

  it('disables and enables a device, auditing only real changes', async () => {
    expect((await put('MN-E2/enabled', { enabled: false })).json()).toMatchObject({ enabled: false });
    expect(await t.store.devices.authenticate('MN-E2', 'dev-pw-2', '10.0.0.5')).toEqual({
      ok: false,
      reason: 'disabled',
    });
    await put('MN-E2/enabled', { enabled: false });
    await put('MN-E2/enabled', { enabled: true });
    const entries = (await t.store.audit.query({ action: 'device.enabled_changed' })).items.reverse();
    expect(entries.map((e) => e.details)).toEqual([
      { from: true, to: false },
      { from: false, to: true },
    ]);
  });
});
