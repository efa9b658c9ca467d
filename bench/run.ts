/**
 * `npm run bench [-- <name> ...]`: runs the named benchmarks (all when none is named) and prints
 * their figures. Benchmarks measure; they never fail on a time.
 */
import { alarmBench } from './alarm.bench.js';
import { ingestBench } from './ingest.bench.js';
import { storeBench } from './store.bench.js';

export interface BenchResult {
  name: string;
  lines: string[];
}

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  store: storeBench,
  ingest: ingestBench,
  alarm: alarmBench,
};

async function run(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !(w in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
    const bench = BENCHES[name];
    if (!bench) continue;
    const result = await bench();
    console.log(`\n== ${result.name}`);
    for (const line of result.lines) console.log(`   ${line}`);
  }
}

await run();
