import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers.js';
import type { TestStore } from '../../test/helpers.js';
import { cacheOf, foldCase, fromStoredEvent } from '../cases/case-fold.js';
import { ManualClock } from '../clock.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { seedCity } from '../store/seed.js';
import { DEMO_CITY } from './demo-city.js';
import { loadDemoCases } from './demo-cases.js';

const NOW = new Date('2026-06-01T02:00:00Z');
let ts: TestStore;
let services: Services;

beforeAll(async () => {
  const clock = new ManualClock(NOW);
  ts = await openTestStore(clock);
  services = createServices({ store: ts.store, clock });
  await seedCity(ts.store, DEMO_CITY, { demo: true });
});
afterAll(async () => {
  await ts.cleanup();
});

describe('demo cases', () => {
  it('loads cases in every part of the loop, each row equal to the fold of its events', async () => {
    expect(await loadDemoCases(services)).toBe(8);
    const all = await ts.store.cases.all({});
    expect(all.every((c) => c.demo)).toBe(true);
    expect(all.map((c) => c.state).sort()).toEqual([
      'closed',
      'discovered',
      'dismissed',
      'publicised',
      'rectifying',
      'rectifying',
      'rectifying',
      'under_acceptance',
    ]);
    for (const c of all) {
      const events = (await ts.store.cases.events(c.id)).map(fromStoredEvent);
      expect(c).toMatchObject(cacheOf(foldCase(events)));
    }
    expect(all.find((c) => c.title.startsWith('危废'))?.escalation).toBe('listed');
    expect(all.find((c) => c.title.startsWith('废水'))?.reopenCount).toBe(1);
    // Every step audited: each event of each case is one entry, and the chain is intact.
    let events = 0;
    for (const c of all) events += c.lastSeq;
    const trail = await ts.store.audit.query({ targetType: 'case', limit: 1000 });
    expect(trail.items).toHaveLength(events);
    expect(await services.audit.verify()).toMatchObject({ ok: true, entries: events });
  });
});
