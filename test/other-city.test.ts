/**
 * Issue 21, "done when": a second city that is not the demo's (test/fixtures/city-packages/other-city/,
 * 云岭市 529900) loads into an empty database, `qingshan serve` serves it, one of its devices ingests over
 * HJ 212 on a real TCP socket, the map data names its own districts, the same package as an XLSX
 * workbook loads to the same master data, a re-import is a no-op and a bad package is rejected with
 * exact messages (docs/city-package.md).
 */
import type { ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../src/config/config.js';
import { Hj212Deframer, encodeDataUpload, parseFrame } from '../src/hj212/index.js';
import { openStore } from '../src/store/store.js';
import type { Store } from '../src/store/store.js';
import { runCli } from './cli.js';
import { freePort, spawnQingshan, waitForPort } from './platform-process.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/city-packages/other-city/', import.meta.url));
/** GET /api/v1/city is helper B4's route; its checks run once that route is in the tree. */
const CITY_ROUTE_PRESENT = existsSync(new URL('../src/api/city.routes.ts', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'qingshan-other-city-'));
const db = `sqlite:${join(dir, 'other.db')}`;
let child: ChildProcess | null = null;
let httpPort = 0;
let hj212Port = 0;

async function withStore<T>(url: string, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(parseDbUrl(url));
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The master data of a database, comparable across databases (no ids, no times). */
async function masterData(url: string) {
  return withStore(url, async (store) => {
    const sites = (await store.sites.list({ limit: 1000 })).items;
    const codeOf = new Map(sites.map((s) => [s.id, s.code]));
    return {
      city: await store.city.get(),
      districts: await store.districts.list(),
      boundaries: await store.districts.boundaries(),
      sites: sites.map((s) => ({
        kind: s.kind,
        code: s.code,
        name: s.name,
        districtCode: s.districtCode,
        longitude: s.longitude,
        latitude: s.latitude,
        parent: s.parentId === null ? null : codeOf.get(s.parentId),
        attributes: s.attributes,
      })),
      devices: (await store.devices.list()).map((d) => [d.mn, codeOf.get(d.siteId), d.protocol]),
    };
  });
}

const get = async (path: string) => {
  const res = await fetch(`http://127.0.0.1:${httpPort}${path}`);
  const body: unknown = await res.json();
  return { status: res.status, body };
};

beforeAll(async () => {
  const imported = await runCli('city', 'import', FIXTURE, '--db', db, '--lang', 'en');
  expect(imported.err).toBe('');
  expect(imported.code).toBe(0);
  httpPort = await freePort();
  hj212Port = await freePort();
  child = spawnQingshan([
    'serve',
    '--db',
    db,
    '--http-port',
    String(httpPort),
    '--hj212-port',
    String(hj212Port),
    '--log-level',
    'warn',
  ]);
  await waitForPort(httpPort, child, 60_000);
  await waitForPort(hj212Port, child, 60_000);
}, 120_000);

afterAll(async () => {
  if (child !== null && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('a second city served by qingshan serve', () => {
  it('lists its own districts and stations, nothing of the demo city', async () => {
    const districts = await get('/api/v1/districts');
    expect(districts.body).toEqual({
      items: [
        { code: '529902', name: '碧江区', nameEn: 'Bijiang District' },
        { code: '529903', name: '石门区', nameEn: 'Shimen District' },
        { code: '529921', name: '松溪县', nameEn: 'Songxi County' },
      ],
    });
    const stations = (await get('/api/v1/sites?kind=air_station')).body as { items: { code: string }[] };
    expect(stations.items.map((s) => s.code)).toEqual(['YL-AIR-01', 'YL-AIR-02', 'YL-AIR-03']);
  });

  it('one of its devices ingests over HJ 212 (real TCP): answered after commit, stored for its site', async () => {
    const packet = encodeDataUpload(
      { qn: '20260315080000001', st: '22', pw: 'yl-air-1', mn: '010529902000022000000011', edition: '2017' },
      '2061',
      new Date('2026-03-15T00:00:00Z'),
      [
        { code: 'a34004', values: { Avg: '35' }, flag: 'N' },
        { code: 'a21026', values: { Avg: '8' }, flag: 'N' },
      ],
    );
    const answer = await new Promise<string | undefined>((resolve, reject) => {
      const socket = net.connect({ port: hj212Port, host: '127.0.0.1' }, () => socket.write(packet));
      const deframer = new Hj212Deframer();
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('no answer within 20 s'));
      }, 20_000);
      socket.on('data', (chunk: Buffer) => {
        for (const ev of deframer.push(chunk)) {
          if (ev.kind !== 'frame') continue;
          const p = parseFrame(ev);
          if (p.ok) {
            clearTimeout(timer);
            socket.end();
            resolve(p.packet.cn);
          }
        }
      });
      socket.on('error', reject);
    });
    expect(answer).toBe('9014');
    const rows = await withStore(db, async (store) => {
      const site = await store.sites.getByCode('YL-AIR-01');
      return store.db
        .selectFrom('readings')
        .select(['parameter', 'value'])
        .where('site_id', '=', site?.id ?? -1)
        .orderBy('parameter')
        .execute();
    });
    expect(rows).toEqual([
      { parameter: 'a21026', value: 8 },
      { parameter: 'a34004', value: 35 },
    ]);
  });

  it.skipIf(!CITY_ROUTE_PRESENT)(
    'GET /api/v1/city: its name, code, districts, boundaries and extent',
    async () => {
      const city = (await get('/api/v1/city')).body as {
        name: string;
        nameEn: string;
        code: string;
        bounds: unknown;
        districts: { code: string; name: string }[];
        boundaries: { features: { properties: { code: string; name: string } }[] };
      };
      expect(city).toMatchObject({
        name: '云岭市',
        nameEn: 'Yunling',
        code: '529900',
        bounds: [
          [106, 26],
          [107.2, 27],
        ],
      });
      expect(city.districts.map((d) => d.name)).toEqual(['碧江区', '石门区', '松溪县']);
      expect(city.boundaries.features.map((f) => f.properties.code)).toEqual(['529902', '529903', '529921']);
    },
  );

  it('importing the same package again changes nothing and writes no audit entry', async () => {
    const audits = () => withStore(db, async (s) => (await s.audit.query({ limit: 1000 })).items.length);
    const before = await audits();
    const again = await runCli('city', 'import', FIXTURE, '--db', db, '--lang', 'en', '--json');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.out) as {
      entities: Record<string, { created: number; updated: number }>;
    };
    for (const [entity, c] of Object.entries(report.entities)) {
      expect([entity, c.created, c.updated]).toEqual([entity, 0, 0]);
    }
    expect(await audits()).toBe(before);
  });
});

