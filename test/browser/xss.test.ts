/**
 * Attack suite, browser half (docs/security.md §5): script payloads in what people type and what a
 * database from before the import checks may hold reach the pages of a real Chromium as text. A
 * payload that runs, and any Content-Security-Policy violation (a blocked attempt), fail the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserRig } from './harness.js';
import { browserTitle, HAS_CHROMIUM, openRig } from './harness.js';

const PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

describe.skipIf(!HAS_CHROMIUM)(browserTitle('script payloads in names and texts'), () => {
  let rig: BrowserRig;
  let caseId = 0;

  beforeAll(async () => {
    rig = await openRig('xss', { airDays: 1, waterDays: 0, outletDays: 0 });
    // A name stored before names were checked on import (the checks now refuse it).
    const station = (await rig.platform.store.sites.list({ kind: 'air_station', limit: 1 })).items[0];
    if (station === undefined) throw new Error('the demo city has no air station');
    await rig.platform.store.sites.create({
      kind: 'air_station',
      code: 'XSS-1',
      name: PAYLOAD,
      districtCode: station.districtCode,
      longitude: station.longitude,
      latitude: station.latitude,
    });
    const login = await fetch(rig.url('/api/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: 'demo-supervisor-2026' }),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(rig.url('/api/v1/cases'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        source: 'inspection',
        subject: { type: 'site', siteId: station.id },
        category: 'air',
        description: PAYLOAD,
      }),
    });
    caseId = ((await created.json()) as { id: number }).id;
    expect(created.status).toBe(201);
    await rig.context.addInitScript(
      "window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));",
    );
  }, 240_000);
  afterAll(async () => {
    await rig.close();
  });

  it('serves every page with a strict Content-Security-Policy (no inline script)', async () => {
    const res = await fetch(rig.url('/public'));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('shows the payloads as text on the public page, the case page and the master-data list', async () => {
    await rig.page.goto(rig.url('/public'));
    await rig.page.getByTestId('public-page').waitFor({ timeout: 30_000 });
    await rig.loginAs('supervisor', 'demo-supervisor-2026');
    await rig.page.goto(rig.url(`/cases/${caseId}`));
    await expect
      .poll(() => rig.page.evaluate('document.body.innerText'), { timeout: 20_000 })
      .toContain('window.__xss=2');
    await rig.page.goto(rig.url('/admin?tab=master'));
    await rig.page.waitForTimeout(1000);
    const state = await rig.page.evaluate('({ xss: window.__xss ?? 0, violations: window.__violations })');
    expect(state).toEqual({ xss: 0, violations: [] });
    expect(rig.pageErrors).toEqual([]);
  }, 120_000);
});
