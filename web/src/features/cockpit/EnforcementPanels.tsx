/** Open alarms and the case funnel of the cockpit. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart';
import { CHART_TEXT } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatPercent } from '../../lib/format';
import type { CaseFiguresDto } from '../../api/types';
import { useSitesQuery } from '../../api/site-queries';
import { useAlarmsQuery } from '../alarms/queries';
import { useCaseFiguresQuery } from '../cases/queries';

/**
 * Counts for the KPI strip (open alarms, overdue cases) and the enterprises with an active alarm
 * on themselves or one of their outlets, for the map.
 */
export function useCockpitAlarms(): {
  openCount?: number;
  overdueCases?: number;
  byEnterprise?: ReadonlyMap<string, number>;
} {
  const open = useAlarmsQuery({ state: 'open', limit: 1 });
  const active = useAlarmsQuery({ active: true, limit: 1000 });
  const outlets = useSitesQuery('outlet');
  const enterprises = useSitesQuery('enterprise');
  const figures = useCaseFiguresQuery();
  return useMemo(() => {
    let byEnterprise: Map<string, number> | undefined;
    if (active.data !== undefined && outlets.data !== undefined && enterprises.data !== undefined) {
      const enterpriseById = new Map(enterprises.data.items.map((e) => [e.id, e.code]));
      const enterpriseOfOutlet = new Map(
        outlets.data.items.map((o) => [
          o.code,
          o.parentId === null ? undefined : enterpriseById.get(o.parentId),
        ]),
      );
      byEnterprise = new Map();
      for (const a of active.data.items) {
        const code = a.site.kind === 'enterprise' ? a.site.code : enterpriseOfOutlet.get(a.site.code);
        if (code !== undefined) byEnterprise.set(code, (byEnterprise.get(code) ?? 0) + 1);
      }
    }
    return {
      openCount: open.data?.total ?? undefined,
      overdueCases: figures.data?.total.overdue,
      byEnterprise,
    };
  }, [open.data, active.data, outlets.data, enterprises.data, figures.data]);
}

function funnel(f: CaseFiguresDto, labels: string[]): ChartOption {
  const values = [f.total, f.total - f.dismissed, f.due, f.everClosed];
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        left: '8%',
        width: '84%',
        top: 6,
        bottom: 6,
        sort: 'none',
        gap: 3,
        label: { position: 'inside', color: '#ffffff', formatter: '{b}  {c}' },
        itemStyle: { borderWidth: 0 },
        data: labels.map((name, i) => ({
          name,
          value: values[i] ?? 0,
          itemStyle: { color: ['#2e8cff', '#3fa9d1', '#3fd1c1', '#37d67a'][i] },
        })),
      },
    ],
    textStyle: { color: CHART_TEXT },
  };
}

export function EnforcementPanels() {
  const { t, i18n } = useTranslation();
  const figures = useCaseFiguresQuery();
  const labels =
    i18n.language === 'en'
      ? ['Received', 'Verified', 'Assigned', 'Closed']
      : ['受理', '核实', '交办整改', '办结'];
  return (
    <Panel title={t('cockpit.funnel')} testId="case-funnel">
      <QueryView state={figures} minHeight={180}>
        {(data) => {
          const f = data.total;
          return (
            <>
              <EChart option={funnel(f, labels)} height={170} label={t('cockpit.funnel')} />
              <div className="funnel-foot">
                <span>
                  {t('cases.overdue')}: <b className={f.overdue ? 'bad' : ''}>{f.overdue}</b>
                </span>
                <span>
                  {t('cockpit.compliance')}: {formatPercent(f.onTimeRate)}
                </span>
              </div>
            </>
          );
        }}
      </QueryView>
    </Panel>
  );
}
