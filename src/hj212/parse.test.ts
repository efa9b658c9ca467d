import { describe, expect, it } from 'vitest';
import { encodeFrame } from './encode.js';
import { deframeAll } from './deframer.js';
import { LENIENCY_RULES, type LeniencyRule } from './leniency.js';
import type { CpValue, Hj212Packet } from './packet.js';
import { cpField, parseDataSegment, parseFrame, type ParseOutcome } from './parse.js';

const MN = '010000A8900016F000169DC0';
const HEAD = `QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=${MN};Flag=5`;

function ok(outcome: ParseOutcome): Hj212Packet {
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.reason}`);
  return outcome.packet;
}

function values(p: Hj212Packet): Pick<CpValue, 'code' | 'suffix' | 'text' | 'flag'>[] {
  return p.cp.values.map(({ code, suffix, text, flag }) => ({ code, suffix, text, flag }));
}

describe('header (HJ 212-2017 Table 3)', () => {
  it('parses the Appendix A example', () => {
    const p = ok(
      parseDataSegment(`QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=${MN};Flag=5;CP=&&RtdInterval=30&&`),
    );
    expect(p).toMatchObject({
      qn: '20160801085857223',
      st: '32',
      cn: '1062',
      pw: '100000',
      mn: MN,
      edition: '2017',
    });
    expect(p.flag).toEqual({ value: 5, present: true, version: 1, ack: true, split: false });
    expect(cpField(p.cp, 'RtdInterval')).toBe('30');
    expect(p.leniency).toEqual([]);
  });

  it('parses header keys in any order, Flag after CP and zero-padded reversed PNO/PNUM', () => {
    const p = ok(
      parseDataSegment(
        `MN=${MN};PW=123456;CN=2061;ST=32;PNO=0002;PNUM=0002;QN=20160801085857535;CP=&&&&;Flag=7`,
      ),
    );
    expect(p).toMatchObject({ cn: '2061', pnum: 2, pno: 2, flag: { value: 7, split: true, ack: true } });
    expect(p.leniency).toEqual(['field-after-cp']);
  });

  it.each([
    [0, '2005', false, false],
    [1, '2005', true, false],
    [3, '2005', true, true],
    [4, '2017', false, false],
    [5, '2017', true, false],
    [6, '2017', false, true],
    [7, '2017', true, true],
    [8, '2025', false, false],
    [9, '2025', true, false],
    [10, '2025', false, true],
    [11, '2025', true, true],
  ] as const)('Flag=%i → edition %s, A=%s, D=%s', (flag, edition, ack, split) => {
    const extra = split ? ';PNUM=1;PNO=1' : '';
    const p = ok(parseDataSegment(`QN=1;ST=32;CN=2011;PW=123456;MN=${MN};Flag=${flag}${extra};CP=&&&&`));
    expect(p.edition).toBe(edition);
    expect(p.flag).toMatchObject({ ack, split, version: flag >> 2 });
  });

  it.each([
    ['Flag version bits 3', `ST=32;CN=2011;MN=X;Flag=12;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['Flag above 255', `ST=32;CN=2011;MN=X;Flag=256;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['Flag not a number', `ST=32;CN=2011;MN=X;Flag=A;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['CN not 4 digits', `ST=32;CN=201;MN=X;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['no CP', `ST=32;CN=2011;MN=X`, 'HJ212_MISSING_FIELD'],
    ['CP without &&', `ST=32;CN=2011;MN=X;CP=a=1`, 'HJ212_BAD_FIELD'],
    ['CP not closed', `ST=32;CN=2011;MN=X;CP=&&DataTime=20160801000000`, 'HJ212_BAD_FIELD'],
    ['CP=&&& (overlapping &&)', `ST=32;CN=2011;MN=X;CP=&&&`, 'HJ212_BAD_FIELD'],
    ['text after CP', `ST=32;CN=2011;MN=X;CP=&&&&junk`, 'HJ212_BAD_FIELD'],
    ['no ST', `CN=2011;MN=X;CP=&&&&`, 'HJ212_MISSING_FIELD'],
    ['no CN', `ST=32;MN=X;CP=&&&&`, 'HJ212_MISSING_FIELD'],
    ['no MN', `ST=32;CN=2011;CP=&&&&`, 'HJ212_MISSING_FIELD'],
    ['empty MN', `ST=32;CN=2011;MN=;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['MN with a space', `ST=32;CN=2011;MN=A B;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['duplicate header field', `ST=32;CN=2011;CN=2011;MN=X;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['header item without =', `ST=32;CN=2011;MN=X;garbage;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['PNUM without PNO', `ST=32;CN=2011;MN=X;Flag=6;PNUM=2;CP=&&&&`, 'HJ212_MISSING_FIELD'],
    ['PNO above PNUM', `ST=32;CN=2011;MN=X;Flag=6;PNUM=2;PNO=3;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['PNO zero', `ST=32;CN=2011;MN=X;Flag=6;PNUM=2;PNO=0;CP=&&&&`, 'HJ212_BAD_FIELD'],
    ['CP item without =', `ST=32;CN=2011;MN=X;CP=&&DataTime&&`, 'HJ212_BAD_FIELD'],
    ['CP pair with empty name', `ST=32;CN=2011;MN=X;CP=&&=5&&`, 'HJ212_BAD_FIELD'],
    ['empty input', ``, 'HJ212_MISSING_FIELD'],
  ] as const)('rejects %s', (_, segment, code) => {
    const r = parseDataSegment(segment);
    expect(r).toMatchObject({ ok: false, code });
  });

  it('rejects bytes that are neither UTF-8 nor GB18030 with HJ212_BAD_ENCODING', () => {
    const bytes = Buffer.concat([
      Buffer.from('ST=32;CN=2011;MN=X;CP=&&a-Info=//'),
      Buffer.from([0xff, 0xff]),
      Buffer.from('//&&'),
    ]);
    expect(parseDataSegment(bytes)).toMatchObject({ ok: false, code: 'HJ212_BAD_ENCODING' });
  });
});

