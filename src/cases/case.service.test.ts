/** The case service over a real SQLite store, with a manual clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, seedAccessFixture } from '../../test/helpers.js';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { EVIDENCE_SAMPLES } from '../../test/case-fixtures.js';
import { AuditService } from '../audit/audit.service.js';
import { ManualClock } from '../clock.js';
import { DAY_MS, HOUR_MS } from '../standards/china-time.js';
import type { CaseRecord } from '../store/case.repository.js';
import type { AlarmLookup, AlarmSummary } from './alarm-lookup.js';
import { CaseEscalator } from './case-escalator.js';
import { EVIDENCE_QUOTAS } from './evidence.js';
import { cacheOf, foldCase, fromStoredEvent } from './case-fold.js';
import type { CaseState } from './case-machine.js';
import type { CaseCaller } from './case.service.js';
import { CaseError, CaseService } from './case.service.js';
import { EvidenceRejected } from './evidence.js';

const T0 = '2026-03-15T00:00:00Z';
const clock = new ManualClock(T0);
let ts: TestStore;
let fx: AccessFixture;
let cases: CaseService;
let audit: AuditService;

const ALARM: AlarmSummary = {
  id: 41,
  siteId: 0,
  parameter: 'a21026',
  rule: 'exceedance',
  severity: 'critical',
  message: 'SO2 小时均值超标 / SO2 hourly mean above limit',
};
const alarms: AlarmLookup = { getById: (id) => Promise.resolve(id === ALARM.id ? ALARM : null) };

/** A caller with the scope src/auth/scope.ts gives their role. */
const who = (
  username: string,
  role: CaseCaller['role'],
  extra: Partial<Omit<CaseCaller, 'scope'>> = {},
): CaseCaller => {
  const districtCode = extra.districtCode ?? null;
  const enterpriseSiteId = extra.enterpriseSiteId ?? null;
  return {
    username,
    role,
    districtCode,
    enterpriseSiteId,
    scope:
      districtCode !== null
        ? { kind: 'district', districtCode }
        : enterpriseSiteId !== null
          ? { kind: 'sites', siteIds: [enterpriseSiteId] }
          : { kind: 'all' },
    ...extra,
  };
};
const supervisor = who('supervisor', 'supervisor');
const wuxing = who('wuxing', 'district', { districtCode: '330502' });
let ent1: CaseCaller;
let ent2: CaseCaller;

/** The audit entries about one case, oldest first. */
async function auditOf(caseId: number) {
  const page = await ts.store.audit.query({ targetType: 'case', targetId: String(caseId), limit: 1000 });
  return page.items.reverse();
}

/** The case row's cached columns equal the fold of its events. */
async function expectCacheIsFold(id: number): Promise<CaseRecord> {
  const record = await ts.store.cases.getById(id);
  const events = (await ts.store.cases.events(id)).map(fromStoredEvent);
  const folded = cacheOf(foldCase(events));
  expect(record).toMatchObject(folded);
  return record!;
}

async function refusal(p: Promise<unknown>): Promise<CaseError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CaseError);
  return err as CaseError;
}

beforeAll(async () => {
  ts = await openTestStore(clock);
  fx = await seedAccessFixture(ts.store);
  ALARM.siteId = fx.sites['E1-G1'];
  ent1 = who('ent1', 'enterprise', { enterpriseSiteId: fx.sites.E1 });
  ent2 = who('ent2', 'enterprise', { enterpriseSiteId: fx.sites.E2 });
  audit = new AuditService(ts.store.audit, clock);
  cases = new CaseService({ store: ts.store, clock, alarms, audit });
});
afterAll(async () => {
  await ts.cleanup();
});

