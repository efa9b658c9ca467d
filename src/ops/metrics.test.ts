/**
 * The registry of src/ops/metrics.ts: its own per composition, and every series the Grafana
 * dashboard in deploy/grafana/ queries exists in it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.js';

describe('Metrics', () => {
  it('keeps two registries apart (no global default registry)', async () => {
    const a = new Metrics();
    const b = new Metrics();
    a.answer();
    a.answer();
    expect((await a.scrape()).text).toMatch(/^qingshan_hj212_answers_total 2$/m);
    expect((await b.scrape()).text).toMatch(/^qingshan_hj212_answers_total 0$/m);
  });

  it('reads live gauges from their sources at scrape time', async () => {
    const m = new Metrics();
    let depth = 3;
    m.watchIngest({ queueDepth: () => depth, stats: () => ({ connectionsOpen: 7 }) });
    m.watchDbPool(() => ({ total: 4, idle: 1, waiting: 2 }));
    m.watchForwarding(() => ({ 'province-platform': 12 }));
    expect((await m.scrape()).text).toMatch(/^qingshan_ingest_queue_depth 3$/m);
    depth = 0;
    const text = (await m.scrape()).text;
    expect(text).toMatch(/^qingshan_ingest_queue_depth 0$/m);
    expect(text).toMatch(/^qingshan_hj212_connections 7$/m);
    expect(text).toMatch(/^qingshan_db_pool_connections\{state="waiting"\} 2$/m);
    expect(text).toMatch(/^qingshan_forwarding_backlog\{target="province-platform"\} 12$/m);
  });

  it('has every metric the Grafana dashboard queries', async () => {
    const m = new Metrics();
    m.collectProcessMetrics();
    const names = new Set(
      (await m.registry.getMetricsAsJSON()).flatMap((metric) =>
        String(metric.type) === 'histogram'
          ? ['_bucket', '_sum', '_count'].map((s) => `${metric.name}${s}`)
          : [metric.name],
      ),
    );
    const dashboard = readFileSync(new URL('../../deploy/grafana/qingshan.json', import.meta.url), 'utf8');
    const queried = new Set([...dashboard.matchAll(/\bqingshan_[a-z0-9_]+/g)].map((x) => x[0]));
    expect([...queried].filter((q) => !names.has(q))).toEqual([]);
    expect(queried.size).toBeGreaterThan(10);
  });
});