describe('CP data area (HJ 212-2017 §6.3.3)', () => {
  it('binds each -Flag to the values of its code in its group (Table C.16 minute data)', () => {
    const p = ok(
      parseDataSegment(
        `${HEAD};CP=&&DataTime=20160801084000;w00000-Cou=10.5,w00000-Min=16.4,w00000-Avg=17.5,w00000-Max=20.1,w00000-Flag=N;w01001-Min=7.1,w01001-Avg=7.5,w01001-Max=7.8,w01001-Flag=D&&`,
      ),
    );
    expect(values(p)).toEqual([
      { code: 'w00000', suffix: 'Cou', text: '10.5', flag: 'N' },
      { code: 'w00000', suffix: 'Min', text: '16.4', flag: 'N' },
      { code: 'w00000', suffix: 'Avg', text: '17.5', flag: 'N' },
      { code: 'w00000', suffix: 'Max', text: '20.1', flag: 'N' },
      { code: 'w01001', suffix: 'Min', text: '7.1', flag: 'D' },
      { code: 'w01001', suffix: 'Avg', text: '7.5', flag: 'D' },
      { code: 'w01001', suffix: 'Max', text: '7.8', flag: 'D' },
    ]);
    expect(p.cp.dataTime?.utc.toISOString()).toBe('2016-08-01T00:40:00.000Z');
  });

  it('keeps repeated 2005 keys apart: each -Flag binds within its own group (docs/standards/hj212.md §5)', () => {
    const p = ok(
      parseDataSegment(
        'ST=31;CN=2011;PW=123456;MN=LD130182000052;CP=&&DataTime=20160823234320000;01-Rtd=1.00,01-Flag=N;01-ZsRtd=2.00,01-Flag=D&&',
      ),
    );
    expect(values(p)).toEqual([
      { code: 'a34013', suffix: 'Rtd', text: '1.00', flag: 'N' },
      { code: 'a34013', suffix: 'ZsRtd', text: '2.00', flag: 'D' },
    ]);
    expect(p.cp.values[0]).toMatchObject({ sentCode: '01', codeOrigin: 'mapped-2005' });
  });

  it('binds a -Flag sent before its value, and two flags of one code in one group in order', () => {
    const p = ok(
      parseDataSegment(`${HEAD};CP=&&l01001-Flag=N,l01001-Rtd=119.9;a-Rtd=1,a-Flag=N,a-ZsRtd=2,a-Flag=T&&`),
    );
    expect(values(p).map((v) => v.flag)).toEqual(['N', 'N', 'T']);
  });

  it('binds -EFlag and -SampleTime (Table C.14)', () => {
    const p = ok(
      parseDataSegment(
        `${HEAD};CP=&&DataTime=20160801085857;w01018-SampleTime=20160801070000,w01018-Rtd=2.2,w01018-Flag=N,w01018-EFlag=A01&&`,
      ),
    );
    expect(p.cp.values[0]).toMatchObject({ code: 'w01018', number: 2.2, flag: 'N', eflag: 'A01' });
    expect(p.cp.values[0]?.sampleTime?.utc.toISOString()).toBe('2016-07-31T23:00:00.000Z');
  });

  it('keeps decimal text exactly, with a number beside it', () => {
    const p = ok(
      parseDataSegment(`${HEAD};CP=&&a-Rtd=235.292750833832;b-Rtd=-0.105000;c-Rtd=1.5E-3;d-Rtd=;e-Rtd=x1&&`),
    );
    expect(p.cp.values.map((v) => [v.text, v.number])).toEqual([
      ['235.292750833832', 235.292750833832],
      ['-0.105000', -0.105],
      ['1.5E-3', 0.0015],
      ['', undefined],
      ['x1', undefined],
    ]);
  });

  it('keeps unknown suffixes and codes verbatim (`LA-td`, `ele01`, `CON-RT`)', () => {
    const p = ok(parseDataSegment(`${HEAD};CP=&&LA-td=50.1,LA-Flag=N;ele01-Rtd=1;CON-RT=0&&`));
    expect(p.cp.values.map((v) => [v.code, v.suffix, v.codeOrigin, v.flag])).toEqual([
      ['LA', 'td', 'as-sent', 'N'],
      ['ele01', 'Rtd', 'as-sent', undefined],
      ['CON', 'RT', 'as-sent', undefined],
    ]);
  });

  it('keeps -Info text opaque, even with ; , = inside // … //, and UTF-8 Chinese (Table C.40)', () => {
    const p = ok(
      parseDataSegment(
        `${HEAD};CP=&&DataTime=20100301145000;PolId=w01018;i11001-Info=//清洗;管路,a=b//;i12001-Info=1&&`,
      ),
    );
    const infos = p.cp.items.filter((i) => i.kind === 'info');
    expect(infos).toEqual([
      { kind: 'info', group: 2, code: 'i11001', text: '//清洗;管路,a=b//', content: '清洗;管路,a=b' },
      { kind: 'info', group: 3, code: 'i12001', text: '1', content: '1' },
    ]);
    expect(cpField(p.cp, 'PolId')).toBe('w01018');
  });

  it('decodes a GBK -Info text under rule text-gb18030', () => {
    const gbk = Buffer.from([0xc7, 0xe5, 0xcf, 0xb4]); // 清洗 in GBK
    const bytes = Buffer.concat([Buffer.from(`${HEAD};CP=&&i11001-Info=//`), gbk, Buffer.from('//&&')]);
    const p = ok(parseDataSegment(bytes));
    expect(p.cp.items[0]).toMatchObject({ kind: 'info', content: '清洗' });
    expect(p.leniency).toContain('text-gb18030');
  });

  it('treats the 2005 QN inside CP as a field and a stray bare Flag item as a plain field', () => {
    const p = ok(
      parseDataSegment(
        'ST=91;CN=9011;PW=123456;MN=LD130107000188;Flag=0;CP=&&QN=20160824000504006;QnRtn=1&&',
      ),
    );
    expect(cpField(p.cp, 'QN')).toBe('20160824000504006');
    expect(cpField(p.cp, 'QnRtn')).toBe('1');
    const q = ok(parseDataSegment(`${HEAD};CP=&&a34001-Rtd=92;Flag=N&&`));
    expect(q.cp.values[0]?.flag).toBeUndefined();
    expect(cpField(q.cp, 'Flag')).toBe('N');
  });
});

