/** The case API in-process: roles, scoping, transitions, evidence, figures, CSV, notifications. */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_SAMPLES } from '../../test/case-fixtures.js';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { loginAll, openTestStore, seedAccessFixture, testApp } from '../../test/helpers.js';
import { ManualClock } from '../clock.js';
import type { App } from './app.js';

const clock = new ManualClock('2026-03-15T00:00:00Z');
let ts: TestStore;
let fx: AccessFixture;
let app: App;
let h: Awaited<ReturnType<typeof loginAll>>;

interface CaseJson {
  id: number;
  state: string;
  districtCode: string;
  deadline: string | null;
  overdue: boolean;
  responsible: unknown;
}
interface ErrorJson {
  error: { code: string; message: string; details?: { allowed?: string[]; allowedForYou?: string[] } };
}
const ids: Record<'e1' | 'a1' | 'e2', number> = { e1: 0, a1: 0, e2: 0 };

async function post(url: string, who: keyof typeof h, payload: object) {
  return app.inject({ method: 'POST', url, headers: h[who], payload });
}
async function get(url: string, who: keyof typeof h) {
  return app.inject({ method: 'GET', url, headers: h[who] });
}
async function upload(caseId: number, who: keyof typeof h, bytes: Buffer, query: string) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/attachments?${query}`,
    headers: { ...h[who], 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
}

beforeAll(async () => {
  ts = await openTestStore(clock);
  fx = await seedAccessFixture(ts.store);
  app = await testApp(ts.store, clock);
  h = await loginAll(app);
});
afterAll(async () => {
  await app.close();
  await ts.cleanup();
});

describe('creating cases', () => {
  it('bureau and district officers open cases; enterprises and operators may not', async () => {
    const e1 = await post('/api/v1/cases', 'supervisor', {
      source: 'complaint',
      externalRef: '12369-2026-000123',
      subject: { type: 'enterprise', siteId: fx.sites.E1 },
      category: 'air',
      description: '群众反映夜间异味',
    });
    expect(e1.statusCode).toBe(201);
    ids.e1 = e1.json<CaseJson>().id;
    const a1 = await post('/api/v1/cases', 'wuxing', {
      source: 'inspection',
      subject: { type: 'site', siteId: fx.sites.A1 },
      category: 'air',
      description: '站点周边工地扬尘',
      responsible: { type: 'district', code: '330502' },
    });
    expect(a1.statusCode).toBe(201);
    ids.a1 = a1.json<CaseJson>().id;
    const e2 = await post('/api/v1/cases', 'admin', {
      source: 'superior',
      subject: { type: 'site', siteId: fx.sites['E2-W1'] },
      category: 'water',
      description: '省厅交办：排口疑似偷排',
    });
    ids.e2 = e2.json<CaseJson>().id;
    expect(e2.json<CaseJson>().districtCode).toBe('330503');
    expect((await post('/api/v1/cases', 'ent1', { source: 'manual' })).statusCode).toBe(403);
    expect((await post('/api/v1/cases', 'operator', { source: 'manual' })).statusCode).toBe(403);
    const outside = await post('/api/v1/cases', 'wuxing', {
      source: 'inspection',
      subject: { type: 'site', siteId: fx.sites.W1 },
      category: 'water',
      description: 'x',
    });
    expect(outside.statusCode).toBe(403);
  });
  it('refuses a district officer naming a responsible unit outside their district (docs/security.md §7)', async () => {
    const inOwn = { source: 'inspection', subject: { type: 'site', siteId: fx.sites.A1 }, category: 'air' };
    const otherEnterprise = await post('/api/v1/cases', 'wuxing', {
      ...inOwn,
      description: '指派外区企业',
      responsible: { type: 'enterprise', siteId: fx.sites.E2 },
    });
    expect(otherEnterprise.statusCode).toBe(403);
    expect(otherEnterprise.json<ErrorJson>().error.message).toMatch(
      /responsible\.siteId: enterprise E2 is outside your district/,
    );
    const otherDistrict = await post('/api/v1/cases', 'wuxing', {
      ...inOwn,
      description: '指派外区',
      responsible: { type: 'district', code: '330503' },
    });
    expect(otherDistrict.statusCode).toBe(403);
    expect(otherDistrict.json<ErrorJson>().error.message).toMatch(/responsible\.code/);
    // and an assignment by the officer later is checked the same way
    const assign = await post(`/api/v1/cases/${ids.a1}/transitions`, 'wuxing', {
      to: 'assigned',
      responsible: { type: 'enterprise', siteId: fx.sites.E2 },
    });
    expect([403, 409]).toContain(assign.statusCode);
  });
  it('names the field that is wrong', async () => {
    const res = await post('/api/v1/cases', 'supervisor', {
      source: 'alarm',
      category: 'air',
      description: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorJson>().error.message).toMatch(/alarmId/);
  });
});

describe('scoping', () => {
  it('lists what each role may see', async () => {
    const seen = async (who: keyof typeof h) =>
      (await get('/api/v1/cases', who))
        .json<{ items: CaseJson[] }>()
        .items.map((c) => c.id)
        .sort();
    expect(await seen('admin')).toEqual([ids.e1, ids.a1, ids.e2].sort());
    expect(await seen('operator')).toHaveLength(3);
    expect(await seen('wuxing')).toEqual([ids.e1, ids.a1].sort());
    expect(await seen('ent1')).toEqual([]);
  });
  it('answers 404 for a case outside the scope', async () => {
    expect((await get(`/api/v1/cases/${ids.e2}`, 'wuxing')).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${ids.e1}`, 'ent1')).statusCode).toBe(404);
    expect((await get(`/api/v1/cases/${ids.e1}`, 'wuxing')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/cases' })).statusCode).toBe(401);
  });
  it('filters and pages', async () => {
    const page = (await get('/api/v1/cases?limit=2&category=air', 'admin')).json<{
      items: CaseJson[];
      total: number;
      nextCursor: string | null;
    }>();
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(2);
    const water = (await get('/api/v1/cases?state=discovered&state=verified&source=superior', 'admin')).json<{
      items: CaseJson[];
    }>();
    expect(water.items.map((c) => c.id)).toEqual([ids.e2]);
  });
});

