import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { openTestStore, seedAccessFixture, testPrincipal } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { BadInputError, ConflictError, NotFoundError } from '../errors.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { DEVICE_ONLINE_WINDOW_MS } from './device.service.js';

const clock = new ManualClock('2026-03-15T00:00:00Z');
const operator = { username: 'operator', role: 'operator' };
let t: TestStore;
let fx: AccessFixture;
let services: Services;

beforeEach(async () => {
  t = await openTestStore(clock);
  fx = await seedAccessFixture(t.store);
  services = createServices({ store: t.store, clock });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.cleanup();
});

const entries = async (action: string) => (await t.store.audit.query({ action })).items;
const auditDown = () => vi.spyOn(services.audit, 'record').mockRejectedValueOnce(new Error('audit down'));

describe('DeviceService', () => {
  it('registers a device with its audit entry, or neither; names a wrong field', async () => {
    auditDown();
    const input = { mn: 'MN-NEW', password: 'pw-1', site: 'A1', protocol: '2017' as const };
    await expect(services.devices.register(operator, input)).rejects.toThrow(/audit down/);
    expect(await services.devices.find('MN-NEW')).toBeNull();
    const { device, site } = await services.devices.register(operator, input, '10.0.0.1');
    expect(device).toMatchObject({ mn: 'MN-NEW', siteId: fx.sites.A1 });
    expect(site.code).toBe('A1');
    expect((await entries('device.registered'))[0]).toMatchObject({
      actor: 'operator',
      targetType: 'device',
      targetId: 'MN-NEW',
      details: { siteCode: 'A1', protocol: '2017' },
    });
    await expect(services.devices.register(operator, input)).rejects.toBeInstanceOf(ConflictError);
    await expect(services.devices.register(operator, { ...input, mn: 'M2', site: 'NOPE' })).rejects.toThrow(
      /^site: no site has code "NOPE"/,
    );
    await expect(
      services.devices.register(operator, { ...input, mn: 'M2', password: 'has space' }),
    ).rejects.toBeInstanceOf(BadInputError);
    expect(await entries('device.registered')).toHaveLength(1);
  });

  it('changes a password, the allowed addresses and the enabled flag, each with its entry or not at all', async () => {
    auditDown();
    await expect(services.devices.setPassword(operator, 'MN-E1', 'new-pw', null)).rejects.toThrow(
      /audit down/,
    );
    expect((await t.store.devices.authenticate('MN-E1', 'dev-pw-1')).ok).toBe(true);
    await services.devices.setPassword(operator, 'MN-E1', 'new-pw', null);
    expect((await t.store.devices.authenticate('MN-E1', 'new-pw')).ok).toBe(true);
    expect((await entries('device.password_changed'))[0]).toMatchObject({
      actor: 'operator',
      targetId: 'MN-E1',
    });

    auditDown();
    await expect(services.devices.setAllowedAddresses(operator, 'MN-E1', ['10.0.0.5'], null)).rejects.toThrow(
      /audit down/,
    );
    expect((await services.devices.get('MN-E1')).allowedAddresses).toEqual([]);
    await expect(
      services.devices.setAllowedAddresses(operator, 'MN-E1', ['not-an-ip'], null),
    ).rejects.toBeInstanceOf(BadInputError);
    await services.devices.setAllowedAddresses(operator, 'MN-E1', [' 10.0.0.5', '10.0.0.5'], null);
    expect((await services.devices.get('MN-E1')).allowedAddresses).toEqual(['10.0.0.5']);
    expect((await entries('device.addresses_changed'))[0]).toMatchObject({
      targetId: 'MN-E1',
      details: { from: [], to: ['10.0.0.5'] },
    });

    auditDown();
    await expect(services.devices.setEnabled(operator, 'MN-E1', false, null)).rejects.toThrow(/audit down/);
    expect((await services.devices.get('MN-E1')).enabled).toBe(true);
    await services.devices.setEnabled(operator, 'MN-E1', false, null);
    await services.devices.setEnabled(operator, 'MN-E1', false, null);
    expect((await services.devices.get('MN-E1')).enabled).toBe(false);
    expect((await entries('device.enabled_changed')).map((e) => e.details)).toEqual([
      { from: true, to: false },
    ]);
    await expect(services.devices.setEnabled(operator, 'NOPE', false, null)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('lists devices with online state, scoped, filtered and paged', async () => {
    await t.store.devices.markSeen(['MN-E1'], new Date(clock.now().getTime() - DEVICE_ONLINE_WINDOW_MS));
    await t.store.devices.markSeen(['MN-E2'], new Date(clock.now().getTime() - DEVICE_ONLINE_WINDOW_MS - 1));
    const all = await services.devices.list(testPrincipal('admin'), {});
    expect(all.items.map((d) => [d.mn, d.online])).toEqual([
      ['MN-E1', true],
      ['MN-E2', false],
    ]);
    expect(all.total).toBe(2);
    expect(
      (await services.devices.list(testPrincipal('admin'), { online: false })).items.map((d) => d.mn),
    ).toEqual(['MN-E2']);
    const first = await services.devices.list(testPrincipal('admin'), { limit: 1 });
    expect(first).toMatchObject({ total: 2, nextCursor: '1' });
    const wuxing = testPrincipal('district', { districtCode: '330502' });
    expect((await services.devices.list(wuxing, {})).items.map((d) => d.mn)).toEqual(['MN-E1']);
    expect((await services.devices.all()).map((d) => d.mn)).toEqual(['MN-E1', 'MN-E2']);
  });
});