describe('times (HJ 212-2017 Table 4, China local time)', () => {
  it.each([
    ['20160801084000', '2016-08-01T00:40:00.000Z'],
    ['20160824000000', '2016-08-23T16:00:00.000Z'],
    ['20160823234320000', '2016-08-23T15:43:20.000Z'],
    ['20160823234320123', '2016-08-23T15:43:20.123Z'],
    ['20000202000000000', '2000-02-01T16:00:00.000Z'],
    ['20240229235959', '2024-02-29T15:59:59.000Z'],
  ])('DataTime=%s is %s', (text, iso) => {
    const p = ok(parseDataSegment(`${HEAD};CP=&&DataTime=${text}&&`));
    expect(p.cp.dataTime).toMatchObject({ text, hasMilliseconds: text.length === 17 });
    expect(p.cp.dataTime?.utc.toISOString()).toBe(iso);
  });

  it.each([
    'DataTime=20160230000000',
    'DataTime=20161301000000',
    'DataTime=20160801240000',
    'DataTime=20160801086000',
    'DataTime=2016080108400',
    'DataTime=201608010840000',
    'DataTime=',
    'DataTime=2016-08-01 08:40',
    'DataTime=00500801084000',
    'BeginTime=20160801084000;EndTime=20160899084000',
    'SystemTime=99999999999999',
    'RestartTime=20160801084000x',
    'w01018-SampleTime=20230229000000,w01018-Rtd=1',
  ])('%s is HJ212_BAD_TIME', (cp) => {
    expect(parseDataSegment(`${HEAD};CP=&&${cp}&&`)).toMatchObject({ ok: false, code: 'HJ212_BAD_TIME' });
  });
});

