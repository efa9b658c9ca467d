import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { systemClock } from '../clock.js';
import type { Hj212Server } from '../ingest/hj212-server.js';
import { startHj212Server } from '../ingest/hj212-server.js';
import { loadDevices } from '../sim/load.js';
import { parseTarget } from './sim.command.js';

const run = runCli;

describe('qingshan sim: arguments', () => {
  it.each([
    [['--target', 'localhost'], '--target'],
    [['--target', '127.0.0.1:0'], '--target'],
    [['--target', '127.0.0.1:70000'], '--target'],
    [['--target', '127.0.0.1:9212', '--rate', 'fast'], '--rate'],
    [['--target', '127.0.0.1:9212', '--rate', '-5'], '--rate'],
    [['--target', '127.0.0.1:9212', '--devices', '2.5'], '--devices'],
    [['--target', '127.0.0.1:9212', '--duration', '0'], '--duration'],
    [['--target', '127.0.0.1:9212', '--protocol', '2019'], '--protocol'],
    [['--target', '127.0.0.1:9212', '--protocol', '2005', '--mn-prefix', 'ABCDEFGHIJKLMN'], '--mn-prefix'],
    [['--target', '127.0.0.1:9212', '--password', 'a;b'], '--password'],
    [['--target', '127.0.0.1:9212', '--retries', 'x'], '--retries'],
  ])('refuses %j naming %s', async (args, option) => {
    const r = await run('sim', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`qingshan: ${option}:`);
  });

  it('requires --target and prints help', async () => {
    expect((await run('sim')).code).not.toBe(0);
    const help = await run('sim', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--target <host:port>/);
    expect(help.out).toMatch(/--demo/);
  });

  it('parses host:port, IPv6 in brackets', () => {
    expect(parseTarget('127.0.0.1:9212')).toEqual({ host: '127.0.0.1', port: 9212 });
    expect(parseTarget('[::1]:9212')).toEqual({ host: '::1', port: 9212 });
    expect(parseTarget('platform.example:1')).toEqual({ host: 'platform.example', port: 1 });
  });
});

describe('qingshan sim against the listener', () => {
  let t: TestStore;
  let server: Hj212Server;
  beforeAll(async () => {
    t = await openTestStore(systemClock);
    await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
    const e = await t.store.sites.create({
      kind: 'enterprise',
      code: 'C-E1',
      name: '企业',
      districtCode: '330502',
    });
    for (const d of loadDevices(3, { mnPrefix: 'EE' })) {
      const site = await t.store.sites.create({
        kind: 'outlet',
        code: `C-${d.site.code}`,
        name: d.site.code,
        districtCode: '330502',
        parentId: e.id,
      });
      await t.store.devices.add({ mn: d.mn, password: d.password, siteId: site.id, protocol: d.protocol });
    }
    server = await startHj212Server({
      store: t.store,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      host: '127.0.0.1',
      port: 0,
    });
  });
  afterAll(async () => {
    await server.close();
    await t.cleanup();
  });

  it('runs a load and prints the summary; exit 0 when everything was acknowledged', async () => {
    const target = `127.0.0.1:${server.port}`;
    const r = await run(
      'sim',
      '--target',
      target,
      '--devices',
      '3',
      '--rate',
      '60',
      '--duration',
      '0.5',
      '--mn-prefix',
      'EE',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sent 30 {2}acked 30 {2}retransmitted 0 {2}unacked 0/);
    expect(r.out).toMatch(/packets\/s .* p50 [\d.]+ ms {2}p95 [\d.]+ ms {2}p99 [\d.]+ ms/);
  });

  it('exits non-zero when packets stay unacknowledged (devices not registered)', async () => {
    const target = `127.0.0.1:${server.port}`;
    const r = await run(
      'sim',
      '--target',
      target,
      '--devices',
      '1',
      '--rate',
      '10',
      '--duration',
      '0.2',
      '--mn-prefix',
      'DD',
      '--ack-timeout',
      '0.05',
      '--retries',
      '1',
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/unacked 2/);
    expect(r.out).toMatch(/2 packet\(s\) stayed unacknowledged/);
  });

  it('plays the demo city with --demo (unregistered here, so nothing is acknowledged)', async () => {
    const target = `127.0.0.1:${server.port}`;
    const r = await run(
      'sim',
      '--target',
      target,
      '--demo',
      '--speed',
      '120',
      '--duration',
      '0.6',
      '--ack-timeout',
      '0.05',
      '--retries',
      '0',
    );
    expect(r.out).toMatch(/the demo city's 84 devices/);
    expect(r.out).toMatch(/devices 84 {2}sent [1-9]\d* {2}acked 0/);
    expect(r.code).toBe(1);
  });
});