describe('the loop, end to end', () => {
  let id = 0;
  it('opens a case from an alarm: subject, description, category and the enterprise from the alarm', async () => {
    const c = await cases.create(supervisor, { source: 'alarm', alarmId: ALARM.id });
    id = c.id;
    expect(c).toMatchObject({
      state: 'discovered',
      subjectType: 'site',
      subjectSiteId: fx.sites['E1-G1'],
      districtCode: '330502',
      category: 'emission_exceedance',
      description: ALARM.message,
      responsibleType: 'enterprise',
      responsibleSiteId: fx.sites.E1,
    });
    await expectCacheIsFold(id);
    expect(await auditOf(id)).toMatchObject([
      {
        action: 'case.transition',
        actor: 'supervisor',
        actorRole: 'supervisor',
        targetType: 'case',
        targetId: String(id),
        details: { caseId: id, from: null, to: 'discovered', source: 'alarm', alarmId: ALARM.id },
      },
    ]);
  });
  it('walks every state, the cache equal to the fold of the events after each step', async () => {
    const deadline = new Date(Date.parse(T0) + 10 * DAY_MS);
    const steps: [CaseCaller, Parameters<CaseService['transition']>[2]][] = [
      [supervisor, { to: 'verified', comment: '现场核实属实' }],
      [supervisor, { to: 'assigned', deadline, comment: '交办' }],
      [ent1, { to: 'rectifying' }],
      [ent1, { to: 'self_checked', comment: '已更换脱硫剂' }],
      [supervisor, { to: 'under_acceptance' }],
      [supervisor, { to: 'rectifying', comment: '复测仍超标' }],
      [ent1, { to: 'self_checked', comment: '再次整改' }],
      [supervisor, { to: 'under_acceptance' }],
      [supervisor, { to: 'publicised' }],
      [supervisor, { to: 'closed' }],
      [
        supervisor,
        { to: 'rectifying', comment: '回头看发现反弹', deadline: new Date(deadline.getTime() + 30 * DAY_MS) },
      ],
    ];
    for (const [actor, input] of steps) {
      clock.advance(HOUR_MS);
      const next = await cases.transition(actor, id, input);
      expect(next.state).toBe(input.to);
      expect(await expectCacheIsFold(id)).toEqual(next);
    }
    const c = await expectCacheIsFold(id);
    expect(c).toMatchObject({ reopenCount: 1, closedAt: null, rectifiedAt: null });
    const trail = (await auditOf(id)).slice(1);
    expect(trail.map((e) => [e.action, e.actor, e.details.to])).toEqual(
      steps.map(([actor, input]) => ['case.transition', actor.username, input.to]),
    );
    expect(trail[1]?.details).toMatchObject({
      from: 'verified',
      to: 'assigned',
      responsible: { type: 'enterprise', siteId: fx.sites.E1 },
    });
    expect(c.firstClosedAt).not.toBeNull();
    expect((await ts.store.cases.events(id)).map((e) => e.seq)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });
  it('counts the case reopened on look-back as assigned, not closed, and its list filter finds it (issue 23)', async () => {
    const { total } = await cases.figures(supervisor, 'district');
    const listed = async (states: readonly CaseState[] | undefined) =>
      (await cases.list(supervisor, { states })).total;
    expect(total.closed).toBe(await listed(total.queries.closed.state));
    expect(total.assigned).toBe(await listed(total.queries.assigned.state));
    expect(total.everClosed).toBeGreaterThan(total.closed);
    const reopened = await cases.list(supervisor, { states: total.queries.assigned.state });
    expect(reopened.items.some((c) => c.reopenCount > 0 && c.state === 'rectifying')).toBe(true);
  });
  it('assigning needs a unit: the one set on the case, or one named; none is a 400 naming the field', async () => {
    const c = await cases.create(supervisor, {
      source: 'inspection',
      subject: { type: 'site', siteId: fx.sites.A1 },
      category: 'air',
      description: '站点附近秸秆焚烧',
    });
    expect(c.responsibleType).toBeNull();
    expect((await cases.detail(supervisor, c.id)).suggestedResponsible).toMatchObject({
      type: 'district',
      code: '330502',
    });
    expect(await cases.deriveResponsible({ siteId: fx.sites['E2-W1'] })).toMatchObject({
      type: 'enterprise',
      siteId: fx.sites.E2,
    });
    await cases.transition(supervisor, c.id, { to: 'verified' });
    const deadline = new Date(clock.now().getTime() + 5 * DAY_MS);
    const err = await refusal(cases.transition(supervisor, c.id, { to: 'assigned', deadline }));
    expect([err.status, err.message]).toEqual([400, 'responsible: required to assign (交办)']);
    const done = await cases.transition(supervisor, c.id, {
      to: 'assigned',
      deadline,
      responsible: { type: 'district', code: '330502' },
    });
    expect(done).toMatchObject({ state: 'assigned', responsibleType: 'district', responsibleCode: '330502' });
  });
  it('refuses an illegal move with 409 and the allowed next states', async () => {
    const err = await refusal(cases.transition(supervisor, id, { to: 'closed' }));
    expect(err.code).toBe('conflict');
    expect(err.details).toEqual({
      state: 'rectifying',
      to: 'closed',
      allowed: ['self_checked'],
      allowedForYou: [],
    });
  });
  it('refuses the wrong party with 403, naming what the caller may do', async () => {
    // The party rule on its own: another enterprise, were the case in its scope.
    const err = await refusal(
      cases.transition({ ...ent2, scope: { kind: 'all' } }, id, { to: 'self_checked', comment: 'x' }),
    );
    expect(err.code).toBe('forbidden');
    expect(err.details).toEqual({ state: 'rectifying', to: 'self_checked', allowedForYou: [] });
    expect((await refusal(cases.transition(wuxing, id, { to: 'self_checked', comment: 'x' }))).code).toBe(
      'forbidden',
    );
  });
  it('answers "not found" for a case outside the caller\'s scope, as if it did not exist', async () => {
    const err = await refusal(cases.transition(ent2, id, { to: 'self_checked', comment: 'x' }));
    expect(err).toMatchObject({ code: 'not-found', status: 404, message: `case ${id} not found` });
    expect((await refusal(cases.detail(ent2, id))).code).toBe('not-found');
  });
  it('asks for what a step needs', async () => {
    expect((await refusal(cases.transition(ent1, id, { to: 'self_checked' }))).message).toMatch(/comment/);
    const other = await cases.create(wuxing, {
      source: 'complaint',
      subject: { type: 'district', districtCode: '330502' },
      category: 'noise',
      description: '夜间施工噪声',
    });
    expect((await refusal(cases.transition(supervisor, other.id, { to: 'dismissed' }))).message).toMatch(
      /reason/,
    );
    await cases.transition(supervisor, other.id, { to: 'verified' });
    expect((await refusal(cases.transition(supervisor, other.id, { to: 'assigned' }))).message).toMatch(
      /responsible/,
    );
    expect(
      (
        await refusal(
          cases.transition(supervisor, other.id, {
            to: 'assigned',
            responsible: { type: 'district', code: '330502' },
          }),
        )
      ).message,
    ).toMatch(/deadline/);
    const past = new Date(Date.parse(T0) - DAY_MS);
    expect(
      (
        await refusal(
          cases.transition(supervisor, other.id, {
            to: 'assigned',
            responsible: { type: 'district', code: '330502' },
            deadline: past,
          }),
        )
      ).message,
    ).toMatch(/future/);
  });
  it('a district officer opens cases in their own district only; an enterprise none', async () => {
    expect(
      (
        await refusal(
          cases.create(wuxing, {
            source: 'inspection',
            subject: { type: 'site', siteId: fx.sites.W1 },
            category: 'water',
            description: 'x',
          }),
        )
      ).code,
    ).toBe('forbidden');
    expect(
      (
        await refusal(
          cases.create(ent1, {
            source: 'manual',
            subject: { type: 'site', siteId: fx.sites.E1 },
            category: 'other',
            description: 'x',
          }),
        )
      ).code,
    ).toBe('forbidden');
  });
  it('two writers on the same case: one wins, the other gets a conflict', async () => {
    const c = await cases.create(supervisor, {
      source: 'manual',
      subject: { type: 'site', siteId: fx.sites.A1 },
      category: 'air',
      description: '扬尘',
    });
    const results = await Promise.allSettled([
      cases.transition(supervisor, c.id, { to: 'verified' }),
      cases.transition(supervisor, c.id, { to: 'dismissed', reason: 'duplicate' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    await expectCacheIsFold(c.id);
  });
});

describe('openFromAlarm', () => {
  it('opens once per alarm while the case is open, and again after it is closed', async () => {
    const alarm = { ...ALARM, id: 77 };
    const a = await cases.openFromAlarm(alarm);
    expect(a).toMatchObject({ source: 'alarm', alarmId: 77, createdBy: 'system', state: 'discovered' });
    expect((await cases.openFromAlarm(alarm)).id).toBe(a.id);
    await cases.transition(supervisor, a.id, { to: 'dismissed', reason: 'instrument fault, not pollution' });
    const b = await cases.openFromAlarm(alarm);
    expect(b.id).not.toBe(a.id);
  });
});

describe('deadlines: extensions and escalation with a manual clock', () => {
  let id = 0;
  const escalator = () => new CaseEscalator(cases);
  beforeAll(async () => {
    clock.set('2026-04-01T00:00:00Z');
    const c = await cases.create(supervisor, {
      source: 'inspection',
      subject: { type: 'enterprise', siteId: fx.sites.E1 },
      category: 'solid_waste',
      description: '危废贮存不规范',
    });
    id = c.id;
    await cases.transition(supervisor, id, { to: 'verified' });
    await cases.transition(supervisor, id, {
      to: 'assigned',
      responsible: { type: 'enterprise', siteId: fx.sites.E1 },
      deadline: new Date('2026-04-11T00:00:00Z'),
    });
  });
  const levels = async () =>
    (await ts.store.cases.events(id)).filter((e) => e.kind === 'escalated').map((e) => e.data.level);

  it('takes nothing before the deadline', async () => {
    clock.set('2026-04-10T23:59:59Z');
    expect((await escalator().tick()).steps.filter((s) => s.caseId === id)).toEqual([]);
  });
  it('warns once overdue, each step an event and a notice to the enterprise, its district and the bureau', async () => {
    clock.set('2026-04-11T00:00:01Z');
    expect((await escalator().tick()).steps).toContainEqual({ caseId: id, level: 'warning' });
    expect(await levels()).toEqual(['warning']);
    expect((await escalator().tick()).steps.filter((s) => s.caseId === id)).toEqual([]);
    const notices = await ts.store.notifications.list({
      audiences: [`enterprise:${fx.sites.E1}`],
      caseId: id,
    });
    expect(notices.items.map((n) => n.kind)).toContain('case.escalated.warning');
    for (const audience of ['district:330502', 'bureau']) {
      const seen = await ts.store.notifications.list({ audiences: [audience], caseId: id });
      expect(seen.items.map((n) => n.kind)).toContain('case.escalated.warning');
    }
    await expectCacheIsFold(id);
  });
  it('lists for supervision at 15 days and summons at 30; a missed tick takes every step due', async () => {
    clock.set('2026-04-26T00:00:00Z');
    await escalator().tick();
    expect(await levels()).toEqual(['warning', 'listed']);
    clock.set('2026-06-01T00:00:00Z');
    await escalator().tick();
    expect(await levels()).toEqual(['warning', 'listed', 'summoned']);
    expect((await expectCacheIsFold(id)).escalation).toBe('summoned');
  });
  it('an approved extension sets the new deadline and starts the ladder again', async () => {
    await cases.transition(ent1, id, { to: 'rectifying' });
    expect(
      (
        await refusal(
          cases.requestExtension(wuxing, id, { deadline: new Date('2026-07-01T00:00:00Z'), reason: 'x' }),
        )
      ).code,
    ).toBe('forbidden');
    await cases.requestExtension(ent1, id, {
      deadline: new Date('2026-07-01T00:00:00Z'),
      reason: '需采购新设备',
    });
    expect(
      (
        await refusal(
          cases.requestExtension(ent1, id, { deadline: new Date('2026-07-02T00:00:00Z'), reason: 'again' }),
        )
      ).code,
    ).toBe('conflict');
    expect((await refusal(cases.decideExtension(ent1, id, { approve: true }))).code).toBe('forbidden');
    const approved = await cases.decideExtension(supervisor, id, {
      approve: true,
      deadline: new Date('2026-06-20T00:00:00Z'),
      comment: '同意延期至6月20日',
    });
    expect(approved).toMatchObject({ deadline: new Date('2026-06-20T00:00:00Z'), escalation: 'none' });
    expect((await escalator().tick()).steps.filter((s) => s.caseId === id)).toEqual([]);
    expect(
      (await refusal(cases.decideExtension(supervisor, id, { approve: false, comment: 'no' }))).code,
    ).toBe('conflict');
    clock.set('2026-06-21T00:00:00Z');
    await escalator().tick();
    expect(await levels()).toEqual(['warning', 'listed', 'summoned', 'warning']);
    await expectCacheIsFold(id);
  });
  it('audits the extension request and decision as their actors, each escalation step as the system', async () => {
    const trail = (await auditOf(id)).map((e) => [e.action, e.actor, e.actorRole]);
    expect(trail.filter(([action]) => action !== 'case.transition')).toEqual([
      ['case.escalated', 'system', null],
      ['case.escalated', 'system', null],
      ['case.escalated', 'system', null],
      ['case.extension_requested', 'ent1', 'enterprise'],
      ['case.extension_approved', 'supervisor', 'supervisor'],
      ['case.escalated', 'system', null],
    ]);
    const [step] = (await ts.store.audit.query({ action: 'case.escalated', targetId: String(id) })).items;
    expect(step).toMatchObject({
      targetType: 'case',
      details: { caseId: id, level: 'warning', deadline: '2026-06-20T00:00:00.000Z' },
    });
    expect(await audit.verify()).toMatchObject({ ok: true });
  });
  it('stops escalating once the unit has self-checked', async () => {
    await cases.transition(ent1, id, { to: 'self_checked', comment: '已整改' });
    const c = await expectCacheIsFold(id);
    expect(c.rectifiedOnTime).toBe(false);
    clock.set('2026-09-01T00:00:00Z');
    expect((await escalator().tick()).steps.filter((s) => s.caseId === id)).toEqual([]);
  });
});

describe('evidence', () => {
  it('audits an upload as evidence added; a refused file is neither stored nor audited', async () => {
    const c = await cases.create(supervisor, {
      source: 'inspection',
      subject: { type: 'site', siteId: fx.sites.A1 },
      category: 'air',
      description: '站点周边露天焚烧',
    });
    const stored = await cases.addAttachment(supervisor, c.id, {
      bytes: EVIDENCE_SAMPLES.pdf,
      filename: '现场笔录.pdf',
    });
    const refused = await cases
      .addAttachment(supervisor, c.id, { bytes: EVIDENCE_SAMPLES.exe, filename: 'a.pdf' })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(EvidenceRejected);
    expect(refused).toMatchObject({ status: 415, reason: 'EVIDENCE_TYPE' });
    expect((await ts.store.attachments.listForCase(c.id)).map((a) => a.id)).toEqual([stored.id]);
    const added = (await auditOf(c.id)).filter((e) => e.action === 'case.evidence_added');
    expect(added).toMatchObject([
      {
        actor: 'supervisor',
        targetType: 'case',
        targetId: String(c.id),
        details: { attachmentId: stored.id, sha256: stored.sha256, mediaType: 'application/pdf' },
      },
    ]);
  });
});

describe('evidence quotas and states (docs/security.md §9)', () => {
  it('refuses evidence on a dismissed case, and the 101st file of a case', async () => {
    const c = await cases.create(supervisor, {
      source: 'inspection',
      subject: { type: 'site', siteId: fx.sites.A1 },
      category: 'air',
      description: '配额测试',
    });
    for (let i = 0; i < EVIDENCE_QUOTAS.perCase.files; i += 1) {
      await cases.addAttachment(supervisor, c.id, { bytes: EVIDENCE_SAMPLES.pdf, filename: `p${i}.pdf` });
    }
    const over = await cases
      .addAttachment(supervisor, c.id, { bytes: EVIDENCE_SAMPLES.pdf, filename: 'one-more.pdf' })
      .catch((e: unknown) => e);
    expect(over).toMatchObject({ status: 413, reason: 'EVIDENCE_QUOTA' });
    expect(await ts.store.attachments.usage({ caseId: c.id })).toEqual({
      files: EVIDENCE_QUOTAS.perCase.files,
      bytes: EVIDENCE_QUOTAS.perCase.files * EVIDENCE_SAMPLES.pdf.length,
    });
    await cases.transition(supervisor, c.id, { to: 'dismissed', reason: '不属实' });
    const closed = await cases
      .addAttachment(supervisor, c.id, { bytes: EVIDENCE_SAMPLES.pdf, filename: 'late.pdf' })
      .catch((e: unknown) => e);
    expect(closed).toMatchObject({ status: 409 });
  });
});

describe('one transaction: the case, its notices and its audit entry', () => {
  const failing = () =>
    new CaseService({
      store: ts.store,
      clock,
      alarms,
      audit: { record: () => Promise.reject(new Error('the audit log is unavailable')) },
    });
  it('a case whose audit entry fails is not opened, and no one is told', async () => {
    const before = await ts.store.cases.all({});
    const notices = await ts.store.notifications.list({ audiences: ['bureau'], limit: 1000 });
    await expect(
      failing().create(wuxing, {
        source: 'inspection',
        subject: { type: 'site', siteId: fx.sites.A1 },
        category: 'air',
        description: '工地扬尘',
      }),
    ).rejects.toThrow(/audit log is unavailable/);
    expect(await ts.store.cases.all({})).toHaveLength(before.length);
    expect((await ts.store.notifications.list({ audiences: ['bureau'], limit: 1000 })).items).toHaveLength(
      notices.items.length,
    );
  });
  it('a transition whose audit entry fails leaves no event; one whose evidence cannot be linked neither event nor entry', async () => {
    const c = await cases.create(supervisor, {
      source: 'manual',
      subject: { type: 'site', siteId: fx.sites.A1 },
      category: 'air',
      description: '扬尘',
    });
    await expect(failing().transition(supervisor, c.id, { to: 'verified' })).rejects.toThrow(
      /audit log is unavailable/,
    );
    const linked = await cases
      .transition(supervisor, c.id, { to: 'verified', attachmentIds: [999_999] })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(linked).toMatchObject({ status: 400, details: { attachmentIds: [999_999] } });
    expect((await ts.store.cases.events(c.id)).map((e) => e.seq)).toEqual([1]);
    expect((await expectCacheIsFold(c.id)).state).toBe('discovered');
    expect((await auditOf(c.id)).map((e) => e.details.to)).toEqual(['discovered']);
    expect(await audit.verify()).toMatchObject({ ok: true });
  });
});
