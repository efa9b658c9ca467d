/**
 * Demo cases for the demo city: a handful of problems in every part of the loop — closed on time,
 * overdue and escalated, awaiting an extension decision, reopened on look-back, dismissed, new —
 * with histories spread over the last four months, so that the case list, the detail page and the
 * figures have something to show. Marked demo; the names and events are invented.
 */
import { ManualClock } from '../clock.js';
import type { CaseCaller, CaseService } from '../cases/case.service.js';
import type { Services } from '../services.js';
import { DAY_MS } from '../standards/china-time.js';

const BUREAU: CaseCaller = {
  username: 'supervisor',
  role: 'supervisor',
  districtCode: null,
  enterpriseSiteId: null,
  scope: { kind: 'all' },
};
const officer = (districtCode: string): CaseCaller => ({
  username: districtCode === '330502' ? 'wuxing' : `officer-${districtCode}`,
  role: 'district',
  districtCode,
  enterpriseSiteId: null,
  scope: { kind: 'district', districtCode },
});

/**
 * Loads the demo cases (call once, after the demo city) through the platform's case service, each
 * step dated in the past and audited like any other; then lets the escalator take the steps due by
 * now (the services' clock). Returns how many cases it opened.
 */
export async function loadDemoCases(
  services: Pick<Services, 'store' | 'clock' | 'cases' | 'escalator'>,
): Promise<number> {
  const { store } = services;
  const now = services.clock.now();
  const clock = new ManualClock(now);
  const cases = services.cases.withClock(clock);
  const daysAgo = (d: number) => clock.set(new Date(now.getTime() - d * DAY_MS));
  const dayFromNow = (d: number) => new Date(now.getTime() + d * DAY_MS);
  const site = async (code: string) => {
    const s = await store.sites.getByCode(code);
    if (s === null) throw new Error(`demo cases: the demo city has no site ${code}`);
    return s;
  };
  const e1 = await site('HZ-E-001');
  const e2 = await site('HZ-E-002');
  const ent = (id: number, code: string): CaseCaller => ({
    username: code === 'HZ-E-001' ? 'enterprise' : `demo-${code}`,
    role: 'enterprise',
    districtCode: null,
    enterpriseSiteId: id,
    scope: { kind: 'sites', siteIds: [id] },
  });
  let opened = 0;
  const open = async (d: number, input: Parameters<CaseService['create']>[1], by: CaseCaller = BUREAU) => {
    daysAgo(d);
    opened++;
    return (await cases.create(by, { ...input, demo: true })).id;
  };
  const move = async (
    d: number,
    by: CaseCaller,
    id: number,
    input: Parameters<CaseService['transition']>[2],
  ) => {
    daysAgo(d);
    await cases.transition(by, id, input);
  };
  const deadlineIn = (fromDaysAgo: number, days: number) =>
    new Date(now.getTime() - (fromDaysAgo - days) * DAY_MS);

  // A 12369 complaint, rectified on time and closed (销号).
  const a = await open(120, {
    source: 'complaint',
    externalRef: '12369-DEMO-0412',
    subject: { type: 'enterprise', siteId: e1.id },
    category: 'air',
    title: '定型机废气异味扰民',
    description: '群众经12369反映青禾印染夜间定型机废气异味明显（演示数据）',
  });
  await move(118, BUREAU, a, { to: 'verified', comment: '现场核查属实，废气收集效率不足' });
  await move(117, BUREAU, a, {
    to: 'assigned',
    responsible: { type: 'enterprise', siteId: e1.id },
    deadline: deadlineIn(117, 30),
    comment: '限期30日整改',
  });
  await move(116, ent(e1.id, e1.code), a, { to: 'rectifying', comment: '已签收' });
  await move(95, ent(e1.id, e1.code), a, { to: 'self_checked', comment: '更换静电油烟净化装置并加装集气罩' });
  await move(92, BUREAU, a, { to: 'under_acceptance' });
  await move(90, BUREAU, a, { to: 'publicised', comment: '验收合格，公示5个工作日' });
  await move(83, BUREAU, a, { to: 'closed', comment: '公示无异议，销号' });

  // An inspection finding, overdue and escalated (warning, then listed supervision).
  const b = await open(60, {
    source: 'inspection',
    subject: { type: 'enterprise', siteId: e2.id },
    category: 'solid_waste',
    title: '危废贮存库标识不全、台账缺失',
    description: '执法检查发现危险废物贮存库未按规范设置标识，管理台账缺失（演示数据）',
  });
  await move(59, BUREAU, b, { to: 'verified' });
  await move(58, BUREAU, b, {
    to: 'assigned',
    responsible: { type: 'enterprise', siteId: e2.id },
    deadline: deadlineIn(58, 38),
  });
  await move(55, ent(e2.id, e2.code), b, { to: 'rectifying' });

  // A superior's assignment on a river, with an extension request awaiting the bureau.
  const c = await open(
    45,
    {
      source: 'superior',
      externalRef: '浙环督〔演示〕12号',
      subject: { type: 'water_body', name: '龙溪港', districtCode: '330502' },
      category: 'water',
      title: '龙溪港沿线雨污混接',
      description: '省级督察交办：龙溪港城南段存在雨污混接排口（演示数据）',
    },
    BUREAU,
  );
  await move(44, BUREAU, c, { to: 'verified' });
  await move(43, BUREAU, c, {
    to: 'assigned',
    responsible: { type: 'district', code: '330502' },
    deadline: dayFromNow(10),
  });
  await move(40, officer('330502'), c, { to: 'rectifying', comment: '已组织排查' });
  daysAgo(3);
  await cases.requestExtension(officer('330502'), c, {
    deadline: dayFromNow(40),
    reason: '管网改造需结合道路施工，申请延期30日',
  });

  // Found by a district officer two days ago, not yet verified.
  await open(
    2,
    {
      source: 'inspection',
      subject: { type: 'site', siteId: (await site('HZ-AIR-04')).id },
      category: 'air',
      title: '织里站周边露天焚烧',
      description: '巡查发现织里站东侧农田露天焚烧秸秆（演示数据）',
    },
    officer('330502'),
  );

  // A complaint that turned out to be steam, dismissed with a reason.
  const e = await open(30, {
    source: 'complaint',
    externalRef: '12369-DEMO-0533',
    subject: { type: 'district', districtCode: '330503' },
    category: 'air',
    title: '工业园区冒白烟',
    description: '群众反映南浔工业园区烟囱冒白烟（演示数据）',
  });
  await move(29, BUREAU, e, { to: 'dismissed', reason: '经核实为正常生产水蒸气，非污染物排放' });

  // Closed, then reopened by a look-back (回头看).
  const f = await open(75, {
    source: 'manual',
    subject: { type: 'site', siteId: (await site('HZ-E-001-W1')).id },
    category: 'emission_exceedance',
    title: '废水总排口氨氮超标',
    description: '在线监测显示废水总排口氨氮日均值超标（演示数据）',
  });
  await move(74, BUREAU, f, { to: 'verified' });
  await move(74, BUREAU, f, {
    to: 'assigned',
    responsible: { type: 'enterprise', siteId: e1.id },
    deadline: deadlineIn(74, 20),
  });
  await move(73, ent(e1.id, e1.code), f, { to: 'rectifying' });
  await move(58, ent(e1.id, e1.code), f, { to: 'self_checked', comment: '生化池扩容，出水稳定达标' });
  await move(56, BUREAU, f, { to: 'under_acceptance' });
  await move(54, BUREAU, f, { to: 'publicised' });
  await move(47, BUREAU, f, { to: 'closed' });
  await move(10, BUREAU, f, {
    to: 'rectifying',
    comment: '回头看发现氨氮再次超标',
    deadline: dayFromNow(20),
  });

  // A noise complaint in Changxing, self-checked late and under acceptance.
  const g = await open(50, {
    source: 'complaint',
    subject: { type: 'district', districtCode: '330522' },
    category: 'noise',
    title: '夜间施工噪声',
    description: '群众反映长兴雉城某工地夜间施工噪声扰民（演示数据）',
  });
  await move(49, BUREAU, g, { to: 'verified' });
  await move(49, BUREAU, g, {
    to: 'assigned',
    responsible: { type: 'district', code: '330522' },
    deadline: deadlineIn(49, 14),
  });
  await move(47, officer('330522'), g, { to: 'rectifying' });
  await move(30, officer('330522'), g, { to: 'self_checked', comment: '已责令停止夜间施工' });
  await move(28, BUREAU, g, { to: 'under_acceptance' });

  // A river finding in Deqing, publicised and about to close.
  const h = await open(40, {
    source: 'inspection',
    subject: { type: 'site', siteId: (await site('HZ-W-01')).id },
    category: 'water',
    title: '断面上游河道漂浮垃圾',
    description: '德清大闸断面上游河道漂浮垃圾较多（演示数据）',
  });
  await move(39, BUREAU, h, { to: 'verified' });
  await move(39, BUREAU, h, {
    to: 'assigned',
    responsible: { type: 'district', code: '330521' },
    deadline: deadlineIn(39, 15),
  });
  await move(38, officer('330521'), h, { to: 'rectifying' });
  await move(30, officer('330521'), h, { to: 'self_checked', comment: '已组织清理并落实河长巡河' });
  await move(27, BUREAU, h, { to: 'under_acceptance' });
  await move(26, BUREAU, h, { to: 'publicised' });

  // Escalate what is overdue by now.
  await services.escalator.tick();
  return opened;
}
