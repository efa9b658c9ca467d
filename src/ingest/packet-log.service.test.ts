import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore, seedAccessFixture, testPrincipal } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';

const clock = new ManualClock('2026-03-15T02:00:00Z');
let t: TestStore;
let services: Services;

beforeAll(async () => {
  t = await openTestStore(clock);
  await seedAccessFixture(t.store);
  services = createServices({ store: t.store, clock });
});
afterAll(async () => {
  await t.cleanup();
});

describe('PacketLogService', () => {
  it('scopes the packet log to the devices the caller may see', async () => {
    const entry = (mn: string) => ({
      receivedAt: clock.now(),
      peer: null,
      mn,
      qn: null,
      cn: '2061',
      outcome: 'accepted' as const,
      code: null,
      reason: null,
      raw: '##…',
    });
    await t.store.packets.append([entry('MN-E1'), entry('MN-E2')]);
    const all = await services.packets.query(testPrincipal('admin'), {});
    expect(all.items.map((e) => e.mn)).toEqual(['MN-E2', 'MN-E1']);
    const wuxing = testPrincipal('district', { districtCode: '330502' });
    expect((await services.packets.query(wuxing, {})).items.map((e) => e.mn)).toEqual(['MN-E1']);
  });
});
