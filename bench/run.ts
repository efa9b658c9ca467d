/**
 * `npm run bench [-- <name> ...]`: runs the named benchmarks (all when none is named) and prints
 * their figures. Benchmarks measure; they never fail on a time.
 */
import { alarmBench } from './alarm.bench.js';
import { ingestBench } from './ingest.bench.js';
import { soakBench } from './soak.bench.js';
import { storeBench } from './store.bench.js';

export interface BenchResult {
  name: string;
  lines: string[];
}

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  store: storeBench,
  ingest: ingestBench,
  alarm: alarmBench,
  soak: soakBench,
};

/** Benchmarks run only when named (they take minutes). */
const ON_REQUEST = new Set(['soak']);

/** Benchmark names: the arguments that are neither an option nor an option's value (`--minutes 30`). */
function namesOf(argv: readonly string[]): string[] {
  return argv.filter((a, i) => !a.startsWith('-') && !(argv[i - 1]?.startsWith('--') ?? false));
}

async function run(): Promise<void> {
  const wanted = namesOf(process.argv.slice(2));
  const unknown = wanted.filter((w) => !(w in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES).filter((n) => !ON_REQUEST.has(n))) {
    const bench = BENCHES[name];
    if (!bench) continue;
    const result = await bench();
    console.log(`\n== ${result.name}`);
    for (const line of result.lines) console.log(`   ${line}`);
  }
}

await run();
