import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { openTestStore, seedAccessFixture, testPrincipal } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { NotFoundError } from '../errors.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';

const clock = new ManualClock('2026-03-15T02:00:00Z');
let t: TestStore;
let fx: AccessFixture;
let services: Services;

beforeAll(async () => {
  t = await openTestStore(clock);
  fx = await seedAccessFixture(t.store);
  services = createServices({ store: t.store, clock });
  await services.corrections.correct(
    testPrincipal('operator'),
    fx.readings.e1,
    { value: 30, reason: 'r' },
    null,
  );
});
afterAll(async () => {
  await t.cleanup();
});

describe('ReadingService', () => {
  it('finds a site’s readings by site code or device MN, as received or corrected', async () => {
    const bySite = await services.readings.query(testPrincipal('admin'), { site: 'E1-G1' }, {});
    expect(bySite.siteCode).toBe('E1-G1');
    expect(bySite.page.items.map((r) => r.value)).toEqual([35]);
    const byMn = await services.readings.query(testPrincipal('admin'), { mn: 'MN-E1' }, { corrected: true });
    expect(byMn.siteCode).toBe('E1-G1');
    expect(byMn.page.items[0]).toMatchObject({ value: 30, originalValue: 35 });
  });

  it('answers an unknown site or device, and one outside the scope, as absent', async () => {
    await expect(services.readings.query(testPrincipal('admin'), { site: 'NOPE' }, {})).rejects.toThrow(
      /site NOPE not found/,
    );
    await expect(services.readings.query(testPrincipal('admin'), { mn: 'NOPE' }, {})).rejects.toThrow(
      /device NOPE not found/,
    );
    const wuxing = testPrincipal('district', { districtCode: '330502' });
    await expect(services.readings.query(wuxing, { mn: 'MN-E2' }, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
