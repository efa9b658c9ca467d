import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { openTestStore, seedAccessFixture, testPrincipal } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { BadInputError, NotFoundError } from '../errors.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';

const clock = new ManualClock('2026-03-15T02:00:00Z');
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

const entries = async () => (await t.store.audit.query({ action: 'reading.corrected' })).items;

describe('CorrectionService', () => {
  it('commits a correction and its audit entry together', async () => {
    const c = await services.corrections.correct(
      testPrincipal('operator'),
      fx.readings.e1,
      { value: 30.5, flag: 'C', reason: 'after calibration' },
      '10.0.0.1',
    );
    expect(c).toMatchObject({ value: 30.5, correctedBy: 'operator' });
    const [entry] = await entries();
    expect(entry).toMatchObject({
      actor: 'operator',
      actorRole: 'operator',
      targetType: 'reading',
      targetId: String(fx.readings.e1),
      address: '10.0.0.1',
      details: { correctionId: c.id, original: { value: 35, flag: 'N' } },
    });
  });

  it('leaves neither the correction nor its entry when the audit entry fails', async () => {
    vi.spyOn(services.audit, 'record').mockRejectedValueOnce(new Error('audit down'));
    await expect(
      services.corrections.correct(
        testPrincipal('operator'),
        fx.readings.e1,
        { invalid: true, reason: 'r' },
        null,
      ),
    ).rejects.toThrow(/audit down/);
    expect(await t.store.corrections.listForReading(fx.readings.e1)).toEqual([]);
    expect(await entries()).toEqual([]);
  });

  it('leaves no entry when the correction is refused', async () => {
    await expect(
      services.corrections.correct(testPrincipal('operator'), fx.readings.e1, { reason: 'no content' }, null),
    ).rejects.toBeInstanceOf(BadInputError);
    expect(await entries()).toEqual([]);
  });

  it('answers a reading outside the caller’s scope as absent', async () => {
    const ent1 = testPrincipal('enterprise', { enterpriseSiteId: fx.sites.E1 });
    expect((await services.corrections.history(ent1, fx.readings.e1)).site.code).toBe('E1-G1');
    await expect(services.corrections.history(ent1, fx.readings.e2)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      services.corrections.correct(
        testPrincipal('district', { districtCode: '330502' }),
        fx.readings.e2,
        {
          invalid: true,
          reason: 'r',
        },
        null,
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
