/**
 * The device simulator: plays HJ 212 data loggers over real TCP against any HJ 212 server. Each
 * device keeps one connection (reconnecting with backoff), uploads 2011 real-time, 2051 minute,
 * 2061 hourly and 2031 daily data with the A bit set, and retransmits a packet that is not
 * answered with 9014 in time with the same QN, as real loggers do (docs/standards/hj212.md §6: 10 s, 3 retries).
 *
 * Values come from `models.ts`; the clock gives DataTime and QN, real timers do the scheduling.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { Hj212Edition, UploadMeasurement } from '../hj212/index.js';
import {
  Hj212Deframer,
  encodeDataUpload,
  exchangeQn,
  formatQn,
  parseFrame,
  resolveCode,
} from '../hj212/index.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../standards/china-time.js';
import { parameterInfo } from '../standards/parameters.js';
import type { DemoCity } from './demo-city.js';
import { AIR_STATION_PARAMETERS, WATER_SECTION_PARAMETERS } from './demo-city.js';
import type { ModelOptions, ModelSite, SampleInterval } from './models.js';
import { PERIOD_MS, SiteModel, createPrng, periodStart, systemCodeOf } from './models.js';

/** A device the simulator plays: its HJ 212 identity and the site its values model. */
export interface SimDevice {
  /** HJ 212 MN. */
  readonly mn: string;
  /** HJ 212 PW. */
  readonly password: string;
  /** Protocol edition: Flag version bits, and 2005 parameter codes where the code map has them. */
  readonly protocol: Hj212Edition;
  readonly site: ModelSite;
}

/** Upload command of each packet kind (HJ 212-2017 Table 9). */
const UPLOAD_CN: Readonly<Record<SampleInterval, string>> = {
  rt: '2011',
  min: '2051',
  hour: '2061',
  day: '2031',
};

/** Real-logger upload intervals in ms: real-time 30 s, minute data every minute, hourly, daily. */
const DEFAULT_UPLOAD_INTERVALS_MS: Readonly<Record<SampleInterval, number>> = {
  rt: 30_000,
  min: MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
};

/** Options of a {@link DeviceSimulator}. */
export interface DeviceSimulatorOptions {
  /** HJ 212 server address. */
  readonly host: string;
  readonly port: number;
  readonly devices: readonly SimDevice[];
  /** Source of DataTime and QN (default the system clock); see {@link scaledClock} for fast playback. */
  readonly clock?: Clock;
  /**
   * Upload intervals in ms (defaults {@link DEFAULT_UPLOAD_INTERVALS_MS}); `null` turns a kind off.
   * Ignored when `schedule` is false.
   */
  readonly intervalsMs?: Partial<Record<SampleInterval, number | null>>;
  /** Divides every upload interval (2 = twice as often). Default 1. */
  readonly speed?: number;
  /** Upload on the intervals (default true); false = only {@link DeviceSimulator.send} (load mode). */
  readonly schedule?: boolean;
  /** Wait this long for a 9014 before resending, ms (HJ 212-2017 Table 1: 10 s). Default 10 000. */
  readonly ackTimeoutMs?: number;
  /** Resends of one packet before it counts as unacknowledged (Table 1: 3). Default 3. */
  readonly maxRetries?: number;
  /** Reconnect backoff, ms: doubles from `initialMs` up to `maxMs`, with jitter. Default 200 → 10 000. */
  readonly reconnect?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Seed and anomaly rates of the value models (and of the start phases). */
  readonly model?: ModelOptions;
  /** Send 2005 parameter codes from 2005 devices where the code map has them. Default true. */
  readonly legacyCodes?: boolean;
}

