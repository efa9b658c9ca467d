import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { createServices } from '../services.js';
import type { Reading } from '../store/types.js';
import { openTestStore } from '../../test/helpers.js';

describe('AlarmEngine.lagMs', () => {
  it('is the age of the oldest commit not judged yet, and 0 once caught up', async () => {
    const clock = new ManualClock('2026-03-15T00:00:00Z');
    const t = await openTestStore(clock);
    try {
      const engine = createServices({ store: t.store, clock }).alarmEngine;
      expect(engine.lagMs()).toBe(0);
      const receivedAt = clock.now();
      const reading: Reading = {
        siteId: 999,
        parameter: 'a34013',
        interval: 'min',
        periodStart: receivedAt,
        value: 1,
        valueText: '1',
        min: null,
        max: null,
        cumulative: null,
        flag: 'N',
        source: 'hj212',
        receivedAt,
      };
      engine.onCommitted(
        [
          {
            mn: 'MN',
            readings: [reading],
            log: { receivedAt, peer: 'p', mn: 'MN', qn: null, cn: '2051', raw: '' },
          },
        ],
        [{ outcome: 'accepted', inserted: 1, duplicates: 0 }],
      );
      clock.advance(90_000);
      expect(engine.pendingSites()).toBe(1);
      expect(engine.lagMs()).toBe(90_000);
      await engine.idle();
      expect(engine.lagMs()).toBe(0);
      expect(engine.pendingSites()).toBe(0);
    } finally {
      await t.cleanup();
    }
  });
});
