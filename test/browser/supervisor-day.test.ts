/**
 * A supervisor's working day in a real browser (issue 23, item 8), on the demo city: an exceedance
 * sent by the enterprise's own data logger over HJ 212 (real TCP) appears in the supervisor's list as
 * unhandled; the enterprise explains it with evidence; the supervisor opens a case from it (立案),
 * which derives the enterprise as the responsible unit, assigns it with a deadline; the enterprise
 * rectifies with an attachment; the supervisor accepts and closes. The filtered lists and the global
 * search find it, and the cockpit's figures move with it. Every step is a click in the page; the API is
 * read only to know what to expect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDataUpload } from '../../src/hj212/index.js';
import { DEMO_CITY } from '../../src/sim/demo-city.js';
import { chinaDate, DAY_MS, HOUR_MS } from '../../src/standards/china-time.js';
import type { Site } from '../../src/store/types.js';
import { TestLogger } from '../hj212-client.js';
import type { BrowserRig } from './harness.js';
import { browserTitle, HAS_CHROMIUM, openRig } from './harness.js';

const SUPERVISOR = ['supervisor', 'demo-supervisor-2026'] as const;
const ENTERPRISE = ['enterprise', 'demo-enterprise-2026'] as const;

describe.skipIf(!HAS_CHROMIUM)(browserTitle("a supervisor's day"), () => {
  let rig: BrowserRig;
  let enterprise: Site;
  let outlet: Site;
  let alarmId = 0;
  let caseId = '';
  let unhandledBefore = 0;
  let closedBefore = 0;
  let token = '';

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(rig.url(`/api/v1${path}`), { headers: { authorization: `Bearer ${token}` } });
    expect(res.ok, `${path}: ${res.status}`).toBe(true);
    return (await res.json()) as T;
  };
  /** The number a cockpit tile shows, once it shows one. */
  const tileNumber = async (testId: string): Promise<number> => {
    const tile = rig.page.getByTestId(testId);
    await expect.poll(() => tile.textContent(), { timeout: 20_000 }).toMatch(/\d+/);
    return Number(/\d+/.exec((await tile.textContent()) ?? '')?.[0]);
  };
  const openCockpit = async (): Promise<void> => {
    await rig.page.goto(rig.url('/'));
    await rig.page.getByTestId('cockpit').waitFor({ timeout: 20_000 });
  };

  beforeAll(async () => {
    // No outlet history: the hour the logger sends is new, not a retransmission of demo history.
    rig = await openRig('supervisor-day', { airDays: 1, waterDays: 1, outletDays: 0 });
    const user = await rig.platform.store.users.getByUsername(ENTERPRISE[0]);
    const own = await rig.platform.store.sites.getById(user?.enterpriseSiteId ?? -1);
    if (own === null) throw new Error('the demo enterprise account has no enterprise');
    enterprise = own;
    const outlets = await rig.platform.store.sites.list({ parentId: enterprise.id, kind: 'outlet' });
    const water = outlets.items.find((o) => o.attributes.medium === 'water');
    if (water === undefined) throw new Error(`${enterprise.code} has no water outlet`);
    outlet = water;
  }, 240_000);

  afterAll(async () => {
    await rig?.close();
  }, 180_000);

  it('the cockpit shows the unhandled exceedances and the closed cases before the day starts', async () => {
    await rig.loginAs(...SUPERVISOR);
    token = (await rig.page.evaluate<string | null>("localStorage.getItem('qingshan.token')")) ?? '';
    expect(token).not.toBe('');
    await openCockpit();
    unhandledBefore = await tileNumber('open-alarms');
    closedBefore = await tileNumber('case-funnel-closed');
  });

  it('an exceedance sent over HJ 212 appears as unhandled, named, in the exceedance tab', async () => {
    // The demo company's standard (GB 4287-2012) has no built-in table: the bureau enters the COD limit
    // of its permit first, as an administrator does on the limits page.
    const login = await fetch(rig.url('/api/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'demo-admin-2026' }),
    });
    const admin = ((await login.json()) as { token: string }).token;
    const added = await fetch(rig.url('/api/v1/limits'), {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        site: outlet.code,
        limits: [
          {
            parameter: 'w01018',
            value: 200,
            unit: 'mg/L',
            averaging: 'hour',
            standard: 'GB 4287-2012',
            clause: '表 2 间接排放',
            note: 'browser test: the permit value entered by the bureau',
          },
        ],
      }),
    });
    expect(added.status).toBe(201);
    const device = DEMO_CITY.devices.find((d) => d.siteCode === outlet.code);
    if (device === undefined) throw new Error(`no demo device on ${outlet.code}`);
    const cod = { value: 200 };
    const hour = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS);
    const peer = await TestLogger.connect(rig.platform.hj212Port);
    const value = (cod.value * 3).toFixed(1);
    await peer.write(
      encodeDataUpload(
        { qn: '20261207090000001', st: '32', pw: device.password, mn: device.mn, edition: '2017' },
        '2061',
        hour,
        [{ code: 'w01018', values: { Avg: value, Min: value, Max: value }, flag: 'N' }],
      ),
    );
    await peer.waitForAnswers(1);
    peer.close();
    await expect
      .poll(
        async () => {
          const page = await api<{ items: { id: number; rule: string }[] }>(
            `/alarms?site=${outlet.code}&kind=exceedance&handling=unhandled`,
          );
          alarmId = page.items.find((a) => a.rule === 'exceedance')?.id ?? 0;
          return alarmId;
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);

    await openCockpit();
    await expect.poll(() => tileNumber('open-alarms'), { timeout: 20_000 }).toBe(unhandledBefore + 1);
    await rig.page.getByTestId('open-alarms').click();
    await rig.page.getByTestId('alarms-page').waitFor();
    const table = rig.page.getByTestId('alarm-table');
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).toContain(outlet.name);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('化学需氧量');
    expect(text).toContain('未处理');
    expect(text).not.toMatch(/w01018|\bcritical\b|T\d\d:\d\d:\d\d/);
    await rig.shot('day-1-alarm-unhandled');
  });

  it('the enterprise explains its alarm with evidence', async () => {
    await rig.loginAs(...ENTERPRISE);
    await rig.page.goto(rig.url(`/alarms/${alarmId}`));
    await rig.page.getByTestId('alarm-explanation-text').fill('污水处理站加药泵故障，已于当日更换');
    await rig.page.getByTestId('alarm-evidence-file').setInputFiles({
      name: '维修单.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n'),
    });
    await expect
      .poll(() => rig.page.getByTestId('alarm-evidence-files').textContent())
      .toContain('维修单.pdf');
    await rig.page.getByTestId('alarm-explain').click();
    await expect.poll(() => rig.page.getByTestId('alarm-explanation').textContent()).toContain('加药泵');
  });

  it('the supervisor opens a case from the alarm; the enterprise is the responsible unit', async () => {
    await rig.loginAs(...SUPERVISOR);
    await rig.page.goto(rig.url(`/alarms/${alarmId}`));
    await rig.page.getByTestId('alarm-open-case').click();
    await expect
      .poll(() => rig.page.getByTestId('open-case-responsible').textContent(), { timeout: 20_000 })
      .toContain(enterprise.name);
    await rig.page.getByTestId('open-case-confirm').click();
    await rig.page.waitForURL(/\/cases\/\d+$/, { timeout: 20_000 });
    caseId = /\/cases\/(\d+)$/.exec(rig.page.url())?.[1] ?? '';
    expect(caseId).toMatch(/^\d+$/);
    await rig.shot('day-2-case-opened');
  });

  it('the supervisor assigns it to the derived enterprise with a deadline at the end of a China day', async () => {
    const page = rig.page;
    await page.getByTestId('case-page').waitFor();
    if ((await page.getByTestId('case-to-verified').count()) > 0) {
      await page.getByTestId('case-to-verified').click();
      await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已核实');
    }
    expect(await page.getByTestId('case-unit-suggested').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('case-assign').textContent()).toContain(enterprise.name);
    const deadline = chinaDate(new Date(Date.now() + 7 * DAY_MS));
    await page.getByTestId('case-deadline').fill(deadline);
    await page.getByTestId('case-to-assigned').click();
    await expect.poll(() => page.getByTestId('case-assign-summary').textContent()).toContain(enterprise.name);
    await page.getByTestId('case-assign-confirm').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已交办');
    await expect.poll(() => page.getByTestId('case-responsible').textContent()).toContain(enterprise.code);
    await expect.poll(() => page.getByTestId('case-deadline-shown').textContent()).toContain(deadline);
  });

  it('the enterprise rectifies with an attachment', async () => {
    await rig.loginAs(...ENTERPRISE);
    const page = rig.page;
    await page.goto(rig.url(`/cases/${caseId}`));
    await page.getByTestId('case-to-rectifying').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('整改中');
    await page.getByTestId('case-file').setInputFiles({
      name: '整改报告.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await expect.poll(() => page.getByTestId('case-pending').textContent()).toContain('整改报告.pdf');
    await page.getByTestId('case-comment').fill('更换加药泵，出水 COD 已恢复达标');
    await page.getByTestId('case-to-self_checked').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已自查');
  });

  it('the supervisor accepts and closes it', async () => {
    await rig.loginAs(...SUPERVISOR);
    const page = rig.page;
    await page.goto(rig.url(`/cases/${caseId}`));
    await page.getByTestId('case-to-under_acceptance').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('验收中');
    await page.getByTestId('case-to-publicised').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已公示');
    await page.getByTestId('case-to-closed').click();
    await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('已办结');
    await expect.poll(() => page.getByTestId('case-events').textContent()).toContain('整改报告.pdf');
    await rig.shot('day-3-case-closed');
  });

  it('filters and search find the alarm and the case', async () => {
    const page = rig.page;
    await page.goto(rig.url(`/alarms?kind=exceedance&handling=handled&enterprise=${enterprise.code}`));
    await expect
      .poll(() => page.getByTestId('alarm-table').textContent(), { timeout: 20_000 })
      .toContain(outlet.name);
    const record = await api<{ case: { title: string } }>(`/cases/${caseId}`);
    const caseTitle = record.case.title;
    await page.goto(rig.url(`/cases?state=closed&enterpriseSiteId=${enterprise.id}`));
    await expect
      .poll(() => page.getByTestId('case-list').textContent(), { timeout: 20_000 })
      .toContain(caseTitle);
    await page.getByTestId('global-search').fill(`#${caseId}`);
    const results = page.getByTestId('search-results');
    await expect.poll(() => results.textContent(), { timeout: 20_000 }).toContain(caseId);
    await results.locator('a').first().click();
    await page.waitForURL(new RegExp(`/cases/${caseId}$`));
    await page.getByTestId('global-search').fill(enterprise.name.slice(0, 4));
    await expect.poll(() => results.textContent(), { timeout: 20_000 }).toContain(enterprise.name);
  });

  it('the cockpit figures moved: one unhandled exceedance fewer, one more closed case', async () => {
    await openCockpit();
    await expect.poll(() => tileNumber('open-alarms'), { timeout: 20_000 }).toBe(unhandledBefore);
    await expect.poll(() => tileNumber('case-funnel-closed'), { timeout: 20_000 }).toBe(closedBefore + 1);
    await rig.shot('day-4-cockpit');
    expect(rig.pageErrors).toEqual([]);
  });
});