/** Ack latency percentiles in ms (null before the first ack). */
export interface LatencyStats {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** Counters of a simulator run. */
export interface SimStats {
  readonly devices: number;
  /** Devices connected now. */
  readonly connected: number;
  readonly connects: number;
  /** Connections lost or refused. */
  readonly connectionFailures: number;
  /** Distinct packets sent (a retransmission is not a new packet). */
  readonly sent: number;
  /** Packets answered with 9014. */
  readonly acked: number;
  /** Resends of a packet with the same QN (after a timeout or a reconnect). */
  readonly retransmitted: number;
  /** Packets given up on (retries exhausted, or still unanswered when the run stopped). */
  readonly unacked: number;
  /** Packets waiting for their answer now. */
  readonly inFlight: number;
  /** Uploads skipped while a device was (simulated) offline. */
  readonly skippedOffline: number;
  /** Time from the last transmission of a packet to its 9014. */
  readonly ackLatencyMs: LatencyStats;
  /** From start until stop was called (the drain is not counted), ms. */
  readonly elapsedMs: number;
  /** Distinct packets sent per second of the run. */
  readonly packetsPerSecond: number;
}

/**
 * A clock for fast playback: time starts at `origin` (default now) and runs `speed` times faster
 * than `base`. Pair it with the same `speed` option so that each tick uploads a new period.
 */
export function scaledClock(speed: number, origin?: Date, base: Clock = systemClock): Clock {
  const start = base.now().getTime();
  const from = (origin ?? base.now()).getTime();
  return { now: () => new Date(from + (base.now().getTime() - start) * speed) };
}

/**
 * The HJ/T 212-2005 code a 2005 device sends for an HJ 212-2017 code, or undefined when the
 * parameter registry (HJ 212-2017 Tables B.1/B.2, 原编码) has none: then the device sends the 2017
 * code, as real 2005 loggers with newer firmware do (docs/standards/hj212.md §8). Only codes that the platform
 * maps back to the same 2017 code for this ST are used.
 */
export function legacyCodeFor(code: string, st: string): string | undefined {
  const old = parameterInfo(code)?.code2005 ?? undefined;
  return old !== undefined && resolveCode(old, st).code === code ? old : undefined;
}

/** Percentiles (nearest rank) of a list of latencies. */
export function latencyStats(samples: readonly number[]): LatencyStats {
  if (samples.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number): number => {
    const v = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
    return Math.round(v * 100) / 100;
  };
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** The simulator devices of a demo city: one per device, its site modelled from its attributes. */
export function demoCitySimDevices(city: DemoCity): SimDevice[] {
  const sites = new Map(city.sites.map((s) => [s.code, s]));
  return city.devices.map((d): SimDevice => {
    const s = sites.get(d.siteCode);
    if (s === undefined) throw new Error(`demo device ${d.mn}: no site ${d.siteCode}`);
    const a = s.attributes;
    let site: ModelSite;
    if (s.kind === 'air_station') {
      site = { kind: 'air_station', code: s.code, parameters: AIR_STATION_PARAMETERS };
    } else if (s.kind === 'water_section' && 'targetClass' in a) {
      site = {
        kind: 'water_section',
        code: s.code,
        parameters: WATER_SECTION_PARAMETERS,
        targetClass: a.targetClass,
        waterType: a.waterType,
      };
    } else if (s.kind === 'outlet' && 'medium' in a) {
      site = {
        kind: 'outlet',
        code: s.code,
        parameters: a.parameters,
        medium: a.medium,
        emissionStandard: a.emissionStandard,
        referenceO2Pct: a.referenceO2Pct,
      };
    } else {
      throw new Error(`demo device ${d.mn}: site ${s.code} (${s.kind}) has no monitoring model`);
    }
    return { mn: d.mn, password: d.password, protocol: d.protocol, site };
  });
}

interface Outbound {
  readonly qn: string;
  readonly bytes: Buffer;
  /** Transmissions so far (0 = not yet written). */
  attempts: number;
  /** performance.now() of the last transmission. */
  lastSentAt: number;
  timer: NodeJS.Timeout | undefined;
}

interface Counters {
  connects: number;
  connectionFailures: number;
  sent: number;
  acked: number;
  retransmitted: number;
  unacked: number;
  skippedOffline: number;
  latencies: number[];
}

/** Timing settings a link needs. */
interface LinkSettings {
  readonly host: string;
  readonly port: number;
  readonly ackTimeoutMs: number;
  readonly maxRetries: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
}

/** One device's connection: connect, reconnect, send with ack tracking and retransmission. */
class DeviceLink {
  private socket: net.Socket | undefined;
  private connecting = false;
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Simulated offline: no connection until back online. */
  private offline = false;
  private lastQnMs = 0;
  private readonly outstanding = new Map<string, Outbound>();
  private readonly drainWaiters = new Set<() => void>();
  private firstAttempt: (() => void) | undefined;

  constructor(
    readonly device: SimDevice,
    private readonly settings: LinkSettings,
    private readonly counters: Counters,
    private readonly random: () => number,
  ) {
    this.backoffMs = settings.backoffInitialMs;
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.connecting && !this.closed;
  }

  get inFlight(): number {
    return this.outstanding.size;
  }

  /** Connects; resolves after the first attempt succeeded or failed (retries go on). */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.firstAttempt = resolve;
      this.connect();
    });
  }

  /** A QN from the clock, unique on this link (bumped by 1 ms when two sends share a millisecond). */
  nextQn(clock: Clock): string {
    const ms = Math.max(clock.now().getTime(), this.lastQnMs + 1);
    this.lastQnMs = ms;
    return formatQn(new Date(ms));
  }

  setOffline(offline: boolean): void {
    if (offline === this.offline) return;
    this.offline = offline;
    if (offline) {
      // A logger that loses power or its network: the connection goes away.
      this.socket?.destroy();
    } else {
      this.connect();
    }
  }

  send(qn: string, bytes: Buffer): void {
    const out: Outbound = { qn, bytes, attempts: 0, lastSentAt: 0, timer: undefined };
    this.outstanding.set(qn, out);
    this.counters.sent += 1;
    if (this.connected) this.transmit(out);
  }

  /** Resolves when nothing is waiting for an answer, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void> {
    if (this.outstanding.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.drainWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.drainWaiters.add(done);
    });
  }

  /** Closes for good; what is still unanswered counts as unacknowledged. */
  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    for (const out of this.outstanding.values()) clearTimeout(out.timer);
    this.counters.unacked += this.outstanding.size;
    this.outstanding.clear();
    this.socket?.end();
    const s = this.socket;
    if (s !== undefined) setTimeout(() => s.destroy(), 200).unref();
    this.firstAttempt?.();
    this.firstAttempt = undefined;
  }

  private transmit(out: Outbound): void {
    const socket = this.socket;
    if (socket === undefined) return;
    if (out.attempts > 0) {
      if (out.attempts > this.settings.maxRetries) {
        this.giveUp(out);
        return;
      }
      this.counters.retransmitted += 1;
    }
    out.attempts += 1;
    out.lastSentAt = performance.now();
    socket.write(out.bytes);
    clearTimeout(out.timer);
    out.timer = setTimeout(() => {
      out.timer = undefined;
      if (this.outstanding.get(out.qn) === out) this.transmit(out);
    }, this.settings.ackTimeoutMs);
  }

  private giveUp(out: Outbound): void {
    clearTimeout(out.timer);
    this.outstanding.delete(out.qn);
    this.counters.unacked += 1;
    this.checkDrained();
  }

  private checkDrained(): void {
    if (this.outstanding.size > 0) return;
    for (const w of [...this.drainWaiters]) w();
  }

  private connect(): void {
    if (this.closed || this.offline || this.socket !== undefined) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.connecting = true;
    const socket = net.connect({ host: this.settings.host, port: this.settings.port });
    socket.setNoDelay(true);
    this.socket = socket;
    const deframer = new Hj212Deframer();
    socket.on('connect', () => {
      this.connecting = false;
      this.counters.connects += 1;
      this.backoffMs = this.settings.backoffInitialMs;
      this.firstAttempt?.();
      this.firstAttempt = undefined;
      // Whatever waited for the link goes now: unwritten packets first time, others as resends.
      for (const out of [...this.outstanding.values()]) this.transmit(out);
    });
    socket.on('data', (chunk: Buffer) => {
      for (const ev of deframer.push(chunk)) {
        if (ev.kind !== 'frame') continue;
        const parsed = parseFrame(ev);
        if (!parsed.ok || parsed.packet.cn !== '9014') continue;
        const qn = exchangeQn(parsed.packet);
        const out = qn === undefined ? undefined : this.outstanding.get(qn);
        // An answer to a packet already answered (a retransmission's second 9014) is ignored.
        if (out === undefined) continue;
        clearTimeout(out.timer);
        this.outstanding.delete(out.qn);
        this.counters.acked += 1;
        this.counters.latencies.push(performance.now() - out.lastSentAt);
        this.checkDrained();
      }
    });
    socket.on('error', () => {
      // 'close' follows; the reconnect is handled there.
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.connecting = false;
      if (!this.closed) this.counters.connectionFailures += 1;
      for (const out of this.outstanding.values()) {
        clearTimeout(out.timer);
        out.timer = undefined;
      }
      this.firstAttempt?.();
      this.firstAttempt = undefined;
      if (this.closed || this.offline) return;
      const delay = this.backoffMs * (0.75 + 0.5 * this.random());
      this.backoffMs = Math.min(this.backoffMs * 2, this.settings.backoffMaxMs);
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
    });
  }
}

