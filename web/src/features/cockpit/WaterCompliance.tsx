/**
 * Sections by class and the share meeting their targets (GB 3838-2002), for the city or the
 * district the cockpit shows (a district officer sees only theirs); the share links to the water
 * page with the same district.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { EChart } from '../../charts/EChart';
import { axisStyle } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { formatPercent } from '../../lib/format';
import { WATER_CLASS_COLORS } from '../../lib/levels';
import type { SectionAssessmentDto } from '../water/queries';
import { useWaterSectionsQuery } from '../water/queries';
import { listHref, placeTitle } from './cockpit-scope';
import type { SectionState } from './CockpitMap';

const CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'] as const;

function compliance(items: readonly SectionAssessmentDto[]): { met: number; assessed: number } {
  const assessed = items.filter((a) => a.meetsTarget !== null);
  return { met: assessed.filter((a) => a.meetsTarget === true).length, assessed: assessed.length };
}

const inDistrict = (district: string | null | undefined) => (a: SectionAssessmentDto) =>
  district === null || district === undefined || a.section.districtCode === district;

/**
 * Latest class of each section by code (all sections: the map filters by itself), and the
 * compliance text of the sections in `district` (null: the city) for the KPI strip.
 */
export function useSectionStates(district: string | null = null): {
  states?: ReadonlyMap<string, SectionState>;
  complianceText: string;
} {
  const sections = useWaterSectionsQuery();
  return useMemo(() => {
    const items = sections.data?.items;
    if (items === undefined) return { complianceText: '—' };
    const { met, assessed } = compliance(items.filter(inDistrict(district)));
    return {
      states: new Map(
        items.map((a) => [
          a.section.code,
          {
            cls: a.class,
            meetsTarget: a.meetsTarget,
            mainPollutants: a.mainPollutants.map((p) => p.item),
            latestDay: a.latestDay,
          },
        ]),
      ),
      complianceText: assessed === 0 ? '—' : `${formatPercent(met / assessed)} (${met}/${assessed})`,
    };
  }, [sections.data, district]);
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

export function WaterCompliance({
  district = null,
  place = null,
}: {
  district?: string | null;
  place?: string | null;
}) {
  const { t } = useTranslation();
  const sections = useWaterSectionsQuery();
  return (
    <Panel title={placeTitle(t('cockpit.sections'), place)} testId="water-compliance">
      <QueryView
        state={sections}
        isEmpty={(d) => d.items.filter(inDistrict(district)).length === 0}
        minHeight={150}
      >
        {(d) => {
          const items = d.items.filter(inDistrict(district));
          const { met, assessed } = compliance(items);
          return (
            <div>
              <div className="kpi-inline">
                <Link
                  to={listHref('/water', { district })}
                  className={`kpi-link ${met < assessed ? 'warn' : 'good'}`}
                  title={t('cityView.openList')}
                >
                  <strong>{assessed === 0 ? '—' : formatPercent(met / assessed)}</strong>
                </Link>
                <span className="muted small" data-testid="water-compliance-count">
                  {t('cityView.sectionsMet', { met, assessed, total: items.length })}
                </span>
              </div>
              <EChart option={optionOf(items)} height={130} label={t('cockpit.sections')} />
            </div>
          );
        }}
      </QueryView>
    </Panel>
  );
}
