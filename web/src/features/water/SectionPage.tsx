/** One section: its class month by month against the target, and each item's daily values against the target-class limit. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DAY_MS } from '@server/standards/china-time.js';
import { GB3838_ITEMS, isItemKey, itemLimits } from '@server/standards/gb3838-2002.js';
import type { ItemKey } from '@server/standards/gb3838-2002.js';
import { Link } from '../../app/router';
import { EChart } from '../../charts/EChart';
import { axisStyle, CHART_ACCENT, CHART_TEXT } from '../../charts/echarts';
import type { ChartOption } from '../../charts/echarts';
import { Panel } from '../../components/Panel';
import { QueryView } from '../../components/QueryView';
import { chinaToday } from '../../lib/format';
import type { SectionHistoryDto, SectionSeriesDto } from './queries';
import { useSectionHistoryQuery, useSectionSeriesQuery } from './queries';
import { ClassChip } from './WaterPage';

const SERIES_DAYS = 30;
const CLASS_INDEX: Readonly<Record<string, number>> = { I: 0, II: 1, III: 2, IV: 3, V: 4 };
const LIMIT_COLOR = '#ff6b6b';

function itemName(item: string, english: boolean): string {
  if (!isItemKey(item)) return item;
  return english ? GB3838_ITEMS[item].nameEn : GB3838_ITEMS[item].nameZh;
}

/** The Table 1 limit of the section's target class for an item, when the item has class limits. */
function targetLimit(item: string, section: SectionHistoryDto['section'] | undefined): number | undefined {
  if (section === undefined || !isItemKey(item)) return undefined;
  const index = CLASS_INDEX[section.targetClass];
  const limits = itemLimits(item, section.waterType === 'lake' ? 'lake' : 'river');
  return index === undefined || limits === undefined ? undefined : limits[index];
}

/** One item's daily values in a section's series. */
type SeriesEntry = NonNullable<SectionSeriesDto['items'][ItemKey]>;

function seriesOption(
  entry: SeriesEntry,
  name: string,
  limit: number | undefined,
  limitLabel: string,
): ChartOption {
  const unit = entry.unit === 'dimensionless' ? '' : entry.unit;
  return {
    grid: { left: 52, right: 64, top: 28, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: entry.values.map((v) => v.date.slice(5)), ...axisStyle },
    // A limit line outside the axis range is not drawn: the axis spans the values and the limit.
    yAxis: {
      type: 'value',
      name: unit,
      min: 0,
      max:
        limit === undefined
          ? undefined
          : Math.ceil(Math.max(limit, ...entry.values.map((v) => v.value)) * 1.15),
      nameTextStyle: { color: CHART_TEXT },
      ...axisStyle,
    },
    series: [
      {
        type: 'line',
        name,
        showSymbol: entry.values.length < 40,
        lineStyle: { color: CHART_ACCENT },
        itemStyle: { color: CHART_ACCENT },
        data: entry.values.map((v) => v.value),
        ...(limit === undefined
          ? {}
          : {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: LIMIT_COLOR, type: 'dashed' as const },
                label: { color: LIMIT_COLOR, formatter: `${limitLabel} {c}` },
                data: [{ yAxis: limit }],
              },
            }),
      },
    ],
  };
}

function SeriesChart({ code, section }: { code: string; section: SectionHistoryDto['section'] | undefined }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const from = useMemo(() => chinaToday(new Date(Date.now() - SERIES_DAYS * DAY_MS)), []);
  const series = useSectionSeriesQuery(code, from);
  const [chosen, setChosen] = useState('');
  return (
    <QueryView state={series} isEmpty={(s) => Object.keys(s.items).length === 0} minHeight={220}>
      {(s) => {
        const items = Object.keys(s.items);
        const item = items.includes(chosen) ? chosen : (items.find((k) => k === 'codmn') ?? items[0] ?? '');
        const entry = isItemKey(item) ? s.items[item] : undefined;
        const limit = targetLimit(item, section);
        return (
          <div data-testid="section-series">
            <div className="toolbar">
              <label>
                {t('water.item')}
                <select value={item} onChange={(e) => setChosen(e.target.value)} data-testid="series-item">
                  {items.map((k) => (
                    <option key={k} value={k}>
                      {itemName(k, english)}
                    </option>
                  ))}
                </select>
              </label>
              <span className="small muted">
                {s.from.slice(0, 10)} – {chinaToday(new Date(Date.parse(s.to) - DAY_MS))}
              </span>
            </div>
            {entry !== undefined && (
              <EChart
                height={260}
                label={`${itemName(item, english)} ${t('water.series')}`}
                option={seriesOption(
                  entry,
                  itemName(item, english),
                  limit,
                  `${t('water.target')} ${section?.targetClass ?? ''}`,
                )}
              />
            )}
          </div>
        );
      }}
    </QueryView>
  );
}

export default function SectionPage({ params }: { params: Record<string, string> }) {
  const code = params.code ?? '';
  const { t } = useTranslation();
  const history = useSectionHistoryQuery(code);
  const section = history.data?.section;
  return (
    <div className="stack" data-testid="section-page">
      <div className="detail-head">
        <Link to="/water">← {t('water.sections')}</Link>
        <h1>{section === undefined ? code : `${section.name} · ${section.waterBody}`}</h1>
        {section !== undefined && (
          <span className="small muted">
            {t('water.target')} <ClassChip value={section.targetClass} />
          </span>
        )}
      </div>
      <Panel title={t('water.history')}>
        <QueryView state={history}>
          {(h) => (
            <div className="legend">
              {h.months.map((m) => (
                <span key={m.month}>
                  {m.month} <ClassChip value={m.class} />
                </span>
              ))}
            </div>
          )}
        </QueryView>
      </Panel>
      <Panel title={t('water.series')}>
        <SeriesChart code={code} section={section} />
      </Panel>
    </div>
  );
}
