/** Migration 0008 on alarms written before it: the documented mapping of old states (SQLite). */
import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../db.js';
import type { Connection } from '../db.js';
import { migration0001Core } from './0001-core.js';
import { migration0002AuthAudit } from './0002-auth-audit.js';
import { migration0003AlarmsLimits } from './0003-alarms-limits.js';
import { migration0004Cases } from './0004-cases.js';
import { migration0005Water } from './0005-water.js';
import { migration0006Settings } from './0006-settings.js';
import { migration0007MasterData } from './0007-master-data.js';
import { AUTO_CLOSED_BEFORE_0008 } from './0008-alarm-handling.js';
import { migrationContext } from './context.js';
import { migrateToLatest } from './index.js';

let conn: Connection;

/** The migrations as they were before 0008. */
class Before0008 implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    const ctx = migrationContext('sqlite');
    return Promise.resolve({
      '0001_core': migration0001Core(ctx),
      '0002_auth_audit': migration0002AuthAudit(ctx),
      '0003_alarms_limits': migration0003AlarmsLimits(ctx),
      '0004_cases': migration0004Cases(ctx),
      '0005_water': migration0005Water(ctx),
      '0006_settings': migration0006Settings(ctx),
      '0007_master_data': migration0007MasterData(),
    });
  }
}

const T = 1_773_540_000_000;

beforeAll(async () => {
  conn = await openConnection({ kind: 'sqlite', path: ':memory:', url: 'sqlite::memory:' });
  const db = conn.db as unknown as Kysely<unknown>;
  const { error } = await new Migrator({ db, provider: new Before0008() }).migrateToLatest();
  if (error !== undefined) throw new Error('migrating to 0006 failed', { cause: error });
  await conn.db
    .insertInto('districts')
    .values({ code: '330502', name: '吴兴区', name_en: 'Wuxing' })
    .execute();
  const site = await conn.db
    .insertInto('sites')
    .values({
      kind: 'outlet',
      code: 'E1-G1',
      name: '排口',
      district_code: '330502',
      parent_id: null,
      longitude: null,
      latitude: null,
      attributes: '{}',
      created_at: T,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = (rule: string, severity: string, state: string, closedBy: string | null) => ({
    site_id: site.id,
    parameter: 'a21026',
    rule,
    severity,
    state,
    open_key: state === 'closed' ? null : `${site.id}|a21026|${rule}|${severity}`,
    opened_at: T,
    updated_at: T,
    last_seen_at: T,
    window_from: T,
    window_to: T + 3_600_000,
    count: 1,
    limit_value: null,
    message_zh: '',
    message_en: '',
    evidence: '[]',
    cleared_since: null,
    acknowledged_at: state === 'acknowledged' ? T : null,
    acknowledged_by: state === 'acknowledged' ? 'sup' : null,
    closed_at: state === 'closed' ? T + 7_200_000 : null,
    closed_by: closedBy,
    close_reason: state === 'closed' ? (closedBy === null ? 'condition clear' : '已整改') : null,
  });
  await conn.db
    .insertInto('alarms')
    .values([
      row('exceedance', 'critical', 'open', null),
      row('sudden-step', 'warning', 'acknowledged', null),
      row('exceedance', 'critical', 'closed', 'sup'),
      row('exceedance', 'warning', 'closed', null),
      row('device-offline', 'critical', 'closed', null),
      row('sudden-step', 'warning', 'closed', null),
    ] as never)
    .execute();
  // The migrations after 0007, in order (later ones may follow).
  expect((await migrateToLatest(db, 'sqlite')).slice(0, 2)).toEqual([
    '0008_alarm_handling',
    '0009_case_sources',
  ]);
});
afterAll(() => conn.close());

describe('migration 0008 (condition separate from handling)', () => {
  it('maps every old state as docs/standards/alarms.md §1 says', async () => {
    const rows = await conn.db
      .selectFrom('alarms')
      .select([
        'rule',
        'state',
        'condition',
        'cleared_at',
        'handling',
        'disposition',
        'disposition_reason',
        'handled_by',
        'handled_at',
      ])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        rule: 'exceedance',
        state: 'open',
        condition: 'active',
        cleared_at: null,
        handling: 'unhandled',
        disposition: null,
        disposition_reason: null,
        handled_by: null,
        handled_at: null,
      },
      {
        rule: 'sudden-step',
        state: 'acknowledged',
        condition: 'active',
        cleared_at: null,
        handling: 'acknowledged',
        disposition: null,
        disposition_reason: null,
        handled_by: null,
        handled_at: null,
      },
      {
        rule: 'exceedance',
        state: 'closed',
        condition: 'cleared',
        cleared_at: T + 7_200_000,
        handling: 'handled',
        disposition: 'dismissed',
        disposition_reason: '已整改',
        handled_by: 'sup',
        handled_at: T + 7_200_000,
      },
      {
        rule: 'exceedance',
        state: 'open',
        condition: 'cleared',
        cleared_at: T + 3_600_000,
        handling: 'unhandled',
        disposition: null,
        disposition_reason: null,
        handled_by: null,
        handled_at: null,
      },
      {
        rule: 'device-offline',
        state: 'open',
        condition: 'cleared',
        cleared_at: T + 3_600_000,
        handling: 'unhandled',
        disposition: null,
        disposition_reason: null,
        handled_by: null,
        handled_at: null,
      },
      {
        rule: 'sudden-step',
        state: 'closed',
        condition: 'cleared',
        cleared_at: T + 3_600_000,
        handling: 'handled',
        disposition: 'auto_resolved',
        disposition_reason: AUTO_CLOSED_BEFORE_0008,
        handled_by: null,
        handled_at: T + 7_200_000,
      },
    ]);
  });
});
