import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../config/config.js';
import { runStoreSuite } from './store.case.test.js';
import { openStore } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store (file, WAL)', () => {
  runStoreSuite({ open: (clock) => openStore(parseDbUrl(`sqlite:${join(dir, 'suite.db')}`), { clock }) });

  it('runs in WAL mode and creates missing folders', async () => {
    const store = await openStore(parseDbUrl(`sqlite:${join(dir, 'nested', 'deeper', 'q.db')}`));
    const mode = await store.db.selectNoFrom((eb) => eb.val(1).as('x')).execute();
    expect(mode).toHaveLength(1);
    await store.close();
  });
});