describe('the same city as one XLSX workbook', () => {
  it('loads into an empty database to the same master data as the CSV folder', async () => {
    const workbook = new ExcelJS.Workbook();
    for (const file of readdirSync(FIXTURE)
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const sheet = workbook.addWorksheet(file.replace(/\.csv$/, ''));
      for (const line of readFileSync(join(FIXTURE, file), 'utf8').trimEnd().split(/\r?\n/)) {
        // The fixture's cells hold no commas or quotes, so a split is the CSV reading here.
        sheet.addRow(line.split(','));
      }
    }
    const xlsxDir = join(dir, 'xlsx');
    mkdirSync(xlsxDir);
    copyFileSync(join(FIXTURE, 'boundaries.geojson'), join(xlsxDir, 'boundaries.geojson'));
    const xlsx = join(xlsxDir, 'yunling.xlsx');
    writeFileSync(xlsx, Buffer.from(await workbook.xlsx.writeBuffer()));
    const xdb = `sqlite:${join(dir, 'xlsx.db')}`;
    const r = await runCli('city', 'import', xlsx, '--db', xdb, '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(await masterData(xdb)).toEqual(await masterData(db));
    const again = await runCli('city', 'import', xlsx, '--db', xdb, '--lang', 'en', '--json');
    const report = JSON.parse(again.out) as {
      entities: Record<string, { created: number; updated: number }>;
    };
    expect(Object.values(report.entities).every((c) => c.created + c.updated === 0)).toBe(true);
  });
});

describe('a bad package', () => {
  it('is rejected with exact messages (file, line, column, value) and nothing is written', async () => {
    const bad = join(dir, 'bad');
    cpSync(FIXTURE, bad, { recursive: true });
    const edit = (file: string, from: string, to: string) => {
      const path = join(bad, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
    };
    edit('enterprises.csv', '91529902MA2YL00026', '91529902MA2YL00027');
    edit('water_sections.csv', ',III,provincial,529921,', ',VI,provincial,529999,');
    const bdb = `sqlite:${join(dir, 'bad.db')}`;
    const r = await runCli('city', 'import', bad, '--db', bdb, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([
      'error: water_sections.csv, line 3, column target_class: "VI" is not one of I, II, III, IV, V',
      'error: water_sections.csv, line 3, column district: district 529999 is neither in districts of the package nor in the platform',
      'error: enterprises.csv, line 3, column credit_code: "91529902MA2YL00027" is not a valid unified social credit code (GB 32100-2015): the check character should be 6',
      'error: outlets.csv, line 3, column enterprise: enterprise YL-E-002 (enterprises.csv line 3) was rejected',
      'error: devices.csv, line 6, column site: site YL-E-002-W1 (outlets.csv line 3) was rejected',
    ]);
    const zh = await runCli('city', 'import', bad, '--db', bdb, '--lang', 'zh');
    expect(zh.errLines[2]).toBe(
      '错误: enterprises.csv，第 3 行，credit_code 列：“91529902MA2YL00027”不是有效的统一社会信用代码（GB 32100-2015）：校验码应为 6',
    );
    expect(await withStore(bdb, (s) => s.sites.count())).toBe(0);
    expect(await withStore(bdb, (s) => s.city.get())).toBeNull();
  });
});
