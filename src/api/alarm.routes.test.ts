import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmServiceOver } from '../../test/alarm-service.js';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import type { SiteFinding } from '../alarms/alarm.service.js';
import * as domain from '../alarms/alarm.service.js';
import { ALARM_KINDS, RULE_IDS, RULE_KIND } from '../alarms/types.js';
import { ManualClock } from '../clock.js';
import { EVIDENCE_SAMPLES } from '../../test/case-fixtures.js';
import * as api from './alarm.schemas.js';
import type { App } from './app.js';

let t: TestStore;
let app: App;
let fx: AccessFixture;
let h: Awaited<ReturnType<typeof loginAll>>;
const clock = new ManualClock('2026-03-15T02:00:00Z');
const ids = { e1: 0, e2: 0, e1b: 0 };

function finding(siteId: number, parameter: string, rule: SiteFinding['rule'] = 'exceedance'): SiteFinding {
  return {
    rule,
    severity: rule === 'exceedance' ? 'critical' : 'warning',
    siteId,
    parameter,
    window: { from: new Date('2026-03-14T16:00:00Z'), to: new Date('2026-03-14T17:00:00Z') },
    values: [{ at: new Date('2026-03-14T16:00:00Z'), value: 35, flag: 'N' }],
    limit: 30,
    message: { zh: '超标', en: 'above the limit' },
  };
}

beforeAll(async () => {
  t = await openTestStore(clock);
  fx = await seedAccessFixture(t.store);
  app = await testApp(t.store, clock);
  h = await loginAll(app);
  // Seeded through a service of its own: these alarms open no case.
  const service = alarmServiceOver(t.store, clock);
  ids.e1 = (await service.record(finding(fx.sites['E1-G1'], 'a21026'))).alarm?.id ?? 0;
  ids.e1b = (await service.record(finding(fx.sites['E1-G1'], 'a34013', 'constant-value'))).alarm?.id ?? 0;
  ids.e2 = (await service.record(finding(fx.sites['E2-W1'], 'w01018'))).alarm?.id ?? 0;
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

type ListBody = { items: { id: number; site: { code: string } }[]; total: number };

describe('alarm lists and details, scoped', () => {
  it('needs a login', async () => {
    expect((await app.inject({ url: '/api/v1/alarms' })).statusCode).toBe(401);
  });

  it('shows the bureau everything, a district its own, an enterprise its own outlets', async () => {
    const list = async (who: keyof typeof h, query = '') =>
      (await app.inject({ url: `/api/v1/alarms${query}`, headers: h[who] })).json<ListBody>();
    expect((await list('supervisor')).total).toBe(3);
    expect((await list('wuxing')).items.map((a) => a.site.code).sort()).toEqual(['E1-G1', 'E1-G1']);
    expect((await list('ent1')).total).toBe(2);
    expect((await list('ent1', '?site=E2-W1')).total).toBe(0);
    expect((await list('supervisor', '?district=330503')).items.map((a) => a.id)).toEqual([ids.e2]);
    expect((await list('supervisor', '?rule=constant-value')).items.map((a) => a.id)).toEqual([ids.e1b]);
    expect((await list('supervisor', '?severity=critical&state=open')).total).toBe(2);
    expect((await list('supervisor', '?from=2026-03-15T03:00:00Z')).total).toBe(0);
  });

  it('pages unhandled critical first, then newest first; sort=time pages newest first', async () => {
    const p1 = await app.inject({ url: '/api/v1/alarms?limit=2', headers: h.admin });
    const b1 = p1.json<ListBody & { nextCursor: string }>();
    expect(b1.items.map((a) => a.id)).toEqual([ids.e2, ids.e1]);
    const p2 = await app.inject({ url: `/api/v1/alarms?limit=2&cursor=${b1.nextCursor}`, headers: h.admin });
    expect(p2.json<ListBody>().items.map((a) => a.id)).toEqual([ids.e1b]);
    const byTime = await app.inject({ url: '/api/v1/alarms?sort=time', headers: h.admin });
    expect(byTime.json<ListBody>().items.map((a) => a.id)).toEqual([ids.e2, ids.e1b, ids.e1]);
  });

  it('filters by kind tab, enterprise, handling, condition and China dates', async () => {
    const list = async (query: string) =>
      (await app.inject({ url: `/api/v1/alarms${query}`, headers: h.supervisor })).json<ListBody>();
    expect((await list('?kind=data_quality')).items.map((a) => a.id)).toEqual([ids.e1b]);
    expect((await list('?kind=exceedance')).items.map((a) => a.id).sort()).toEqual([ids.e1, ids.e2].sort());
    expect((await list('?enterprise=E2')).items.map((a) => a.id)).toEqual([ids.e2]);
    expect((await list('?enterprise=E1')).total).toBe(2);
    expect((await list('?handling=unhandled&condition=active')).total).toBe(3);
    expect((await list('?handling=handled')).total).toBe(0);
    // Seen at 2026-03-15 10:00 China time: on the 15th, not on the 16th.
    expect((await list('?from=2026-03-15&to=2026-03-15')).total).toBe(3);
    expect((await list('?from=2026-03-16')).total).toBe(0);
    expect((await list('?to=2026-03-14')).total).toBe(0);
    const bad = await app.inject({ url: '/api/v1/alarms?from=2026-13-45', headers: h.supervisor });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'bad-request' } });
  });

  it('names the parameter and the kind in the DTO', async () => {
    const res = await app.inject({ url: `/api/v1/alarms/${ids.e1}`, headers: h.supervisor });
    expect(res.json()).toMatchObject({
      alarm: {
        kind: 'exceedance',
        condition: 'active',
        handling: 'unhandled',
        parameterName: { zh: '二氧化硫', en: 'SO₂', unit: 'mg/m3' },
      },
    });
  });

  it('rejects a bad filter with the error envelope', async () => {
    const res = await app.inject({ url: '/api/v1/alarms?state=sleeping', headers: h.admin });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'bad-request' } });
  });

  it('gives one alarm with evidence and history; another district gets 404', async () => {
    const res = await app.inject({ url: `/api/v1/alarms/${ids.e1}`, headers: h.ent1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      alarm: { id: ids.e1, site: { code: 'E1-G1' }, evidence: [{ value: 35 }], limit: 30 },
      events: [{ kind: 'opened', actor: null }],
    });
    expect((await app.inject({ url: `/api/v1/alarms/${ids.e2}`, headers: h.wuxing })).statusCode).toBe(404);
  });
});

