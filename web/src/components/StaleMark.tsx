/**
 * The one "data may be stale" marker: shown wherever data is drawn (every panel's header, the KPI
 * strip) while the live stream is down, with the China-local time it was lost.
 */
import { useTranslation } from 'react-i18next';
import { useStaleSince } from '../api/events';
import { formatChinaClock } from '../lib/format';

export function StaleMark() {
  const { t } = useTranslation();
  const since = useStaleSince();
  if (since === null) return null;
  return (
    <span className="stale-mark" role="status" data-testid="stale-mark" title={t('cityView.staleHint')}>
      ⚠ {t('cityView.staleSince', { time: formatChinaClock(since) })}
    </span>
  );
}
