import { describe, expect, it } from 'vitest';
import { deframeAll } from './deframer.js';
import {
  answerKind,
  encodeAnswerFor,
  encodeCp,
  encodeDataAnswer,
  encodeDataSegment,
  encodeDataUpload,
  encodeExecutionResult,
  encodeFrame,
  encodeHistoryRequest,
  encodeNotifyAnswer,
  encodePacket,
  encodeRequest,
  encodeRequestAnswer,
  encodeSetTimeRequest,
  encodeStartRealtimeRequest,
  encodeTimeCalibrationRequest,
  EXE_RTN,
  QN_RTN,
  type RequestBase,
} from './encode.js';
import type { Hj212Packet } from './packet.js';
import { cpField, parseDataSegment, parseFrame } from './parse.js';
import { formatHj212Time, formatQn } from './time.js';

const MN = '010000A8900016F000169DC0';

function packet(segment: string): Hj212Packet {
  const r = parseDataSegment(segment);
  if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
  return r.packet;
}

/** encode → deframe → parse. */
function roundTrip(bytes: Buffer): Hj212Packet {
  const events = deframeAll(bytes);
  expect(events).toHaveLength(1);
  const [frame] = events;
  if (frame?.kind !== 'frame') throw new Error(`expected a frame, got ${JSON.stringify(frame)}`);
  expect(frame.raw.equals(bytes)).toBe(true);
  const r = parseFrame(frame);
  if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
  return r.packet;
}

const line = (s: string): string => `${s}\r\n`;

