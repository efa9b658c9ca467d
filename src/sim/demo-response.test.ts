import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/helpers.js';
import type { TestStore } from '../../test/helpers.js';
import { writeDemoHistory } from '../cli/demo-history.js';
import { ManualClock } from '../clock.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { seedCity } from '../store/seed.js';
import { DEMO_CITY } from './demo-city.js';
import { demoResponseAdjust, loadDemoAlert, loadDemoGrades } from './demo-response.js';

const NOW = new Date('2026-12-07T02:30:00Z');
let ts: TestStore;
let services: Services;

beforeAll(async () => {
  const clock = new ManualClock(NOW);
  ts = await openTestStore(clock);
  services = createServices({ store: ts.store, clock });
  await seedCity(ts.store, DEMO_CITY, { demo: true });
  await ts.store.city.put({ code: DEMO_CITY.adminCode, name: DEMO_CITY.name, nameEn: DEMO_CITY.nameEn }, NOW);
  await loadDemoGrades(services, DEMO_CITY);
  await writeDemoHistory(ts.store, DEMO_CITY, NOW, {
    airDays: 0,
    waterDays: 0,
    outletDays: 10,
    adjust: demoResponseAdjust(DEMO_CITY, NOW),
  });
}, 60_000);
afterAll(async () => {
  await ts.cleanup();
});

describe('demo response', () => {
  it('grades every demo enterprise with a gas outlet; power and heat are protected', async () => {
    const grades = await services.response.grades({ kind: 'all' });
    expect(grades.length).toBeGreaterThan(10);
    expect(grades.find((g) => g.site.code === 'HZ-E-007')).toMatchObject({
      grade: 'B',
      industry: '热电联产',
    });
    expect(grades.find((g) => g.site.code === 'HZ-E-007')?.protectedBasis).toMatch(/以热定产/);
    expect(grades.every((g) => g.source === 'demo')).toBe(true);
  });

  it('the past alert has a realistic mix: most cut, two do not, one CEMS fell silent', async () => {
    await loadDemoAlert(services, DEMO_CITY, NOW);
    const [alert] = await services.response.alerts('lifted');
    expect(alert).toMatchObject({ level: 'orange', state: 'lifted', demo: true });
    const items = await services.response.obligations({ kind: 'all' }, alert?.id ?? 0);
    const status = Object.fromEntries(items.map((o) => [o.enterprise.code, o.status]));
    expect(status['HZ-E-012']).toBe('non_compliant');
    expect(status['HZ-E-020']).toBe('non_compliant');
    expect(status['HZ-E-014']).toBe('no_data');
    const compliant = items.filter((o) => o.status === 'compliant').length;
    expect(compliant).toBeGreaterThan(items.length / 2);
    // 48 judged hours each, none after the lifting.
    expect(items.every((o) => o.evidence.length === 48)).toBe(true);
  });
});
