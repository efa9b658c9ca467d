import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import { AuditService } from './audit.service.js';
import { entryHash } from './chain.js';

let t: TestStore;
let audit: AuditService;
const clock = new ManualClock('2026-03-15T00:00:00Z');
const actor = { username: 'admin1', role: 'admin' };

/** Tampering needs the append-only triggers out of the way first, as an attacker with DB access would. */
async function dropGuards(): Promise<void> {
  await sql`drop trigger audit_log_no_update`.execute(t.store.db);
  await sql`drop trigger audit_log_no_delete`.execute(t.store.db);
}

beforeEach(async () => {
  t = await openTestStore(clock);
  audit = new AuditService(t.store.audit, clock);
  for (const [i, action] of (
    ['auth.login', 'user.created', 'reading.corrected', 'auth.logout'] as const
  ).entries()) {
    clock.advance(1000);
    await audit.record({
      action,
      actor,
      target: { type: 'thing', id: i },
      details: { i, when: clock.now() },
    });
  }
});
afterEach(async () => {
  await t.cleanup();
});

describe('AuditService', () => {
  it('records entries that verify', async () => {
    const v = await audit.verify();
    expect(v).toMatchObject({ ok: true, entries: 4 });
    const [newest] = (await t.store.audit.query({ limit: 1 })).items;
    expect(newest).toMatchObject({ seq: 4, action: 'auth.logout', actor: 'admin1', targetId: '3' });
    expect(v.ok && v.head.hash).toBe(newest?.hash);
  });

  it('keeps the chain linear under concurrent records', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => audit.record({ action: 'export', actor, details: { i } })),
    );
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 29 });
  });

  it('detects an edited entry and names it', async () => {
    await dropGuards();
    await t.store.db.updateTable('audit_log').set({ details: '{"i":99}' }).where('seq', '=', 2).execute();
    const v = await audit.verify();
    expect(v).toMatchObject({ ok: false, entries: 1, brokenSeq: 2 });
    expect(v.ok ? '' : v.reason).toMatch(/#2 was changed/);
  });

  it('detects an edited entry whose own hash was recomputed, at the entry after it', async () => {
    await dropGuards();
    const [e2] = await t.store.audit.scan(1, 1);
    if (!e2) throw new Error('no entry 2');
    const forged = { ...e2, actor: 'mallory' };
    await t.store.db
      .updateTable('audit_log')
      .set({ actor: 'mallory', hash: entryHash(forged) })
      .where('seq', '=', 2)
      .execute();
    const v = await audit.verify();
    expect(v).toMatchObject({ ok: false, brokenSeq: 3 });
    expect(v.ok ? '' : v.reason).toMatch(/#3 does not chain/);
  });

  it('detects a deleted entry and names it', async () => {
    await dropGuards();
    await t.store.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    const v = await audit.verify();
    expect(v).toMatchObject({ ok: false, brokenSeq: 2 });
    expect(v.ok ? '' : v.reason).toMatch(/#2 is missing/);
  });

  it('detects the newest entry deleted, through the chain head', async () => {
    await dropGuards();
    await t.store.db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    const v = await audit.verify();
    expect(v).toMatchObject({ ok: false, brokenSeq: 4 });
    expect(v.ok ? '' : v.reason).toMatch(/#4–#4 are missing/);
  });

  it('refuses details that carry a secret', async () => {
    await expect(audit.record({ action: 'user.created', actor, details: { password: 'x' } })).rejects.toThrow(
      /secrets: password/,
    );
    await expect(
      audit.record({ action: 'auth.login', actor, details: { session: { token: 'x' } } }),
    ).rejects.toThrow(/session\.token/);
  });
});