describe('transitions', () => {
  it('refuses an illegal move with 409 and the allowed next states', async () => {
    const res = await post(`/api/v1/cases/${ids.e1}/transitions`, 'supervisor', { to: 'closed' });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorJson>().error.details).toMatchObject({ allowed: ['verified', 'dismissed'] });
  });
  it('assigns to the enterprise, which then sees the case, rectifies and self-checks with evidence', async () => {
    expect(
      (await post(`/api/v1/cases/${ids.e1}/transitions`, 'supervisor', { to: 'verified' })).statusCode,
    ).toBe(200);
    const assigned = await post(`/api/v1/cases/${ids.e1}/transitions`, 'supervisor', {
      to: 'assigned',
      responsible: { type: 'enterprise', siteId: fx.sites.E1 },
      deadline: '2026-03-31',
      comment: '限期整改',
    });
    expect(assigned.statusCode).toBe(200);
    // A date is due by the end of that China-local day.
    expect(assigned.json<CaseJson>().deadline).toBe('2026-03-31T15:59:59.999Z');
    expect((await get(`/api/v1/cases/${ids.e1}`, 'ent1')).statusCode).toBe(200);
    expect(
      (await post(`/api/v1/cases/${ids.e1}/transitions`, 'wuxing', { to: 'rectifying' })).statusCode,
    ).toBe(403);
    expect(
      (await post(`/api/v1/cases/${ids.e1}/transitions`, 'operator', { to: 'rectifying' })).statusCode,
    ).toBe(403);
    expect((await post(`/api/v1/cases/${ids.e1}/transitions`, 'ent1', { to: 'rectifying' })).statusCode).toBe(
      200,
    );

    const photo = await upload(ids.e1, 'ent1', EVIDENCE_SAMPLES.jpeg, 'filename=整改后.jpg&type=image/jpeg');
    expect(photo.statusCode).toBe(201);
    const meta = photo.json<{ id: number; sha256: string; sizeBytes: number; eventSeq: null }>();
    expect(meta.sha256).toBe(createHash('sha256').update(EVIDENCE_SAMPLES.jpeg).digest('hex'));
    expect(meta.sizeBytes).toBe(EVIDENCE_SAMPLES.jpeg.length);
    const [added] = (await ts.store.audit.query({ action: 'case.evidence_added', actor: 'ent1' })).items;
    expect(added).toMatchObject({
      actorRole: 'enterprise',
      targetType: 'case',
      targetId: String(ids.e1),
      address: '127.0.0.1',
      details: { attachmentId: meta.id, sha256: meta.sha256 },
    });
    const checked = await post(`/api/v1/cases/${ids.e1}/transitions`, 'ent1', {
      to: 'self_checked',
      comment: '已加装活性炭吸附装置',
      attachmentIds: [meta.id],
    });
    expect(checked.statusCode).toBe(200);

    const detail = (await get(`/api/v1/cases/${ids.e1}`, 'supervisor')).json<{
      events: {
        seq: number;
        kind: string;
        to: string | null;
        actor: string;
        attachments: { id: number }[];
      }[];
      allowedTransitions: string[];
    }>();
    expect(detail.events.map((e) => e.to)).toEqual([
      'discovered',
      'verified',
      'assigned',
      'rectifying',
      'self_checked',
    ]);
    expect(detail.events[4]).toMatchObject({ actor: 'ent1', attachments: [{ id: meta.id }] });
    expect(detail.allowedTransitions).toEqual(['under_acceptance']);
    // Attached once only.
    const again = await post(`/api/v1/cases/${ids.e1}/transitions`, 'supervisor', {
      to: 'under_acceptance',
      attachmentIds: [meta.id],
    });
    expect(again.statusCode).toBe(400);
  });
  it('records each transition in the audit trail', async () => {
    const entries = await ts.store.audit.query({ action: 'case.transition', targetId: String(ids.e1) });
    expect(entries.items.map((e) => e.details.to)).toEqual([
      'self_checked',
      'rectifying',
      'assigned',
      'verified',
      'discovered',
    ]);
  });
});

