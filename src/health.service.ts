/** Whether the platform and its store answer (GET /api/v1/health). */
import type { Clock } from './clock.js';
import type { Dialect } from './store/db.js';
import type { Store } from './store/store.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  /** Seconds since the process started. */
  uptimeSeconds: number;
  store: { dialect: Dialect; reachable: boolean; error?: string };
  now: Date;
}

export class HealthService {
  constructor(
    private readonly store: Pick<Store, 'dialect' | 'ping'>,
    private readonly clock: Clock,
  ) {}

  /** Pings the store; `degraded` (with the store's error) when it does not answer. */
  async report(process: { version: string; startedAt: Date }): Promise<HealthReport> {
    const now = this.clock.now();
    let error: string | undefined;
    try {
      await this.store.ping();
    } catch (err) {
      error = err instanceof Error ? err.message : 'store did not answer';
    }
    const reachable = error === undefined;
    return {
      status: reachable ? 'ok' : 'degraded',
      version: process.version,
      uptimeSeconds: Math.max(0, Math.round((now.getTime() - process.startedAt.getTime()) / 1000)),
      store: { dialect: this.store.dialect, reachable, ...(error !== undefined ? { error } : {}) },
      now,
    };
  }
}
