/**
 * Load generator: N simulated loggers upload 2051 minute packets of about 8 parameters at an
 * aggregate rate R packets/s for S seconds against an HJ 212 server, then report what was
 * acknowledged and how fast. Used by `qingshan sim` and by the ingest benchmarks.
 */
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { Hj212Edition } from '../hj212/index.js';
import type { ModelSite } from './models.js';
import { NO_ANOMALIES, PERIOD_MS, periodStart } from './models.js';
import type { SimDevice, SimStats } from './simulator.js';
import { DeviceSimulator } from './simulator.js';

/** The parameters of a load packet: a boiler stack's particulate, SO2, NOx, O2 and flue conditions. */
export const LOAD_PARAMETERS: readonly string[] = [
  'a34013',
  'a21026',
  'a21002',
  'a19001',
  'a01012',
  'a01013',
  'a01011',
  'a00000',
];

/** Default MN prefix of generated identities: hex, so 2017/2025 MNs stay 24 hex characters. */
export const DEFAULT_MN_PREFIX = '99';
/** Default password of generated identities (the most common one in the field, docs/standards/hj212.md §4). */
export const DEFAULT_SIM_PASSWORD = '123456';

/** Length of a generated MN: 24 (EPC-96 hex) for 2017/2025, 14 in the 2005 habit. */
export function mnLength(protocol: Hj212Edition): number {
  return protocol === '2005' ? 14 : 24;
}

/** Options of {@link loadDevices}. */
export interface LoadIdentityOptions {
  readonly protocol?: Hj212Edition;
  readonly mnPrefix?: string;
  readonly password?: string;
}

/**
 * N device identities for a load run: MN = prefix + zero-padded index (1-based) to 24 characters
 * (14 for 2005), one password for all, each a flue-gas outlet `LOAD-<index>` of {@link LOAD_PARAMETERS}.
 * The operator registers them before the run (`qingshan device add`).
 */
export function loadDevices(count: number, options: LoadIdentityOptions = {}): SimDevice[] {
  const protocol = options.protocol ?? '2017';
  const prefix = options.mnPrefix ?? DEFAULT_MN_PREFIX;
  const password = options.password ?? DEFAULT_SIM_PASSWORD;
  const length = mnLength(protocol);
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`device count ${count} must be a whole number ≥ 1`);
  const digits = length - prefix.length;
  if (digits < String(count).length) {
    throw new RangeError(
      `MN prefix "${prefix}" leaves ${Math.max(digits, 0)} digits of a ${length}-character MN: too few for ${count} devices`,
    );
  }
  return Array.from({ length: count }, (_, i): SimDevice => {
    const site: ModelSite = {
      kind: 'outlet',
      code: `LOAD-${i + 1}`,
      parameters: LOAD_PARAMETERS,
      medium: 'gas',
      emissionStandard: 'GB 13271-2014',
    };
    return { mn: `${prefix}${String(i + 1).padStart(digits, '0')}`, password, protocol, site };
  });
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  readonly host: string;
  readonly port: number;
  /** The devices, or how many identities to generate with {@link loadDevices}. */
  readonly devices: number | readonly SimDevice[];
  /** Aggregate rate, packets per second (all devices together). */
  readonly rate: number;
  readonly durationS: number;
  /** For generated identities. */
  readonly identity?: LoadIdentityOptions;
  /** Source of DataTime and QN. Default the system clock. */
  readonly clock?: Clock;
  readonly ackTimeoutMs?: number;
  readonly maxRetries?: number;
  /** How long to wait for outstanding answers at the end, ms. Default ack timeout × (retries + 1). */
  readonly drainTimeoutMs?: number;
  readonly seed?: number;
  /** Called about every `progressIntervalMs` (default 1000) with the counters so far. */
  readonly onProgress?: (stats: SimStats) => void;
  readonly progressIntervalMs?: number;
  /** Ends the sending early (the drain still happens). */
  readonly signal?: AbortSignal;
}

/** How often the pacer wakes up, ms. */
const PACER_TICK_MS = 5;

/**
 * Runs a load: connects the devices, sends 2051 packets round-robin at `rate` packets/s for
 * `durationS` seconds, waits for the outstanding answers and resolves to the final counters.
 *
 * Each device walks its own minutes: packet k of a device has DataTime k minutes after a start
 * far enough in the past that the run never reaches the present, so every packet is a new period
 * (stored, not a duplicate) and no DataTime lies ahead of the server's clock.
 */
export async function runLoad(options: LoadOptions): Promise<SimStats> {
  if (!(Number.isFinite(options.rate) && options.rate > 0)) {
    throw new RangeError(`rate ${options.rate} must be a positive number of packets per second`);
  }
  if (!(Number.isFinite(options.durationS) && options.durationS > 0)) {
    throw new RangeError(`duration ${options.durationS} must be a positive number of seconds`);
  }
  const devices =
    typeof options.devices === 'number' ? loadDevices(options.devices, options.identity) : options.devices;
  if (devices.length === 0) throw new RangeError('a load needs at least one device');
  const clock = options.clock ?? systemClock;
  const sim = new DeviceSimulator({
    host: options.host,
    port: options.port,
    devices,
    clock,
    schedule: false,
    ...(options.ackTimeoutMs !== undefined ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    model: { seed: options.seed ?? 212, anomalies: NO_ANOMALIES },
  });
  const total = Math.max(1, Math.round(options.rate * options.durationS));
  const perDevice = Math.ceil(total / devices.length);
  const firstMinute = periodStart('min', clock.now()).getTime() - (perDevice + 1) * PERIOD_MS.min;

  await sim.start();
  const startedAt = performance.now();
  let issued = 0;
  await new Promise<void>((resolve) => {
    let lastProgress = startedAt;
    const progressEvery = options.progressIntervalMs ?? 1000;
    const finish = (): void => {
      clearInterval(pacer);
      options.signal?.removeEventListener('abort', finish);
      resolve();
    };
    const pacer = setInterval(() => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - startedAt) / 1000) * options.rate));
      while (issued < due) {
        const device = devices[issued % devices.length];
        const k = Math.floor(issued / devices.length);
        if (device !== undefined) sim.send(device.mn, 'min', new Date(firstMinute + k * PERIOD_MS.min));
        issued += 1;
      }
      if (options.onProgress !== undefined && now - lastProgress >= progressEvery) {
        lastProgress = now;
        options.onProgress(sim.stats());
      }
      if (issued >= total) finish();
    }, PACER_TICK_MS);
    if (options.signal?.aborted === true) finish();
    options.signal?.addEventListener('abort', finish);
  });
  return sim.stop(options.drainTimeoutMs);
}