describe('acknowledging and closing', () => {
  it('lets admin, supervisor, district (own) and operator act; not an enterprise', async () => {
    const ack = (who: keyof typeof h, id: number) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/alarms/${id}/acknowledge`,
        headers: h[who],
        payload: { comment: '已电话核实' },
      });
    expect((await ack('ent1', ids.e1)).statusCode).toBe(403);
    expect((await ack('wuxing', ids.e2)).statusCode).toBe(404);
    const ok = await ack('wuxing', ids.e1);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'wuxing' });
    const again = await ack('operator', ids.e1);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'conflict', details: { state: 'acknowledged' } } });
  });

  it('closes (dismisses) with a reason (required), audited; a handled alarm cannot be closed again', async () => {
    const close = (who: keyof typeof h, id: number, payload: object) =>
      app.inject({ method: 'POST', url: `/api/v1/alarms/${id}/close`, headers: h[who], payload });
    expect((await close('supervisor', ids.e1, {})).statusCode).toBe(400);
    clock.advance(60_000);
    const res = await close('supervisor', ids.e1, { reason: '企业已整改 fixed' });
    expect(res.json()).toMatchObject({
      state: 'closed',
      handling: 'handled',
      disposition: 'dismissed',
      closedBy: 'supervisor',
      closeReason: '企业已整改 fixed',
    });
    expect((await close('admin', ids.e1, { reason: 'again' })).statusCode).toBe(409);
    const detail = await app.inject({ url: `/api/v1/alarms/${ids.e1}`, headers: h.admin });
    expect(detail.json<{ events: { kind: string; actor: string | null }[] }>().events).toMatchObject([
      { kind: 'opened', actor: null },
      { kind: 'acknowledged', actor: 'wuxing' },
      { kind: 'handled', actor: 'supervisor', details: { disposition: 'dismissed' } },
    ]);
    const audit = await t.store.audit.query({});
    const actions = audit.items.map((e) => [e.action, e.actor, e.targetId]);
    expect(actions).toContainEqual(['alarm.acknowledged', 'wuxing', String(ids.e1)]);
    expect(actions).toContainEqual(['alarm.handled', 'supervisor', String(ids.e1)]);
  });

  it('confirms a data-quality issue, or dismisses only with a reason', async () => {
    const handle = (who: keyof typeof h, id: number, payload: object) =>
      app.inject({ method: 'POST', url: `/api/v1/alarms/${id}/handle`, headers: h[who], payload });
    expect((await handle('ent1', ids.e1b, { disposition: 'data_quality_confirmed' })).statusCode).toBe(403);
    const blank = await handle('supervisor', ids.e1b, { disposition: 'dismissed', reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ error: { details: [{ field: 'body.reason' }] } });
    const ok = await handle('wuxing', ids.e1b, { disposition: 'data_quality_confirmed', reason: '仪器漂移' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      handling: 'handled',
      disposition: 'data_quality_confirmed',
      dispositionReason: '仪器漂移',
      handledBy: 'wuxing',
    });
    expect((await handle('supervisor', ids.e1b, { disposition: 'dismissed', reason: 'x' })).statusCode).toBe(
      409,
    );
  });
});

describe('the enterprise explains, the supervisor decides', () => {
  let own = 0;
  let other = 0;
  beforeAll(async () => {
    const service = alarmServiceOver(t.store, clock);
    own = (await service.record(finding(fx.sites['E1-G1'], 'a19001'))).alarm?.id ?? 0;
    other = (await service.record(finding(fx.sites['E2-W1'], 'w21003'))).alarm?.id ?? 0;
  });
  const explain = (who: keyof typeof h, id: number, text: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/alarms/${id}/explanation`,
      headers: h[who],
      payload: { text },
    });
  const decide = (who: keyof typeof h, id: number, payload: object) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/alarms/${id}/explanation/decision`,
      headers: h[who],
      payload,
    });

  it('only an enterprise explains, and only its own alarms (404 for another)', async () => {
    expect((await explain('supervisor', own, 'x')).statusCode).toBe(403);
    expect((await explain('ent1', other, '不是我们的')).statusCode).toBe(404);
    const res = await explain('ent1', own, '检修期间停运');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      handling: 'unhandled',
      explanation: { text: '检修期间停运', by: 'ent1' },
    });
  });

  it('the enterprise adds evidence to its own alarm (not to another), the supervisor downloads it', async () => {
    const upload = (who: keyof typeof h, id: number, body: Buffer, query: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/alarms/${id}/attachments?${query}`,
        headers: { ...h[who], 'content-type': 'application/octet-stream' },
        payload: body,
      });
    expect((await upload('supervisor', own, EVIDENCE_SAMPLES.pdf, 'filename=a.pdf')).statusCode).toBe(403);
    expect((await upload('ent1', other, EVIDENCE_SAMPLES.pdf, 'filename=a.pdf')).statusCode).toBe(404);
    expect((await upload('ent1', own, EVIDENCE_SAMPLES.png, 'filename=a.pdf')).statusCode).toBe(415);
    const ok = await upload(
      'ent1',
      own,
      EVIDENCE_SAMPLES.pdf,
      `filename=${encodeURIComponent('检修记录.pdf')}`,
    );
    expect(ok.statusCode).toBe(201);
    const file = ok.json<{ id: number; url: string }>();
    expect(ok.json()).toMatchObject({
      filename: '检修记录.pdf',
      mediaType: 'application/pdf',
      uploadedBy: 'ent1',
    });
    const detail = await app.inject({ url: `/api/v1/alarms/${own}`, headers: h.supervisor });
    expect(detail.json()).toMatchObject({ attachments: [{ id: file.id, filename: '检修记录.pdf' }] });
    const got = await app.inject({ url: file.url, headers: h.supervisor });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(EVIDENCE_SAMPLES.pdf)).toBe(true);
    const wrongAlarm = `/api/v1/alarms/${other}/attachments/${file.id}`;
    expect((await app.inject({ url: wrongAlarm, headers: h.supervisor })).statusCode).toBe(404);
    const audit = await t.store.audit.query({ action: 'alarm.evidence_added' });
    expect(audit.items.map((e) => [e.actor, e.targetId])).toEqual([['ent1', String(own)]]);
  });

  it('a rejection needs a comment and keeps the alarm unhandled; an acceptance handles it as explained', async () => {
    expect((await decide('ent1', own, { accept: true })).statusCode).toBe(403);
    expect((await decide('supervisor', own, { accept: false })).statusCode).toBe(400);
    const rejected = await decide('supervisor', own, { accept: false, comment: '请附检修记录' });
    expect(rejected.json()).toMatchObject({ handling: 'unhandled', explanation: null });
    expect((await decide('supervisor', own, { accept: true })).statusCode).toBe(409);
    await explain('ent1', own, '检修记录见附件');
    const accepted = await decide('supervisor', own, { accept: true, comment: '采纳' });
    expect(accepted.json()).toMatchObject({
      handling: 'handled',
      disposition: 'explained',
      handledBy: 'supervisor',
    });
    const detail = await app.inject({ url: `/api/v1/alarms/${own}`, headers: h.ent1 });
    expect(detail.json<{ events: { kind: string }[] }>().events.map((e) => e.kind)).toEqual([
      'opened',
      'explanation-submitted',
      'evidence-added',
      'explanation-rejected',
      'explanation-submitted',
      'handled',
    ]);
  });
});

