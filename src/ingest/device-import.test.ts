import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestStore } from '../../test/helpers.js';
import { openTestStore } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { Services } from '../services.js';
import { createServices } from '../services.js';
import { importDevicesCsv } from './device-import.js';

const clock = new ManualClock('2026-03-15T00:00:00Z');
const importer = { username: 'system:cli', role: null };
let t: TestStore;
let services: Services;

beforeEach(async () => {
  t = await openTestStore(clock);
  await t.store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  services = createServices({ store: t.store, clock });
});
afterEach(async () => {
  await t.cleanup();
});

describe('importDevicesCsv', () => {
  it('registers sites and devices through their services, each audited with the importer', async () => {
    const csv = [
      'mn,password,site,protocol,site_name,site_kind,district',
      'MN1,pw1,O1,2005,排口一,outlet,330502',
      'MN2,pw2,O1,,,,',
    ].join('\n');
    const report = await importDevicesCsv(services, importer, csv);
    expect(report).toMatchObject({ rows: 2, added: 2, sitesCreated: 1, skipped: [], errors: [] });
    const entries = (await t.store.audit.query({})).items.reverse();
    expect(entries.map((e) => [e.action, e.actor, e.targetId])).toEqual([
      ['site.created', 'system:cli', 'O1'],
      ['device.registered', 'system:cli', 'MN1'],
      ['device.registered', 'system:cli', 'MN2'],
    ]);
    const again = await importDevicesCsv(services, importer, csv);
    expect(again).toMatchObject({
      added: 0,
      skipped: [
        { line: 2, mn: 'MN1' },
        { line: 3, mn: 'MN2' },
      ],
    });
  });

  it('reports an unterminated quote as a broken CSV row, not as a password error (docs/security.md §10)', async () => {
    const csv = ['mn,password,site', 'MN1,"pw1,O1', 'MN2,pw2,O1'].join('\n');
    const report = await importDevicesCsv(services, importer, csv);
    expect(report.added).toBe(0);
    expect(report.errors).toEqual([
      { line: 2, message: 'not a well-formed CSV row: a quoted field opened on line 2 is never closed' },
    ]);
  });
});
