import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { parseDbUrl } from '../config/config.js';
import { openStore } from '../store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-audit-cli-'));
const db = `sqlite:${join(dir, 'audit.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

describe('qingshan audit verify', () => {
  it('has help', async () => {
    expect((await run('audit', 'verify', '--help')).out).toMatch(/Usage: qingshan audit verify/);
  });

  it('passes on an intact chain (user and device changes from the CLI are audited)', async () => {
    const store = await openStore(parseDbUrl(db));
    await store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
    await store.sites.create({ kind: 'outlet', code: 'O1', name: '排口', districtCode: '330502' });
    await store.close();
    expect(
      (
        await run(
          'user',
          'add',
          '--db',
          db,
          '--username',
          'root1',
          '--password',
          'root-password',
          '--role',
          'admin',
        )
      ).code,
    ).toBe(0);
    expect(
      (await run('device', 'add', '--db', db, '--mn', 'MN1', '--password', 'pw', '--site', 'O1')).code,
    ).toBe(0);
    expect(
      (
        await run(
          'user',
          'add',
          '--db',
          db,
          '--username',
          'sup1',
          '--password',
          'sup-password',
          '--role',
          'supervisor',
        )
      ).code,
    ).toBe(0);
    const ok = await run('audit', 'verify', '--db', db);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toMatch(/^audit chain intact: 3 entries, head [0-9a-f]{64}$/);
  });

  it('exits 1 naming the first broken entry after a row is edited', async () => {
    const store = await openStore(parseDbUrl(db));
    await sql`drop trigger audit_log_no_update`.execute(store.db);
    await store.db.updateTable('audit_log').set({ actor: 'someone else' }).where('seq', '=', 2).execute();
    await store.close();
    const broken = await run('audit', 'verify', '--db', db);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/qingshan: audit chain broken at entry #2: entry #2 was changed/);
  });
});