describe('answers reproduce the standard examples byte for byte', () => {
  it('9014 to the C.14 real-time upload (CRC 3240)', () => {
    const upload = packet(
      `QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=${MN};Flag=5;CP=&&DataTime=20160801085857;w01001-Rtd=7.1,w01001-Flag=N&&`,
    );
    expect(answerKind(upload)).toBe('data-answer');
    expect(encodeAnswerFor(upload)?.toString()).toBe(
      line(`##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=${MN};Flag=4;CP=&&&&3240`),
    );
  });

  it('9014 to a Flag=7 upload (jinuxx/hj212, CRC C241) and to the split packet of C.50 (CRC 5B40)', () => {
    const a = packet(`QN=20160801085000001;ST=22;CN=2011;PW=123456;MN=${MN};Flag=7;CP=&&&&`);
    expect(encodeDataAnswer(a).toString()).toBe(
      line(`##0087QN=20160801085000001;ST=91;CN=9014;PW=123456;MN=${MN};Flag=4;CP=&&&&C241`),
    );
    const b = packet(`QN=20160801085857534;ST=32;CN=2061;PW=123456;MN=${MN};Flag=7;PNUM=2;PNO=1;CP=&&&&`);
    expect(encodeDataAnswer(b).toString()).toBe(
      line(`##0087QN=20160801085857534;ST=91;CN=9014;PW=123456;MN=${MN};Flag=4;CP=&&&&5B40`),
    );
  });

  it('9011 and 9012 to the C.1 request (CRC 1B00, 6240)', () => {
    const req = packet(
      `QN=20160801085857223;ST=32;CN=1000;PW=123456;MN=${MN};Flag=5;CP=&&OverTime=5;ReCount=3&&`,
    );
    expect(encodeRequestAnswer(req, QN_RTN.ready).toString()).toBe(
      line(`##0094QN=20160801085857223;ST=91;CN=9011;PW=123456;MN=${MN};Flag=4;CP=&&QnRtn=1&&1B00`),
    );
    expect(encodeExecutionResult(req, EXE_RTN.success).toString()).toBe(
      line(`##0095QN=20160801085857223;ST=91;CN=9012;PW=123456;MN=${MN};Flag=4;CP=&&ExeRtn=1&&6240`),
    );
  });

  it('9013 to the C.4 time-calibration notify (CRC 2A80)', () => {
    const notify = packet(`QN=20160801085857223;ST=32;CN=1013;PW=123456;MN=${MN};Flag=5;CP=&&PolId=w01018&&`);
    expect(answerKind(notify)).toBe('notify-answer');
    expect(encodeNotifyAnswer(notify).toString()).toBe(
      line(`##0087QN=20160801085857223;ST=91;CN=9013;PW=123456;MN=${MN};Flag=4;CP=&&&&2A80`),
    );
  });

  it('9014 with the 2025 Flag=8 to a Flag=9 packet (caoyiliang/HJ212, CRC 21C0)', () => {
    const p = packet(`QN=20240601085857223;ST=32;CN=2011;PW=123456;MN=${MN};Flag=9;CP=&&&&`);
    expect(encodeDataAnswer(p).toString()).toBe(
      line(`##0087QN=20240601085857223;ST=91;CN=9014;PW=123456;MN=${MN};Flag=8;CP=&&&&21C0`),
    );
  });

  it('2005: 9011 puts the echoed QN inside CP, as in real 2016 traffic (CRC 5780)', () => {
    const req = packet(
      'QN=20160824000504006;ST=32;CN=2051;PW=123456;MN=LD130107000188;CP=&&BeginTime=20160823000000&&',
    );
    expect(encodeRequestAnswer(req, QN_RTN.ready).toString()).toBe(
      line('##0084ST=91;CN=9011;PW=123456;MN=LD130107000188;Flag=0;CP=&&QN=20160824000504006;QnRtn=1&&5780'),
    );
    // QN placement is configurable for 2005 devices
    expect(encodeRequestAnswer(req, QN_RTN.ready, { qnPlacement: 'header' }).toString()).toMatch(
      /^##\d{4}QN=20160824000504006;ST=91;CN=9011;PW=123456;MN=LD130107000188;Flag=0;CP=&&QnRtn=1&&/,
    );
  });

  it('2005: 9013 to a Hebei 1013 with QN in CP echoes it in CP; 9014 to a 2072 alarm puts it in the header', () => {
    const notify = packet('ST=91;CN=1013;PW=123456;MN=LD130102000147;Flag=1;CP=&&QN=20160824001252000&&');
    expect(encodeAnswerFor(notify)?.toString()).toMatch(
      /^##\d{4}ST=91;CN=9013;PW=123456;MN=LD130102000147;Flag=0;CP=&&QN=20160824001252000&&/,
    );
    const alarm = packet(
      'QN=20160823235559979;ST=32;CN=2072;PW=123456;MN=ZG130182201401;Flag=1;CP=&&AlarmTime=20160823235559;B01-Ala=16.00,AlarmType=1&&',
    );
    expect(encodeAnswerFor(alarm)?.toString()).toMatch(
      /^##\d{4}QN=20160823235559979;ST=91;CN=9014;PW=123456;MN=ZG130182201401;Flag=0;CP=&&&&/,
    );
  });
});

describe('answerKind (docs/standards/hj212.md §6)', () => {
  it.each([
    ['2011 with A=1', `ST=32;CN=2011;MN=X;Flag=5;CP=&&&&`, 'data-answer'],
    ['2011 with A=0', `ST=32;CN=2011;MN=X;Flag=4;CP=&&&&`, 'none'],
    ['2005 upload without Flag', `ST=32;CN=2011;MN=X;CP=&&&&`, 'none'],
    ['1013 notify even with A=0', `ST=32;CN=1013;MN=X;Flag=4;CP=&&&&`, 'notify-answer'],
    ['9014 with A=1 (never answer an answer)', `ST=21;CN=9014;MN=X;Flag=5;CP=&&&&`, 'none'],
    ['9011 with A=1', `ST=91;CN=9011;MN=X;Flag=5;CP=&&QnRtn=1&&`, 'none'],
    ['2025 heartbeat 9015 with A=1', `ST=32;CN=9015;MN=X;Flag=9;CP=&&&&`, 'notify-answer'],
    ['Hebei 9015 connection report, Flag=0', `ST=91;CN=9015;MN=X;Flag=0;CP=&&CON-RT=0&&`, 'none'],
    ['8013 Hebei heartbeat, Flag=0', `ST=32;CN=8013;MN=X;Flag=0;CP=&&HeartbeatTime=120&&`, 'none'],
  ] as const)('%s → %s', (_, segment, kind) => {
    expect(answerKind(packet(segment))).toBe(kind);
  });
});

