/** Sections by class and the share meeting their targets (GB 3838-2002). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart';
import { axisStyle } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatPercent } from '../../lib/format';
import { WATER_CLASS_COLORS } from '../../lib/levels';
import type { SectionAssessmentDto } from '../water/queries';
import { useWaterSectionsQuery } from '../water/queries';
import type { SectionState } from './CockpitMap';

const CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'] as const;

function compliance(items: readonly SectionAssessmentDto[]): { met: number; assessed: number } {
  const assessed = items.filter((a) => a.meetsTarget !== null);
  return { met: assessed.filter((a) => a.meetsTarget === true).length, assessed: assessed.length };
}

/** Latest class of each section by code, and the compliance text for the KPI strip. */
export function useSectionStates(): { states?: ReadonlyMap<string, SectionState>; complianceText: string } {
  const sections = useWaterSectionsQuery();
  return useMemo(() => {
    const items = sections.data?.items;
    if (items === undefined) return { complianceText: '—' };
    const { met, assessed } = compliance(items);
    return {
      states: new Map(items.map((a) => [a.section.code, { cls: a.class, meetsTarget: a.meetsTarget }])),
      complianceText: assessed === 0 ? '—' : `${formatPercent(met / assessed)} (${met}/${assessed})`,
    };
  }, [sections.data]);
}

function optionOf(items: readonly SectionAssessmentDto[]): ChartOption {
  return {
    grid: { left: 36, right: 8, top: 12, bottom: 22 },
    xAxis: { type: 'category', data: [...CLASSES], ...axisStyle },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle },
    tooltip: { trigger: 'axis' },
    series: [
      {
        type: 'bar',
        data: CLASSES.map((c) => ({
          value: items.filter((a) => a.class === c).length,
          itemStyle: { color: WATER_CLASS_COLORS[c], borderRadius: [3, 3, 0, 0] },
        })),
      },
    ],
  };
}

export function WaterCompliance() {
  const { t } = useTranslation();
  const sections = useWaterSectionsQuery();
  return (
    <Panel title={t('cockpit.sections')} testId="water-compliance">
      <QueryView state={sections} isEmpty={(d) => d.items.length === 0} minHeight={150}>
        {(d) => {
          const { met, assessed } = compliance(d.items);
          return (
            <div>
              <div className="kpi-inline">
                <strong className={met < assessed ? 'warn' : 'good'}>
                  {assessed === 0 ? '—' : formatPercent(met / assessed)}
                </strong>
                <span className="muted small">
                  {t('water.met')} {met}/{assessed}
                </span>
              </div>
              <EChart option={optionOf(d.items)} height={130} label={t('cockpit.sections')} />
            </div>
          );
        }}
      </QueryView>
    </Panel>
  );
}
