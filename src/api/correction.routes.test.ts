import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { App } from './app.js';

let t: TestStore;
let app: App;
let fx: AccessFixture;
let h: Awaited<ReturnType<typeof loginAll>>;
const clock = new ManualClock('2026-03-15T02:00:00Z');

beforeAll(async () => {
  t = await openTestStore(clock);
  fx = await seedAccessFixture(t.store);
  app = await testApp(t.store, clock);
  h = await loginAll(app);
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

const url = (id: number) => `/api/v1/readings/${id}/corrections`;

describe('corrections of readings (数据审核)', () => {
  it('an operator corrects, a supervisor invalidates; the original stays; both listed with who and when', async () => {
    const first = await app.inject({
      method: 'POST',
      url: url(fx.readings.e1),
      headers: h.operator,
      payload: { value: 30.5, flag: 'C', reason: '标定后修正 after calibration' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ value: 30.5, flag: 'C', invalid: false, correctedBy: 'operator' });
    clock.advance(60_000);
    const second = await app.inject({
      method: 'POST',
      url: url(fx.readings.e1),
      headers: h.supervisor,
      payload: { invalid: true, reason: '停运期间数据 plant stopped' },
    });
    expect(second.json()).toMatchObject({ value: null, invalid: true, correctedBy: 'supervisor' });

    const list = await app.inject({ url: url(fx.readings.e1), headers: h.ent1 });
    expect(list.json()).toMatchObject({
      reading: { id: fx.readings.e1, siteCode: 'E1-G1', value: 35, flag: 'N' },
      items: [
        { correctedBy: 'operator', correctedAt: '2026-03-15T02:00:00.000Z', value: 30.5 },
        { correctedBy: 'supervisor', correctedAt: '2026-03-15T02:01:00.000Z', invalid: true },
      ],
    });
    expect((await t.store.readings.getById(fx.readings.e1))?.value).toBe(35);
    const [effective] = (await t.store.readings.queryEffective({ siteId: fx.sites['E1-G1'] })).items;
    expect(effective).toMatchObject({ value: null, invalid: true, originalValue: 35 });
  });

  it('is audited with the original, the correction and the reason', async () => {
    const entries = (await t.store.audit.query({ action: 'reading.corrected' })).items.reverse();
    expect(entries.map((e) => e.actor)).toEqual(['operator', 'supervisor']);
    expect(entries[0]).toMatchObject({
      targetType: 'reading',
      targetId: String(fx.readings.e1),
      details: {
        siteCode: 'E1-G1',
        original: { value: 35, flag: 'N' },
        corrected: { value: 30.5, flag: 'C', invalid: false },
        reason: '标定后修正 after calibration',
      },
    });
  });

  it('needs a reason and some content, and a reading that exists', async () => {
    const post = (id: number, payload: object) =>
      app.inject({ method: 'POST', url: url(id), headers: h.operator, payload });
    expect((await post(fx.readings.e2, { value: 1 })).statusCode).toBe(400);
    expect((await post(fx.readings.e2, { value: 1, reason: '' })).statusCode).toBe(400);
    const empty = await post(fx.readings.e2, { reason: 'no content' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: { message: string } }>().error.message).toMatch(/value, a flag, or invalid/);
    expect((await post(fx.readings.e2, { flag: 'bad flag', reason: 'r' })).statusCode).toBe(400);
    expect((await post(999_999, { invalid: true, reason: 'r' })).statusCode).toBe(404);
    expect((await t.store.corrections.listForReading(fx.readings.e2)).length).toBe(0);
  });
});
