/**
 * Open alarms and the case funnel of the cockpit. Every case count is a link to the case list
 * filtered to exactly the cases it counts (the filter comes with the figure from the API), so the
 * funnel and the list cannot disagree; a case reopened on look-back is not counted as closed.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart';
import { CHART_TEXT } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { Link, navigate } from '../../app/router';
import { formatPercent } from '../../lib/format';
import type { CaseFiguresDto } from '../../api/types';
import { caseListHref, filterOfFigure } from '../cases/case-filter';
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
  /** The case list of exactly the overdue cases counted. */
  overdueCasesHref?: string;
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
      overdueCasesHref:
        figures.data === undefined
          ? undefined
          : caseListHref(filterOfFigure(figures.data.total.queries.overdue)),
      byEnterprise,
    };
  }, [open.data, active.data, outlets.data, enterprises.data, figures.data]);
}

/** The funnel's stages: cases by the state they are in now (docs/standards/cases.md §7). */
const FUNNEL_STAGES = ['total', 'verified', 'assigned', 'closed'] as const;
type FunnelStage = (typeof FUNNEL_STAGES)[number];

const FUNNEL_COLOURS = ['#2e8cff', '#3fa9d1', '#3fd1c1', '#37d67a'];

/** The case list of the cases a count of `f` counts. */
function hrefOf(f: CaseFiguresDto, stage: keyof CaseFiguresDto['queries']): string {
  return caseListHref(filterOfFigure(f.queries[stage]));
}

function funnel(f: CaseFiguresDto, label: (stage: FunnelStage) => string): ChartOption {
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
        data: FUNNEL_STAGES.map((stage, i) => ({
          name: label(stage),
          value: f[stage],
          stage,
          itemStyle: { color: FUNNEL_COLOURS[i] },
        })),
      },
    ],
    textStyle: { color: CHART_TEXT },
  };
}

export function EnforcementPanels() {
  const { t } = useTranslation();
  const figures = useCaseFiguresQuery();
  const label = (stage: FunnelStage | 'overdue' | 'open'): string => t(`caseWork.funnel.${stage}`);
  return (
    <Panel title={t('cockpit.funnel')} testId="case-funnel">
      <QueryView state={figures} minHeight={180}>
        {(data) => {
          const f = data.total;
          return (
            <>
              <EChart
                option={funnel(f, label)}
                height={170}
                label={t('cockpit.funnel')}
                onClick={(p) => {
                  const stage = (p.data as { stage?: FunnelStage } | undefined)?.stage;
                  if (stage !== undefined) navigate(hrefOf(f, stage));
                }}
              />
              <div className="funnel-foot" data-testid="case-funnel-links">
                {FUNNEL_STAGES.map((stage) => (
                  <span key={stage}>
                    {label(stage)}:{' '}
                    <Link to={hrefOf(f, stage)} data-testid={`case-funnel-${stage}`}>
                      <b>{f[stage]}</b>
                    </Link>
                  </span>
                ))}
              </div>
              <div className="funnel-foot">
                <span>
                  {label('overdue')}:{' '}
                  <Link to={hrefOf(f, 'overdue')} data-testid="case-funnel-overdue">
                    <b className={f.overdue ? 'bad' : ''}>{f.overdue}</b>
                  </Link>
                </span>
                <span>
                  {label('open')}:{' '}
                  <Link to={hrefOf(f, 'open')} data-testid="case-funnel-open">
                    <b>{f.open}</b>
                  </Link>
                </span>
                <span title={t('caseWork.onTimeHint')} data-testid="case-funnel-on-time">
                  {t('caseWork.onTimeRate')}: {formatPercent(f.onTimeRate)}
                </span>
              </div>
            </>
          );
        }}
      </QueryView>
    </Panel>
  );
}
