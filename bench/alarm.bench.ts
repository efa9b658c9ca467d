/**
 * Packet-to-alarm latency under load: an in-process HJ 212 listener wired to the alarm engine
 * (SQLite), loaded by `runLoad` (2051 minute packets of 8 parameters, DataTimes walking from a few
 * hours back). A fifth of the outlets have an SO2 limit below what the load generator sends, so each
 * of their hours that completes (45 valid minutes, the gas validity rule) opens or extends an
 * exceedance alarm. Latency: from the listener's receipt of the packets that queued a site to the
 * end of the evaluation pass that stored the site's alarm change. Printed figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { EvaluationPass } from '../src/alarms/alarm-engine.js';
import { AlarmEngine } from '../src/alarms/alarm-engine.js';
import { AlarmService } from '../src/alarms/alarm.service.js';
import { AuditService } from '../src/audit/audit.service.js';
import { ScopeService } from '../src/auth/scope.js';
import { systemClock } from '../src/clock.js';
import { parseDbUrl } from '../src/config/config.js';
import { startHj212Server } from '../src/ingest/hj212-server.js';
import { loadDevices, runLoad } from '../src/sim/load.js';
import { openStore } from '../src/store/store.js';
import type { BenchResult } from './run.js';

const DEVICES = Number(process.env.QINGSHAN_BENCH_ALARM_DEVICES ?? 100);
const RATE = Number(process.env.QINGSHAN_BENCH_ALARM_RATE ?? 1000);
const SECONDS = Number(process.env.QINGSHAN_BENCH_ALARM_SECONDS ?? 20);
/** Every EXCEEDING-th outlet gets the low limit. */
const EXCEEDING = 5;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function alarmBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-bench-alarm-'));
  const store = await openStore(parseDbUrl(`sqlite:${join(dir, 'alarm.db')}`));
  const devices = loadDevices(DEVICES);
  await store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  const exceeding = new Set<number>();
  for (const [i, d] of devices.entries()) {
    const site = await store.sites.create({
      kind: 'outlet',
      code: `LOAD-${i + 1}`,
      name: `负载 ${i + 1}`,
      districtCode: '330502',
      attributes: { medium: 'gas', emissionStandard: 'GB 13271-2014', parameters: [] },
    });
    await store.devices.add({ mn: d.mn, password: d.password, siteId: site.id, protocol: d.protocol });
    if (i % EXCEEDING === 0) {
      exceeding.add(site.id);
      await store.limits.add([
        {
          siteId: site.id,
          parameter: 'a21026',
          value: 10,
          lowerValue: null,
          unit: 'mg/m3',
          averaging: 'hour',
          referenceO2Pct: null,
          standard: 'bench',
          clause: '',
          validFrom: null,
          validTo: null,
          source: 'bureau',
          createdBy: 'bench',
        },
      ]);
    }
  }
  const latencies: number[] = [];
  const passes: EvaluationPass[] = [];
  // The engine's own alarm service, without the auto-opened cases of the platform's composition.
  const service = new AlarmService({
    store,
    clock: systemClock,
    audit: new AuditService(store.audit, systemClock),
    scope: new ScopeService(store),
  });
  const engine = new AlarmEngine(store, systemClock, {
    service,
    onEvaluated: (pass) => {
      passes.push(pass);
      const end = Date.now();
      for (const c of pass.changes) {
        if (c.alarm.rule !== 'exceedance' || (c.kind !== 'opened' && c.kind !== 'updated')) continue;
        const at = pass.triggeredAt.get(c.alarm.siteId);
        if (at !== undefined) latencies.push(end - at.getTime());
      }
    },
  });
  const server = await startHj212Server({
    store,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    host: '127.0.0.1',
    port: 0,
    onCommitted: engine.onCommitted,
  });
  // The same load against a listener without the engine, on its own store: the ack latency bound.
  const bare = await openStore(parseDbUrl(`sqlite:${join(dir, 'bare.db')}`));
  await bare.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  for (const [i, d] of devices.entries()) {
    const site = await bare.sites.create({
      kind: 'outlet',
      code: `LOAD-${i + 1}`,
      name: `负载 ${i + 1}`,
      districtCode: '330502',
    });
    await bare.devices.add({ mn: d.mn, password: d.password, siteId: site.id, protocol: d.protocol });
  }
  const bareServer = await startHj212Server({
    store: bare,
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    host: '127.0.0.1',
    port: 0,
  });
  const baseline = await runLoad({
    host: '127.0.0.1',
    port: bareServer.port,
    devices,
    rate: RATE,
    durationS: Math.max(1, SECONDS / 2),
  });
  await bareServer.close();
  await bare.close();
  try {
    const stats = await runLoad({
      host: '127.0.0.1',
      port: server.port,
      devices,
      rate: RATE,
      durationS: SECONDS,
    });
    await engine.idle();
    const sorted = [...latencies].sort((a, b) => a - b);
    const passMs = passes.map((p) => p.elapsedMs).sort((a, b) => a - b);
    const sitesPerPass = passes.reduce((n, p) => n + p.sites, 0) / Math.max(1, passes.length);
    const counts = await store.alarms.countBy();
    const exceedances = counts.filter((c) => c.rule === 'exceedance').reduce((n, c) => n + c.n, 0);
    return {
      name: `alarm: packet-to-alarm latency, in-process listener + engine on SQLite (${DEVICES} outlets, ${exceeding.size} above their SO2 limit, 2051 packets of 8 parameters at ${RATE}/s for ${SECONDS} s)`,
      lines: [
        `load: sent ${stats.sent}, acked ${stats.acked} in ${(stats.elapsedMs / 1000).toFixed(1)} s; ack p50 ${(stats.ackLatencyMs.p50 ?? NaN).toFixed(1)} ms, p99 ${(stats.ackLatencyMs.p99 ?? NaN).toFixed(1)} ms`,
        `bound — the same load without the engine: ack p50 ${(baseline.ackLatencyMs.p50 ?? NaN).toFixed(1)} ms, p99 ${(baseline.ackLatencyMs.p99 ?? NaN).toFixed(1)} ms`,
        `exceedance alarm changes: ${latencies.length} (alarms ${exceedances}); latency p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${(sorted[sorted.length - 1] ?? NaN).toFixed(0)} ms`,
        `evaluation passes: ${passes.length}, ${sitesPerPass.toFixed(1)} sites each on average; pass time p50 ${percentile(passMs, 50).toFixed(0)} ms, p99 ${percentile(passMs, 99).toFixed(0)} ms`,
      ],
    };
  } finally {
    await server.close();
    await engine.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
