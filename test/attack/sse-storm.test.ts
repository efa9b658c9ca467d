/**
 * Attack suite, event-stream half (docs/security.md §4): resumes from event 0 replay a bounded
 * window, a user may hold only a few streams, a storm of replays leaves `/health` answering, and a
 * reader that stops reading is dropped instead of buffered without limit. Over real HTTP.
 */
import http from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteFinding } from '../../src/alarms/alarm.service.js';
import type { App } from '../../src/api/app.js';
import { SSE_LIMITS } from '../../src/api/events.routes.js';
import { systemClock } from '../../src/clock.js';
import { createServices } from '../../src/services.js';
import type { AccessFixture, TestStore } from '../helpers.js';
import { appOver, loginAll, openTestStore, seedAccessFixture } from '../helpers.js';

const ALARMS = 1_000;
/** What the slow-reader app logged, one JSON line each. */
const logged: string[] = [];
let t: TestStore;
let app: App;
let slowApp: App;
let fx: AccessFixture;
let h: Awaited<ReturnType<typeof loginAll>>;
let base = '';
let slowPort = 0;

function finding(siteId: number, i: number): SiteFinding {
  const from = new Date(Date.now() - 2 * 3_600_000);
  return {
    rule: 'exceedance',
    severity: 'critical',
    siteId,
    parameter: `x${String(i).padStart(5, '0')}`,
    window: { from, to: new Date(from.getTime() + 3_600_000) },
    values: [{ at: from, value: 135, flag: 'N' }],
    limit: 100,
    message: { zh: '超标', en: 'above the limit' },
  };
}

const portOf = (a: App): number => {
  const address = a.server.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
};

beforeAll(async () => {
  t = await openTestStore(systemClock);
  fx = await seedAccessFixture(t.store);
  const services = createServices({ store: t.store, clock: systemClock });
  for (let i = 0; i < ALARMS; i += 1) await services.alarms.record(finding(fx.sites['E1-G1'], i));
  app = await appOver(services);
  h = await loginAll(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${portOf(app)}`;
  const sink = new Writable({
    write(chunk: Buffer, _enc, next) {
      logged.push(chunk.toString('utf8'));
      next();
    },
  });
  slowApp = await appOver(services, {
    logger: pino({ level: 'warn' }, sink),
    sseLimits: { bufferBytes: 16 * 1024, drainMs: 1_000, replayEvents: ALARMS, perUser: 2 },
  });
  await slowApp.listen({ host: '127.0.0.1', port: 0 });
  slowPort = portOf(slowApp);
}, 120_000);
afterAll(async () => {
  await app.close();
  await slowApp.close();
  await t.cleanup();
});

/**
 * Opens a stream and reads it until it has delivered `events` events (counted line by line as the
 * chunks come, so the client costs little of the shared event loop) or it ends.
 */
function stream(
  headers: Record<string, string>,
  events: number,
): Promise<{ status: number; text: string; events: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/events`, { headers }, (res) => {
      const chunks: string[] = [];
      let partial = '';
      let count = 0;
      res.setEncoding('utf8');
      const done = () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, text: chunks.join(''), events: count });
      };
      res.on('data', (chunk: string) => {
        chunks.push(chunk);
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('id: ')) count += 1;
        if (count >= events) done();
      });
      res.on('end', done);
      res.on('error', () => undefined);
    });
    req.on('error', reject);
  });
}

describe('event stream under attack', () => {
  it(`replays at most ${SSE_LIMITS.replayEvents} events on a resume from 0, announcing what it skipped`, async () => {
    const res = await stream({ ...h.admin, 'last-event-id': '0' }, SSE_LIMITS.replayEvents);
    expect(res.status).toBe(200);
    const truncated = /event: replay\.truncated\ndata: (.*)\n/.exec(res.text);
    expect(JSON.parse(truncated?.[1] ?? 'null')).toMatchObject({
      askedAfter: 0,
      skipped: expect.any(Number) as number,
    });
    expect(res.events).toBe(SSE_LIMITS.replayEvents);
  });

  it(`refuses a user's stream beyond ${SSE_LIMITS.perUser} with 429 in the envelope`, async () => {
    const held: http.ClientRequest[] = [];
    const openOne = () =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.get(`${base}/api/v1/events`, { headers: h.operator }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          if (res.statusCode === 200) {
            held.push(req);
            resolve({ status: 200, body: '' });
            res.on('data', () => undefined);
            res.on('error', () => undefined);
            return;
          }
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
      });
    for (let i = 0; i < SSE_LIMITS.perUser; i += 1) expect((await openOne()).status).toBe(200);
    const refused = await openOne();
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'too-many-requests' } });
    for (const req of held) req.destroy();
  });

  it('keeps /health answering while 20 streams replay from event 0 at once', async () => {
    const users = [h.admin, h.supervisor, h.wuxing, h.ent1];
    const storm = users.flatMap((u) =>
      Array.from({ length: SSE_LIMITS.perUser }, () =>
        stream({ ...u, 'last-event-id': '0' }, SSE_LIMITS.replayEvents),
      ),
    );
    const started = Date.now();
    const health = await new Promise<number>((resolve, reject) => {
      http
        .get(`${base}/api/v1/health`, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });
    const healthMs = Date.now() - started;
    expect(health).toBe(200);
    // A liveness bound, not a speed claim: before the fix such a storm held /health for 14–42 s.
    expect(healthMs).toBeLessThan(5_000);
    // the district officer's and the enterprise's replays hold only their own events (none here
    // for Wuxing's air station; E1's outlet is the enterprise's own)
    const results = await Promise.race([
      Promise.all(storm.slice(0, 10)),
      new Promise<null>((r) => setTimeout(() => r(null), 30_000)),
    ]);
    expect(results?.every((r) => r.status === 200)).toBe(true);
  }, 60_000);

  it('drops a reader that stops reading, freeing its place', async () => {
    const token = h.supervisor.authorization;
    const paused: Socket[] = [];
    for (let i = 0; i < 2; i += 1) {
      const socket = connect(slowPort, '127.0.0.1');
      socket.write(
        `GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: ${token}\r\nLast-Event-ID: 0\r\n\r\n`,
      );
      socket.pause();
      paused.push(socket);
    }
    const tryOne = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(
          `http://127.0.0.1:${slowPort}/api/v1/events`,
          { headers: { authorization: token } },
          (res) => {
            resolve(res.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on('error', reject);
      });
    let status = await tryOne();
    const deadline = Date.now() + 20_000;
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = await tryOne();
    }
    expect(status).toBe(200);
    expect(
      logged.filter((l) => l.includes('"event":"sse.slow_reader_dropped"')).length,
    ).toBeGreaterThanOrEqual(1);
    for (const s of paused) s.destroy();
  }, 30_000);
});
