import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('exits 1 when every row is rejected, naming why; a quote never closed is rejected as such', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'timepoint,stationcode,so2,no2,co,o3,pm10,pm2_5\n2026-03-15 08:00,"1001A,5,10,0.5,60,40,20\n2026-03-15 09:00,<img>,5,10,0.5,60,40,20\n',
    );
    const res = await run(['import', bad, '--format', 'cnemc', '--db', db]);
    expect(res.code).toBe(1);
    expect(res.err.join('\n')).toMatch(/rejected \(csv\): a quoted field opened on line 2 is never closed/);
    expect(res.err.join('\n')).toMatch(/every one of the 1 row\(s\) was rejected; nothing was imported/);
  });

  it('requires --format and names a missing path', async () => {
    expect((await run(['import', FIXTURES, '--db', db])).code).not.toBe(0);
    const missing = await run(['import', join(dir, 'nope.csv'), '--format', 'cnemc', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toMatch(/does not exist/);
  });
});
