import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { openTestStore, seedAccessFixture, testPrincipal } from '../../test/helpers.js';
import { createServices } from '../services.js';
import type { Services } from '../services.js';
import { ManualClock } from '../clock.js';
import { MONTH_FIGURES_TTL_MS } from '../monitor/source.service.js';
import type { CaseCache } from '../store/case.repository.js';

describe('search and enterprise figures over cases, scoped', () => {
  const clock = new ManualClock('2026-03-15T04:00:00Z');
  let t: TestStore;
  let fx: AccessFixture;
  let services: Services;
  let caseId = 0;

  beforeAll(async () => {
    t = await openTestStore(clock);
    fx = await seedAccessFixture(t.store);
    services = createServices({ store: t.store, clock });
    // A case assigned to E1 whose deadline passed a day ago: overdue now.
    const at = new Date('2026-03-10T02:00:00Z');
    const cache: CaseCache = {
      state: 'assigned',
      lastSeq: 1,
      responsibleType: 'enterprise',
      responsibleCode: 'E1',
      responsibleName: 'E1',
      responsibleSiteId: fx.sites.E1,
      deadline: new Date('2026-03-14T04:00:00Z'),
      escalation: 'none',
      assignedAt: at,
      rectifiedAt: null,
      rectifiedOnTime: null,
      firstClosedAt: null,
      closedAt: null,
      reopenCount: 0,
      updatedAt: at,
    };
    const record = await t.store.cases.create(
      {
        source: 'inspection',
        alarmId: null,
        externalRef: null,
        subjectType: 'enterprise',
        subjectSiteId: fx.sites.E1,
        subjectName: 'E1',
        districtCode: '330502',
        category: 'air',
        title: '现场检查发现废气收集不到位',
        description: '',
        createdAt: at,
        createdBy: 'supervisor',
        demo: false,
      },
      {
        seq: 1,
        kind: 'created',
        fromState: null,
        toState: 'assigned',
        actor: 'supervisor',
        actorRole: 'supervisor',
        at,
        comment: '',
        data: {},
      },
      cache,
    );
    caseId = record.id;
  });
  afterAll(async () => {
    await t.cleanup();
  });

  const scopeOf = (role: Parameters<typeof testPrincipal>[0], extra = {}) =>
    services.scope.of(testPrincipal(role, extra));

  it('finds a case by its number, with or without #, only for those who may see it', async () => {
    const bureau = await scopeOf('supervisor');
    // A bare number also matches codes that hold it; the case comes first.
    const [first] = await services.search.search(bureau, String(caseId));
    expect(first).toMatchObject({ kind: 'case', code: String(caseId) });
    expect((await services.search.search(bureau, `#${caseId}`))[0]?.name).toBe('现场检查发现废气收集不到位');
    const own = await scopeOf('enterprise', { enterpriseSiteId: fx.sites.E1 });
    expect((await services.search.search(own, `#${caseId}`)).map((h) => h.kind)).toEqual(['case']);
    const other = await scopeOf('enterprise', { enterpriseSiteId: fx.sites.E2 });
    expect(await services.search.search(other, `#${caseId}`)).toEqual([]);
    const nanxun = await scopeOf('district', { districtCode: '330503' });
    expect(await services.search.search(nanxun, `#${caseId}`)).toEqual([]);
  });

  it('ranks exact matches before prefixes and names the enterprise of an outlet', async () => {
    const bureau = await scopeOf('supervisor');
    const hits = await services.search.search(bureau, 'e1');
    expect(hits.map((h) => h.code)).toEqual(['E1', 'E1-G1', 'MN-E1']);
    expect(hits.map((h) => h.enterpriseCode)).toEqual(['E1', 'E1', 'E1']);
    expect(hits[2]?.siteKind).toBe('outlet');
    await expect(services.search.search(bureau, ' ')).rejects.toThrow(/q:/);
  });

  it('counts the overdue case on its enterprise and ranks by it within the scope', async () => {
    const bureau = await scopeOf('supervisor');
    const list = await services.sources.enterprises(bureau);
    expect(list.items.find((e) => e.enterprise.code === 'E1')?.overdueCases).toBe(1);
    expect(list.items.find((e) => e.enterprise.code === 'E2')?.overdueCases).toBe(0);
    const ranking = await services.sources.ranking(bureau, 'overdueCases');
    expect(ranking.items.map((r) => [r.rank, r.summary.enterprise.code, r.value])).toEqual([[1, 'E1', 1]]);
    const nanxun = await scopeOf('district', { districtCode: '330503' });
    expect((await services.sources.ranking(nanxun, 'overdueCases')).items).toEqual([]);
  });

  it('reuses the month totals in the list for a minute, while the file judges afresh', async () => {
    const bureau = await scopeOf('supervisor');
    const before = await services.sources.enterprises(bureau);
    expect(before.items.find((e) => e.enterprise.code === 'E2')?.verdict).toBe('not-judged');
    await t.store.limits.add([
      {
        siteId: fx.sites['E2-W1'],
        parameter: 'a21026',
        value: 50,
        lowerValue: null,
        unit: 'mg/m3',
        averaging: 'hour',
        referenceO2Pct: null,
        standard: 'GB 13271-2014',
        clause: 'Table 2',
        validFrom: null,
        validTo: null,
        source: 'bureau',
        createdBy: 'test',
      },
    ]);
    const cached = await services.sources.enterprises(bureau);
    expect(cached.items.find((e) => e.enterprise.code === 'E2')?.verdict).toBe('not-judged');
    const file = await services.sources.enterpriseFile(bureau, 'E2');
    expect(file.summary.verdict).toBe('compliant');
    clock.advance(MONTH_FIGURES_TTL_MS);
    const after = await services.sources.enterprises(bureau);
    expect(after.items.find((e) => e.enterprise.code === 'E2')?.verdict).toBe('compliant');
  });
});
