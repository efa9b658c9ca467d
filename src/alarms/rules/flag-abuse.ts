/**
 * Marking abuse — docs/standards/alarms.md §3 (practice): "excessive maintenance/calibration marks;
 * marks longer than 15 min that recur"; false marking counts as falsification (§5.3 [unverified]).
 */
import type { AlarmThresholdValues } from '../thresholds.js';
import type { Finding, RuleSeries } from '../types.js';
import { at, evidence, intervalMs, named, percent, runs, slotted } from './series.js';

/** Thresholds the rule reads. */
export type FlagAbuseThresholds = Pick<
  AlarmThresholdValues,
  'flagAbuseFlags' | 'flagAbuseMaxShare' | 'flagAbuseLongEpisodeMinutes' | 'flagAbuseMinLongEpisodes'
>;

/**
 * Over the points given (the caller picks the window, e.g. a China-local day): a `warning` when the
 * share of points flagged with one of `flagAbuseFlags` exceeds `flagAbuseMaxShare`, or when at least
 * `flagAbuseMinLongEpisodes` episodes of consecutive marked points each last longer than
 * `flagAbuseLongEpisodeMinutes`. At most one finding per series; evidence = the marked points.
 */
export function flagAbuseRule(series: RuleSeries, t: FlagAbuseThresholds): Finding[] {
  const step = intervalMs(series);
  const items = slotted(series);
  if (items.length === 0) return [];
  const marks = new Set(t.flagAbuseFlags);
  const isMarked = (flag: string | null): boolean => flag !== null && marks.has(flag.trim());
  const marked = items.filter((i) => isMarked(i.point.flag));
  const share = marked.length / items.length;
  const episodes = runs(items, step, (i) => isMarked(i.point.flag));
  const long = episodes.filter((e) => e.length * series.intervalMinutes > t.flagAbuseLongEpisodeMinutes);
  const tooMany = share > t.flagAbuseMaxShare;
  const recurring = long.length >= t.flagAbuseMinLongEpisodes;
  if (!tooMany && !recurring) return [];
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return [];
  const pct = (share * 100).toFixed(1);
  const flags = [...marks].join('/');
  const zh: string[] = [];
  const en: string[] = [];
  if (tooMany) {
    zh.push(
      `${flags} 标记占 ${pct}%（${marked.length}/${items.length}），超过 ${percent(t.flagAbuseMaxShare)}%`,
    );
    en.push(
      `${flags} marks on ${pct}% of points (${marked.length}/${items.length}), above ${percent(t.flagAbuseMaxShare)}%`,
    );
  }
  if (recurring) {
    zh.push(`${long.length} 段标记超过 ${t.flagAbuseLongEpisodeMinutes} 分钟`);
    en.push(`${long.length} mark episodes longer than ${t.flagAbuseLongEpisodeMinutes} min`);
  }
  const finding: Finding = {
    rule: 'flag-abuse',
    severity: 'warning',
    parameter: series.parameter,
    window: { from: new Date(first.slot), to: new Date(last.slot + step) },
    values: evidence(marked),
    limit: t.flagAbuseMaxShare,
    message: {
      zh: `${named(series.parameter).zh} 自 ${at(new Date(first.slot))} 起：${zh.join('；')}`,
      en: `${named(series.parameter).en} from ${at(new Date(first.slot))}: ${en.join('; ')}`,
    },
  };
  if (series.siteId !== undefined) finding.siteId = series.siteId;
  return [finding];
}
