/**
 * A hazardous-waste transfer in a real browser (issue 22), on the demo city: the demo enterprise
 * submits its draft manifest; the carrier confirms pickup with one of its vehicles; the receiver
 * confirms receipt; the supervisor sees the timeline and the city's figures and flow map. Every
 * step is a click in the page; the API is read only to find the manifest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserRig } from './harness.js';
import { browserTitle, HAS_CHROMIUM, openRig } from './harness.js';

const SUPERVISOR = ['supervisor', 'demo-supervisor-2026'] as const;
const ENTERPRISE = ['enterprise', 'demo-enterprise-2026'] as const;
const CARRIER = ['carrier-c02', 'carrier-c02-password'] as const;
const RECEIVER = ['receiver-r01', 'receiver-r01-password'] as const;

describe.skipIf(!HAS_CHROMIUM)(browserTitle('a hazardous-waste transfer'), () => {
  let rig: BrowserRig;
  let manifestId = 0;

  beforeAll(async () => {
    rig = await openRig('waste', { airDays: 1, waterDays: 1, outletDays: 0 });
    const { store } = rig.platform;
    for (const [username, password, code] of [
      [...CARRIER, 'HZ-W-C02'],
      [...RECEIVER, 'HZ-W-R01'],
    ] as const) {
      const site = await store.sites.getByCode(code);
      await store.users.add({ username, password, role: 'enterprise', enterpriseSiteId: site?.id ?? null });
    }
    const drafts = await store.waste.manifests({ state: 'draft', limit: 10, offset: 0 });
    manifestId = drafts.items[0]?.id ?? 0;
    expect(manifestId).toBeGreaterThan(0);
  }, 240_000);

  afterAll(async () => {
    await rig?.close();
  }, 180_000);

  const openManifest = async (): Promise<void> => {
    await rig.page.goto(rig.url(`/waste/manifests/${manifestId}`));
    await rig.page.getByTestId('manifest-detail').waitFor({ timeout: 20_000 });
  };
  const stateText = () => rig.page.getByTestId('manifest-detail').getByTestId('manifest-state').textContent();

  it('the consignor finds its draft in its list and submits it', async () => {
    await rig.loginAs(...ENTERPRISE);
    await rig.page.goto(rig.url('/waste'));
    await rig.page.getByTestId('manifest-table').waitFor({ timeout: 20_000 });
    await rig.page.getByTestId('manifest-table').getByText('草稿').first().click();
    await rig.page.getByTestId('manifest-detail').waitFor({ timeout: 20_000 });
    await openManifest();
    await rig.page.getByTestId('manifest-move-submitted').click();
    await expect.poll(stateText, { timeout: 20_000 }).toBe('已提交');
    // The consignor cannot confirm pickup: the button is not there.
    expect(await rig.page.getByTestId('manifest-move-in_transit').count()).toBe(0);
  });

  it('the carrier confirms pickup with one of its vehicles', async () => {
    await rig.loginAs(...CARRIER);
    await openManifest();
    await rig.page.getByTestId('manifest-vehicle').fill('浙E·D1001');
    await rig.page.getByTestId('manifest-move-in_transit').click();
    // HZ-W-C02 has no such vehicle: the error names the field.
    await expect
      .poll(() => rig.page.getByRole('alert').textContent(), { timeout: 20_000 })
      .toMatch(/vehicle/);
    await rig.page.getByTestId('manifest-vehicle').fill('浙E·D2001');
    await rig.page.getByTestId('manifest-move-in_transit').click();
    await expect.poll(stateText, { timeout: 20_000 }).toBe('运输中');
  });

  it('the receiver confirms the quantity received', async () => {
    await rig.loginAs(...RECEIVER);
    await openManifest();
    await rig.page.getByTestId('manifest-move-received').click();
    await expect.poll(stateText, { timeout: 20_000 }).toBe('已接收');
    await rig.shot('waste-manifest-received');
  });

  it('the supervisor sees the timeline, the figures and the flow map', async () => {
    await rig.loginAs(...SUPERVISOR);
    await openManifest();
    await expect
      .poll(() => rig.page.getByTestId('manifest-timeline').locator('li').count(), { timeout: 20_000 })
      .toBe(4);
    expect(await rig.page.getByTestId('manifest-actions').count()).toBe(0);
    await rig.page.goto(rig.url('/waste'));
    await rig.page.getByTestId('waste-by-category').waitFor({ timeout: 20_000 });
    await rig.page.getByTestId('waste-flow-map').locator('canvas').first().waitFor({ timeout: 20_000 });
    expect(await rig.page.getByTestId('waste-flows').locator('tbody tr').count()).toBeGreaterThan(2);
    await rig.shot('waste-overview');
    expect(rig.pageErrors).toEqual([]);
  });
});
