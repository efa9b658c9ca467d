/**
 * The case tables' part of the store conformance suite (run on SQLite and PostgreSQL from
 * store.case.test.ts): cases and their append-only events, evidence bytes in the database,
 * notifications.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AttachmentRepository, DatabaseBlobStore } from './attachment.repository.js';
import type { CaseCache, NewCaseEvent, NewCaseRow } from './case.repository.js';
import { AttachmentLinkError, CaseWriteConflictError } from './case.repository.js';
import type { Store } from './store.js';

const T0 = new Date('2026-03-15T00:00:00Z');

function row(districtCode: string, extra: Partial<NewCaseRow> = {}): NewCaseRow {
  return {
    source: 'complaint',
    alarmId: null,
    externalRef: '12369-1',
    subjectType: 'site',
    subjectSiteId: null,
    subjectName: '站一',
    districtCode,
    category: 'air',
    title: '异味',
    description: '群众反映夜间异味',
    createdAt: T0,
    createdBy: 'supervisor',
    demo: false,
    ...extra,
  };
}

function cache(state: string, lastSeq: number, extra: Partial<CaseCache> = {}): CaseCache {
  return {
    state,
    lastSeq,
    responsibleType: null,
    responsibleCode: null,
    responsibleName: null,
    responsibleSiteId: null,
    deadline: null,
    escalation: 'none',
    assignedAt: null,
    rectifiedAt: null,
    rectifiedOnTime: null,
    firstClosedAt: null,
    closedAt: null,
    reopenCount: 0,
    updatedAt: T0,
    ...extra,
  };
}

/** The cached columns of a case assigned to an enterprise, due 2026-04-01. */
function assigned(enterpriseId: number): Partial<CaseCache> {
  return {
    responsibleType: 'enterprise',
    responsibleCode: 'E1',
    responsibleName: '企业一',
    responsibleSiteId: enterpriseId,
    deadline: new Date('2026-04-01T00:00:00Z'),
    assignedAt: T0,
  };
}

function event(seq: number, toState: string | null, extra: Partial<NewCaseEvent> = {}): NewCaseEvent {
  return {
    seq,
    kind: seq === 1 ? 'created' : 'transition',
    fromState: null,
    toState,
    actor: 'supervisor',
    actorRole: 'supervisor',
    at: new Date(T0.getTime() + seq * 1000),
    comment: `step ${seq}`,
    data: { n: seq, 名: '值' },
    ...extra,
  };
}

