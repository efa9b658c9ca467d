/**
 * The running server's life (docs/operations.md §6, §7): its logger (JSON lines by
 * default, one readable line per event in a terminal) and its signals. The first SIGINT/SIGTERM
 * closes the platform in order; a second one, or a close that overruns `hardStopMs`, exits at once.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from 'pino';
import { REDACTED_HEADERS } from '../api/app.js';
import type { Config } from '../config/config.js';

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
const SKIPPED = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'event']);

/** One pino JSON line as a terminal line: `12:00:01 INFO  platform.started message key=value …`. */
export function prettyLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof o.time === 'number' ? new Date(o.time).toISOString().slice(11, 19) : '';
  const level = LEVEL_NAMES[Number(o.level)] ?? String(o.level);
  const event = typeof o.event === 'string' ? `${o.event} ` : '';
  const rest = Object.entries(o)
    .filter(([k]) => !SKIPPED.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${time} ${level} ${event}${typeof o.msg === 'string' ? o.msg : ''}${rest ? `  ${rest}` : ''}`;
}

function prettyStream(out: NodeJS.WritableStream): Writable {
  let partial = '';
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line !== '') out.write(`${prettyLine(line)}\n`);
      done();
    },
  });
}

/** The server's logger: JSON to stdout, or pretty lines when asked or (auto) when stdout is a terminal. */
export function makeLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  const options = { level: config.logLevel, redact: { paths: REDACTED_HEADERS, censor: '[redacted]' } };
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY);
  return pretty ? pino(options, prettyStream(process.stdout)) : pino(options);
}

/** Runs until SIGINT/SIGTERM, then closes; a second signal or an overrun close exits the process at once. */
export async function runUntilSignal(
  platform: { close(): Promise<void> },
  logger: Logger,
  hardStopMs = 30_000,
): Promise<void> {
  const first = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  logger.info({ event: 'platform.stopping', signal: first }, 'shutting down');
  // Exiting without finishing is the one place the CLI ends the process itself: it was asked to.
  const now = (signal: NodeJS.Signals): void => {
    logger.warn({ event: 'platform.forced_exit', signal }, 'second signal: exiting at once');
    process.exit(130);
  };
  const overrun = setTimeout(() => {
    logger.error({ event: 'platform.stop_overrun', ms: hardStopMs }, 'shutdown overran; exiting');
    process.exit(1);
  }, hardStopMs);
  overrun.unref();
  process.once('SIGINT', now);
  process.once('SIGTERM', now);
  try {
    await platform.close();
  } finally {
    clearTimeout(overrun);
    process.off('SIGINT', now);
    process.off('SIGTERM', now);
  }
}
