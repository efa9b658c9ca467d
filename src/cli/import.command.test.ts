import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';

const FIXTURES = new URL('../../test/fixtures/cnemc/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'qingshan-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const r = await runCli(...args);
  return { code: r.code, out: r.outLines, err: r.errLines };
}

describe('qingshan import --format cnemc', () => {
  const db = `sqlite:${join(dir, 'q.db')}`;

  it('imports a folder and reports rows read, stored, duplicated and rejected; again: all duplicated', async () => {
    const first = await run(['import', FIXTURES, '--format', 'cnemc', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(
      /^3 file\(s\), 3144 row\(s\) read: \d+ stored, 0 duplicated, 0 rejected, \d+ without values/,
    );
    expect(first.out.join('\n')).toMatch(/created \d+ air station\(s\) and \d+ district\(s\)/);
    const again = await run(['import', FIXTURES, '--format', 'cnemc', '--db', db]);
    expect(again.out[0]).toMatch(/read: 0 stored, \d+ duplicated, 0 rejected/);
    expect(again.out[0]).toMatch(/\(0 readings stored/);
  });

  it('requires --format and names a missing path', async () => {
    expect((await run(['import', FIXTURES, '--db', db])).code).not.toBe(0);
    const missing = await run(['import', join(dir, 'nope.csv'), '--format', 'cnemc', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toMatch(/does not exist/);
  });
});