describe('evidence', () => {
  it('serves the file only to those who may see the case, checked against its checksum', async () => {
    const list = (await get(`/api/v1/cases/${ids.e1}`, 'wuxing')).json<{
      events: { attachments: { url: string; sha256: string }[] }[];
    }>();
    const att = list.events.flatMap((e) => e.attachments)[0]!;
    const res = await get(att.url, 'wuxing');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers.etag).toBe(`"${att.sha256}"`);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E6%95%B4");
    expect(res.rawPayload.equals(EVIDENCE_SAMPLES.jpeg)).toBe(true);
    const stolen = att.url.replace(`/cases/${ids.e1}/`, `/cases/${ids.e2}/`);
    expect((await get(stolen, 'admin')).statusCode).toBe(404);
  });
  it.each([
    ['an executable called a photo', EVIDENCE_SAMPLES.exe, 'filename=a.jpg&type=image/jpeg', 415],
    ['a PNG declared as JPEG', EVIDENCE_SAMPLES.png, 'filename=a.png&type=image/jpeg', 415],
    ['a PDF named .docx', EVIDENCE_SAMPLES.pdf, 'filename=a.docx', 415],
    ['a plain ZIP', EVIDENCE_SAMPLES.zip, 'filename=a.xlsx', 415],
    ['an empty body', Buffer.alloc(0), 'filename=a.pdf', 400],
    [
      'more than 10 MiB',
      Buffer.concat([EVIDENCE_SAMPLES.pdf, Buffer.alloc(10 * 1024 * 1024)]),
      'filename=a.pdf',
      413,
    ],
  ] as const)('refuses %s', async (_name, bytes, query, status) => {
    const res = await upload(ids.a1, 'supervisor', bytes, query);
    expect(res.statusCode).toBe(status);
  });
  it('accepts PDF, DOCX and XLSX; refuses uploads from outside the case', async () => {
    for (const [name, bytes] of [
      ['r.pdf', EVIDENCE_SAMPLES.pdf],
      ['r.docx', EVIDENCE_SAMPLES.docx],
      ['r.xlsx', EVIDENCE_SAMPLES.xlsx],
    ] as const) {
      expect((await upload(ids.a1, 'wuxing', bytes, `filename=${name}`)).statusCode).toBe(201);
    }
    // Operators read cases but do not act on them; ent1 is not responsible for a1 and cannot see it.
    expect((await upload(ids.a1, 'operator', EVIDENCE_SAMPLES.pdf, 'filename=r.pdf')).statusCode).toBe(403);
    expect((await upload(ids.a1, 'ent1', EVIDENCE_SAMPLES.pdf, 'filename=r.pdf')).statusCode).toBe(404);
  });
});

