/**
 * Backup under load (docs/operations.md §8): loggers send over real TCP to a
 * `qingshan serve` process while `qingshan backup` copies its store; the backup verifies, restores
 * into an empty location (and refuses an occupied one), and holds every reading acknowledged before
 * the backup began, and the evidence files.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../config/config.js';
import { DiskBlobStore } from '../store/attachment.repository.js';
import { openStore } from '../store/store.js';
import { runCli } from '../../test/cli.js';
import { loadKeyOfQn, runLogger, seedLoadDevices, storedLoadKeys } from '../../test/load-loggers.js';
import { freePort, spawnQingshan, waitForPort } from '../../test/platform-process.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-backup-'));
const live = join(dir, 'live', 'qingshan.db');
const LOGGERS = 10;
const evidence = Buffer.from('photo of the outlet, 2026-03-01');
const evidenceSha = createHash('sha256').update(evidence).digest('hex');
let child: ChildProcess | null = null;

beforeAll(async () => {
  const store = await openStore(parseDbUrl(`sqlite:${live}`));
  await seedLoadDevices(store, LOGGERS, 'BACKUP');
  await store.close();
  await new DiskBlobStore(join(dir, 'live', 'evidence')).put(evidenceSha, evidence);
});
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('qingshan backup / restore', () => {
  it('takes a consistent backup while ingest runs, and the restore has every reading acknowledged before it', async () => {
    const port = await freePort();
    child = spawnQingshan([
      'serve',
      '--db',
      `sqlite:${live}`,
      '--http-port',
      '0',
      '--hj212-port',
      String(port),
      '--log-level',
      'warn',
    ]);
    await waitForPort(port, child);
    const acked = new Set<string>();
    const loggers = Array.from({ length: LOGGERS }, (_, i) => runLogger(port, i, acked, 0, 1_000_000, 50));
    while (acked.size < 3000) await new Promise((r) => setTimeout(r, 50));

    const ackedBefore = new Set(acked);
    const out = join(dir, 'backup-1');
    const backup = await runCli('backup', '--out', out, '--db', `sqlite:${live}`);
    const ackedDuring = acked.size - ackedBefore.size;
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toMatch(/backup written to .*1 evidence file/);
    // Ingest went on while the backup ran.
    await new Promise((r) => setTimeout(r, 300));
    expect(acked.size).toBeGreaterThan(ackedBefore.size);
    for (const l of loggers) l.stop();
    await Promise.all(loggers.map((l) => l.done));

    const verified = await runCli('backup', '--verify', out);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/verifies: taken .* 2 file\(s\)/);

    const target = join(dir, 'restored', 'qingshan.db');
    const restored = await runCli('restore', out, '--db', `sqlite:${target}`);
    expect(restored.code, restored.err).toBe(0);
    const again = await runCli('restore', out, '--db', `sqlite:${target}`);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/--db: .*qingshan\.db exists; restore into an empty location/);

    const store = await openStore(parseDbUrl(`sqlite:${target}`));
    try {
      const stored = await storedLoadKeys(store);
      const lost = [...ackedBefore].filter((qn) => !stored.has(loadKeyOfQn(qn)));
      expect(
        lost.slice(0, 5),
        `${lost.length} of ${ackedBefore.size} lost (${ackedDuring} acked during the backup)`,
      ).toEqual([]);
      expect((await store.migrationStatus()).pending).toEqual([]);
    } finally {
      await store.close();
    }
    expect(readFileSync(join(dir, 'restored', 'evidence', evidenceSha.slice(0, 2), evidenceSha))).toEqual(
      evidence,
    );
  }, 120_000);

  it('finds a damaged backup, and refuses to write into a folder that is not empty', async () => {
    const out = join(dir, 'backup-2');
    expect((await runCli('backup', '--out', out, '--db', `sqlite:${live}`)).code).toBe(0);
    const refused = await runCli('backup', '--out', out, '--db', `sqlite:${live}`);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--out: .* exists and is not empty/);

    appendFileSync(join(out, 'evidence', evidenceSha.slice(0, 2), evidenceSha), 'tampered');
    const verified = await runCli('backup', '--verify', out);
    expect(verified.code).toBe(1);
    expect(verified.err).toMatch(/evidence\/.*: \d+ bytes, the manifest says \d+/);
    const target = join(dir, 'restored-2', 'qingshan.db');
    const restore = await runCli('restore', out, '--db', `sqlite:${target}`);
    expect(restore.code).toBe(2);
    expect(restore.err).toMatch(/does not verify/);
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it('points PostgreSQL to pg_dump', async () => {
    const r = await runCli('backup', '--out', join(dir, 'pg'), '--db', 'postgres://x@127.0.0.1:1/none');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/pg_dump/);
  });
});