export function runCaseStoreSuite(
  ctx: () => { store: Store; open: () => Promise<Store>; enterpriseId: number },
): void {
  describe('cases and case events', () => {
    let caseId = 0;
    it('creates a case with its first event, appends the next and reads them back in order', async () => {
      const { store, enterpriseId } = ctx();
      const c = await store.cases.create(row('330502'), event(1, 'discovered'), cache('discovered', 1));
      caseId = c.id;
      expect(c).toMatchObject({ state: 'discovered', lastSeq: 1, districtCode: '330502', createdAt: T0 });
      await store.cases.append(
        caseId,
        event(2, 'assigned'),
        cache('assigned', 2, { ...assigned(enterpriseId), rectifiedOnTime: false }),
      );
      const back = await store.cases.getById(caseId);
      expect(back).toMatchObject({
        state: 'assigned',
        lastSeq: 2,
        deadline: new Date('2026-04-01T00:00:00Z'),
        rectifiedOnTime: false,
      });
      const events = await store.cases.events(caseId);
      expect(events.map((e) => [e.seq, e.toState, e.data])).toEqual([
        [1, 'discovered', { n: 1, 名: '值' }],
        [2, 'assigned', { n: 2, 名: '值' }],
      ]);
    });
    it('refuses an event that does not follow the last one', async () => {
      const { store } = ctx();
      await expect(
        store.cases.append(caseId, event(2, 'rectifying'), cache('rectifying', 2)),
      ).rejects.toThrow(CaseWriteConflictError);
      expect((await store.cases.getById(caseId))?.state).toBe('assigned');
    });
    it('lets exactly one of many concurrent writers append the same seq (a second pool on PostgreSQL)', async () => {
      const { store, open, enterpriseId } = ctx();
      const second = store.dialect === 'postgres' ? await open() : null;
      try {
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            (second !== null && i % 2 === 1 ? second : store).cases.append(
              caseId,
              event(3, 'rectifying', { comment: `writer ${i}` }),
              cache('rectifying', 3, assigned(enterpriseId)),
            ),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(CaseWriteConflictError);
        }
      } finally {
        await second?.close();
      }
      expect((await store.cases.events(caseId)).map((e) => e.seq)).toEqual([1, 2, 3]);
    });
    it('refuses to change or delete an event (append-only in the database)', async () => {
      const { store } = ctx();
      await expect(
        store.db
          .updateTable('case_events')
          .set({ comment: 'rewritten' })
          .where('case_id', '=', caseId)
          .execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        store.db.deleteFrom('case_events').where('case_id', '=', caseId).execute(),
      ).rejects.toThrow(/append-only/);
    });
    it('filters by scope, state, alarm and overdue', async () => {
      const { store, enterpriseId } = ctx();
      const other = await store.cases.create(
        row('330503', { source: 'alarm', alarmId: 9 }),
        event(1, 'discovered'),
        cache('discovered', 1),
      );
      const ids = async (f: Parameters<Store['cases']['list']>[0]) =>
        (await store.cases.list(f)).items.map((c) => c.id);
      expect(await ids({})).toEqual([other.id, caseId]);
      expect(await ids({ scope: { districtCode: '330502' } })).toEqual([caseId]);
      expect(await ids({ scope: { responsibleSiteIds: [enterpriseId], assignedOnly: true } })).toEqual([
        caseId,
      ]);
      expect(await ids({ scope: { responsibleSiteIds: [] } })).toEqual([]);
      expect(await ids({ states: ['discovered'] })).toEqual([other.id]);
      expect(
        await ids({ overdueAt: new Date('2026-05-01T00:00:00Z'), overdueStates: ['rectifying'] }),
      ).toEqual([caseId]);
      expect(await ids({ overdueAt: new Date('2026-03-20T00:00:00Z') })).toEqual([]);
      expect((await store.cases.findOpenByAlarm(9))?.id).toBe(other.id);
      const p1 = await store.cases.list({ limit: 1 });
      expect(p1.total).toBe(2);
      const p2 = await store.cases.list({ limit: 1, cursor: p1.nextCursor ?? undefined });
      expect(p2.items.map((c) => c.id)).toEqual([caseId]);
      expect(p2.nextCursor).toBeNull();
    });
    it('sorts newest first by time, not by id, and filters by responsible unit and enterprise', async () => {
      const { store, enterpriseId } = ctx();
      const HOUR = 3_600_000;
      const later = await store.cases.create(
        row('330503', {
          source: 'superior',
          subjectSiteId: enterpriseId,
          createdAt: new Date(T0.getTime() + HOUR),
        }),
        event(1, 'discovered'),
        cache('discovered', 1, { updatedAt: T0 }),
      );
      // Opened after `later` (a higher id) but dated earlier: an imported or back-dated record.
      const earlier = await store.cases.create(
        row('330503', { source: 'superior', createdAt: new Date(T0.getTime() - HOUR) }),
        event(1, 'assigned'),
        cache('assigned', 1, { ...assigned(enterpriseId), updatedAt: new Date(T0.getTime() + 2 * HOUR) }),
      );
      expect(earlier.id).toBeGreaterThan(later.id);
      expect(later).toMatchObject({ location: null, reporter: null });
      const described = await store.cases.create(
        row('330503', { source: 'inspection', location: '织里镇东侧', reporter: '省生态环境厅' }),
        event(1, 'dismissed'),
        cache('dismissed', 1),
      );
      expect(await store.cases.getById(described.id)).toMatchObject({
        location: '织里镇东侧',
        reporter: '省生态环境厅',
      });
      const ids = async (f: Parameters<Store['cases']['list']>[0]) =>
        (await store.cases.list({ source: 'superior', ...f })).items.map((c) => c.id);
      expect(await ids({})).toEqual([later.id, earlier.id]);
      expect(await ids({ sort: 'updated' })).toEqual([earlier.id, later.id]);
      expect((await store.cases.all({ source: 'superior' })).map((c) => c.id)).toEqual([
        later.id,
        earlier.id,
      ]);
      const p1 = await store.cases.list({ source: 'superior', limit: 1 });
      expect(p1.items.map((c) => c.id)).toEqual([later.id]);
      const p2 = await store.cases.list({ source: 'superior', limit: 1, cursor: p1.nextCursor ?? undefined });
      expect(p2.items.map((c) => c.id)).toEqual([earlier.id]);
      expect(p2.nextCursor).toBeNull();
      expect(await ids({ responsibleType: 'enterprise', responsibleCode: 'E1' })).toEqual([earlier.id]);
      expect(await ids({ responsibleType: 'district' })).toEqual([]);
      expect(await ids({ enterprise: { siteId: enterpriseId, subjectSiteIds: [enterpriseId] } })).toEqual([
        later.id,
        earlier.id,
      ]);
      expect(await ids({ enterprise: { siteId: enterpriseId, subjectSiteIds: [] } })).toEqual([earlier.id]);
    });
  });

  describe("writes in the caller's transaction", () => {
    const attach = (caseId: number, bytes: Buffer) => ({
      caseId,
      filename: '现场照片.pdf',
      mediaType: 'application/pdf',
      bytes,
      uploadedBy: 'supervisor',
      uploadedAt: T0,
    });
    const notice = (caseId: number) => ({
      audiences: ['district:330503'],
      caseId,
      kind: 'case.opened',
      messageZh: '新问题线索',
      messageEn: 'new case',
      at: T0,
    });
    it('commits a case, its next event, evidence and a notice together', async () => {
      const { store } = ctx();
      const repo = new AttachmentRepository(store.db, new DatabaseBlobStore(store.db));
      const bytes = Buffer.from('%PDF-1.7 committed with its case');
      const { c, a } = await store.db.transaction().execute(async (trx) => {
        const c = await store.cases.create(
          row('330503'),
          event(1, 'discovered'),
          cache('discovered', 1),
          trx,
        );
        const a = await repo.add(attach(c.id, bytes), trx);
        await store.cases.append(c.id, event(2, 'verified'), cache('verified', 2), undefined, trx);
        await store.notifications.add(notice(c.id), trx);
        return { c, a };
      });
      expect((await store.cases.getById(c.id))?.state).toBe('verified');
      expect((await store.cases.events(c.id)).map((e) => e.seq)).toEqual([1, 2]);
      expect((await repo.content(a))?.equals(bytes)).toBe(true);
      expect(
        (await store.notifications.list({ audiences: ['district:330503'], caseId: c.id })).items,
      ).toHaveLength(1);
    });
    it('leaves no case, event, evidence or notice when the transaction fails', async () => {
      const { store } = ctx();
      const repo = new AttachmentRepository(store.db, new DatabaseBlobStore(store.db));
      const bytes = Buffer.from('%PDF-1.7 rolled back with its case');
      let caseId = 0;
      await expect(
        store.db.transaction().execute(async (trx) => {
          const c = await store.cases.create(
            row('330503'),
            event(1, 'discovered'),
            cache('discovered', 1),
            trx,
          );
          caseId = c.id;
          await repo.add(attach(c.id, bytes), trx);
          await store.cases.append(c.id, event(2, 'verified'), cache('verified', 2), undefined, trx);
          await store.notifications.add(notice(c.id), trx);
          throw new Error('the audit entry failed');
        }),
      ).rejects.toThrow('the audit entry failed');
      expect(caseId).toBeGreaterThan(0);
      expect(await store.cases.getById(caseId)).toBeNull();
      expect(await store.cases.events(caseId)).toEqual([]);
      expect(await repo.listForCase(caseId)).toEqual([]);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(
        await store.db.selectFrom('attachment_blobs').select('sha256').where('sha256', '=', sha256).execute(),
      ).toEqual([]);
      expect((await store.notifications.list({ audiences: ['district:330503'], caseId })).items).toEqual([]);
    });
    it("a conflicting append in the caller's transaction is a CaseWriteConflictError and writes nothing", async () => {
      const { store } = ctx();
      const c = await store.cases.create(row('330503'), event(1, 'discovered'), cache('discovered', 1));
      await expect(
        store.db.transaction().execute(async (trx) => {
          await store.notifications.add(notice(c.id), trx);
          await store.cases.append(c.id, event(3, 'verified'), cache('verified', 3), undefined, trx);
        }),
      ).rejects.toThrow(CaseWriteConflictError);
      expect((await store.cases.events(c.id)).map((e) => e.seq)).toEqual([1]);
      expect(
        (await store.notifications.list({ audiences: ['district:330503'], caseId: c.id })).items,
      ).toEqual([]);
    });
  });

  describe('case evidence and notifications', () => {
    it('keeps evidence bytes in the database by checksum, once, and links them to an event', async () => {
      const { store } = ctx();
      const repo = new AttachmentRepository(store.db, new DatabaseBlobStore(store.db));
      const [c] = (await store.cases.list({ scope: { districtCode: '330502' } })).items;
      const bytes = Buffer.from('%PDF-1.7 evidence');
      const a = await repo.add({
        caseId: c!.id,
        filename: '验收报告.pdf',
        mediaType: 'application/pdf',
        bytes,
        uploadedBy: 'ent1',
        uploadedAt: T0,
      });
      const b = await repo.add({ ...a, caseId: c!.id, bytes, uploadedBy: 'supervisor' });
      expect(a.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(a.storage).toBe('database');
      expect(
        (
          await store.db
            .selectFrom('attachment_blobs')
            .select('sha256')
            .where('sha256', '=', a.sha256)
            .execute()
        ).length,
      ).toBe(1);
      expect((await repo.content(b))?.equals(bytes)).toBe(true);
      // Only the uploader's own, unlinked uploads can be attached to an event.
      await expect(
        store.cases.append(c!.id, event(4, 'self_checked'), cache('self_checked', 4), {
          attachmentIds: [a.id, b.id],
          uploadedBy: 'ent1',
        }),
      ).rejects.toThrow(AttachmentLinkError);
      expect((await store.cases.getById(c!.id))?.lastSeq).toBe(3);
      const ev = await store.cases.append(c!.id, event(4, 'self_checked'), cache('self_checked', 4), {
        attachmentIds: [a.id],
        uploadedBy: 'ent1',
      });
      expect((await repo.getById(a.id))?.eventId).toBe(ev.id);
      expect((await repo.listForCase(c!.id)).map((x) => x.id)).toEqual([a.id, b.id]);
    });
    it('lists notifications by audience, newest first', async () => {
      const { store } = ctx();
      await store.notifications.add({
        audiences: ['bureau', 'district:330502', 'bureau'],
        caseId: null,
        kind: 'case.assigned',
        messageZh: '交办',
        messageEn: 'assigned',
        at: T0,
      });
      await store.notifications.add({
        audiences: ['enterprise:1'],
        caseId: null,
        kind: 'case.closed',
        messageZh: '销号',
        messageEn: 'closed',
        at: new Date(T0.getTime() + 1000),
      });
      const kinds = async (audiences: string[]) =>
        (await store.notifications.list({ audiences })).items.map((n) => [n.audience, n.kind]);
      expect(await kinds(['bureau'])).toEqual([['bureau', 'case.assigned']]);
      expect(await kinds(['district:330502', 'enterprise:1'])).toEqual([
        ['enterprise:1', 'case.closed'],
        ['district:330502', 'case.assigned'],
      ]);
      expect(await kinds([])).toEqual([]);
      expect(
        (await store.notifications.list({ audiences: ['bureau'], since: new Date(T0.getTime() + 1) })).items,
      ).toEqual([]);
    });
  });
}