describe('extensions', () => {
  it('the unit asks, the bureau decides', async () => {
    await post(`/api/v1/cases/${ids.a1}/transitions`, 'supervisor', { to: 'verified' });
    await post(`/api/v1/cases/${ids.a1}/transitions`, 'supervisor', {
      to: 'assigned',
      deadline: '2026-03-20',
    });
    const asked = await post(`/api/v1/cases/${ids.a1}/extensions`, 'wuxing', {
      deadline: '2026-04-30',
      reason: '工地停工需协调',
    });
    expect(asked.statusCode).toBe(201);
    expect(
      (await post(`/api/v1/cases/${ids.a1}/extensions/decision`, 'wuxing', { approve: true })).statusCode,
    ).toBe(403);
    const decided = await post(`/api/v1/cases/${ids.a1}/extensions/decision`, 'supervisor', {
      approve: true,
      deadline: '2026-04-15',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json<CaseJson>().deadline).toBe('2026-04-15T15:59:59.999Z');
    const none = await post(`/api/v1/cases/${ids.a1}/extensions/decision`, 'supervisor', { approve: true });
    expect(none.statusCode).toBe(409);
  });
});

describe('notifications', () => {
  it('tells each user their unit’s notices', async () => {
    const kinds = async (who: keyof typeof h) =>
      (await get('/api/v1/notifications', who))
        .json<{ items: { kind: string }[] }>()
        .items.map((n) => n.kind);
    expect(await kinds('ent1')).toContain('case.assigned');
    expect(await kinds('wuxing')).toEqual(
      expect.arrayContaining(['case.assigned', 'case.extension_approved']),
    );
    expect(await kinds('supervisor')).toEqual(
      expect.arrayContaining(['case.opened', 'case.self_checked', 'case.extension_requested']),
    );
    expect(await kinds('operator')).toEqual([]);
  });
});

describe('figures and export', () => {
  it('figures by district, scoped', async () => {
    const all = (await get('/api/v1/cases/figures?by=district', 'admin')).json<{
      groups: { key: string; total: number; overdue: number }[];
      total: { total: number };
    }>();
    expect(all.groups.map((g) => [g.key, g.total])).toEqual([
      ['330502', 2],
      ['330503', 1],
    ]);
    const mine = (
      await get('/api/v1/cases/figures?by=district&from=2026-03-01&to=2026-03-31', 'wuxing')
    ).json<{
      groups: { key: string; total: number }[];
    }>();
    expect(mine.groups.map((g) => g.key)).toEqual(['330502']);
    expect((await get('/api/v1/cases/figures?by=weather', 'admin')).statusCode).toBe(400);
  });
  it('exports the scoped list as CSV, audited as export', async () => {
    const res = await get('/api/v1/cases.csv?category=air', 'wuxing');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^id,state,source,category,title/);
    expect(lines).toHaveLength(3);
    const audit = await ts.store.audit.query({ action: 'export', actor: 'wuxing' });
    expect(audit.items[0]).toMatchObject({
      actorRole: 'district',
      targetType: 'cases',
      targetId: 'csv',
      address: '127.0.0.1',
      details: { what: 'cases.csv', rows: 2, filter: { category: 'air' } },
    });
  });
  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}/transitions', '/api/v1/notifications']),
    );
  });
});

