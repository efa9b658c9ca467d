/**
 * From a parsed HJ 212 upload to readings: which command carries which interval, which value
 * suffix becomes which reading, and whether the logger's clock can be trusted.
 */
import type { CpValue, Hj212Packet } from '../hj212/index.js';
import { DAY_MS } from '../standards/china-time.js';
import type { Reading, ReadingInterval } from '../store/types.js';

/** Upload commands stored as readings (HJ 212-2017 Table 9), with their interval. */
export const UPLOAD_INTERVALS: Readonly<Record<string, ReadingInterval>> = {
  '2011': 'rt', // real-time data
  '2021': 'rt', // equipment running state (SBx-RS)
  '2051': 'min', // minute data
  '2061': 'hour', // hourly data
  '2031': 'day', // daily data
  '2041': 'day', // equipment running time per day (SBx-RT)
};

/** DataTime before this (China local 2005-01-01) means a logger clock that was never set. */
export const EARLIEST_TRUSTED_DATA_TIME = new Date('2004-12-31T16:00:00Z');
/** How far ahead of the platform's clock a DataTime may be (clock drift between logger and platform). */
export const MAX_DATA_TIME_AHEAD_MS = DAY_MS;

export type ReadingsOutcome =
  | { ok: true; readings: Reading[] }
  | { ok: false; code: 'HJ212_BAD_TIME' | 'HJ212_MISSING_FIELD'; reason: string };

interface Slot {
  value: number | null;
  text: string | null;
  min: number | null;
  max: number | null;
  cumulative: number | null;
  flag: string | null;
}

/**
 * The parameter a value suffix belongs to: `Rtd/Avg/Min/Max/Cou` to the code itself; converted
 * (`Zs…`) values to `<code>-Zs`; equipment state and running time to `<code>-RS` / `<code>-RT`;
 * noise day/night values to `<code>-Data/-DayData/-NightData`. Other suffixes (alarm thresholds,
 * unknown ones) are not readings; they stay in the packet log.
 */
function slotOf(v: CpValue): { parameter: string; field: 'value' | 'min' | 'max' | 'cumulative' } | null {
  switch (v.suffix) {
    case 'Rtd':
    case 'Avg':
      return { parameter: v.code, field: 'value' };
    case 'Min':
      return { parameter: v.code, field: 'min' };
    case 'Max':
      return { parameter: v.code, field: 'max' };
    case 'Cou':
      return { parameter: v.code, field: 'cumulative' };
    case 'ZsRtd':
    case 'ZsAvg':
      return { parameter: `${v.code}-Zs`, field: 'value' };
    case 'ZsMin':
      return { parameter: `${v.code}-Zs`, field: 'min' };
    case 'ZsMax':
      return { parameter: `${v.code}-Zs`, field: 'max' };
    case 'RS':
    case 'RT':
    case 'Data':
    case 'DayData':
    case 'NightData':
      return { parameter: `${v.code}-${v.suffix}`, field: 'value' };
    default:
      return null;
  }
}

/**
 * The readings an upload carries, for the site its device reports for. The period start is the
 * packet's DataTime (China local, converted to UTC by the codec). A DataTime before 2005 or more
 * than a day ahead is refused: the content cannot be trusted (a logger clock stuck in 2000).
 */
export function readingsFromPacket(
  packet: Hj212Packet,
  siteId: number,
  receivedAt: Date,
  source = 'hj212',
): ReadingsOutcome {
  const interval = UPLOAD_INTERVALS[packet.cn];
  if (interval === undefined) return { ok: true, readings: [] };
  const dataTime = packet.cp.dataTime;
  if (dataTime === undefined) {
    return { ok: false, code: 'HJ212_MISSING_FIELD', reason: `CN=${packet.cn} upload without DataTime` };
  }
  const t = dataTime.utc.getTime();
  if (t < EARLIEST_TRUSTED_DATA_TIME.getTime()) {
    return {
      ok: false,
      code: 'HJ212_BAD_TIME',
      reason: `logger clock not trustworthy: DataTime ${dataTime.text} is before 2005; content not stored`,
    };
  }
  if (t > receivedAt.getTime() + MAX_DATA_TIME_AHEAD_MS) {
    return {
      ok: false,
      code: 'HJ212_BAD_TIME',
      reason: `logger clock not trustworthy: DataTime ${dataTime.text} is more than a day ahead of the platform`,
    };
  }
  const slots = new Map<string, Slot>();
  for (const v of packet.cp.values) {
    const target = slotOf(v);
    if (target === null) continue;
    let slot = slots.get(target.parameter);
    if (slot === undefined) {
      slot = { value: null, text: null, min: null, max: null, cumulative: null, flag: null };
      slots.set(target.parameter, slot);
    }
    const n = v.number ?? null;
    switch (target.field) {
      case 'value':
        slot.value = n;
        slot.text = v.text;
        break;
      case 'min':
        slot.min = n;
        break;
      case 'max':
        slot.max = n;
        break;
      case 'cumulative':
        slot.cumulative = n;
        break;
      default:
        throw new Error(`impossible reading field ${String(target.field satisfies never)}`);
    }
    if (v.flag !== undefined) slot.flag = v.flag;
  }
  const periodStart = new Date(t);
  const readings: Reading[] = [];
  for (const [parameter, s] of slots) {
    readings.push({
      siteId,
      parameter,
      interval,
      periodStart,
      value: s.value,
      valueText: s.text,
      min: s.min,
      max: s.max,
      cumulative: s.cumulative,
      flag: s.flag,
      source,
      receivedAt,
    });
  }
  return { ok: true, readings };
}