describe('立案: a case from an alarm', () => {
  let outletAlarm = 0;
  beforeAll(async () => {
    const service = alarmServiceOver(t.store, clock);
    outletAlarm = (await service.record(finding(fx.sites['E2-W1'], 'w01001'))).alarm?.id ?? 0;
  });

  it('previews the derived responsible unit: the outlet’s enterprise', async () => {
    expect(
      (await app.inject({ url: `/api/v1/alarms/${outletAlarm}/case-preview`, headers: h.ent1 })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ url: `/api/v1/alarms/${outletAlarm}/case-preview`, headers: h.wuxing })).statusCode,
    ).toBe(404);
    const res = await app.inject({
      url: `/api/v1/alarms/${outletAlarm}/case-preview`,
      headers: h.supervisor,
    });
    expect(res.json()).toEqual({
      subjectName: 'E2-W1',
      category: 'emission_exceedance',
      responsible: { type: 'enterprise', siteId: fx.sites.E2, code: 'E2', name: 'E2' },
      existingCaseId: null,
    });
  });

  it('opens the case with the alarm linked and handles the alarm as case_opened; not twice', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/alarms/${outletAlarm}/case`,
      headers: h.supervisor,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ alarm: { dispositionCaseId: number }; case: { id: number } }>();
    expect(body).toMatchObject({
      alarm: { id: outletAlarm, handling: 'handled', disposition: 'case_opened' },
      case: { source: 'alarm', alarmId: outletAlarm, category: 'emission_exceedance' },
    });
    expect(body.alarm.dispositionCaseId).toBe(body.case.id);
    const detail = await app.inject({ url: `/api/v1/cases/${body.case.id}`, headers: h.supervisor });
    expect(JSON.stringify(detail.json())).toContain('"E2"');
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/alarms/${outletAlarm}/case`,
      headers: h.supervisor,
    });
    expect(again.statusCode).toBe(409);
    const audit = await t.store.audit.query({ action: 'alarm.case_opened' });
    expect(audit.items.map((e) => e.targetId)).toEqual([String(outletAlarm)]);
  });
});

