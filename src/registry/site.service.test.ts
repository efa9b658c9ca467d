import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore, seedAccessFixture, testPrincipal } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';

const clock = new ManualClock('2026-03-15T00:00:00Z');
let t: TestStore;
let services: Services;

beforeEach(async () => {
  t = await openTestStore(clock);
  services = createServices({ store: t.store, clock });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.cleanup();
});

describe('SiteService', () => {
  it('lists and gets sites within the caller’s scope; outside reads as absent', async () => {
    const fx = await seedAccessFixture(t.store);
    const anonymous = await services.sites.list(null, {});
    expect(anonymous.items.map((s) => s.code)).toEqual(['A1', 'W1']);
    const ent1 = testPrincipal('enterprise', { enterpriseSiteId: fx.sites.E1 });
    expect((await services.sites.list(ent1, {})).items.map((s) => s.code)).toEqual(['E1', 'E1-G1']);
    expect((await services.sites.list(ent1, { parent: 'E1' })).items.map((s) => s.code)).toEqual(['E1-G1']);
    await expect(services.sites.list(ent1, { parent: 'E2' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await services.sites.get(ent1, 'E1-G1')).code).toBe('E1-G1');
    await expect(services.sites.get(ent1, 'E2')).rejects.toThrow(/site E2 not found/);
    await expect(services.sites.get(null, 'E1')).rejects.toBeInstanceOf(NotFoundError);
    expect((await services.sites.list(null, { kind: 'enterprise' })).items).toEqual([]);
  });

  it('lists the districts and the published sites for the home page', async () => {
    await seedAccessFixture(t.store);
    const listing = await services.sites.publicListing();
    expect(listing.districts.map((d) => d.code)).toEqual(['330502', '330503']);
    expect(listing.sites.map((s) => s.code)).toEqual(['A1', 'W1']);
    expect(listing.total).toBe(2);
  });

  it('creates a site with its audit entry, or neither', async () => {
    await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
    const site = { kind: 'outlet' as const, code: 'O9', name: '排口九', districtCode: '330502' };
    const importer = { username: 'system:cli', role: null };
    vi.spyOn(services.audit, 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(services.sites.create(importer, site)).rejects.toThrow(/audit down/);
    expect(await services.sites.findByCode('O9')).toBeNull();
    await services.sites.create(importer, site);
    const [entry] = (await t.store.audit.query({ action: 'site.created' })).items;
    expect(entry).toMatchObject({
      actor: 'system:cli',
      targetType: 'site',
      targetId: 'O9',
      details: { kind: 'outlet', districtCode: '330502' },
    });
  });
});
