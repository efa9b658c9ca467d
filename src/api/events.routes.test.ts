import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmServiceOver } from '../../test/alarm-service.js';
import type { AccessFixture, TestStore } from '../../test/helpers.js';
import { appOver, loginAll, openTestStore, seedAccessFixture } from '../../test/helpers.js';
import type { AlarmService, SiteFinding } from '../alarms/alarm.service.js';
import { systemClock } from '../clock.js';
import { createServices } from '../services.js';
import type { App } from './app.js';

let t: TestStore;
let app: App;
let fx: AccessFixture;
let h: Awaited<ReturnType<typeof loginAll>>;
let base = '';
let service: AlarmService;
let services: ReturnType<typeof createServices>;

function finding(siteId: number, parameter: string): SiteFinding {
  const from = new Date(Date.now() - 2 * 3_600_000);
  return {
    rule: 'exceedance',
    severity: 'critical',
    siteId,
    parameter,
    window: { from, to: new Date(from.getTime() + 3_600_000) },
    values: [{ at: from, value: 135, flag: 'N' }],
    limit: 100,
    message: { zh: '超标', en: 'above the limit' },
  };
}

/** One SSE connection over real HTTP: collects the raw text and parses events as they come. */
class Stream {
  text = '';
  status = 0;
  contentType = '';
  private req: http.ClientRequest | null = null;

  open(path: string, headers: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.req = http.get(`${base}${path}`, { headers }, (res) => {
        this.status = res.statusCode ?? 0;
        this.contentType = String(res.headers['content-type']);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (this.text += chunk));
        res.on('error', () => undefined);
        resolve();
      });
      this.req.on('error', reject);
    });
  }

  events(): {
    id: string;
    event: string;
    data: { kind: string; alarm: { id: number; site: { code: string } } };
  }[] {
    return this.text
      .split('\n\n')
      .filter((block) => block.includes('data: '))
      .map((block) => {
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2) ?? '';
        return { id: field('id'), event: field('event'), data: JSON.parse(field('data')) as never };
      });
  }

  async waitFor(predicate: (s: Stream) => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`stream condition not met; got:\n${this.text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.req?.destroy();
  }
}

beforeAll(async () => {
  t = await openTestStore(systemClock);
  fx = await seedAccessFixture(t.store);
  services = createServices({ store: t.store, clock: systemClock });
  service = services.alarms;
  app = await appOver(services);
  h = await loginAll(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('GET /api/v1/events (server-sent events over a real connection)', () => {
  it('refuses an anonymous caller', async () => {
    const s = new Stream();
    await s.open('/api/v1/events', {});
    expect(s.status).toBe(401);
    s.close();
  });

  it('pushes alarm changes scoped per caller, with ids to resume from and heartbeats', async () => {
    const bureau = new Stream();
    const wuxing = new Stream();
    await bureau.open('/api/v1/events?heartbeat=1', h.supervisor);
    await wuxing.open('/api/v1/events', h.wuxing);
    expect(bureau.status).toBe(200);
    expect(bureau.contentType).toMatch(/^text\/event-stream/);
    await bureau.waitFor((s) => s.text.includes(': connected'));
    await wuxing.waitFor((s) => s.text.includes(': connected'));

    const e2 = (await service.record(finding(fx.sites['E2-W1'], 'w01018'))).alarm!;
    const e1 = (await service.record(finding(fx.sites['E1-G1'], 'a21026'))).alarm!;
    const wuxingOfficer = {
      actor: { username: 'wuxing', role: 'district' },
      scope: { kind: 'district' as const, districtCode: '330502' },
      address: null,
    };
    await service.acknowledge(wuxingOfficer, e1.id, 'seen');
    await service.close(wuxingOfficer, e1.id, 'fixed');

    await bureau.waitFor((s) => s.events().length >= 4);
    expect(bureau.events().map((e) => [e.event, e.data.alarm.id])).toEqual([
      ['alarm.opened', e2.id],
      ['alarm.opened', e1.id],
      ['alarm.acknowledged', e1.id],
      ['alarm.closed', e1.id],
    ]);
    await wuxing.waitFor((s) => s.events().length >= 3);
    // The Nanxun outlet's alarm never reaches the Wuxing officer.
    expect(wuxing.events().map((e) => [e.event, e.data.alarm.site.code])).toEqual([
      ['alarm.opened', 'E1-G1'],
      ['alarm.acknowledged', 'E1-G1'],
      ['alarm.closed', 'E1-G1'],
    ]);
    await bureau.waitFor((s) => s.text.includes(': heartbeat'), 2500);

    // Resuming with Last-Event-ID replays what came after it.
    const firstId = bureau.events()[0]?.id ?? '';
    const resumed = new Stream();
    await resumed.open('/api/v1/events', { ...h.admin, 'last-event-id': firstId });
    await resumed.waitFor((s) => s.events().length >= 3);
    expect(resumed.events().map((e) => e.event)).toEqual([
      'alarm.opened',
      'alarm.acknowledged',
      'alarm.closed',
    ]);
    for (const s of [bureau, wuxing, resumed]) s.close();
  });

  it('sees changes made through another service (another process) by polling the store', async () => {
    const s = new Stream();
    await s.open('/api/v1/events', h.admin);
    await s.waitFor((x) => x.text.includes(': connected'));
    // No signal: as if an ingest process elsewhere had stored it.
    const other = alarmServiceOver(t.store, systemClock);
    const a = (await other.record(finding(fx.sites['E1-G1'], 'a34013'))).alarm!;
    await s.waitFor((x) => x.events().some((e) => e.data.alarm.id === a.id), 3000);
    s.close();
  });

  it('sends heavy-pollution alert changes to the bureau and to the enterprises listed under them only', async () => {
    const bureau = new Stream();
    const e1 = new Stream();
    await bureau.open('/api/v1/events', h.supervisor);
    await e1.open('/api/v1/events', h.ent1);
    await bureau.waitFor((s) => s.text.includes(': connected'));
    await e1.waitFor((s) => s.text.includes(': connected'));
    const change = {
      alertId: 7,
      level: 'orange',
      state: 'active',
      regionCode: '330500',
      at: new Date().toISOString(),
    };
    services.responseSignal.notify({ kind: 'issued', siteIds: [fx.sites.E2], ...change });
    services.responseSignal.notify({ kind: 'upgraded', siteIds: [fx.sites.E1], ...change, level: 'red' });
    await bureau.waitFor((s) => (s.text.match(/event: response\.alert/g) ?? []).length >= 2);
    await e1.waitFor((s) => s.text.includes('event: response.alert'));
    const e1Events = e1.text.split('\n\n').filter((b) => b.includes('event: response.alert'));
    expect(e1Events).toHaveLength(1);
    expect(e1Events[0]).toContain('"kind":"upgraded"');
    // The stream names no listed enterprise.
    expect(bureau.text).not.toContain('siteIds');
    bureau.close();
    e1.close();
  });
});