describe('export', () => {
  it('exports the filtered list as CSV in Chinese or English, with names and units', async () => {
    const zh = await app.inject({
      url: '/api/v1/alarms/export?kind=exceedance&format=csv',
      headers: h.supervisor,
    });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toContain('text/csv');
    expect(zh.headers['content-disposition']).toContain('.csv');
    expect(zh.body).toContain('监测项目');
    expect(zh.body).toContain('二氧化硫');
    expect(zh.body).toContain('严重');
    expect(zh.body).not.toContain('constant-value');
    const en = await app.inject({ url: '/api/v1/alarms/export?lang=en&rule=exceedance', headers: h.wuxing });
    expect(en.body).toContain('Parameter');
    expect(en.body).toContain('Exceedance');
    expect(en.body).toContain('Wuxing');
    expect(en.body).not.toContain('E2-W1');
  });

  it('exports XLSX', async () => {
    const res = await app.inject({ url: '/api/v1/alarms/export?format=xlsx&lang=en', headers: h.supervisor });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('limits and compliance', () => {
  const row = { parameter: 'a21026', value: 30, unit: 'mg/m3', averaging: 'hour', standard: 'GB 13271-2014' };

  it('only the bureau adds limits; audited as limit.changed', async () => {
    const post = (who: keyof typeof h, payload: object) =>
      app.inject({ method: 'POST', url: '/api/v1/limits', headers: h[who], payload });
    expect((await post('operator', { site: 'E1-G1', limits: [row] })).statusCode).toBe(403);
    expect((await post('admin', { site: 'E1-G1' })).statusCode).toBe(400);
    expect((await post('admin', { site: 'E1-G1', preset: 'auto' })).statusCode).toBe(400);
    expect((await post('admin', { site: 'E1', limits: [row] })).statusCode).toBe(400);
    const res = await post('supervisor', { site: 'E1-G1', limits: [row] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      added: [{ parameter: 'a21026', value: 30, source: 'bureau', createdBy: 'supervisor' }],
    });
    const applied = await post('admin', { site: 'E2-W1', preset: 'GB 8978-1996/grade-1' });
    expect(applied.json<{ added: { source: string }[] }>().added[0]?.source).toBe(
      'preset:GB 8978-1996/grade-1',
    );
    const audit = await t.store.audit.query({ action: 'limit.changed' });
    expect(audit.items.map((e) => [e.actor, e.targetId])).toEqual([
      ['admin', 'E2-W1'],
      ['supervisor', 'E1-G1'],
    ]);
    expect(audit.items[0]?.details).toMatchObject({
      preset: 'GB 8978-1996/grade-1',
      added: expect.arrayContaining([expect.objectContaining({ standard: 'GB 8978-1996' })]) as unknown,
    });
    expect(audit.items[1]?.details).toMatchObject({ added: [{ parameter: 'a21026', value: 30 }] });
  });

  it('a newer row wins from its day on, and the record keeps both', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/limits',
      headers: h.admin,
      payload: { site: 'E1-G1', limits: [{ ...row, value: 25, validFrom: '2026-04-01' }] },
    });
    const res = await app.inject({ url: '/api/v1/limits?site=E1-G1', headers: h.ent1 });
    expect(res.json()).toMatchObject({ inForce: [{ value: 30 }], history: [{ value: 30 }, { value: 25 }] });
    expect((await app.inject({ url: '/api/v1/limits?site=E2-W1', headers: h.wuxing })).statusCode).toBe(404);
  });

  it('lists the presets with their assumptions', async () => {
    const res = await app.inject({ url: '/api/v1/limit-presets', headers: h.operator });
    const items = res.json<{ items: { id: string; assumptions: string[]; rows: unknown[] }[] }>().items;
    expect(items.map((p) => p.id)).toContain('GB 13223-2011/coal-ultra-low');
    expect(items.every((p) => p.assumptions.length > 0 && p.rows.length > 0)).toBe(true);
  });

  it("summarises an outlet's month: hours received, valid, exceeding; transmission", async () => {
    const res = await app.inject({ url: '/api/v1/sites/E1-G1/compliance?month=2026-03', headers: h.ent1 });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      days: { date: string; hoursExceeding: number }[];
      total: Record<string, unknown>;
    }>();
    expect(body.days.find((d) => d.date === '2026-03-15')).toMatchObject({
      hoursReceived: 1,
      hoursValid: 1,
      hoursExceeding: 1,
      exceedingHoursByParameter: { a21026: 1 },
    });
    expect(body.total).toMatchObject({ hoursExceeding: 1, hoursValid: 1 });
    expect((await app.inject({ url: '/api/v1/sites/A1/compliance', headers: h.admin })).statusCode).toBe(400);
    const badMonth = await app.inject({
      url: '/api/v1/sites/E1-G1/compliance?month=2026-13',
      headers: h.admin,
    });
    expect(badMonth.statusCode).toBe(400);
    const refusal = badMonth.json<{ error: { code: string; message: string } }>().error;
    expect(refusal.code).toBe('bad-request');
    expect(refusal.message).toMatch(/YYYY-MM/);
    expect((await app.inject({ url: '/api/v1/sites/E2-W1/compliance', headers: h.ent1 })).statusCode).toBe(
      404,
    );
  });
});

describe('the API schemas', () => {
  it("list the domain's states, severities, event kinds and rules", () => {
    expect(api.ALARM_STATES).toEqual(domain.ALARM_STATES);
    expect(api.ALARM_SEVERITIES).toEqual(domain.ALARM_SEVERITIES);
    expect(api.ALARM_EVENT_KINDS).toEqual(domain.ALARM_EVENT_KINDS);
    expect(api.ALARM_RULES).toEqual(RULE_IDS);
    expect(api.ALARM_CONDITIONS).toEqual(domain.ALARM_CONDITIONS);
    expect(api.ALARM_HANDLINGS).toEqual(domain.ALARM_HANDLINGS);
    expect(api.ALARM_DISPOSITIONS).toEqual(domain.ALARM_DISPOSITIONS);
    expect(api.ALARM_SORTS).toEqual(domain.ALARM_SORTS);
    expect(api.ALARM_KINDS).toEqual(ALARM_KINDS);
    expect(api.ALARM_RULE_KIND).toEqual(RULE_KIND);
  });
});
