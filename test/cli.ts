/** Runs the `qingshan` CLI in-process for tests and collects what it printed. */
import { main } from '../src/cli/main.js';

export interface CliRun {
  code: number;
  /** Standard output, lines joined with \n. */
  out: string;
  err: string;
  outLines: string[];
  errLines: string[];
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  const outLines: string[] = [];
  const errLines: string[] = [];
  const code = await main(
    argv,
    (l) => outLines.push(l),
    (l) => errLines.push(l),
  );
  return { code, out: outLines.join('\n'), err: errLines.join('\n'), outLines, errLines };
}
