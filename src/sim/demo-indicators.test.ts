/** The demo indicator entries: deterministic, marked demo, accepted by the indicator service. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { airCity } from '../../test/air-days.js';
import { openTestStore, type TestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { createServices } from '../services.js';
import { DEMO_INDICATOR_NOTE, loadDemoIndicators } from './demo-indicators.js';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
  await airCity(t.store);
});
afterEach(() => t.cleanup());

describe('demo indicators', () => {
  it('enters the targets of the year for the city and each district, and the city statistics', async () => {
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const services = createServices({ store: t.store, clock });
    // 23 city targets + 8 statistics + 2 districts × 4 targets.
    expect(await loadDemoIndicators(services)).toBe(39);
    const targets = await t.store.indicators.inForce(2026, 'target');
    expect(targets.every((e) => e.note === DEMO_INDICATOR_NOTE)).toBe(true);
    const board = await services.indicators.board(2026, 'city');
    expect(board.items.find((i) => i.key === 'carbon.pv-capacity')).toMatchObject({
      value: 2140,
      target: 2500,
    });
  });
});
