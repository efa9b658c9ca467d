/**
 * `qingshan sim`: plays simulated HJ 212 data loggers against a server. Without `--demo` it is a
 * load generator (N generated identities, R packets/s for S seconds); with `--demo` it plays the
 * demo city's devices on their real upload schedule (optionally faster).
 */
import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { ConfigError } from '../config/config.js';
import type { Hj212Edition } from '../hj212/index.js';
import { DEMO_CITY } from '../sim/demo-city.js';
import { DEFAULT_MN_PREFIX, DEFAULT_SIM_PASSWORD, loadDevices, mnLength, runLoad } from '../sim/load.js';
import type { SimStats } from '../sim/simulator.js';
import { DeviceSimulator, demoCitySimDevices, scaledClock } from '../sim/simulator.js';

const PROTOCOLS: readonly Hj212Edition[] = ['2005', '2017', '2025'];

/** Raw option values as commander hands them over. */
interface SimFlags {
  target: string;
  devices?: string;
  rate?: string;
  duration?: string;
  protocol: string;
  mnPrefix?: string;
  password: string;
  demo?: boolean;
  speed: string;
  ackTimeout: string;
  retries: string;
}

/** Validated settings of a run. */
export interface SimSettings {
  host: string;
  port: number;
  demo: boolean;
  devices: number;
  rate: number;
  durationS: number | undefined;
  protocol: Hj212Edition;
  mnPrefix: string;
  password: string;
  speed: number;
  ackTimeoutMs: number;
  maxRetries: number;
}

/** Parses `host:port` (IPv6 as `[addr]:port`); throws a ConfigError naming `--target`. */
export function parseTarget(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text.trim());
  const host = m?.[1] ?? m?.[2];
  const port = Number(m?.[3]);
  if (m === null || host === undefined || !(port >= 1 && port <= 65535)) {
    throw new ConfigError('--target', `"${text}" is not host:port with a port 1–65535 (e.g. 127.0.0.1:9212)`);
  }
  return { host, port };
}

function positiveNumber(text: string, setting: string, what: string, integer = false): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new ConfigError(setting, `"${text}" is not ${what}`);
  }
  return n;
}

/** Validates the flags; every error names its option. */
export function simSettings(flags: SimFlags): SimSettings {
  const { host, port } = parseTarget(flags.target);
  const demo = flags.demo === true;
  const protocol = PROTOCOLS.find((p) => p === flags.protocol);
  if (protocol === undefined) {
    throw new ConfigError('--protocol', `"${flags.protocol}" is not one of ${PROTOCOLS.join(', ')}`);
  }
  const devices =
    flags.devices === undefined ? 10 : positiveNumber(flags.devices, '--devices', 'a whole number ≥ 1', true);
  const rate =
    flags.rate === undefined ? 10 : positiveNumber(flags.rate, '--rate', 'a positive number of packets/s');
  const durationS =
    flags.duration === undefined
      ? demo
        ? undefined
        : 10
      : positiveNumber(flags.duration, '--duration', 'a positive number of seconds');
  const mnPrefix = flags.mnPrefix ?? DEFAULT_MN_PREFIX;
  if (!/^[0-9A-Za-z]*$/.test(mnPrefix) || mnPrefix.length + String(devices).length > mnLength(protocol)) {
    throw new ConfigError(
      '--mn-prefix',
      `"${mnPrefix}" must be letters and digits leaving room for ${devices} devices in a ${mnLength(protocol)}-character MN`,
    );
  }
  if (!/^[\x21-\x7e]{1,32}$/.test(flags.password) || /[;,=&]/.test(flags.password)) {
    throw new ConfigError('--password', 'use 1–32 printable ASCII characters without ; , = &');
  }
  const speed = positiveNumber(flags.speed, '--speed', 'a positive factor');
  const ackTimeoutMs =
    positiveNumber(flags.ackTimeout, '--ack-timeout', 'a positive number of seconds') * 1000;
  const retries = Number(flags.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 99 || flags.retries.trim() === '') {
    throw new ConfigError('--retries', `"${flags.retries}" is not a whole number 0–99`);
  }
  return {
    host,
    port,
    demo,
    devices,
    rate,
    durationS,
    protocol,
    mnPrefix,
    password: flags.password,
    speed,
    ackTimeoutMs,
    maxRetries: retries,
  };
}

/** The summary lines of a run. */
export function summaryLines(s: SimStats): string[] {
  const ms = (v: number | null): string => (v === null ? '–' : v.toFixed(1));
  return [
    `devices ${s.devices}  sent ${s.sent}  acked ${s.acked}  retransmitted ${s.retransmitted}  unacked ${s.unacked}`,
    `${s.packetsPerSecond} packets/s over ${(s.elapsedMs / 1000).toFixed(1)} s; ack latency p50 ${ms(s.ackLatencyMs.p50)} ms  p95 ${ms(s.ackLatencyMs.p95)} ms  p99 ${ms(s.ackLatencyMs.p99)} ms`,
  ];
}

function progressLine(s: SimStats): string {
  return `… ${(s.elapsedMs / 1000).toFixed(0)} s: connected ${s.connected}/${s.devices}  sent ${s.sent}  acked ${s.acked}  in flight ${s.inFlight}  retransmitted ${s.retransmitted}  unacked ${s.unacked}`;
}

