import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testApp, type TestStore } from '../../test/helpers.js';
import type { App } from './app.js';

describe('web routes: the app icon', () => {
  let t: TestStore;
  let app: App;
  beforeAll(async () => {
    t = await openTestStore();
    app = await testApp(t.store);
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('serves /favicon.ico (an ICO) and /favicon.svg without a login, built or not', async () => {
    const ico = await app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    expect([...ico.rawPayload.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const svg = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toContain('<svg');
  });
});