describe('leniency rules (each named and tested)', () => {
  /** Parser-level rules: a segment that needs the rule. Deframer rules are tested in deframer.test.ts. */
  const PARSER_CASES: readonly (readonly [LeniencyRule, string])[] = [
    ['flag-missing', `QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=${MN};CP=&&&&`],
    ['qn-missing', `ST=32;CN=2011;PW=123456;MN=${MN};Flag=4;CP=&&&&`],
    ['qn-nonstandard', `QN=1617936069734;ST=21;CN=1011;PW=123456;MN=${MN};Flag=5;CP=&&PolId=w01018&&`],
    ['pw-missing', `QN=20160801085857223;ST=32;CN=2011;MN=${MN};Flag=4;CP=&&&&`],
    [
      'pw-nonstandard',
      `QN=20160801085857223;ST=22;CN=2061;PW=BF470F88957588DE902D1A52;MN=${MN};Flag=5;CP=&&&&`,
    ],
    ['mn-nonstandard', `QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=88888880000001;Flag=4;CP=&&&&`],
    ['st-nonstandard', `ST=101;CN=2011;PW=123456;MN=${MN};Flag=4;CP=&&&&`],
    ['st-nonstandard', `ST=\0\0;CN=2031;PW=123456;MN=${MN};CP=&&&&`],
    ['header-unknown-field', `QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=${MN};Flag=4;XX=1;CP=&&&&`],
    ['field-after-cp', `QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=${MN};CP=&&&&;Flag=4`],
    ['cp-missing-separator', `QN=20160801085857223;ST=32;CN=2041;PW=123456;MN=${MN};Flag=5CP=&&SB1-RT=1.1&&`],
    ['cp-empty-item', `${HEAD};CP=&&DataTime=20160801084000;a-Rtd=1,a-Flag=N;&&`],
    ['cp-empty-item', `${HEAD};CP=&&DataTime=20160801084000;a-Rtd=1,&&`],
    ['cp-empty-item', `${HEAD};CP=&&DataTime=20160801084000;;a-Rtd=1&&`],
    ['split-flag-without-pnum', `QN=20160801085000001;ST=22;CN=2011;PW=123456;MN=${MN};Flag=7;CP=&&&&`],
    ['pnum-without-split-flag', `ST=32;CN=2061;PW=123456;MN=${MN};PNUM=2;PNO=1;CP=&&&&`],
    ['time-milliseconds', `ST=32;CN=2011;PW=123456;MN=${MN};CP=&&DataTime=20210305003817000&&`],
  ];

  it.each(PARSER_CASES)('%s', (rule, segment) => {
    expect(ok(parseDataSegment(segment)).leniency).toContain(rule);
  });

  it('a fully standard packet needs no rule', () => {
    expect(
      ok(parseDataSegment(`${HEAD};CP=&&DataTime=20160801084000;w01018-Rtd=1,w01018-Flag=N&&`)).leniency,
    ).toEqual([]);
  });

  it('the cp-missing-separator packet keeps its Flag', () => {
    const p = ok(parseDataSegment(PARSER_CASES.find(([r]) => r === 'cp-missing-separator')?.[1] ?? ''));
    expect(p.flag.value).toBe(5);
  });

  it('every rule of LENIENCY_RULES is exercised here or in deframer.test.ts', () => {
    const deframerRules: LeniencyRule[] = [
      'crc-lowercase',
      'crc-modbus',
      'crc-modbus-swapped',
      'crc-unpadded',
      'length-salvaged',
      'text-gb18030',
    ];
    const covered = new Set([...PARSER_CASES.map(([r]) => r), ...deframerRules]);
    expect([...covered].sort()).toEqual(Object.keys(LENIENCY_RULES).sort());
  });

  it('frame leniency carries into the packet', () => {
    const frame = encodeFrame(`${HEAD};CP=&&&&`);
    const lower = Buffer.from(
      frame.toString('latin1').replace(/[0-9A-F]{4}\r\n$/, (m) => m.toLowerCase()),
      'latin1',
    );
    const [ev] = deframeAll(lower);
    if (ev?.kind !== 'frame') throw new Error('expected frame');
    const crcHasLetters = /[A-F]/.test(frame.toString('latin1', frame.length - 6, frame.length - 2));
    expect(ok(parseFrame(ev)).leniency.includes('crc-lowercase')).toBe(crcHasLetters);
  });
});

describe('never throws', () => {
  it.each([
    '',
    'CP=&&',
    '&&&&',
    '=',
    ';;;',
    'CP=&&&&',
    'ST=;CN=;MN=;CP=&&&&',
    'ST=32;CN=2011;MN=X;CP=&&a-Info=//unterminated;b=1&&',
    'ST=32;CN=2011;MN=X;CP=&&-=1;a-=2;-b=3&&',
    'ST=32;CN=2011;MN=X;CP=&&,,,;;;&&',
    'ST=32;CN=2011;MN=X;CP=&&__proto__-Rtd=1;constructor-Flag=N&&',
    'ST=32;CN=2011;MN=X;__proto__=1;CP=&&&&',
  ])('%j gives an outcome', (segment) => {
    const r = parseDataSegment(segment);
    expect(typeof r.ok).toBe('boolean');
  });

  it('keeps an unterminated //… value up to the next separator, and odd names as plain fields', () => {
    const p = ok(parseDataSegment('ST=32;CN=2011;MN=X;CP=&&a-Info=//unterminated;b=1;-=1;a-=2&&'));
    expect(p.cp.items.map((i) => i.kind)).toEqual(['info', 'field', 'field', 'field']);
  });
});
