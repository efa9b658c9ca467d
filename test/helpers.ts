/** Shared test helpers: a fresh SQLite store in a temporary folder, and a built app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../src/api/app.js';
import { buildApp } from '../src/api/app.js';
import type { Clock } from '../src/clock.js';
import { ManualClock } from '../src/clock.js';
import { parseDbUrl } from '../src/config/config.js';
import type { Store } from '../src/store/store.js';
import { openStore } from '../src/store/store.js';

export interface TestStore {
  store: Store;
  dir: string;
  cleanup(): Promise<void>;
}

/** Opens a migrated SQLite store in a new temporary folder. */
export async function openTestStore(
  clock: Clock = new ManualClock('2026-03-15T00:00:00Z'),
): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-test-'));
  const store = await openStore(parseDbUrl(`sqlite:${join(dir, 'test.db')}`), { clock });
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Builds the HTTP app over a store, without a logger. */
export function testApp(store: Store, clock: Clock = new ManualClock('2026-03-15T00:00:00Z')): Promise<App> {
  return buildApp({
    store,
    clock,
    version: 'test',
    startedAt: new Date('2026-03-14T23:00:00Z'),
    logger: false,
  });
}
