/** `qingshan report` and `qingshan indicator-import` through the CLI entry, on a SQLite file. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = `sqlite:${join(dir, 'q.db')}`;

describe('qingshan report', () => {
  it('writes an HTML report and prints its SHA-256', async () => {
    const out = join(dir, 'daily.html');
    const r = await runCli(
      'report',
      'air-daily',
      '--period',
      '2026-03-14',
      '--format',
      'html',
      '--out',
      out,
      '--db',
      db,
    );
    expect(r.code, r.err).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.toString('utf8')).toContain('环境空气质量日报 2026-03-14');
    expect(r.out).toContain(`sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
  });

  it('names the setting that is wrong (exit 2)', async () => {
    const out = join(dir, 'x.html');
    const kind = await runCli('report', 'air-weekly', '--period', '2026-03-14', '--out', out, '--db', db);
    expect([kind.code, kind.err]).toEqual([2, expect.stringContaining('<kind>')]);
    const period = await runCli(
      'report',
      'environment-monthly',
      '--period',
      '2026-3',
      '--format',
      'xlsx',
      '--out',
      out,
      '--db',
      db,
    );
    expect([period.code, period.err]).toEqual([2, expect.stringContaining('--period')]);
  });
});

describe('qingshan indicator-import', () => {
  it('enters targets and statistics from CSV, naming bad rows by line', async () => {
    const file = join(dir, 'targets.csv');
    writeFileSync(
      file,
      'kind,key,year,scope,code,value,note\ntarget,air.pm25,2026,city,,30,\nvalue,air.pm25,2026,city,,1,\n',
    );
    const r = await runCli('indicator-import', file, '--db', db);
    expect(r.code).toBe(2);
    expect(r.out).toContain('1 entry stored, 1 error(s)');
    expect(r.out).toContain(':3:');
  });
});