/**
 * Plays a set of devices against an HJ 212 server. `start()` connects and begins the uploads,
 * `stats()` reads the counters, `stop()` stops the uploads, waits for outstanding answers and closes.
 */
export class DeviceSimulator {
  private readonly links: DeviceLink[];
  private readonly models: SiteModel[];
  private readonly byMn = new Map<string, number>();
  private readonly clock: Clock;
  private readonly counters: Counters = {
    connects: 0,
    connectionFailures: 0,
    sent: 0,
    acked: 0,
    retransmitted: 0,
    unacked: 0,
    skippedOffline: 0,
    latencies: [],
  };
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly lastDataTime = new Map<string, number>();
  private readonly random: () => number;
  private readonly legacyCodes: boolean;
  private readonly settings: LinkSettings;
  private startedAt: number | undefined;
  private stoppedAt: number | undefined;
  private stopping: Promise<SimStats> | undefined;

  constructor(private readonly options: DeviceSimulatorOptions) {
    const positive = (name: string, v: number | undefined, fallback: number): number => {
      const x = v ?? fallback;
      if (!(Number.isFinite(x) && x > 0))
        throw new RangeError(`simulator ${name} ${x} must be a positive number`);
      return x;
    };
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
      throw new RangeError(`simulator port ${options.port} must be an integer 1–65535`);
    }
    const maxRetries = options.maxRetries ?? 3;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new RangeError(`simulator maxRetries ${maxRetries} must be a whole number ≥ 0`);
    }
    this.settings = {
      host: options.host,
      port: options.port,
      ackTimeoutMs: positive('ackTimeoutMs', options.ackTimeoutMs, 10_000),
      maxRetries,
      backoffInitialMs: positive('reconnect.initialMs', options.reconnect?.initialMs, 200),
      backoffMaxMs: positive('reconnect.maxMs', options.reconnect?.maxMs, 10_000),
    };
    positive('speed', options.speed, 1);
    this.clock = options.clock ?? systemClock;
    this.random = createPrng((options.model?.seed ?? 212) ^ 0x51ed);
    this.legacyCodes = options.legacyCodes ?? true;
    this.models = options.devices.map((d) => new SiteModel(d.site, options.model));
    this.links = options.devices.map((d, i) => {
      if (this.byMn.has(d.mn)) throw new RangeError(`simulator: MN ${d.mn} appears twice`);
      this.byMn.set(d.mn, i);
      return new DeviceLink(d, this.settings, this.counters, this.random);
    });
  }

  /** Connects every device (resolving once each has tried once) and starts the upload timers. */
  async start(): Promise<void> {
    if (this.startedAt !== undefined) throw new Error('simulator already started');
    this.startedAt = performance.now();
    const now = this.clock.now();
    const online = this.links.filter((link, i) => {
      const off = this.models[i]?.isOffline(now) ?? false;
      if (off) link.setOffline(true);
      return !off;
    });
    await Promise.all(online.map((l) => l.start()));
    if (this.options.schedule === false) return;
    const speed = this.options.speed ?? 1;
    const intervals = { ...DEFAULT_UPLOAD_INTERVALS_MS, ...this.options.intervalsMs };
    for (const kind of ['rt', 'min', 'hour', 'day'] as const) {
      const ms = intervals[kind];
      if (ms === null || ms === undefined) continue;
      const every = Math.max(1, ms / speed);
      this.links.forEach((link) => {
        // Spread the devices over the interval, as real loggers are.
        const first = setTimeout(() => {
          this.timers.delete(first);
          this.tick(link.device.mn, kind);
          const repeat = setInterval(() => this.tick(link.device.mn, kind), every);
          this.timers.add(repeat);
        }, this.random() * every);
        this.timers.add(first);
      });
    }
  }

  /**
   * Uploads one packet of a device now: `interval` data for the period starting at `dataTime`.
   * Returns false when the device is unknown or offline at that time.
   */
  send(mn: string, interval: SampleInterval, dataTime: Date): boolean {
    const i = this.byMn.get(mn);
    const link = i === undefined ? undefined : this.links[i];
    const model = i === undefined ? undefined : this.models[i];
    if (link === undefined || model === undefined || this.stopping !== undefined) return false;
    const sample = model.sample(interval, dataTime);
    if (sample.offline) {
      this.counters.skippedOffline += 1;
      return false;
    }
    const device = link.device;
    const st = systemCodeOf(device.site);
    const qn = link.nextQn(this.clock);
    const measurements =
      device.protocol === '2005' && this.legacyCodes
        ? legacyMeasurements(sample.measurements, st)
        : sample.measurements;
    const bytes = encodeDataUpload(
      { qn, st, pw: device.password, mn: device.mn, edition: device.protocol, ack: true },
      UPLOAD_CN[interval],
      dataTime,
      measurements,
    );
    link.send(qn, bytes);
    return true;
  }

  /** A scheduled upload: DataTime is the sampling second (2011) or the start of the period just ended. */
  private tick(mn: string, kind: SampleInterval): void {
    const i = this.byMn.get(mn);
    const link = i === undefined ? undefined : this.links[i];
    const model = i === undefined ? undefined : this.models[i];
    if (link === undefined || model === undefined || this.stopping !== undefined) return;
    const now = this.clock.now();
    if (model.isOffline(now)) {
      link.setOffline(true);
      this.counters.skippedOffline += 1;
      return;
    }
    link.setOffline(false);
    const dataTime =
      kind === 'rt'
        ? new Date(Math.floor(now.getTime() / 1000) * 1000)
        : new Date(periodStart(kind, now).getTime() - PERIOD_MS[kind]);
    const last = `${mn}\u0000${kind}`;
    // A period is uploaded once, even when the timer runs faster than the clock.
    if (this.lastDataTime.get(last) === dataTime.getTime()) return;
    this.lastDataTime.set(last, dataTime.getTime());
    this.send(mn, kind, dataTime);
  }

  stats(): SimStats {
    const c = this.counters;
    const end = this.stoppedAt ?? performance.now();
    const elapsedMs = this.startedAt === undefined ? 0 : end - this.startedAt;
    return {
      devices: this.links.length,
      connected: this.links.filter((l) => l.connected).length,
      connects: c.connects,
      connectionFailures: c.connectionFailures,
      sent: c.sent,
      acked: c.acked,
      retransmitted: c.retransmitted,
      unacked: c.unacked,
      inFlight: this.links.reduce((n, l) => n + l.inFlight, 0),
      skippedOffline: c.skippedOffline,
      ackLatencyMs: latencyStats(c.latencies),
      elapsedMs: Math.round(elapsedMs),
      packetsPerSecond: elapsedMs > 0 ? Math.round((c.sent / elapsedMs) * 1000 * 10) / 10 : 0,
    };
  }

  /**
   * Stops uploading, waits up to `drainTimeoutMs` (default the ack timeout × (retries + 1)) for
   * outstanding answers, then closes every connection. Resolves to the final counters.
   */
  stop(drainTimeoutMs?: number): Promise<SimStats> {
    this.stopping ??= (async () => {
      this.stoppedAt = performance.now();
      for (const t of this.timers) clearTimeout(t);
      this.timers.clear();
      // Never connected: nothing was written, so no answer can come.
      const wait =
        this.counters.connects === 0
          ? 0
          : (drainTimeoutMs ?? this.settings.ackTimeoutMs * (this.settings.maxRetries + 1));
      await Promise.all(this.links.map((l) => l.drain(wait)));
      for (const l of this.links) l.close();
      return this.stats();
    })();
    return this.stopping;
  }
}

/** Rewrites 2017 codes to 2005 codes where the code map allows (see {@link legacyCodeFor}). */
function legacyMeasurements(measurements: readonly UploadMeasurement[], st: string): UploadMeasurement[] {
  return measurements.map((m) => {
    const old = legacyCodeFor(m.code, st);
    return old === undefined ? m : { ...m, code: old };
  });
}
