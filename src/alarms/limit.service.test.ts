import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import type { AuditEvent } from '../audit/audit.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ScopeService } from '../auth/scope.js';
import { ManualClock } from '../clock.js';
import { BadInputError, NotFoundError } from '../errors.js';
import { SourceService } from '../monitor/source.service.js';
import type { Database } from '../store/schema.js';
import type { LimitCaller } from './limit.service.js';
import { LimitService } from './limit.service.js';

const clock = new ManualClock('2026-03-15T02:00:00Z');
let t: TestStore;
let limits: LimitService;

function serviceWith(audit: AuditService): LimitService {
  const scope = new ScopeService(t.store);
  return new LimitService({
    store: t.store,
    clock,
    audit,
    sources: new SourceService({ store: t.store, clock, scope }),
  });
}

const supervisor: LimitCaller = {
  actor: { username: 'sup', role: 'supervisor' },
  scope: { kind: 'all' },
  address: '127.0.0.1',
};

beforeAll(async () => {
  t = await openTestStore(clock);
  await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  const e = await t.store.sites.create({ kind: 'enterprise', code: 'E', name: 'E', districtCode: '330502' });
  const outlet = (code: string, attributes: Record<string, unknown>) =>
    t.store.sites.create({
      kind: 'outlet',
      code,
      name: code,
      districtCode: '330502',
      parentId: e.id,
      attributes,
    });
  await outlet('G1', { medium: 'gas', emissionStandard: 'GB 13271-2014', referenceO2Pct: 3.5 });
  await outlet('W1', { medium: 'water', emissionStandard: 'GB 8978-1996' });
  await outlet('X1', { medium: 'gas', emissionStandard: 'a local permit' });
  limits = serviceWith(new AuditService(t.store.audit, clock));
});
afterAll(() => t.cleanup());

describe('LimitService', () => {
  it('applies presets to outlets without rows, each audited with its rows by the given actor', async () => {
    const result = await limits.applyPresets({ username: 'demo', role: null });
    expect(result.applied.map((a) => [a.code, a.preset])).toEqual([
      ['G1', 'GB 13271-2014/gas-boiler'],
      ['W1', 'GB 8978-1996/grade-1'],
    ]);
    expect(result.uncovered).toEqual([
      expect.objectContaining({ code: 'X1', emissionStandard: 'a local permit' }),
    ]);
    const audit = (await t.store.audit.query({ action: 'limit.changed' })).items.reverse();
    expect(audit.map((e) => [e.actor, e.targetType, e.targetId, e.details.preset])).toEqual([
      ['demo', 'site', 'G1', 'GB 13271-2014/gas-boiler'],
      ['demo', 'site', 'W1', 'GB 8978-1996/grade-1'],
    ]);
    const g1 = await limits.ofOutlet({ kind: 'all' }, 'G1');
    expect((audit[0]?.details.added as unknown[]).length).toBe(g1.history.length);
    expect(g1.preset).toBe('GB 13271-2014/gas-boiler');
    expect(g1.inForce.length).toBeGreaterThan(0);
    expect(g1.inForce.every((l) => l.createdBy === 'demo' && l.source === `preset:${g1.preset}`)).toBe(true);
    // A second run finds every covered outlet with rows already.
    expect((await limits.applyPresets({ username: 'demo', role: null })).applied).toEqual([]);
  });

  it('adds hand-entered rows for the caller, audited with the address', async () => {
    const added = await limits.addRows(supervisor, 'X1', [
      { parameter: 'a21026', value: 35, unit: 'mg/m3', averaging: 'hour', standard: 'permit' },
    ]);
    expect(added).toMatchObject([{ source: 'bureau', createdBy: 'sup', lowerValue: null, clause: '' }]);
    const [entry] = (await t.store.audit.query({ action: 'limit.changed', targetId: 'X1' })).items;
    expect(entry).toMatchObject({ actor: 'sup', actorRole: 'supervisor', address: '127.0.0.1' });
    expect(entry?.details).not.toHaveProperty('preset');
  });

  it('refuses an unknown preset, an uncovered outlet, a site that is no outlet, and one out of scope', async () => {
    await expect(limits.applyPreset(supervisor, 'G1', 'no-such')).rejects.toThrow(BadInputError);
    await expect(limits.applyPreset(supervisor, 'X1', 'auto')).rejects.toThrow(/by hand/);
    await expect(limits.ofOutlet({ kind: 'all' }, 'E')).rejects.toThrow(BadInputError);
    await expect(limits.ofOutlet({ kind: 'sites', siteIds: [] }, 'G1')).rejects.toThrow(NotFoundError);
  });

  it('a failure inside the transaction leaves neither the rows nor the audit entry', async () => {
    /** Writes the entry, then fails: the rows and the entry must both roll back. */
    class FailingAudit extends AuditService {
      override async record(event: AuditEvent, trx?: Transaction<Database>): Promise<never> {
        await super.record(event, trx);
        throw new Error('audit store down');
      }
    }
    const failing = serviceWith(new FailingAudit(t.store.audit, clock));
    const before = {
      rows: (await limits.ofOutlet({ kind: 'all' }, 'G1')).history.length,
      audit: (await t.store.audit.query({})).total,
    };
    await expect(failing.applyPreset(supervisor, 'G1', 'auto')).rejects.toThrow(/audit store down/);
    expect((await limits.ofOutlet({ kind: 'all' }, 'G1')).history).toHaveLength(before.rows);
    expect((await t.store.audit.query({})).total).toBe(before.audit);
  });
});