describe('issue 23: assignment without a silent default, deadlines, filters, export, figures that agree', () => {
  const made: Record<'straw' | 'outlet', number> = { straw: 0, outlet: 0 };
  interface DetailJson {
    case: CaseJson;
    suggestedResponsible: { type: string; code?: string; siteId?: number } | null;
  }
  it('derives the unit from the subject and shows it; assigning without a unit is a 400 naming the field', async () => {
    const straw = await post('/api/v1/cases', 'supervisor', {
      source: 'inspection',
      subject: { type: 'site', siteId: fx.sites.A1 },
      category: 'air',
      description: '站点附近秸秆焚烧',
    });
    expect(straw.statusCode).toBe(201);
    made.straw = straw.json<CaseJson>().id;
    expect(straw.json<CaseJson>().responsible).toBeNull();
    const detail = (await get(`/api/v1/cases/${made.straw}`, 'supervisor')).json<DetailJson>();
    expect(detail.suggestedResponsible).toMatchObject({ type: 'district', code: '330502' });

    const derived = async (q: string) =>
      (await get(`/api/v1/cases/derived-responsible?${q}`, 'supervisor')).json<{
        responsible: { type: string; code?: string; siteId?: number } | null;
      }>().responsible;
    expect(await derived(`siteId=${fx.sites['E1-G1']}`)).toMatchObject({
      type: 'enterprise',
      siteId: fx.sites.E1,
    });
    expect(await derived(`siteId=${fx.sites.A1}`)).toMatchObject({ type: 'district', code: '330502' });
    expect(await derived('districtCode=330503')).toMatchObject({ type: 'district', code: '330503' });
    expect(await derived('')).toBeNull();
    expect((await get('/api/v1/cases/derived-responsible?siteId=99999', 'supervisor')).statusCode).toBe(400);
    expect((await get('/api/v1/cases/derived-responsible?siteId=1', 'ent1')).statusCode).toBe(403);

    await post(`/api/v1/cases/${made.straw}/transitions`, 'supervisor', { to: 'verified' });
    const refused = await post(`/api/v1/cases/${made.straw}/transitions`, 'supervisor', {
      to: 'assigned',
      deadline: '2026-12-10',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorJson>().error.message).toMatch(/^responsible: required/);
    const assigned = await post(`/api/v1/cases/${made.straw}/transitions`, 'supervisor', {
      to: 'assigned',
      responsible: { type: 'district', code: '330502' },
      deadline: '2026-12-10',
    });
    expect(assigned.statusCode).toBe(200);
    // 12-10 is due at the end of 2026-12-10 China time, not at the start of 12-11.
    expect(assigned.json<CaseJson>().deadline).toBe('2026-12-10T15:59:59.999Z');
    const [notice] = (await get(`/api/v1/notifications?caseId=${made.straw}`, 'wuxing')).json<{
      items: { messageZh: string }[];
    }>().items;
    expect(notice?.messageZh).toContain('整改期限 2026-12-10');
    const bad = await post(`/api/v1/cases/${made.straw}/extensions`, 'wuxing', {
      deadline: '2026-12-32',
      reason: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorJson>().error.message).toMatch(/^deadline:/);
  });
  it('filters by enterprise (itself or its outlets), responsible unit and a list of states', async () => {
    const outlet = await post('/api/v1/cases', 'supervisor', {
      source: 'complaint',
      externalRef: '12369-2026-000456',
      reporter: '王先生 138****0000',
      location: '织里镇东侧河道旁',
      subject: { type: 'site', siteId: fx.sites['E1-G1'] },
      category: 'emission_exceedance',
      description: '排口冒黑烟',
    });
    expect(outlet.statusCode).toBe(201);
    expect(outlet.json()).toMatchObject({
      source: 'complaint',
      externalRef: '12369-2026-000456',
      reporter: '王先生 138****0000',
      location: '织里镇东侧河道旁',
      responsible: null,
    });
    made.outlet = outlet.json<CaseJson>().id;
    const found = async (q: string, who: keyof typeof h = 'admin') => {
      const res = await get(`/api/v1/cases?${q}`, who);
      expect(res.statusCode).toBe(200);
      return res
        .json<{ items: CaseJson[] }>()
        .items.map((c) => c.id)
        .sort((a, b) => a - b);
    };
    expect(await found(`enterpriseSiteId=${fx.sites.E1}`)).toEqual(
      [ids.e1, made.outlet].sort((a, b) => a - b),
    );
    expect(await found('responsibleType=district&responsibleCode=330502')).toEqual(
      [ids.a1, made.straw].sort((a, b) => a - b),
    );
    expect(await found(`responsibleType=enterprise&responsibleSiteId=${fx.sites.E1}`)).toEqual([ids.e1]);
    expect(await found('state=assigned,discovered&source=complaint')).toEqual([made.outlet]);
    expect(await found('state=dismissed,closed&source=complaint')).toEqual([]);
    expect(await found('state=assigned&state=discovered&source=complaint')).toEqual([made.outlet]);
    const unknown = await get('/api/v1/cases?state=assigned,sleeping', 'admin');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorJson>().error.message).toMatch(/^state: unknown state "sleeping"/);
    expect((await get(`/api/v1/cases?enterpriseSiteId=${fx.sites.A1}`, 'admin')).statusCode).toBe(400);
    // Newest first by time: the outlet case was opened last.
    const first = (await get('/api/v1/cases?limit=1', 'admin')).json<{ items: CaseJson[] }>().items[0];
    expect(first?.id).toBe(made.outlet);
    const updated = (await get('/api/v1/cases?limit=1&sort=updated', 'admin')).json<{ items: CaseJson[] }>();
    expect(updated.items).toHaveLength(1);
  });
  it('exports the filtered list as CSV or XLSX in the language asked for', async () => {
    const csv = async (lang: string) => {
      const res = await get(`/api/v1/cases/export?format=csv&lang=${lang}&source=inspection`, 'admin');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename=/);
      return res.body
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
    };
    const zh = await csv('zh');
    expect(zh[0]).toMatch(/^编号,状态,来源,类别,事项,区县,对象,地点,责任单位类型,责任单位,整改期限,超期/);
    expect(zh).toHaveLength(3); // a1 and the straw-burning case
    const straw = zh.find((l) => l.startsWith(`${made.straw},`));
    expect(straw).toContain('已交办,现场检查,大气');
    expect(straw).toContain('吴兴区');
    expect(straw).toContain('2026-12-10');
    const en = await csv('en');
    expect(en[0]).toMatch(/^No\.,State,Source,Category,Subject,District,Site or body,/);
    expect(en.find((l) => l.startsWith(`${made.straw},`))).toContain('Assigned,Inspection,Air');
    expect(en.find((l) => l.startsWith(`${made.straw},`))).toContain('Wuxing');

    const xlsx = await get('/api/v1/cases/export?format=xlsx&lang=en', 'wuxing');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe('cases');
    expect(sheet?.getRow(1).getCell(1).value).toBe('No.');
    expect(sheet?.getRow(1).getCell(2).value).toBe('State');
    expect(sheet?.rowCount).toBe(1 + 4); // Wuxing's cases: e1, a1, straw, outlet
    const audit = await ts.store.audit.query({ action: 'export', actor: 'wuxing' });
    expect(audit.items[0]).toMatchObject({
      targetId: 'xlsx',
      details: { what: 'cases.xlsx', lang: 'en', rows: 4 },
    });
    expect((await get('/api/v1/cases/export?format=pdf', 'admin')).statusCode).toBe(400);
  });
  it('every count of the figures is reproduced by the case list its filter names', async () => {
    for (const who of ['admin', 'wuxing'] as const) {
      const figures = (await get('/api/v1/cases/figures?by=district&from=2026-03-01', who)).json<{
        total: Record<string, unknown> & { queries: Record<string, Record<string, unknown>> };
        groups: (Record<string, unknown> & { queries: Record<string, Record<string, unknown>> })[];
      }>();
      for (const f of [figures.total, ...figures.groups]) {
        for (const [name, query] of Object.entries(f.queries)) {
          const qs = new URLSearchParams();
          for (const [k, v] of Object.entries(query)) qs.set(k, Array.isArray(v) ? v.join(',') : String(v));
          const list = (await get(`/api/v1/cases?limit=1&${qs.toString()}`, who)).json<{ total: number }>();
          expect([who, f.key, name, list.total]).toEqual([who, f.key, name, f[name]]);
        }
      }
    }
  });
});
