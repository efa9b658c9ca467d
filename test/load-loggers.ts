/**
 * Simulated data loggers for load tests (crash, shutdown, backup under load, soak): registered
 * outlet devices that send minute uploads over real TCP, keep a window of unanswered packets, and
 * record every QN the platform acknowledged (9014), so a test can check that each one was stored.
 */
import net from 'node:net';
import type { UploadMeasurement } from '../src/hj212/index.js';
import { Hj212Deframer, encodeDataUpload, parseFrame } from '../src/hj212/index.js';
import { MINUTE_MS } from '../src/standards/china-time.js';
import type { Store } from '../src/store/store.js';

export const LOAD_PW = '654321';
export const LOAD_T0 = Date.UTC(2026, 2, 1);
export const LOAD_MEASUREMENTS: UploadMeasurement[] = ['a21026', 'a21002', 'a34013', 'a19001'].map(
  (code, k) => ({ code, values: { Avg: String(10 + k) }, flag: 'N' }),
);

export const loadMn = (i: number): string => `0103305023100000000${String(i).padStart(5, '0')}`;

/** Packet `n` of logger `i`: a 2051 minute upload for minute n after LOAD_T0, QN `Q<iii><nnnnnn>`. */
export function loadPacket(i: number, n: number): Buffer {
  return encodeDataUpload(
    {
      qn: `Q${String(i).padStart(3, '0')}${String(n).padStart(6, '0')}`,
      st: '31',
      pw: LOAD_PW,
      mn: loadMn(i),
      edition: '2017',
    },
    '2051',
    new Date(LOAD_T0 + n * MINUTE_MS),
    LOAD_MEASUREMENTS,
  );
}

/** The reading key (MN and period start) a QN from `loadPacket` stands for. */
export function loadKeyOfQn(qn: string): string {
  return `${loadMn(Number(qn.slice(1, 4)))}|${LOAD_T0 + Number(qn.slice(4)) * MINUTE_MS}`;
}

/** Registers `n` outlets with one logger each (district 330502 is created when missing). */
export async function seedLoadDevices(store: Store, n: number, codePrefix = 'LOAD'): Promise<void> {
  await store.districts.upsertMany([{ code: '330502', name: '吴兴区', nameEn: 'Wuxing' }]);
  for (let i = 0; i < n; i += 1) {
    const site = await store.sites.create({
      kind: 'outlet',
      code: `${codePrefix}-${i}`,
      name: `排口 ${i}`,
      districtCode: '330502',
    });
    await store.devices.add({ mn: loadMn(i), password: LOAD_PW, siteId: site.id, protocol: '2017' });
  }
}

/** Every stored reading key of the load devices (`MN|period start`). */
export async function storedLoadKeys(store: Store): Promise<Set<string>> {
  const rows = await store.db
    .selectFrom('readings')
    .innerJoin('devices', 'devices.site_id', 'readings.site_id')
    .select(['devices.mn', 'readings.period_start'])
    .execute();
  return new Set(rows.map((r) => `${r.mn}|${r.period_start}`));
}

export interface RunningLogger {
  done: Promise<void>;
  /** Stops sending and closes the connection. */
  stop(): void;
}

/**
 * One logger: sends packets `from`…`to - 1` keeping up to `window` unanswered, records the QNs
 * acknowledged in `acked`, and closes once all are answered, stopped, or the platform hangs up.
 */
export function runLogger(
  port: number,
  i: number,
  acked: Set<string>,
  from: number,
  to: number,
  window = 50,
): RunningLogger {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const deframer = new Hj212Deframer();
  let stopped = false;
  const done = new Promise<void>((resolve) => {
    let next = from;
    let outstanding = 0;
    const pump = (): void => {
      while (!stopped && next < to && outstanding < window && !socket.destroyed) {
        socket.write(loadPacket(i, next));
        next += 1;
        outstanding += 1;
      }
      if ((next >= to || stopped) && outstanding === 0) socket.end();
    };
    socket.on('connect', pump);
    socket.on('data', (chunk: Buffer) => {
      for (const ev of deframer.push(chunk)) {
        if (ev.kind !== 'frame') continue;
        const p = parseFrame(ev);
        if (p.ok && p.packet.cn === '9014' && p.packet.qn !== undefined) {
          acked.add(p.packet.qn);
          outstanding -= 1;
        }
      }
      pump();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
  return {
    done,
    stop: () => {
      stopped = true;
      socket.destroy();
    },
  };
}