describe('requests reproduce the standard examples', () => {
  const base: RequestBase = { qn: '20160801085857223', st: '32', pw: '123456', mn: MN, edition: '2017' };

  it('1062 of Appendix A (CRC 1C80, length 101)', () => {
    expect(encodeRequest({ ...base, pw: '100000' }, '1062', [[['RtdInterval', 30]]]).toString()).toBe(
      line(`##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=${MN};Flag=5;CP=&&RtdInterval=30&&1C80`),
    );
  });

  it('1000 of C.1 (CRC CAC1)', () => {
    expect(encodeRequest(base, '1000', [[['OverTime', 5]], [['ReCount', 3]]]).toString()).toBe(
      line(
        `##0107QN=20160801085857223;ST=32;CN=1000;PW=123456;MN=${MN};Flag=5;CP=&&OverTime=5;ReCount=3&&CAC1`,
      ),
    );
  });

  it('2051 history request of C.20 (CRC 56C0), times written as China local', () => {
    const t = new Date('2016-08-01T00:40:00Z'); // 08:40 China time
    expect(encodeHistoryRequest(base, '2051', t, t).toString()).toBe(
      line(
        `##0134QN=20160801085857223;ST=32;CN=2051;PW=123456;MN=${MN};Flag=5;CP=&&BeginTime=20160801084000;EndTime=20160801084000&&56C0`,
      ),
    );
    expect(() => encodeHistoryRequest(base, '2061', new Date(2), new Date(1))).toThrow(RangeError);
  });

  it('1013 notify of C.4 (CRC CAC1) and 2025 2011 start request (CRC 2340)', () => {
    expect(encodeTimeCalibrationRequest(base, 'w01018').toString()).toBe(
      line(`##0099QN=20160801085857223;ST=32;CN=1013;PW=123456;MN=${MN};Flag=5;CP=&&PolId=w01018&&CAC1`),
    );
    expect(encodeStartRealtimeRequest({ ...base, qn: '20240601085857223', edition: '2025' }).toString()).toBe(
      line(`##0087QN=20240601085857223;ST=32;CN=2011;PW=123456;MN=${MN};Flag=9;CP=&&&&2340`),
    );
  });

  it('1012 set time round-trips its SystemTime', () => {
    const t = new Date('2016-08-01T00:58:57Z');
    const p = roundTrip(encodeSetTimeRequest(base, t, 'w01018'));
    expect(cpField(p.cp, 'SystemTime')).toBe('20160801085857');
    expect(p.cp.items.find((i) => i.kind === 'field' && i.name === 'SystemTime')).toMatchObject({
      time: { utc: t },
    });
  });
});