/** Resolves after `seconds` (never when undefined) or at SIGINT/SIGTERM, whichever comes first. */
function runFor(seconds: number | undefined, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = seconds === undefined ? undefined : setTimeout(done, seconds * 1000);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    if (signal.aborted) done();
    signal.addEventListener('abort', done);
  });
}

/** An AbortSignal fired by SIGINT or SIGTERM; `release` removes the handlers. */
function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Options of {@link registerSimCommand}. */
export interface SimCommandOptions {
  /** Print a progress line per second (default: when stdout is a TTY). */
  progress?: boolean;
}

/** Adds `qingshan sim` to the program. The run exits non-zero when any packet stayed unacknowledged. */
export function registerSimCommand(
  program: Command,
  out: (line: string) => void,
  options: SimCommandOptions = {},
): Command {
  return program
    .command('sim')
    .description(
      'play simulated HJ 212 data loggers against a server: a load of generated devices, or the demo city with --demo',
    )
    .requiredOption('--target <host:port>', 'HJ 212 server to connect to, e.g. 127.0.0.1:9212')
    .option(
      '--devices <n>',
      'number of generated devices (default 10; register them first: qingshan device add)',
    )
    .option('--rate <packets/s>', 'aggregate upload rate of 2051 packets, all devices together (default 10)')
    .option('--duration <s>', 'seconds to run (default 10; with --demo until Ctrl-C)')
    .option('--protocol <edition>', `HJ 212 edition of generated devices: ${PROTOCOLS.join(', ')}`, '2017')
    .option(
      '--mn-prefix <prefix>',
      `MN prefix of generated devices, padded with the index (default ${DEFAULT_MN_PREFIX})`,
    )
    .option('--password <pw>', 'password (PW) of every generated device', DEFAULT_SIM_PASSWORD)
    .option('--demo', "play the demo city's devices (their MNs and passwords) on their upload schedule")
    .option('--speed <factor>', 'with --demo: upload intervals divided by this factor', '1')
    .option('--ack-timeout <s>', 'seconds to wait for a 9014 before resending (HJ 212-2017 Table 1)', '10')
    .option('--retries <n>', 'resends of an unanswered packet before giving up', '3')
    .action(async (flags: SimFlags) => {
      const settings = simSettings(flags);
      const showProgress = options.progress ?? process.stdout.isTTY === true;
      const interrupt = interruptSignal();
      let stats: SimStats;
      try {
        stats = settings.demo
          ? await runDemo(settings, out, showProgress, interrupt.signal)
          : await runLoadCommand(settings, out, showProgress, interrupt.signal);
      } finally {
        interrupt.release();
      }
      for (const line of summaryLines(stats)) out(line);
      if (stats.unacked > 0 || stats.sent === 0) {
        const why =
          stats.sent === 0 ? 'no packet was sent' : `${stats.unacked} packet(s) stayed unacknowledged`;
        out(`sim: ${why}`);
        throw new CommanderError(1, 'qingshan.sim.unacknowledged', why);
      }
    });
}

async function runLoadCommand(
  s: SimSettings,
  out: (line: string) => void,
  progress: boolean,
  signal: AbortSignal,
): Promise<SimStats> {
  const devices = loadDevices(s.devices, {
    protocol: s.protocol,
    mnPrefix: s.mnPrefix,
    password: s.password,
  });
  const first = devices[0]?.mn ?? '';
  const last = devices[devices.length - 1]?.mn ?? '';
  out(
    `sim: ${s.devices} device(s) (${first} … ${last}, HJ 212-${s.protocol}) → ${s.host}:${s.port}, ${s.rate} packets/s for ${s.durationS ?? 10} s`,
  );
  return runLoad({
    host: s.host,
    port: s.port,
    devices,
    rate: s.rate,
    durationS: s.durationS ?? 10,
    ackTimeoutMs: s.ackTimeoutMs,
    maxRetries: s.maxRetries,
    signal,
    ...(progress ? { onProgress: (st: SimStats) => out(progressLine(st)) } : {}),
  });
}

async function runDemo(
  s: SimSettings,
  out: (line: string) => void,
  progress: boolean,
  signal: AbortSignal,
): Promise<SimStats> {
  const devices = demoCitySimDevices(DEMO_CITY);
  out(
    `sim: the demo city's ${devices.length} devices → ${s.host}:${s.port}${s.speed === 1 ? '' : ` at ${s.speed}× speed`}${s.durationS === undefined ? ' until Ctrl-C' : ` for ${s.durationS} s`}`,
  );
  const sim = new DeviceSimulator({
    host: s.host,
    port: s.port,
    devices,
    speed: s.speed,
    ackTimeoutMs: s.ackTimeoutMs,
    maxRetries: s.maxRetries,
    // Faster playback moves DataTime along with it, from a start far enough back to stay behind the server's clock.
    ...(s.speed === 1
      ? {}
      : { clock: scaledClock(s.speed, new Date(Date.now() - (s.durationS ?? 3600) * s.speed * 1000)) }),
  });
  await sim.start();
  const timer = progress ? setInterval(() => out(progressLine(sim.stats())), 1000) : undefined;
  try {
    await runFor(s.durationS, signal);
  } finally {
    clearInterval(timer);
  }
  return sim.stop();
}
