/** Runs `qingshan <args>` from source in a child process (for crash tests and benchmarks), and port helpers. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

const ENTRY = new URL('../src/cli/entry.ts', import.meta.url).pathname;
// Resolved here, so the child finds tsx whatever its working directory.
const TSX = import.meta.resolve('tsx');

export function spawnQingshan(
  args: readonly string[],
  options: { cpuProfileDir?: string } = {},
): ChildProcess {
  const prof =
    options.cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir];
  return spawn(process.execPath, [...prof, '--import', TSX, ENTRY, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const addr = s.address();
  await new Promise((r) => s.close(r));
  if (typeof addr !== 'object' || addr === null) throw new Error('no free port');
  return addr.port;
}

/** Resolves once something accepts connections on the port; rejects if the child exits first. */
export async function waitForPort(port: number, child?: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child !== undefined && child.exitCode !== null)
      throw new Error(`qingshan exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ port, host: '127.0.0.1' }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
}