describe('round trips: encode → deframe → parse', () => {
  const base: RequestBase = {
    qn: formatQn(new Date('2026-03-15T00:00:00.123Z')),
    st: '22',
    pw: '123456',
    mn: MN,
    edition: '2017',
  };

  it('a minute data upload keeps codes, exact decimals and flags', () => {
    const dataTime = new Date('2026-03-15T00:10:00Z');
    const bytes = encodeDataUpload(base, '2051', dataTime, [
      { code: 'a34004', values: { Min: '12', Avg: '14.25', Max: '17' }, flag: 'N' },
      { code: 'a21005', values: { Avg: '0.427' }, flag: 'M' },
      { code: 'w00000', values: { Cou: '1512.000000000000001' } },
    ]);
    const p = roundTrip(bytes);
    expect(p).toMatchObject({
      qn: '20260315080000123',
      st: '22',
      cn: '2051',
      edition: '2017',
      flag: { value: 5 },
    });
    expect(p.cp.dataTime?.utc).toEqual(dataTime);
    expect(p.cp.values.map((v) => `${v.code}-${v.suffix}=${v.text}/${v.flag ?? '-'}`)).toEqual([
      'a34004-Min=12/N',
      'a34004-Avg=14.25/N',
      'a34004-Max=17/N',
      'a21005-Avg=0.427/M',
      'w00000-Cou=1512.000000000000001/-',
    ]);
  });

  it('a split packet with PNUM/PNO and an opaque UTF-8 -Info text', () => {
    const bytes = encodePacket({
      qn: '20160801085857534',
      st: '32',
      cn: '3020',
      pw: '123456',
      mn: MN,
      flag: 7,
      pnum: 2,
      pno: 1,
      cp: [[['DataTime', '20100301145000']], [['PolId', 'w01018']], [['i11001-Info', '//清洗;管路,a=b//']]],
    });
    expect(bytes.toString('utf8', 2, 6)).toBe(String(bytes.length - 12).padStart(4, '0'));
    const p = roundTrip(bytes);
    expect(p).toMatchObject({ pnum: 2, pno: 1, flag: { split: true, ack: true } });
    expect(p.cp.items.find((i) => i.kind === 'info')).toMatchObject({ content: '清洗;管路,a=b' });
  });

  it('every answer round-trips to a packet with ST=91, the echoed QN and an answer CN', () => {
    const req = packet(`QN=20160801085857223;ST=32;CN=1000;PW=123456;MN=${MN};Flag=5;CP=&&OverTime=5&&`);
    for (const bytes of [
      encodeRequestAnswer(req, QN_RTN.badPassword),
      encodeExecutionResult(req, EXE_RTN.noData),
      encodeNotifyAnswer(req),
      encodeDataAnswer(req),
    ]) {
      const p = roundTrip(bytes);
      expect(p).toMatchObject({ st: '91', qn: req.qn, pw: '123456', mn: MN, flag: { value: 4, ack: false } });
      expect(answerKind(p)).toBe('none');
    }
  });

  it('a 2005-style packet without QN and Flag round-trips', () => {
    const p = roundTrip(
      encodePacket({
        st: '31',
        cn: '2011',
        pw: '123456',
        mn: 'LD130182000052',
        cp: [
          [
            ['01-Rtd', '0.00'],
            ['01-Flag', 'N'],
          ],
        ],
      }),
    );
    expect(p).toMatchObject({ edition: '2005', qn: undefined, flag: { present: false } });
    expect(p.cp.values[0]).toMatchObject({ code: 'a34013', sentCode: '01', flag: 'N' });
  });
});

describe('encoder argument checks', () => {
  const spec = { st: '32', cn: '2011', mn: MN };
  it.each([
    ['a CN that is not 4 digits', () => encodeDataSegment({ ...spec, cn: '201' })],
    ['a Flag above 255', () => encodeDataSegment({ ...spec, flag: 256 })],
    ['PNUM without PNO', () => encodeDataSegment({ ...spec, pnum: 2 })],
    ['PNO above PNUM', () => encodeDataSegment({ ...spec, pnum: 2, pno: 3 })],
    ['a header value with ;', () => encodeDataSegment({ ...spec, mn: 'A;B' })],
    ['an empty header value', () => encodeDataSegment({ ...spec, pw: '' })],
    ['a CP value with ,', () => encodeCp([[['a-Rtd', '1,2']]])],
    ['a CP name with =', () => encodeCp([[['a=Rtd', '1']]])],
    ['raw CP text with &&', () => encodeCp('a=1&&b=2')],
    ['a number in exponent form', () => encodeCp([[['a-Rtd', 1e-7]]])],
    ['an Info text with &&', () => encodeCp([[['i11001-Info', '//a&&b//']]])],
    ['a segment above 9999 bytes', () => encodeFrame('x'.repeat(10000))],
  ])('rejects %s with a RangeError', (_, f) => {
    expect(f).toThrow(RangeError);
  });

  it('formats QN and times in China local time', () => {
    expect(formatQn(new Date('2016-08-01T00:58:57.223Z'))).toBe('20160801085857223');
    expect(formatHj212Time(new Date('2016-07-31T16:00:00Z'))).toBe('20160801000000');
  });
});
