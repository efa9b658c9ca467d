import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { HealthService } from './health.service.js';

const clock = new ManualClock('2026-03-15T00:00:10Z');
const started = { version: '1.2.3', startedAt: new Date('2026-03-15T00:00:00Z') };

describe('HealthService', () => {
  it('reports ok with the version and uptime when the store answers', async () => {
    const health = new HealthService({ dialect: 'sqlite', ping: () => Promise.resolve() }, clock);
    expect(await health.report(started)).toEqual({
      status: 'ok',
      version: '1.2.3',
      uptimeSeconds: 10,
      store: { dialect: 'sqlite', reachable: true },
      now: clock.now(),
    });
  });

  it('reports degraded with the store’s error when it does not answer', async () => {
    const health = new HealthService(
      { dialect: 'postgres', ping: () => Promise.reject(new Error('connection refused')) },
      clock,
    );
    expect(await health.report(started)).toMatchObject({
      status: 'degraded',
      store: { dialect: 'postgres', reachable: false, error: 'connection refused' },
    });
  });
});
