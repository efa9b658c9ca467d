import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { parseDbUrl } from '../config/config.js';
import { openStore } from '../store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-cli-'));
const db = `sqlite:${join(dir, 'cli.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runCli;

describe('qingshan CLI', () => {
  it('prints help for every command', async () => {
    for (const cmd of [
      [],
      ['serve'],
      ['demo'],
      ['migrate'],
      ['device', 'add'],
      ['device', 'list'],
      ['user', 'add'],
    ]) {
      const r = await run(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage: qingshan/);
    }
  });

  it('migrates, then says the database is up to date', async () => {
    expect((await run('migrate', '--db', db)).out).toMatch(/applied migrations: 0001_core/);
    expect((await run('migrate', '--db', db)).out).toBe('database is up to date');
  });

  it('registers and lists devices, refusing unknown sites and duplicate MNs with the setting named', async () => {
    const store = await openStore(parseDbUrl(db));
    await store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
    await store.sites.create({ kind: 'enterprise', code: 'E1', name: '企业', districtCode: '330502' });
    await store.sites.create({ kind: 'outlet', code: 'E1-G1', name: '排口', districtCode: '330502' });
    await store.close();

    const added = await run(
      'device',
      'add',
      '--db',
      db,
      '--mn',
      '33050200000001',
      '--password',
      '123456',
      '--site',
      'E1-G1',
    );
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/registered device 33050200000001 for site E1-G1/);
    expect(
      (await run('device', 'add', '--db', db, '--mn', '33050200000001', '--password', 'x', '--site', 'E1-G1'))
        .err,
    ).toMatch(/--mn: device 33050200000001 is already registered/);
    const unknown = await run('device', 'add', '--db', db, '--mn', 'M2', '--password', 'x', '--site', 'NOPE');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--site: no site has code "NOPE"/);
    expect(
      (
        await run(
          'device',
          'add',
          '--db',
          db,
          '--mn',
          'M2',
          '--password',
          'x',
          '--site',
          'E1-G1',
          '--protocol',
          '2099',
        )
      ).err,
    ).toMatch(/--protocol: "2099" is not one of 2005, 2017, 2025/);
    const list = await run('device', 'list', '--db', db, '--json');
    const devices = list.out.split('\n').map((l) => JSON.parse(l) as { mn: string; siteCode: string });
    expect(devices).toEqual([
      expect.objectContaining({ mn: '33050200000001', siteCode: 'E1-G1', protocol: '2017' }),
    ]);
    expect(list.out).not.toMatch(/123456|scrypt/);
  });

  it('creates users with scoped roles and explains refusals', async () => {
    expect(
      (
        await run(
          'user',
          'add',
          '--db',
          db,
          '--username',
          'boss',
          '--password',
          'a long password',
          '--role',
          'admin',
        )
      ).out,
    ).toBe('created user boss (admin)');
    expect(
      (
        await run(
          'user',
          'add',
          '--db',
          db,
          '--username',
          'wuxing1',
          '--password',
          'a long password',
          '--role',
          'district',
          '--district',
          '330502',
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await run(
          'user',
          'add',
          '--db',
          db,
          '--username',
          'ent',
          '--password',
          'a long password',
          '--role',
          'enterprise',
          '--enterprise',
          'E1',
        )
      ).code,
    ).toBe(0);
    expect(
      (await run('user', 'add', '--db', db, '--username', 'xx2', '--password', 'short', '--role', 'admin'))
        .err,
    ).toMatch(/--password: at least 10/);
    expect(
      (
        await run(
          'user',
          'add',
          '--db',
          db,
          '--username',
          'x3',
          '--password',
          'a long password',
          '--role',
          'king',
        )
      ).err,
    ).toMatch(/--role: "king"/);
    expect(
      (
        await run(
          'user',
          'add',
          '--db',
          db,
          '--username',
          'x4',
          '--password',
          'a long password',
          '--role',
          'enterprise',
          '--enterprise',
          'E1-G1',
        )
      ).err,
    ).toMatch(/--enterprise: no enterprise has code "E1-G1"/);
  });

  it('stops on a wrong setting with a message that names it', async () => {
    const r = await run('serve', '--db', db, '--http-port', 'http');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'qingshan: --http-port: "http" is not a TCP port; use a whole number 0–65535 (0 = any free)',
    );
    expect((await run('migrate', '--db', 'mongodb://x')).err).toMatch(
      /--db: "mongodb:\/\/x" is not supported/,
    );
  });

  it('rejects an unknown command with help', async () => {
    const r = await run('frobnicate');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/unknown command/);
  });
});

describe('qingshan device import', () => {
  it('registers devices from CSV, creating missing sites, skipping known MNs and naming bad lines', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(dir, 'devices.csv');
    writeFileSync(
      file,
      [
        'mn,password,site,protocol,site_name,site_kind,district,parent',
        '33050200000001,123456,E1-G1,2017,,,,',
        'LD130133000015,123456,OLD-15,2005,"旧平台排口, 15",outlet,330502,E1',
        'LD130133000016,123456,OLD-16,2099,x,outlet,330502,',
        'LD130133000017,123456,NOWHERE,2005,,,,',
      ].join('\r\n'),
    );
    const r = await run('device', 'import', file, '--db', db);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /4 row\(s\): 1 device\(s\) registered, 1 site\(s\) created, 1 skipped, 2 error\(s\)/,
    );
    expect(r.err).toMatch(/devices\.csv:4: protocol "2099"/);
    expect(r.err).toMatch(
      /devices\.csv:5: site NOWHERE does not exist; give site_name, site_kind and district/,
    );
    const store = await openStore(parseDbUrl(db));
    try {
      expect((await store.sites.getByCode('OLD-15'))?.name).toBe('旧平台排口, 15');
      expect((await store.devices.getByMn('LD130133000015'))?.protocol).toBe('2005');
    } finally {
      await store.close();
    }
  });
});
