#!/usr/bin/env node
// The `qingshan` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs too).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('qingshan: dist/ is missing; run `npm run build` (or `npm ci`, which builds) first.');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
