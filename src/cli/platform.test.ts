import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config/config.js';
import type { Platform } from './platform.js';
import { startPlatform } from './platform.js';
import { DEMO_WASTE_SITES } from '../sim/demo-waste.js';

const dir = mkdtempSync(join(tmpdir(), 'qingshan-platform-'));
let platform: Platform;
const printed: string[] = [];

beforeAll(async () => {
  const config = loadConfig({ db: `sqlite:${join(dir, 'demo.db')}`, httpPort: '0', hj212Port: '0' }, {});
  platform = await startPlatform({
    config,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    version: 'test',
    demo: true,
    demoHistory: { airDays: 2, waterDays: 1, outletDays: 1 },
    print: (l) => printed.push(l),
  });
});
afterAll(async () => {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('qingshan demo over real HTTP', () => {
  it('prints the address and the demo accounts', () => {
    expect(printed.join('\n')).toMatch(/Loaded the demo city 湖州市/);
    expect(printed.join('\n')).toMatch(/is running: dashboard http:\/\/127\.0\.0\.1:\d+\//);
    expect(printed.join('\n')).toMatch(/admin\s+admin \/ demo-admin-2026/);
  });

  it('lists the demo air stations at /api/v1/sites?kind=air_station', async () => {
    const res = await fetch(`${platform.httpUrl}/api/v1/sites?kind=air_station`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { code: string; demo: boolean; districtCode: string }[];
      total: number;
    };
    expect(body.total).toBeGreaterThanOrEqual(10);
    expect(body.items.every((s) => s.demo)).toBe(true);
  });

  it('has the six divisions, the sections, enterprises, outlets and devices of the demo city', async () => {
    const districts = (await (await fetch(`${platform.httpUrl}/api/v1/districts`)).json()) as {
      items: { name: string }[];
    };
    expect(districts.items.map((d) => d.name)).toEqual(
      expect.arrayContaining(['吴兴区', '南浔区', '德清县', '长兴县', '安吉县', '南太湖新区']),
    );
    // enterprises and outlets are not public: log in as the demo supervisor (accepted in demo mode)
    const login = await fetch(`${platform.httpUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: 'demo-supervisor-2026' }),
    });
    const { token } = (await login.json()) as { token: string };
    const count = async (kind: string, authorised = true): Promise<number> =>
      (
        (await (
          await fetch(`${platform.httpUrl}/api/v1/sites?kind=${kind}&limit=1`, {
            headers: authorised ? { authorization: `Bearer ${token}` } : {},
          })
        ).json()) as { total: number }
      ).total;
    expect(await count('water_section')).toBe(15);
    // 40 of the city package, plus the carriers and receivers of the demo waste.
    expect(await count('enterprise')).toBe(40 + DEMO_WASTE_SITES.length);
    expect(await count('outlet')).toBe(60);
    expect(await count('enterprise', false)).toBe(0);
    expect((await platform.store.users.list()).every((u) => u.demo)).toBe(true);
    expect((await platform.store.devices.list()).length).toBeGreaterThanOrEqual(80);
    expect((await platform.store.users.list()).map((u) => u.role)).toEqual(
      expect.arrayContaining(['admin', 'supervisor', 'district', 'enterprise', 'operator']),
    );
  });

  it('serves the home page listing the demo city, marked as demo data', async () => {
    const html = await (await fetch(`${platform.httpUrl}/`)).text();
    expect(html).toContain('示范数据');
    expect(html).toContain('HZ-AIR-01');
  });
});
